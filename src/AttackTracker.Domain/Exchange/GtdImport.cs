using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>A cell the import cannot use: its line in the file (the header is line 1) and its column.</summary>
public sealed record GtdRowError(int Line, string Column, string Message);

/// <summary>
/// One row as the incident it names and the report it makes: the data set's release is the
/// source, and the row's figures, types, place and groups are the report's facts.
/// </summary>
public sealed record GtdRow(int Line, string EventId, Guid IncidentId, OpenIncidentRequest Incident, ReportRequest Report);

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

    public static GtdRow? Read(int line, IReadOnlyDictionary<string, string?> cells, string dataset, string release, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        string? Cell(string column) => cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? GtdCodebook.Unescape(value.Trim()) : null;
        void Fail(string column, string message) => errors.Add(new GtdRowError(line, column, message));
        int? Whole(string column, int min, int max)
        {
            if (Cell(column) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            {
                return n;
            }

            Fail(column, $"must be a whole number from {min} to {max}.");
            return null;
        }

        var eventId = Cell("eventid");
        if (eventId is null)
        {
            Fail("eventid", "is required.");
        }
        else if (eventId.Length > Limits.NameLength)
        {
            Fail("eventid", $"must be at most {Limits.NameLength} characters.");
        }
        else if (Guid.TryParse(eventId, out var uuid) && uuid == Guid.Empty)
        {
            Fail("eventid", "must not be the empty UUID.");
        }

        var occurredOn = OccurredOn(Whole("iyear", 1, 9999), Whole("imonth", 0, 12), Whole("iday", 0, 31), Fail);
        var country = Cell("country_iso2");
        if (country is null && Cell("country_txt") is { } countryName)
        {
            country = GtdCodebook.CountryCode(countryName);
            if (country is null)
            {
                Fail("country_txt", $"'{countryName}' is not a country name this import knows; add a country_iso2 column.");
            }
        }
        else if (country is not null && !Countries.IsCode(country))
        {
            Fail("country_iso2", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }
        else if (country is null)
        {
            Fail("country_txt", "is required (or country_iso2).");
        }

        var facts = new List<Fact>();
        var killed = Count("nkill", "nkillter", Whole);
        var wounded = Count("nwound", "nwoundte", Whole);
        if ((killed.Victims ?? killed.Perpetrators ?? wounded.Victims ?? wounded.Perpetrators) is not null)
        {
            facts.Add(new CasualtiesFact { Killed = killed.Victims, PerpetratorsKilled = killed.Perpetrators, Wounded = wounded.Victims, PerpetratorsWounded = wounded.Perpetrators });
        }

        var attackTypes = Codes<AttackType>("attacktype", GtdCodebook.AttackTypeColumns, GtdCodebook.TryAttackType, Whole, Fail);
        if (attackTypes.Count > 0)
        {
            facts.Add(new AttackTypeFact { AttackTypes = attackTypes });
        }

        facts.AddRange(Codes<TargetType>("targtype", GtdCodebook.TargetTypeColumns, GtdCodebook.TryTargetType, Whole, Fail).Select(t => new TargetFact { TargetType = t }));
        facts.AddRange(Codes<WeaponType>("weaptype", GtdCodebook.WeaponTypeColumns, GtdCodebook.TryWeaponType, Whole, Fail).Select(w => new WeaponFact { WeaponType = w }));

        var city = Cell("city");
        var region = Cell("provstate");
        if (city is not null || region is not null)
        {
            facts.Add(new LocationFact { City = city, Region = region, Country = country });
        }

        var claimed = Whole("claimed", -9, 1);
        var groups = new[] { Cell("gname"), Cell("gname2"), Cell("gname3") }
            .OfType<string>()
            .Where(g => !string.Equals(g, GtdCodebook.UnknownGroup, StringComparison.OrdinalIgnoreCase))
            .ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            facts.Add(claimed == 1
                ? new ClaimFact { Claimant = groups[i] }
                : new PerpetratorFact { Key = i == 0 ? "group" : $"group-{i + 1}", Affiliation = groups[i] });
        }

        if (facts.Count == 0)
        {
            facts.Add(new NoteFact { Text = $"The {dataset} {release} row for event {eventId} gives no figure, type, place or group." });
        }

        if (errors.Count > before || eventId is null || occurredOn is null || country is null)
        {
            return null;
        }

        var title = Cell("title") ?? $"{dataset} event {eventId}";
        var place = city ?? region ?? GtdCodebook.CountryName(country);
        return new GtdRow(
            line,
            eventId,
            IncidentId(eventId),
            new OpenIncidentRequest(title, occurredOn, country, place, Cell("summary")),
            new ReportRequest(
                new SourceRequest(dataset, null, SourceKind.Research, null),
                ReportTitle(dataset, release, eventId, cells),
                null,
                release,
                null,
                facts));

        (ReportedCount? Victims, ReportedCount? Perpetrators) Count(string total, string perpetrators, Func<string, int, int, int?> whole)
        {
            var best = whole(total, 0, Limits.MaxCount);
            var low = whole($"{total}_low", 0, Limits.MaxCount);
            var high = whole($"{total}_high", 0, Limits.MaxCount);
            var ofPerpetrators = whole(perpetrators, 0, Limits.MaxCount);
            if (best is null)
            {
                return (null, ofPerpetrators is { } p ? ReportedCount.Exact(p) : null);
            }

            if (ofPerpetrators > best)
            {
                Fail(perpetrators, $"is more than {total}, which counts perpetrators and victims together.");
                return (null, null);
            }

            var less = ofPerpetrators ?? 0;
            return (Victims(best.Value - less, low - less, high - less), ofPerpetrators is { } q ? ReportedCount.Exact(q) : null);
        }
    }

    /// <summary>
    /// The victims' count from the best and, when the row has them, the range: a range whose best is
    /// its low end, or an open range, is kept as the report's range; otherwise the best alone, which
    /// is what the GTD column holds (docs/export.md says what a round trip keeps).
    /// </summary>
    private static ReportedCount Victims(int best, int? low, int? high)
    {
        if (low == best && high is { } top && top > best)
        {
            return ReportedCount.Between(best, top);
        }

        return low == best && high is null && low is not null ? ReportedCount.AtLeast(best) : ReportedCount.Exact(best);
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

    private delegate bool TryCode<T>(int code, out T value);

    private static List<T> Codes<T>(string name, int columns, TryCode<T> parse, Func<string, int, int, int?> whole, Action<string, string> fail)
    {
        var found = new List<T>();
        for (var i = 1; i <= columns; i++)
        {
            if (whole($"{name}{i}", 1, 99) is { } code)
            {
                if (parse(code, out var value))
                {
                    found.Add(value);
                }
                else
                {
                    fail($"{name}{i}", "is not a code in the GTD codebook.");
                }
            }
        }

        return [.. found.Distinct()];
    }
}
