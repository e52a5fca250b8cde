using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Web;

/// <summary>What submitting at the desk came to: the incident it landed on, or the problems, by field path, that stopped it.</summary>
public abstract record DeskSubmitted
{
    public sealed record Written(Guid IncidentId) : DeskSubmitted;

    public sealed record Refused(IDictionary<string, string[]> Problems) : DeskSubmitted;
}

/// <summary>
/// The desk's report, written through the write path every report takes (<see cref="WriteUnit"/>,
/// ADR 0004): validated as the API validates it, then one load batch (the idempotency claim, the
/// incident under its lock, the source, the cited documents, the clock), the decisions (opening
/// the incident first when the desk opens one; then <see cref="ReportDecision"/>, which checks
/// every passage against the document), the unit of work and COMMIT. The form's idempotency key
/// makes a second click of the same form replay the first answer instead of writing again.
/// </summary>
public sealed class DeskSubmission(WriteUnits units, StoreSettings settings, TimeProvider clock)
{
    public async Task<DeskSubmitted> SubmitAsync(
        Guid? incidentId, OpenIncidentRequest? open, ReportRequest report, string idempotencyKey, WriteOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var id = incidentId ?? Guid.CreateVersion7();
        var incidentErrors = new ValidationErrors();
        var opened = incidentId is null ? OpenIncidentDecision.Decide(id, open ?? new OpenIncidentRequest(null, null, null, null, null), now, incidentErrors) : null;
        foreach (var (field, messages) in incidentErrors.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add("incident." + field, message);
            }
        }

        var command = ReportValidation.Validate(id, report, now, errors);
        if (!errors.IsEmpty || command is null || !Idempotency.IsValid(idempotencyKey))
        {
            if (!Idempotency.IsValid(idempotencyKey))
            {
                errors.Add("form", "has lost its key; reload the page.");
            }

            return new DeskSubmitted.Refused(errors.ToDictionary());
        }

        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { incidentId, open, report }, IncidentJson.Options)));
        Task<IdempotencyClaim>? claim = null;
        var load = new WriteLoad(opened is null ? [id] : [], [command.Source], command.CitedDocuments());
        await using var unit = await units.BeginAsync(
            origin, load, cancellationToken, batch => claim = batch.AddItem(Idempotency.Claim(settings.Schema, new IdempotencyRequest("desk:" + idempotencyKey, fingerprint))));
        switch (await claim!)
        {
            case IdempotencyClaim.Replay replay:
                return new DeskSubmitted.Written(Guid.Parse(replay.Response.Location!.Split('/')[^1]));
            case IdempotencyClaim.Mismatch:
                return Refused("form", "was submitted already with other content; reload the page to start again.");
        }

        if (opened is not null)
        {
            unit.Append(id, OpenIncidentDecision.Decide(opened, unit.Context(id, now)));
        }
        else if (unit.Incident(id) is not { Exists: true, IsIncident: true })
        {
            return Refused("incident", "was not found; choose another or open a new one.");
        }

        var decision = ReportDecision.Decide(command, unit.Context(id, now, command.Source));
        if (decision.Invalid is { } invalid)
        {
            return new DeskSubmitted.Refused(invalid.ToDictionary());
        }

        unit.Append(id, decision, command.Source);
        var location = $"/incidents/{id}";
        Idempotency.Complete(unit.Session, settings.Schema, "desk:" + idempotencyKey, new StoredResponse(
            StatusCodes.Status201Created, JsonSerializer.Serialize(decision.Response, IncidentJson.Options), location, ETags.For(unit.Incident(id).Version)));
        await unit.CommitAsync(cancellationToken);
        return new DeskSubmitted.Written(id);
    }

    private static DeskSubmitted.Refused Refused(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
