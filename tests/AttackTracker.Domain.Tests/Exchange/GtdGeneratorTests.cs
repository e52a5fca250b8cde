using AttackTracker.Benchmarks;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The benchmark's GTD-shaped generator (issue 20): about ten facts a row once mapped, and its bad rows refused by name.</summary>
public sealed class GtdGeneratorTests
{
    [Fact]
    public async Task A_thousand_generated_rows_map_to_about_ten_facts_each_and_every_bad_row_is_refused_by_its_column()
    {
        var generator = new GtdGenerator(seed: 7, badShare: 0.05);
        using var file = new MemoryStream();
        generator.Write(file, 1_000);
        file.Position = 0;

        var (rows, errors) = await GtdFile.ReadAsync(file, TextCharset.Windows1252);

        Assert.InRange(generator.Bad.Count, 25, 75);
        Assert.Equal(1_000 - generator.Bad.Count, rows.Count);
        var refused = errors.GroupBy(e => e.Line).ToDictionary(g => g.Key, g => g.Select(e => e.Column).ToList());
        Assert.Equal(generator.Bad.Count, refused.Count);
        // Rows are numbered from line 2; every generated cell is on one line.
        var bad = generator.Bad.ToDictionary(b => b.EventId, b => b.Column);
        Assert.All(refused, r => Assert.Contains(r.Value, c => bad.ContainsValue(c)));
        Assert.Equal(bad.Values.Order(StringComparer.Ordinal), refused.Values.Select(r => r.Single()).Order(StringComparer.Ordinal));
        var facts = rows.Average(r => r.Report.Facts!.Count);
        Assert.InRange(facts, 8.5, 11.5);
        Assert.Contains(rows, r => Countries.IsHistorical(r.Incident.Country));
        Assert.All(rows.Where(r => Countries.IsHistorical(r.Incident.Country)), r => Assert.True(int.Parse(r.Incident.OccurredOn![..4], System.Globalization.CultureInfo.InvariantCulture) <= 2006));
    }

    [Fact]
    public void The_same_seed_writes_the_same_bytes_in_either_charset()
    {
        byte[] Bytes(int seed, TextCharset charset)
        {
            using var file = new MemoryStream();
            new GtdGenerator(seed).Write(file, 200, charset);
            return file.ToArray();
        }

        Assert.Equal(Bytes(3, TextCharset.Windows1252), Bytes(3, TextCharset.Windows1252));
        Assert.NotEqual(Bytes(3, TextCharset.Windows1252), Bytes(4, TextCharset.Windows1252));
        Assert.Equal(
            TextDecoding.StrictEncoding(TextCharset.Windows1252).GetString(Bytes(3, TextCharset.Windows1252)),
            TextDecoding.StrictEncoding(TextCharset.Utf8).GetString(Bytes(3, TextCharset.Utf8)));
    }
}
