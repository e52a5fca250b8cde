using System.Security.Cryptography;
using System.Text;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>A cell the import cannot use: its line in the file (the header is line 1) and its column.</summary>
public sealed record GtdRowError(int Line, string Column, string Message);

/// <summary>
/// One row as the incident it names and the report it makes: the data set's release is the
/// source, and the row's figures, types, place and groups are the report's facts. A row of a data
/// set that versions its rows (ACLED's timestamp) has its <paramref name="Version"/>: the import
/// withdraws the facts of the earlier versions (<see cref="ReportVersions"/>).
/// </summary>
public sealed record GtdRow(int Line, string EventId, Guid IncidentId, OpenIncidentRequest Incident, ReportRequest Report, DateTimeOffset? Version = null);

/// <summary>Reads GTD-shaped rows (the export's columns, or the GTD's own) into incidents and reports (docs/export.md).</summary>
public static class GtdImport
{
    private static readonly Guid Namespace = new("5d1c8f0e-7a2b-4e6d-9c3f-1b8a2e4d6f70");

    /// <summary>An eventid that is a UUID is the incident's id; any other (the GTD's 12 digits) names one stably.</summary>
    public static Guid IncidentId(string eventId) =>
        Guid.TryParse(eventId, out var id) ? id : StableId.For(Namespace, eventId);

    /// <summary>The report's title names the release, the row and a digest of its cells: the same row imported again is the same report.</summary>
    public static string ReportTitle(string dataset, string release, string eventId, IReadOnlyDictionary<string, string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var canonical = string.Join('\u001f', cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}\u001e{c.Value}"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
        return $"{dataset} {release}, event {eventId} ({digest})";
    }

    /// <summary>
    /// One row (its cells by column name; a column the row lacks is absent) as the incident it
    /// names and the report it makes, or null with the row's errors added. Every column of the
    /// GTD's 0718 and 2020 releases is accepted; those that carry no fact the record keeps are
    /// ignored (docs/export.md lists which).
    /// </summary>
    public static GtdRow? Read(int line, IReadOnlyDictionary<string, string?> cells, string dataset, string release, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var row = new GtdCells(line, cells, errors);
        var eventId = row.Text("eventid");
        if (eventId is null)
        {
            row.Fail("eventid", "is required.");
        }
        else if (eventId.Length > Limits.NameLength)
        {
            row.Fail("eventid", $"must be at most {Limits.NameLength} characters.");
        }
        else if (Guid.TryParse(eventId, out var uuid) && uuid == Guid.Empty)
        {
            row.Fail("eventid", "must not be the empty UUID.");
        }

        var (year, month, day) = (row.Whole("iyear", 1, 9999), row.Whole("imonth", 0, 12), row.Whole("iday", 0, 31));
        // A part that cannot be read is named already; the date is not judged on the others.
        var unreadable = (year is null && row.Text("iyear") is not null) || (month is null && row.Text("imonth") is not null) || (day is null && row.Text("iday") is not null);
        var occurredOn = unreadable ? null : OccurredOn(year, month, day, row.Fail);
        var (country, part) = Country(row);
        var facts = GtdFacts.Read(row, country, part);
        if (facts.Count == 0)
        {
            facts.Add(new NoteFact { Text = $"The {dataset} {release} row for event {eventId} gives no figure, type, place or group." });
        }

        if (errors.Count > before || eventId is null || occurredOn is null || country is null)
        {
            return null;
        }

        var title = row.Text("title") ?? $"{dataset} event {eventId}";
        var location = facts.OfType<LocationFact>().FirstOrDefault();
        var place = location?.City ?? location?.Region ?? GtdCodebook.CountryName(country);
        return new GtdRow(
            line,
            eventId,
            IncidentId(eventId),
            new OpenIncidentRequest(title, occurredOn, country, place, row.Text("summary")),
            new ReportRequest(
                new SourceRequest(dataset, null, SourceKind.Research, null),
                ReportTitle(dataset, release, eventId, cells),
                null,
                release,
                null,
                facts));
    }

    /// <summary>
    /// The record's country and, for a part of a country the GTD counts on its own, the region:
    /// the export's country_iso2 when the row has it, else the GTD's country_txt, else its
    /// numeric country code (a name and a number that disagree: the name wins).
    /// </summary>
    private static (string? Country, string? Part) Country(GtdCells row)
    {
        if (row.Text("country_iso2") is { } iso)
        {
            if (Countries.IsCode(iso))
            {
                return (iso, null);
            }

            row.Fail("country_iso2", Countries.Expected);
            return (null, null);
        }

        var name = row.Text("country_txt");
        if (name is not null && GtdCodebook.Country(name) is { } named)
        {
            return (named.Country, named.Region);
        }

        var code = row.Code("country", 1, 99_999);
        if (code is { } number && GtdCountries.ByCode(number) is { } coded)
        {
            return (coded.Country, coded.Region);
        }

        if (name is not null)
        {
            row.Fail("country_txt", $"'{name}' is not a country name this import knows; add the GTD's numeric country column or a country_iso2 column.");
        }
        else if (code is not null)
        {
            row.Fail("country", $"{code} is not a country code of the GTD codebook; add a country_txt or a country_iso2 column.");
        }
        else if (row.Text("country") is null)
        {
            row.Fail("country_txt", "is required (or country, the GTD's numeric code, or country_iso2).");
        }

        return (null, null);
    }

    private static string? OccurredOn(int? year, int? month, int? day, Action<string, string> fail)
    {
        if (year is null)
        {
            fail("iyear", "is required.");
            return null;
        }

        if (month is null or 0)
        {
            return day is > 0 ? Invalid("iday", "needs a month (imonth).") : GtdCodebook.Number(year.Value).PadLeft(4, '0');
        }

        if (day is null or 0)
        {
            return $"{year:D4}-{month:D2}";
        }

        return day <= DateTime.DaysInMonth(year.Value, month.Value) ? $"{year:D4}-{month:D2}-{day:D2}" : Invalid("iday", $"is past the end of {year:D4}-{month:D2}.");

        string? Invalid(string column, string message)
        {
            fail(column, message);
            return null;
        }
    }
}
