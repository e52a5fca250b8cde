using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// One incident as one GTD-shaped row (<see cref="GtdCodebook.Columns"/>), from its view at a
/// point and the state that view was built from. Empty cells are null.
/// </summary>
public static class GtdExport
{
    public static string?[] Row(IncidentView view, IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(state);
        var row = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["eventid"] = view.Id.ToString(),
            ["summary"] = view.Summary,
            ["title"] = view.Title,
            ["country_iso2"] = view.Country,
            ["nreports"] = GtdCodebook.Number(view.ReportCount),
            ["version"] = view.Version.ToString(CultureInfo.InvariantCulture),
        };

        if (view.OccurredOn is { } occurred)
        {
            // The codebook's 0 for a month or day the record does not know.
            row["iyear"] = GtdCodebook.Number(occurred.Start.Year);
            row["imonth"] = GtdCodebook.Number(occurred.Precision == TimePrecision.Year ? 0 : occurred.Start.Month);
            row["iday"] = GtdCodebook.Number(occurred.Precision is TimePrecision.Year or TimePrecision.Month ? 0 : occurred.Start.Day);
        }

        if (view.Country is { } country)
        {
            var (code, text) = GtdCodebook.CountryColumns(country);
            row["country"] = code is { } number ? GtdCodebook.Number(number) : null;
            row["country_txt"] = text;
        }

        // The first reported city, else the first region; its coordinates, else the first reported.
        var places = view.Locations.Select(l => l.Value).ToList();
        var place = places.FirstOrDefault(l => l.City is not null) ?? places.FirstOrDefault(l => l.Region is not null);
        row["provstate"] = place?.Region;
        row["city"] = place?.City;
        if ((place is { Lat: not null, Lon: not null } ? place : places.FirstOrDefault(l => l is { Lat: not null, Lon: not null })) is { } located)
        {
            row["latitude"] = located.Lat!.Value.ToString("R", CultureInfo.InvariantCulture);
            row["longitude"] = located.Lon!.Value.ToString("R", CultureInfo.InvariantCulture);
        }

        Fill(row, "attacktype", GtdCodebook.AttackTypeColumns, view.AttackTypes.Select(a => a.Value).Distinct().Select(t => (GtdCodebook.Code(t), GtdCodebook.Text(t))));
        Fill(row, "targtype", GtdCodebook.TargetTypeColumns, view.Targets.Select(t => t.Value.TargetType).Distinct().Select(t => (GtdCodebook.Code(t), GtdCodebook.Text(t))));
        Fill(row, "weaptype", GtdCodebook.WeaponTypeColumns, view.Weapons.Select(w => w.Value.WeaponType).Distinct().Select(t => (GtdCodebook.Code(t), GtdCodebook.Text(t))));

        // The group that claimed it, else the one the reports attribute it to.
        var claimants = view.Claims.Select(c => c.Value.Claimant).ToList();
        var groups = claimants.Count > 0
            ? claimants
            : [.. view.Perpetrators.SelectMany(p => p.Attributes.TryGetValue("affiliation", out var a) ? a.Values.Select(v => (string)v.Value) : [])];
        groups = [.. groups.DistinctBy(Sources.SourceNames.Normalize)];
        row["gname"] = groups.Count > 0 ? groups[0] : GtdCodebook.UnknownGroup;
        row["gname2"] = groups.ElementAtOrDefault(1);
        row["gname3"] = groups.ElementAtOrDefault(2);
        row["claimed"] = claimants.Count > 0 ? "1" : GtdCodebook.UnknownClaim;

        Casualties(row, "nkill", "nkillter", view.Casualties.Killed, view.Casualties.PerpetratorsKilled);
        Casualties(row, "nwound", "nwoundte", view.Casualties.Wounded, view.Casualties.PerpetratorsWounded);

        var cited = state.Reports
            .Where(r => view.Point?.AsOf is not { } asOf || r.PublishedAt <= asOf)
            .OrderBy(r => r.PublishedAt).ThenBy(r => r.Version)
            .Take(GtdCodebook.CitationColumns)
            .ToList();
        for (var i = 0; i < cited.Count; i++)
        {
            row[$"scite{i + 1}"] = $"\"{cited[i].Title},\" {cited[i].Source.Name}, {cited[i].PublishedAt:yyyy-MM-dd}.";
        }

        return [.. GtdCodebook.Columns.Select(c => row.TryGetValue(c, out var value) ? value : null)];
    }

    /// <summary>
    /// The GTD's total (victims and perpetrators) as best, with the range and status beside it.
    /// When both figures exist the status is the less certain of the two.
    /// </summary>
    private static void Casualties(Dictionary<string, string?> row, string total, string perpetrators, CasualtyFigure? victims, CasualtyFigure? attackers)
    {
        if (victims is null && attackers is null)
        {
            return;
        }

        row[total] = GtdCodebook.Number((victims?.Best ?? 0) + (attackers?.Best ?? 0));
        row[perpetrators] = attackers is null ? null : GtdCodebook.Number(attackers.Best);
        row[$"{total}_low"] = GtdCodebook.Number((victims?.Low ?? 0) + (attackers?.Low ?? 0));
        row[$"{total}_high"] = (victims is null || victims.High is not null) && (attackers is null || attackers.High is not null)
            ? GtdCodebook.Number((victims?.High ?? 0) + (attackers?.High ?? 0))
            : null;
        row[$"{total}_status"] = GtdCodebook.Text(new[] { victims, attackers }.OfType<CasualtyFigure>().Select(f => f.Status).MaxBy(Uncertainty));
    }

    private static int Uncertainty(FigureStatus status) => status switch
    {
        FigureStatus.Agreed => 0,
        FigureStatus.Adjudicated => 1,
        FigureStatus.SingleSource => 2,
        _ => 3,
    };

    private static void Fill(Dictionary<string, string?> row, string name, int columns, IEnumerable<(int Code, string Text)> values)
    {
        var i = 1;
        foreach (var (code, text) in values.Take(columns))
        {
            row[$"{name}{i}"] = GtdCodebook.Number(code);
            row[$"{name}{i}_txt"] = text;
            i++;
        }
    }
}
