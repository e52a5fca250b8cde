using System.Globalization;
using System.Text;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// The statistics as CSV (Accept: text/csv on GET /api/stats): one line per row, the key's columns
/// first, then the counts and the sums of killed and wounded. An empty cell is a figure no incident
/// of the row reports (absent, not zero). RFC 4180: comma-separated, CRLF line ends, quoted when
/// needed; UTF-8 without a byte order mark, as the GTD export.
/// </summary>
public static class StatsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Counts =
    [
        "incidents",
        "killed_low", "killed_best", "killed_high", "killed_reported", "killed_not_reported", "killed_unbounded",
        "wounded_low", "wounded_best", "wounded_high", "wounded_reported", "wounded_not_reported", "wounded_unbounded",
        "disputed", "single_source",
    ];

    /// <summary>Whether the client prefers CSV to JSON: text/csv listed in Accept and ranked above application/json.</summary>
    public static bool Wanted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accepted = request.GetTypedHeaders().Accept;
        var csv = accepted.Where(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accepted.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= json;
    }

    public static byte[] Write(StatsDimension by, IEnumerable<StatsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = KeyColumns(by);
        var text = new StringBuilder();
        Line(text, [.. keys, .. Counts]);
        foreach (var row in rows)
        {
            Line(text, [.. keys.Select(k => Key(row, k)), .. Values(row)]);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string[] KeyColumns(StatsDimension by) => by switch
    {
        StatsDimension.Country => ["country"],
        StatsDimension.Year => ["year"],
        StatsDimension.CountryYear => ["country", "year"],
        StatsDimension.Group => ["group", "label"],
        StatsDimension.AttackType => ["attack_type", "label", "code"],
        _ => ["weapon_type", "label", "code"],
    };

    private static string? Key(StatsRow row, string column) => column switch
    {
        "country" => row.Key.Country,
        "year" => Number(row.Key.Year),
        "group" => row.Key.Group,
        "attack_type" => row.Key.AttackType,
        "weapon_type" => row.Key.WeaponType,
        // A group's most used spelling is text from sources: no formula for a spreadsheet (docs/export.md).
        "label" => GtdCodebook.Escape(row.Label),
        _ => Number(row.Code),
    };

    private static IEnumerable<string?> Values(StatsRow row) =>
    [
        Number(row.Incidents),
        .. Sums(row.Killed),
        .. Sums(row.Wounded),
        Number(row.Disputed),
        Number(row.SingleSource),
    ];

    private static string?[] Sums(FigureSums sums) =>
        [Number(sums.Low), Number(sums.Best), Number(sums.High), Number(sums.Reported), Number(sums.NotReported), Number(sums.Unbounded)];

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var cell = cells[i] ?? string.Empty;
            text.Append(cell.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        text.Append("\r\n");
    }
}
