using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Exchange;

/// <summary>The facts one GTD row reports (docs/export.md says which columns become which).</summary>
internal static class GtdFacts
{
    public static List<Fact> Read(GtdCells row, string? country, string? part)
    {
        var facts = new List<Fact>();
        Casualties(row, facts);
        var attackTypes = Codes<AttackType>(row, "attacktype", GtdCodebook.AttackTypeColumns, GtdCodebook.TryAttackType).Select(c => c.Value).Distinct().ToList();
        if (attackTypes.Count > 0)
        {
            facts.Add(new AttackTypeFact { AttackTypes = attackTypes });
        }

        var notes = new List<string>();
        foreach (var (i, type) in Codes<TargetType>(row, "targtype", GtdCodebook.TargetTypeColumns, GtdCodebook.TryTargetType))
        {
            facts.Add(new TargetFact { TargetType = type, Detail = Detail(row.Known($"target{i}"), "Target", notes) });
        }

        foreach (var (i, type) in Codes<WeaponType>(row, "weaptype", GtdCodebook.WeaponTypeColumns, GtdCodebook.TryWeaponType))
        {
            facts.Add(new WeaponFact { WeaponType = type, Detail = Detail(row.Known($"weapsubtype{i}_txt"), "Weapon", notes) });
        }

        Location(row, country, part, facts, notes);
        Groups(row, facts);
        Note(notes, "Motive", row.Text("motive"));
        Note(notes, "Weapon details", row.Text("weapdetail"));
        Note(notes, "Property damage", row.Text("propcomment"));
        Note(notes, "Notes", row.Text("addnotes"));
        for (var i = 1; i <= GtdCodebook.CitationColumns; i++)
        {
            Note(notes, "Source cited", row.Text($"scite{i}"));
        }

        facts.AddRange(notes.Select(n => new NoteFact { Text = n }));
        return facts;
    }

    private static void Casualties(GtdCells row, List<Fact> facts)
    {
        var killed = Split(row, "nkill", "nkillter");
        var wounded = Split(row, "nwound", "nwoundte");
        var hostages = row.Whole("ishostkid", -9, 1) == 1 && row.Count("nhostkid") is { } taken ? ReportedCount.Exact(taken) : null;
        if ((killed.Victims ?? killed.Perpetrators ?? wounded.Victims ?? wounded.Perpetrators ?? hostages) is not null)
        {
            facts.Add(new CasualtiesFact
            {
                Killed = killed.Victims,
                PerpetratorsKilled = killed.Perpetrators,
                Wounded = wounded.Victims,
                PerpetratorsWounded = wounded.Perpetrators,
                Hostages = hostages,
            });
        }
    }

    /// <summary>The GTD's total counts victims and perpetrators together: the victims are the total less the perpetrators.</summary>
    private static (ReportedCount? Victims, ReportedCount? Perpetrators) Split(GtdCells row, string total, string perpetrators)
    {
        var best = row.Count(total);
        var low = row.Whole($"{total}_low", 0, Limits.MaxCount);
        var high = row.Whole($"{total}_high", 0, Limits.MaxCount);
        var ofPerpetrators = row.Count(perpetrators);
        if (best is null)
        {
            return (null, ofPerpetrators is { } p ? ReportedCount.Exact(p) : null);
        }

        if (ofPerpetrators > best)
        {
            row.Fail(perpetrators, $"is more than {total}, which counts perpetrators and victims together.");
            return (null, null);
        }

        var less = ofPerpetrators ?? 0;
        return (Victims(best.Value - less, low - less, high - less), ofPerpetrators is { } q ? ReportedCount.Exact(q) : null);
    }

    /// <summary>
    /// The victims' count from the best and, when the row has them (the export's own columns), the
    /// range: a range whose best is its low end, or an open range, is kept; otherwise the best alone,
    /// which is what the GTD column holds (docs/export.md says what a round trip keeps).
    /// </summary>
    private static ReportedCount Victims(int best, int? low, int? high)
    {
        if (low == best && high is { } top && top > best)
        {
            return ReportedCount.Between(best, top);
        }

        return low == best && high is null && low is not null ? ReportedCount.AtLeast(best) : ReportedCount.Exact(best);
    }

    private static void Location(GtdCells row, string? country, string? part, List<Fact> facts, List<string> notes)
    {
        var city = row.Known("city");
        var province = row.Known("provstate");
        // A part of a country the GTD counts on its own becomes the region (docs/export.md).
        var region = part is null || province is null || province.Equals(part, StringComparison.OrdinalIgnoreCase) ? part ?? province : $"{province}, {part}";
        var point = row.Coordinates("latitude", "longitude", notes);
        if (city is not null || region is not null || point is not null)
        {
            facts.Add(new LocationFact { City = city, Region = region, Country = country, Lat = point?.Lat, Lon = point?.Lon, Precision = point is null ? null : Precision(row.Text("specificity")) });
        }
    }

    /// <summary>
    /// The codebook's specificity: 1 the city's own coordinates; 2 and 3 the centroid of the
    /// smallest administrative region found (the city's, or the region's outside a city); 4 the
    /// first-order region's; 5 the country's. Read leniently, as before it was read at all: any
    /// other value leaves the precision unsaid and refuses nothing.
    /// </summary>
    private static LocationPrecision? Precision(string? specificity) => (specificity is { } s && s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : specificity) switch
    {
        "1" => LocationPrecision.Exact,
        "2" or "3" => LocationPrecision.District,
        "4" => LocationPrecision.Province,
        "5" => LocationPrecision.Country,
        _ => null,
    };

    private static void Groups(GtdCells row, List<Fact> facts)
    {
        var claimed = row.Whole("claimed", -9, 1);
        var key = 0;
        for (var i = 1; i <= GtdCodebook.GroupColumns; i++)
        {
            var suffix = i == 1 ? string.Empty : GtdCodebook.Number(i);
            if (row.Known($"gname{suffix}") is not { } group)
            {
                continue;
            }

            // Only the first group has "claimed"; the second and third have claim2 and claim3 in
            // the GTD's files, and the export's rows (which have neither) mean all of them.
            var claim = i == 1 ? claimed : row.Whole($"claim{suffix}", -9, 1) ?? (row.Text($"claim{suffix}") is null ? claimed : null);
            key++;
            facts.Add(claim == 1
                ? new ClaimFact { Claimant = group, Mode = Mode(row.Code($"claimmode{suffix}", 1, 10)) }
                : new PerpetratorFact { Key = key == 1 ? "group" : $"group-{key}", Affiliation = group });
        }
    }

    /// <summary>The codebook's claim modes 1–10 (a call before and after the attack are both a call).</summary>
    private static ClaimMode? Mode(int? code) => code switch
    {
        1 => ClaimMode.Letter,
        2 or 3 => ClaimMode.Call,
        4 => ClaimMode.Email,
        5 => ClaimMode.Note,
        6 => ClaimMode.Video,
        7 => ClaimMode.WebsiteOrSocialMedia,
        8 => ClaimMode.Personal,
        9 => ClaimMode.Other,
        10 => ClaimMode.Unknown,
        _ => null,
    };

    /// <summary>A detail short enough for its fact, else a note, so that no text of the row is lost or refused.</summary>
    private static string? Detail(string? text, string label, List<string> notes)
    {
        if (text is null || text.Length <= Limits.ShortTextLength)
        {
            return text;
        }

        Note(notes, label, text);
        return null;
    }

    private static void Note(List<string> notes, string label, string? text)
    {
        if (text is not null)
        {
            notes.Add($"{label}: {text}");
        }
    }

    private delegate bool TryCode<T>(int code, out T value);

    private static List<(int Column, T Value)> Codes<T>(GtdCells row, string name, int columns, TryCode<T> parse)
    {
        var found = new List<(int, T)>();
        for (var i = 1; i <= columns; i++)
        {
            if (row.Whole($"{name}{i}", 1, 99) is { } code)
            {
                if (parse(code, out var value))
                {
                    found.Add((i, value));
                }
                else
                {
                    row.Fail($"{name}{i}", string.Create(CultureInfo.InvariantCulture, $"{code} is not a code in the GTD codebook."));
                }
            }
        }

        return found;
    }
}
