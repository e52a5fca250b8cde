using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Documents;

namespace AttackTracker.Domain.Reports;

/// <summary>Turns a request into a command, or says what is wrong with it, field by field.</summary>
public static class ReportValidation
{
    public static SubmitReport? Validate(Guid incidentId, ReportRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        SourceRequest? source = null;
        if (request.Source is null)
        {
            errors.Add("source", "is required.");
        }
        else
        {
            var name = errors.Name("source.name", request.Source.Name, required: true);
            var url = errors.Url("source.url", request.Source.Url);
            source = name is null ? null : request.Source with { Name = name, Url = url };
        }

        var title = errors.Text("title", request.Title, Limits.TitleLength, required: true);
        var reportUrl = errors.Url("url", request.Url);
        var published = errors.Time("publishedAt", request.PublishedAt, now, required: true);
        if (request.Credibility is { } credibility && credibility is < 1 or > 6)
        {
            errors.Add("credibility", "must be 1 to 6 (1 confirmed … 6 cannot be judged).");
        }

        var facts = new List<Fact>();
        if (request.Facts is null || request.Facts.Count == 0)
        {
            errors.Add("facts", "must hold at least one fact.");
        }
        else if (request.Facts.Count > Limits.FactsPerReport)
        {
            errors.Add("facts", $"holds {request.Facts.Count} facts; the limit is {Limits.FactsPerReport} per report.");
        }
        else
        {
            for (var i = 0; i < request.Facts.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"facts[{i}]");
                if (request.Facts[i] is not { } fact)
                {
                    errors.Add(path, "must be a fact object, not null.");
                    continue;
                }

                if (ValidateFact(path, fact, now, errors) is { } valid)
                {
                    facts.Add(valid);
                }
            }
        }

        var desk = DeskValidation.Validate(request.Desk, request.Facts?.Count ?? 0, errors);
        return errors.IsEmpty
            ? new SubmitReport(incidentId, source!, title!, reportUrl, published!.Value.Start.ToUniversalTime(), request.Credibility, facts, desk)
            : null;
    }

    private static Fact? ValidateFact(string path, Fact fact, DateTimeOffset now, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        var quote = errors.Text($"{path}.quote", fact.Quote, Limits.QuoteLength, multiline: true);
        var passage = Passages.Shape($"{path}.passage", fact.Passage, errors);
        Fact checkedFact = fact switch
        {
            CasualtiesFact c => Casualties(path, c, errors),
            PerpetratorFact p => Perpetrator(path, p, errors),
            ClaimFact c => c with
            {
                Claimant = errors.Name($"{path}.claimant", c.Claimant, required: true) ?? c.Claimant,
                Channel = errors.Name($"{path}.channel", c.Channel),
                ClaimedAt = c.ClaimedAt is { } at && errors.Within($"{path}.claimedAt", at, now) ? at : null,
            },
            AttackTypeFact a => AttackTypes(path, a, errors),
            WeaponFact w => w with { Detail = errors.Text($"{path}.detail", w.Detail, Limits.ShortTextLength) },
            TargetFact t => t with { Detail = errors.Text($"{path}.detail", t.Detail, Limits.ShortTextLength) },
            LocationFact l => Location(path, l, errors),
            TimelineFact t => t with
            {
                At = errors.Within($"{path}.at", t.At, now) ? t.At : default,
                Description = errors.Text($"{path}.description", t.Description, Limits.TextLength, required: true, multiline: true) ?? t.Description,
                Place = errors.Text($"{path}.place", t.Place, Limits.ShortTextLength),
            },
            PersonFact p => p with
            {
                Key = errors.Name($"{path}.key", p.Key),
                Name = errors.Name($"{path}.name", p.Name),
                Role = errors.Text($"{path}.role", p.Role, Limits.ShortTextLength, required: true) ?? p.Role,
                Description = errors.Text($"{path}.description", p.Description, Limits.TextLength, multiline: true),
            },
            DemandFact d => d with { Text = errors.Text($"{path}.text", d.Text, Limits.TextLength, required: true, multiline: true) ?? d.Text },
            NoteFact n => n with { Text = errors.Text($"{path}.text", n.Text, Limits.TextLength, required: true, multiline: true) ?? n.Text },
            _ => fact,
        };
        return errors.ToDictionary().Count == before ? checkedFact with { Quote = quote, Passage = passage } : null;
    }

    private static CasualtiesFact Casualties(string path, CasualtiesFact c, ValidationErrors errors)
    {
        var any = false;
        foreach (var category in Enum.GetValues<CasualtyCategory>())
        {
            if (c.Count(category) is not { } count)
            {
                continue;
            }

            any = true;
            var field = $"{path}.{JsonName(category)}";
            var bounds = count.Kind == CountKind.Range ? [count.Value, count.Max!.Value] : new[] { count.Value };
            if (bounds.Any(b => b < 0))
            {
                errors.Add(field, "must not be negative.");
            }
            else if (bounds.Any(b => b > Limits.MaxCount))
            {
                errors.Add(field, $"is over {Limits.MaxCount}, which no attack has reached; check the figure.");
            }
            else if (count.Kind == CountKind.Range && count.Value > count.Max)
            {
                errors.Add(field, $"has min {count.Value} above max {count.Max}.");
            }
        }

        if (!any)
        {
            errors.Add(path, "must give at least one of killed, wounded, perpetratorsKilled, perpetratorsWounded, hostages.");
        }

        return c;
    }

    private static PerpetratorFact Perpetrator(string path, PerpetratorFact p, ValidationErrors errors)
    {
        if (p.Age is { } age && age is < 0 or > Limits.MaxAge)
        {
            errors.Add($"{path}.age", $"must be 0 to {Limits.MaxAge}.");
        }

        List<string>? aliases = null;
        if (p.Aliases is { Count: > 0 } given)
        {
            if (given.Count > Limits.ListItems)
            {
                errors.Add($"{path}.aliases", $"holds {given.Count} names; the limit is {Limits.ListItems}.");
            }
            else
            {
                aliases = [.. given.Select((a, i) => errors.Name($"{path}.aliases[{i}]", a, required: true) ?? string.Empty)];
            }
        }

        var checkedFact = p with
        {
            Key = errors.Name($"{path}.key", p.Key),
            Name = errors.Name($"{path}.name", p.Name),
            Aliases = aliases,
            Nationality = errors.Text($"{path}.nationality", p.Nationality, Limits.ShortTextLength),
            Birthplace = errors.Text($"{path}.birthplace", p.Birthplace, Limits.ShortTextLength),
            Residence = errors.Text($"{path}.residence", p.Residence, Limits.ShortTextLength),
            Affiliation = errors.Text($"{path}.affiliation", p.Affiliation, Limits.ShortTextLength),
        };
        // Judged after the fields: a fact whose only attribute was refused has one error, not two.
        if (checkedFact is { Name: null, Aliases: null, Age: null, Sex: null, Nationality: null, Birthplace: null, Residence: null, Affiliation: null, CriminalRecord: null, KnownToAuthorities: null, Status: null }
            && !errors.HasErrorsUnder(path))
        {
            errors.Add(path, "must give at least one attribute of the perpetrator (an unnamed perpetrator is fine).");
        }

        return checkedFact;
    }

    private static AttackTypeFact AttackTypes(string path, AttackTypeFact a, ValidationErrors errors)
    {
        if (a.AttackTypes.Count == 0)
        {
            errors.Add($"{path}.attackTypes", "must list at least one attack type.");
        }
        else if (a.AttackTypes.Count > Limits.ListItems)
        {
            errors.Add($"{path}.attackTypes", $"holds {a.AttackTypes.Count} entries; the limit is {Limits.ListItems}.");
        }

        return a with { AttackTypes = [.. a.AttackTypes.Distinct()] };
    }

    private static LocationFact Location(string path, LocationFact l, ValidationErrors errors)
    {
        var checkedFact = l with
        {
            Role = errors.Text($"{path}.role", l.Role, Limits.ShortTextLength),
            Place = errors.Text($"{path}.place", l.Place, Limits.ShortTextLength),
            City = errors.Text($"{path}.city", l.City, Limits.ShortTextLength),
            Region = errors.Text($"{path}.region", l.Region, Limits.ShortTextLength),
            Country = errors.Text($"{path}.country", l.Country, Countries.MaxCodeLength),
        };
        if (checkedFact.Country is { } country && !Countries.IsCode(country))
        {
            errors.Add($"{path}.country", Countries.Expected);
        }

        if (l.Lat is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
        {
            errors.Add($"{path}.lat", "must be a latitude from -90 to 90.");
        }

        if (l.Lon is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180))
        {
            errors.Add($"{path}.lon", "must be a longitude from -180 to 180.");
        }

        if (l.Lat.HasValue != l.Lon.HasValue)
        {
            errors.Add(path, "must give lat and lon together.");
        }

        if (checkedFact is { Role: null, Place: null, City: null, Region: null, Country: null, Lat: null } && !errors.HasErrorsUnder(path))
        {
            errors.Add(path, "must give at least one of place, city, region, country, or lat and lon.");
        }

        return checkedFact;
    }

    private static string JsonName(CasualtyCategory category) => category switch
    {
        CasualtyCategory.Killed => "killed",
        CasualtyCategory.Wounded => "wounded",
        CasualtyCategory.PerpetratorsKilled => "perpetratorsKilled",
        CasualtyCategory.PerpetratorsWounded => "perpetratorsWounded",
        _ => "hostages",
    };
}
