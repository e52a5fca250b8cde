using System.Globalization;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Corrections;

/// <summary>The outcome of deciding a correction: an event, field errors, or a conflict with the stream's state.</summary>
public sealed record CorrectionDecision(object? Event, ValidationErrors Errors, string? Conflict)
{
    public static CorrectionDecision Invalid(ValidationErrors errors) => new(null, errors, null);
}

public static class CorrectionDecisions
{
    /// <summary>
    /// Retracts facts without deleting anything. Unknown facts are a field error; facts already
    /// retracted are a conflict; a withdrawal needs the correction's publication date, which
    /// cannot precede the report it corrects.
    /// </summary>
    public static Decision<CorrectionRecorded> Decide(RetractionRequest request, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Recorded(Retraction(request, context.Incident, context.Now), context);
    }

    /// <summary>Settles a disputed figure at a value, with the editor's rationale.</summary>
    public static Decision<CorrectionRecorded> Decide(AdjudicationRequest request, WriteContext context) =>
        Recorded(Adjudication(request), context);

    /// <summary>The write of a decided correction: one event after the incident's version, or the decision's refusal.</summary>
    private static Decision<CorrectionRecorded> Recorded(CorrectionDecision decision, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!decision.Errors.IsEmpty)
        {
            return Decision.Refuse<CorrectionRecorded>(decision.Errors);
        }

        if (decision.Conflict is { } conflict)
        {
            return Decision.Conflicts<CorrectionRecorded>(conflict);
        }

        var recorded = new CorrectionRecorded(context.Incident.Id, context.NewId(), context.Incident.Version + 1, decision.Event!);
        return Decision.Accept(recorded, [new NewEvent(decision.Event!, recorded.EventId)]);
    }

    private static CorrectionDecision Retraction(RetractionRequest request, IncidentState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var errors = new ValidationErrors();
        var reason = errors.Text("reason", request.Reason, Limits.TextLength, required: true, multiline: true);
        if (request.Kind is null)
        {
            errors.Add("kind", "is required: entered-in-error or withdrawn-by-source.");
        }

        var published = errors.Time("publishedAt", request.PublishedAt, now);
        if (request.Kind == RetractionKind.WithdrawnBySource && request.PublishedAt is null)
        {
            errors.Add("publishedAt", "is required for withdrawn-by-source: when the source's correction appeared.");
        }
        else if (request.Kind == RetractionKind.EnteredInError && request.PublishedAt is not null)
        {
            errors.Add("publishedAt", "applies only to withdrawn-by-source; a fact entered in error never counted.");
        }

        var factIds = new List<Guid>();
        switch (request)
        {
            case { FactIds: not null, ReportId: not null }:
            case { FactIds: null, ReportId: null }:
                errors.Add("factIds", "give either factIds or reportId.");
                break;
            case { ReportId: { } reportId }:
                if (state.Reports.Find(r => r.ReportId == reportId) is { } report)
                {
                    factIds.AddRange(report.FactIds);
                }
                else
                {
                    errors.Add("reportId", "is not a report of this incident.");
                }

                break;
            case { FactIds: { } ids }:
                if (ids.Count == 0 || ids.Count > Limits.FactsPerReport)
                {
                    errors.Add("factIds", $"must list 1 to {Limits.FactsPerReport} fact ids.");
                }

                for (var i = 0; i < ids.Count && i < Limits.FactsPerReport; i++)
                {
                    if (!state.HasFact(ids[i]))
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"factIds[{i}]"), "is not a fact of this incident.");
                    }
                }

                factIds.AddRange(ids.Distinct());
                break;
        }

        if (published is { } withdrawnAt && errors.IsEmpty)
        {
            var reports = state.Reports.ToDictionary(r => r.ReportId);
            var facts = state.Facts.Where(f => factIds.Contains(f.FactId));
            if (facts.FirstOrDefault(f => reports[f.ReportId].PublishedAt >= withdrawnAt.Start) is { } early)
            {
                errors.Add("publishedAt", $"must be after the report of fact {early.FactId} was published ({reports[early.ReportId].PublishedAt:O}); give a date-time for a same-day correction.");
            }
        }

        if (!errors.IsEmpty)
        {
            return CorrectionDecision.Invalid(errors);
        }

        var already = factIds.Where(state.Retractions.ContainsKey).ToList();
        return already.Count > 0
            ? new CorrectionDecision(null, errors, $"Already retracted: {string.Join(", ", already)}.")
            : new CorrectionDecision(new FactsRetracted(factIds, request.Kind!.Value, reason!, published?.Start.ToUniversalTime()), errors, null);
    }

    private static CorrectionDecision Adjudication(AdjudicationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (request.Category is null)
        {
            errors.Add("category", "is required: killed, wounded, perpetratorsKilled, perpetratorsWounded or hostages.");
        }

        if (request.Value is not { } value)
        {
            errors.Add("value", "is required.");
        }
        else if (value is < 0 or > Limits.MaxCount)
        {
            errors.Add("value", $"must be 0 to {Limits.MaxCount}.");
        }

        var rationale = errors.Text("rationale", request.Rationale, Limits.TextLength, required: true, multiline: true);
        return errors.IsEmpty
            ? new CorrectionDecision(new FigureAdjudicated(request.Category!.Value, request.Value!.Value, rationale!), errors, null)
            : CorrectionDecision.Invalid(errors);
    }
}
