using AttackTracker.Benchmarks;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The benchmark's UCDP, RAND and ACLED generators (issue 23): their rows map and pass the API's checks, and every bad row is refused by its column.</summary>
public sealed class DatasetGeneratorTests
{
    public delegate GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, Dictionary<string, int> seen, List<GtdRowError> errors);

    private static GtdRow? Ucdp(int line, IReadOnlyDictionary<string, string?> cells, Dictionary<string, int> seen, List<GtdRowError> errors) =>
        UcdpImport.Read(line, cells, "UCDP GED", "2024-06", errors);

    private static GtdRow? Rand(int line, IReadOnlyDictionary<string, string?> cells, Dictionary<string, int> seen, List<GtdRowError> errors)
    {
        var identity = RandImport.Identity(cells) ?? string.Empty;
        seen[identity] = seen.GetValueOrDefault(identity) + 1;
        return RandImport.Read(line, cells, "RAND RDWTI", "2012-04", seen[identity], errors);
    }

    private static GtdRow? Acled(int line, IReadOnlyDictionary<string, string?> cells, Dictionary<string, int> seen, List<GtdRowError> errors) =>
        AcledImport.Read(line, cells, "ACLED", errors);

    /// <summary>A file read as the import reads it, each row mapped and checked by the API's decisions.</summary>
    public static async Task<(List<GtdRow> Rows, List<GtdRowError> Errors)> ReadAsync(Stream bytes, TextCharset charset, Map map)
    {
        using var text = TextDecoding.Open(bytes, charset);
        var reader = new CsvRecordReader(text);
        var header = CsvHeader.Read((await reader.ReadAsync())!, out var problem) ?? throw new InvalidOperationException(problem!.ToString());
        var (rows, errors, seen) = (new List<GtdRow>(), new List<GtdRowError>(), new Dictionary<string, int>(StringComparer.Ordinal));
        while (await reader.ReadAsync() is { } record)
        {
            if (map(record.Line, header.Cells(record), seen, errors) is { } row)
            {
                var decided = new ValidationErrors();
                OpenIncidentDecision.Decide(row.IncidentId, row.Incident, GtdFile.Now, decided);
                ReportValidation.Validate(row.IncidentId, row.Report, GtdFile.Now, decided);
                errors.AddRange(decided.ToDictionary().SelectMany(e => e.Value.Select(m => new GtdRowError(row.Line, e.Key, m))));
                rows.Add(row);
            }
        }

        return (rows, errors);
    }

    [Theory]
    [InlineData("ucdp", TextCharset.Utf8)]
    [InlineData("rand", TextCharset.Windows1252)]
    [InlineData("acled", TextCharset.Utf8)]
    public async Task A_thousand_generated_rows_map_and_every_bad_row_is_refused_by_its_column(string format, TextCharset charset)
    {
        DatasetGenerator generator = format switch
        {
            "ucdp" => new UcdpGenerator(seed: 7, badShare: 0.05),
            "rand" => new RandGenerator(seed: 7, badShare: 0.05),
            _ => new AcledGenerator(seed: 7, badShare: 0.05),
        };
        Map map = format switch { "ucdp" => Ucdp, "rand" => Rand, _ => Acled };
        using var file = new MemoryStream();
        generator.Write(file, 1_000, charset);
        file.Position = 0;

        var (rows, errors) = await ReadAsync(file, charset, map);

        Assert.InRange(generator.Bad.Count, 25, 75);
        Assert.Equal(1_000 - generator.Bad.Count, rows.Count);
        var refused = errors.GroupBy(e => e.Line).ToDictionary(g => g.Key, g => g.Select(e => e.Column).ToList());
        Assert.All(refused, r => Assert.True(r.Value.Count == 1, $"line {r.Key}: {string.Join("; ", errors.Where(e => e.Line == r.Key))}"));
        Assert.Equal(generator.Bad.Count, refused.Count);
        Assert.Equal(generator.Bad.Select(b => b.Column).Order(StringComparer.Ordinal), refused.Values.Select(r => r.Single()).Order(StringComparer.Ordinal));
        Assert.InRange(rows.Average(r => r.Report.Facts!.Count), 3, 14);
        Assert.Equal(rows.Count, rows.Select(r => r.IncidentId).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_writes_the_same_bytes()
    {
        static byte[] Bytes(int seed)
        {
            using var file = new MemoryStream();
            new AcledGenerator(seed).Write(file, 200);
            return file.ToArray();
        }

        Assert.Equal(Bytes(3), Bytes(3));
        Assert.NotEqual(Bytes(3), Bytes(4));
    }
}
