using System.Globalization;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Exchange;

/// <summary>What a row of a versioned data set covers: its key and incident, and its country and day (for withdrawing what a full export lacks).</summary>
public sealed record RowCoverage(string Key, Guid IncidentId, string? Country, DateOnly? Date);

/// <summary>
/// Reads ACLED's events as its export tool and API write them (docs/datasets.md): each event is an
/// incident; each version of a row (its <c>timestamp</c>) is a report published then, which
/// supersedes the row's earlier versions.
/// </summary>
public static class AcledImport
{
    private static readonly Guid Namespace = new("c3a8e5d1-2f47-4b96-8e0a-6d1b7f3c9a24");

    /// <summary>The export's columns in its order (2023 on).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ];

    public static Guid IncidentId(string key) => StableId.For(Namespace, key);

    /// <summary>The key, country and day of a row, as far as they can be read; null without a key.</summary>
    public static RowCoverage? Coverage(IReadOnlyDictionary<string, string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var errors = new List<GtdRowError>();
        var row = new DatasetRow(0, cells, errors);
        if (row.Text("event_id_cnty") is not { } key)
        {
            return null;
        }

        var date = row.Text("event_date") is { } text ? DatasetDates.Written(text) : null;
        return new RowCoverage(key, IncidentId(key), Country(row, quiet: true), date);
    }

    public static GtdRow? Read(int line, IReadOnlyDictionary<string, string?> cells, string dataset, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new DatasetRow(line, cells, errors);
        var key = row.Key("event_id_cnty");
        var version = Version(row);
        var occurredOn = When(row);
        var country = Country(row, quiet: false);
        var subEvent = row.Text("sub_event_type");
        Types(row, subEvent);
        Actors(row);
        var killed = row.Count("fatalities");
        row.Casualties(killed?.Count, killed?.Perpetrators, null, null);
        var place = Where(row, country);
        row.Note("Source cited", DatasetRow.Join(row.Text("source"), row.Text("source_scale") is { } scale ? $"scale: {scale}" : null));
        row.Note("Notes", row.Text("notes"));
        row.Note("Tags", row.Text("tags"));
        if (key is null || version is not { } at)
        {
            return null;
        }

        row.Note("ACLED ids", $"event {key}, timestamp {row.Text("timestamp")} ({ReportVersions.Stamp(at)})");
        var title = $"{dataset} event {key}: {DatasetRow.Join(subEvent ?? row.Text("event_type"), row.Text("location")) ?? "event"}";
        return row.Build(
            new RowIncident(key, IncidentId(key), title, occurredOn, country, place, row.Text("notes")),
            dataset,
            ReportVersions.Title(dataset, key, at),
            ReportVersions.Stamp(at),
            at);
    }

    /// <summary>The row's version: ACLED's timestamp, the Unix time (seconds) it last changed.</summary>
    private static DateTimeOffset? Version(DatasetRow row)
    {
        var text = row.Text("timestamp");
        if (text is null)
        {
            row.Fail("timestamp", "is required: it is the version of the row, which a re-export changes when the event changes.");
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253_402_300_800)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        row.Fail("timestamp", $"'{text}' is not a Unix time in seconds, as ACLED writes it.");
        return null;
    }

    /// <summary>
    /// The incident's date. time_precision 1 is the day; 2, a date ACLED set in the middle of the
    /// week or days the source gave, files the incident under the month (or year) holding three
    /// days either side; 3, a date within a month the source gave, under the month.
    /// </summary>
    private static string? When(DatasetRow row)
    {
        var text = row.Text("event_date");
        if (text is null)
        {
            row.Fail("event_date", "is required.");
            return null;
        }

        if (DatasetDates.Written(text) is not { } day)
        {
            row.Fail("event_date", $"'{text}' is not a date as ACLED writes them (2023-02-16, or 16 February 2023).");
            return null;
        }

        var precision = row.Number("time_precision", 1, 3);
        if (precision is 2 or 3)
        {
            row.Facts.Add(new TimelineFact
            {
                At = new ReportedTime(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimePrecision.Day),
                Approximate = true,
                Description = precision == 2
                    ? $"ACLED dates the event {DatasetDates.Day(day)}, the middle of the days its source gave (time_precision 2)."
                    : $"ACLED dates the event {DatasetDates.Day(day)}, within the month its source gave (time_precision 3).",
            });
        }

        return precision switch
        {
            2 => DatasetDates.Covering(day.AddDays(-3), day.AddDays(3)),
            3 => DatasetDates.Covering(new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
            _ => DatasetDates.Day(day),
        };
    }

    /// <summary>iso, the ISO 3166-1 numeric code, first; else the country's name.</summary>
    private static string? Country(DatasetRow row, bool quiet)
    {
        var code = row.Text("iso") is { } iso && int.TryParse(iso.EndsWith(".0", StringComparison.Ordinal) ? iso[..^2] : iso, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        if (code is { } number && DatasetCountries.ByIsoNumeric(number) is { } coded)
        {
            return coded;
        }

        var name = row.Text("country");
        if (name is not null && DatasetCountries.ByName(name) is { } named)
        {
            return named.Country;
        }

        if (!quiet)
        {
            row.Fail(
                name is null && row.Text("iso") is not null ? "iso" : "country",
                name is null ? "is required (or iso, the ISO 3166-1 numeric code)." : $"'{name}' is not a country name this import knows, and iso names none.");
        }

        return null;
    }

    /// <summary>The sub-event type as a GTD attack type and weapon where it is one; the event's types stay word for word in a note.</summary>
    private static void Types(DatasetRow row, string? subEvent)
    {
        row.Note("ACLED event type", DatasetRow.Join(row.Text("disorder_type"), row.Text("event_type"), subEvent));
        if (subEvent is not null && AcledVocabulary.SubEvent(subEvent) is { } mapping)
        {
            if (mapping.Attack is { } attack)
            {
                row.Facts.Add(new AttackTypeFact { AttackTypes = [attack] });
            }

            if (mapping.Weapon is { } weapon)
            {
                row.Facts.Add(new WeaponFact { WeaponType = weapon, Detail = row.Detail("Weapon", subEvent) });
            }
        }
    }

    /// <summary>
    /// actor1 and actor2: civilians are the target, protesters are named in the note only, any
    /// other actor is a party to the violence. Associated actors and the actor types stay word for
    /// word in a note, so every spelling ACLED gives is kept.
    /// </summary>
    private static void Actors(DatasetRow row)
    {
        var civilians = false;
        var described = new List<string>();
        foreach (var (actor, assoc, inter) in new[] { ("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2") })
        {
            var name = row.Text(actor);
            var typeText = row.Text(inter);
            var type = typeText is null ? null : AcledVocabulary.ActorType(typeText);
            if (typeText is not null && type is null)
            {
                row.Fail(inter, $"'{typeText}' is not an ACLED actor type (1 to 8, or its words such as State forces or Civilians).");
            }

            if (name is not null)
            {
                if (type == AcledVocabulary.Civilians || (type is null && name.StartsWith("Civilians", StringComparison.OrdinalIgnoreCase)))
                {
                    row.Facts.Add(new TargetFact { TargetType = TargetType.PrivateCitizensProperty, Detail = row.Detail("Target", name) });
                    civilians = true;
                }
                else if (type != AcledVocabulary.Protesters)
                {
                    row.Party(name);
                }

                described.Add(type is { } t and > 0 ? $"{actor} {name} ({inter} {t.ToString(CultureInfo.InvariantCulture)}, {AcledVocabulary.ActorName(t)})" : $"{actor} {name}");
            }

            if (row.Text(assoc) is { } associated)
            {
                described.Add($"{assoc} {associated}");
            }
        }

        if (!civilians && row.Text("civilian_targeting") is not null)
        {
            row.Facts.Add(new TargetFact { TargetType = TargetType.PrivateCitizensProperty });
        }

        row.Note("ACLED actors", described.Count == 0 ? null : string.Join("; ", described));
        row.Note("Interaction", row.Text("interaction"));
    }

    /// <summary>The location fact: the town is the city where ACLED has its coordinates (geo_precision 1), else the place named near them.</summary>
    private static string Where(DatasetRow row, string? country)
    {
        var location = row.Text("location");
        var precision = row.Number("geo_precision", 1, 3) switch
        {
            1 => LocationPrecision.Exact,
            2 => LocationPrecision.Near,
            3 => LocationPrecision.Province,
            _ => (LocationPrecision?)null,
        };
        var point = row.Cells.Coordinates("latitude", "longitude", row.Notes);
        var region = DatasetRow.Join(row.Text("admin3"), row.Text("admin2"), row.Text("admin1"));
        if (location is not null || region is not null || point is not null || country is not null)
        {
            var exact = precision == LocationPrecision.Exact;
            row.Facts.Add(new LocationFact
            {
                City = exact ? row.Detail("Location", location) : null,
                Place = exact ? null : row.Detail("Location", location),
                Region = row.Detail("Region", region),
                Country = country,
                Lat = point?.Lat,
                Lon = point?.Lon,
                Precision = point is null ? null : precision,
            });
        }

        return location ?? row.Text("admin2") ?? row.Text("admin1") ?? (country is null ? "Unknown" : Countries.Name(country));
    }
}
