using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Api.Web;

/// <summary>How the pages say figures, statuses, countries and times.</summary>
public static class Figures
{
    public static string Range(CasualtyFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.High switch
        {
            null => $"{figure.Low} or more",
            { } high when high == figure.Low => $"all say {high}",
            { } high => $"{figure.Low}–{high}",
        };
    }

    public static string StatusText(FigureStatus status) => status switch
    {
        FigureStatus.SingleSource => "single source",
        FigureStatus.Agreed => "agreed",
        FigureStatus.Disputed => "disputed",
        _ => "adjudicated",
    };

    public static string StatusClass(FigureStatus status) => "status-" + GtdCodebook.Text(status);

    public static string CountryName(string code)
    {
        try
        {
            return GtdCodebook.CountryName(code);
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset time) => time.UtcDateTime.ToString("d MMMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string IsoDay(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A changed value as a reader wants it: text as itself, anything else as compact JSON (the page escapes both).</summary>
    public static string Json(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => "—",
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(Readable),
    };

    public static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
