using System.Globalization;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// The desk's part of a report, checked with the rest of the body: the document it names, and one
/// outcome per suggestion or hand-added fact. A suggestion accepted, edited or added points at the
/// fact it became (each fact at most once); a rejected one at none. A suggestion's passage is
/// checked against the document's text when the write has loaded it (<see cref="Documents.Passages"/>).
/// </summary>
public static class DeskValidation
{
    public static DeskReview? Validate(DeskRequest? request, int factCount, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (request is null)
        {
            return null;
        }

        var document = Documents.DocumentIds.Normalize(request.Document);
        if (document is null)
        {
            errors.Add("desk.document", "must be the id of the stored document the report was made from (64 hex digits).");
        }

        var outcomes = new List<DeskOutcomeEntry>();
        if (request.Outcomes is null || request.Outcomes.Count == 0)
        {
            errors.Add("desk.outcomes", "must list at least one outcome.");
        }
        else if (request.Outcomes.Count > Limits.DeskOutcomes)
        {
            errors.Add("desk.outcomes", $"holds {request.Outcomes.Count} outcomes; the limit is {Limits.DeskOutcomes}.");
        }
        else
        {
            var facts = new HashSet<int>();
            for (var i = 0; i < request.Outcomes.Count; i++)
            {
                if (Outcome(string.Create(CultureInfo.InvariantCulture, $"desk.outcomes[{i}]"), request.Outcomes[i], factCount, facts, errors) is { } outcome)
                {
                    outcomes.Add(outcome);
                }
            }
        }

        return errors.HasErrorsUnder("desk") ? null : new DeskReview(document!, outcomes);
    }

    private static DeskOutcomeEntry? Outcome(string path, DeskOutcomeRequest? request, int factCount, HashSet<int> facts, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Add(path, "must be an outcome object, not null.");
            return null;
        }

        if (request.Kind is null)
        {
            errors.Add($"{path}.kind", "is required: the kind of fact suggested or added.");
        }

        if (request.Outcome is not { } outcome)
        {
            errors.Add($"{path}.outcome", "is required: accepted, edited, rejected or added.");
            return null;
        }

        if (outcome == DeskOutcome.Rejected && request.Fact is not null)
        {
            errors.Add($"{path}.fact", "must be absent: a rejected suggestion became no fact.");
        }
        else if (outcome != DeskOutcome.Rejected && request.Fact is not { } fact)
        {
            errors.Add($"{path}.fact", "is required: the index of the fact in this report's facts.");
        }
        else if (request.Fact is { } index && (index < 0 || index >= factCount))
        {
            errors.Add($"{path}.fact", $"must be the index of one of the report's {factCount} facts (0 to {factCount - 1}).");
        }
        else if (request.Fact is { } taken && !facts.Add(taken))
        {
            errors.Add($"{path}.fact", "names a fact another outcome names already.");
        }

        var suggested = outcome != DeskOutcome.Added;
        if (suggested && (request.Start is not { } start || request.End is not { } end || start < 0 || end <= start))
        {
            errors.Add(path, "must give the suggestion's passage: start and end offsets, start before end.");
        }
        else if (!suggested && (request.Start is not null || request.End is not null))
        {
            errors.Add(path, "must not give offsets: a fact added by hand has no suggestion (its passage is on the fact).");
        }

        return errors.HasErrorsUnder(path) ? null : new DeskOutcomeEntry(request.Kind!.Value, outcome, request.Fact, null, request.Start, request.End);
    }
}
