using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Npgsql;

namespace AttackTracker.Api.Samples;

public sealed record SampleIncident(string Key, string Title, string OccurredOn, string Country, string Place, string? Summary);

public sealed record SampleGroup(string Incident, IReadOnlyList<Fact?> Facts);

public sealed record SampleReport(ReportRequest Report, IReadOnlyList<SampleGroup> Incidents);

/// <summary>
/// Loads the transcribed seed reports (docs/examples) into an empty store on first start, through
/// the same write units and decisions as the API, each incident and report in a transaction of its own. Incident ids derive from the sample keys, so the documentation's
/// curl examples name the same ids on every machine. They load in Development, and elsewhere only
/// with Samples__Load=true; Samples__Load=false turns them off in Development.
/// </summary>
public sealed partial class SampleLoader(
    IConfiguration configuration,
    IHostEnvironment environment,
    WriteUnits units,
    NpgsqlDataSource dataSource,
    StoreSettings settings,
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
            var opened = OpenIncidentDecision.Decide(IncidentId(sample.Key), request, now, errors)
                ?? throw Invalid($"incident '{sample.Key}'", errors);
            await using var unit = await units.BeginAsync(Origin, new WriteLoad([opened.IncidentId], []), cancellationToken);
            unit.Append(opened.IncidentId, OpenIncidentDecision.Decide(opened, unit.Context(opened.IncidentId, now)));
            await unit.CommitAsync(cancellationToken);
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
                await using var unit = await units.BeginAsync(Origin, new WriteLoad([command.IncidentId], [command.Source]), cancellationToken);
                if (!unit.Incident(command.IncidentId).IsIncident)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(file)} names the unknown incident '{group.Incident}'.");
                }

                unit.Append(command.IncidentId, ReportDecision.Decide(command, unit.Context(command.IncidentId, now, command.Source)), command.Source);
                await unit.CommitAsync(cancellationToken);
                submitted++;
            }
        }

        return (samples.Count, submitted);
    }

    private static readonly WriteOrigin Origin = new("sample-loader", "samples");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Incidents} sample incidents and {Reports} sample reports from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int incidents, int reports, string folder);

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), StrictJson.Options) ?? throw new InvalidOperationException($"{path} is empty.");

    private static InvalidOperationException Invalid(string what, ValidationErrors errors) =>
        new($"Sample {what} is not valid: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
}
