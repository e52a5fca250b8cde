using System.Globalization;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Rows in another data set's published layout for the import benchmark (issue 23), like
/// <see cref="GtdGenerator"/>: a share of rows (1% unless told) bad in one column the import must
/// name, listed in <see cref="Bad"/>. The same seed gives the same bytes.
/// </summary>
public abstract class DatasetGenerator(int seed, double badShare)
{
    /// <summary>Where the generated events happen: a country as each data set names and numbers it, a province, a district, a town and its point, and groups active there.</summary>
    protected sealed record Site(string Country, int IsoNumeric, int GleditschWard, string Iso3, string Province, string District, string Town, double Lat, double Lon, string[] Groups);

    protected static readonly Site[] Sites =
    [
        new("Nigeria", 566, 475, "NGA", "Borno", "Maiduguri", "Maiduguri", 11.8311, 13.151, ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Islamic State West Africa Province"]),
        new("Iraq", 368, 645, "IRQ", "Nineveh", "Mosul", "Mosul", 36.34, 43.13, ["IS", "Islamic State of Iraq and the Levant (ISIL)"]),
        new("Afghanistan", 4, 700, "AFG", "Kabul", "Kabul", "Kabul", 34.5553, 69.2075, ["Taleban", "IS - Khorasan Province"]),
        new("Somalia", 706, 520, "SOM", "Banaadir", "Mogadishu", "Mogadishu", 2.0469, 45.3182, ["Al-Shabaab"]),
        new("Mali", 466, 432, "MLI", "Mopti", "Mopti", "Sévaré", 14.5333, -4.0833, ["JNIM", "Katiba Macina"]),
        new("Colombia", 170, 100, "COL", "Cauca", "Popayán", "Popayán", 2.4448, -76.6147, ["ELN", "FARC dissidents"]),
        new("Pakistan", 586, 770, "PAK", "Balochistan", "Quetta", "Quetta", 30.1798, 66.975, ["TTP", "Baloch Liberation Army"]),
        new("Philippines", 608, 840, "PHL", "Sulu", "Jolo", "Jolo", 6.0535, 121.0024, ["Abu Sayyaf Group"]),
    ];

    private readonly double _badShare = badShare;

    protected Random Random { get; } = new(seed);

    /// <summary>The rows made bad so far, with the column the import must name.</summary>
    public List<GtdBadRow> Bad { get; } = [];

    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Writes the header and <paramref name="rows"/> rows, CRLF after each as the CSV writer does.</summary>
    public void Write(Stream output, int rows, TextCharset charset = TextCharset.Utf8)
    {
        using var text = new StreamWriter(output, TextDecoding.StrictEncoding(charset), 64 * 1024, leaveOpen: true);
        var csv = new CsvRecordWriter(text);
        csv.Write(Columns);
        for (var i = 0; i < rows; i++)
        {
            var row = Row(i);
            if (Random.NextDouble() < _badShare)
            {
                Bad.Add(Spoil(row));
            }

            csv.Write(Columns.Select(c => row.GetValueOrDefault(c)));
        }
    }

    /// <summary>The <paramref name="index"/>th row, as cells by column (a blank cell is absent).</summary>
    protected abstract Dictionary<string, string> Row(int index);

    /// <summary>Makes one cell of the row bad; the row's key and the column the import must name.</summary>
    protected abstract GtdBadRow Spoil(Dictionary<string, string> row);

    protected T Pick<T>(IReadOnlyList<T> choices) => choices[Random.Next(choices.Count)];

    /// <summary>A small toll, mostly single figures, sometimes none.</summary>
    protected int Toll() => Random.NextDouble() < 0.3 ? 0 : (int)Math.Min(300, Math.Floor(-Math.Log(1 - Random.NextDouble()) * 5) + 1);

    protected DateOnly Day(int from, int to) => new DateOnly(from, 1, 1).AddDays(Random.Next((new DateOnly(to, 12, 31).DayNumber - new DateOnly(from, 1, 1).DayNumber) + 1));

    /// <summary>A point near the site (within about 5 km), to six decimals.</summary>
    protected (string Lat, string Lon) Near(Site site) =>
        (D(site.Lat + ((Random.NextDouble() - 0.5) / 10)), D(site.Lon + ((Random.NextDouble() - 0.5) / 10)));

    protected static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    protected static string D(double value) => Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);
}
