using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Marten;
using Npgsql;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace AttackTracker.Api.Samples;

public sealed record SampleIncident(string Key, string Title, string OccurredOn, string Country, string Place, string? Summary);

public sealed record SampleGroup(string Incident, IReadOnlyList<Fact?> Facts);

public sealed record SampleReport(ReportRequest Report, IReadOnlyList<SampleGroup> Incidents);

/// <summary>
/// Loads the transcribed seed reports (docs/examples) into an empty store on first start, through
/// the same appender as the API, each incident and report in a transaction of its own. Incident ids derive from the sample keys, so the documentation's
/// curl examples name the same ids on every machine. They load in Development, and elsewhere only
/// with Samples__Load=true; Samples__Load=false turns them off in Development.
/// </summary>
public sealed partial class SampleLoader(
    IConfiguration configuration,
    IHostEnvironment environment,
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    StoreSettings settings,
    RecordingClock recording,
    ReportAppender reports,
    ChangeLog changes,
    IWolverineRuntime wolverine,
    TimeProvider clock,
    ILogger<SampleLoader> logger) : IHostedService
{
    private static readonly Guid Namespace = new("9a0c2f7e-3b1d-4c8e-a5f6-0d2e4b6c8a13");

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static Guid IncidentId(string key) => StableId.For(Namespace, key);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Only where asked: the record is append-only, and samples in a production database stay.
        if (!configuration.GetValue("Samples:Load", environment.IsDevelopment()))
        {
            return;
        }

        await using (var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM \"{settings.Schema}\".mt_streams)"))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        var (incidentCount, reportCount) = await LoadAsync(cancellationToken);
        LogLoaded(logger, incidentCount, reportCount, Folder);
        Console.WriteLine($"Sample data loaded. The Carcassonne and Trèbes attack: /api/incidents/{IncidentId("carcassonne-trebes-2018")}");
    }

    public async Task<(int Incidents, int Reports)> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var samples = Read<List<SampleIncident>>(Path.Combine(Folder, "incidents.json"));
        foreach (var sample in samples)
        {
            var errors = new ValidationErrors();
            var request = new OpenIncidentRequest(sample.Title, sample.OccurredOn, sample.Country, sample.Place, sample.Summary);
            var opened = OpenIncident.Decide(IncidentId(sample.Key), request, now, errors)
                ?? throw Invalid($"incident '{sample.Key}'", errors);
            await using var session = Session();
            await RebuildGate.PassAsync(session, settings, cancellationToken);
            var recordedAt = await recording.NowAsync(session, null, cancellationToken);
            var e = session.Stamp(opened, recordedAt);
            session.Events.StartStream<IncidentState>(opened.IncidentId, e);
            await changes.RecordAsync(session, new MartenOutbox(wolverine, session), opened.IncidentId, IncidentState.Initial, [e]);
            await session.SaveChangesAsync(cancellationToken);
        }

        var submitted = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "reports"), "*.json").Order(StringComparer.Ordinal))
        {
            var sample = Read<SampleReport>(file);
            foreach (var group in sample.Incidents)
            {
                var errors = new ValidationErrors();
                var command = ReportValidation.Validate(IncidentId(group.Incident), sample.Report with { Facts = group.Facts }, now, errors)
                    ?? throw Invalid($"{Path.GetFileName(file)}, incident '{group.Incident}'", errors);
                await using var session = Session();
                await RebuildGate.PassAsync(session, settings, cancellationToken);
                var incident = await session.Events.FetchForExclusiveWriting<IncidentState>(command.IncidentId, cancellationToken);
                if (incident.Aggregate is not { Opened: not null } state)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(file)} names the unknown incident '{group.Incident}'.");
                }

                var (_, events) = await reports.DecideAsync(session, state, command, cancellationToken);
                incident.AppendMany(events);
                await changes.RecordAsync(session, new MartenOutbox(wolverine, session), command.IncidentId, state, events);
                await session.SaveChangesAsync(cancellationToken);
                submitted++;
            }
        }

        return (samples.Count, submitted);
    }

    private IDocumentSession Session()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = "sample-loader";
        session.CorrelationId = "samples";
        return session;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Incidents} sample incidents and {Reports} sample reports from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int incidents, int reports, string folder);

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), StrictJson.Options) ?? throw new InvalidOperationException($"{path} is empty.");

    private static InvalidOperationException Invalid(string what, ValidationErrors errors) =>
        new($"Sample {what} is not valid: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
}
