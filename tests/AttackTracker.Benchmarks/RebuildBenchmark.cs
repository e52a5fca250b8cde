using System.Diagnostics;
using AttackTracker.Api.Sources;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Rebuilding every projection (incident states with their listings and snapshots, the report index,
/// the sources) with Marten's projection rebuild, over --rebuild-events events: 100-event incidents
/// loaded once through Marten (one append per incident, 4 writers, no inline projections, so the read
/// models start empty), then POST /api/admin/rebuild timed --runs times. The baseline reads the same
/// mt_events table in global order: COPY to this client. Then the statistics projection from a cold
/// start over the same events (<see cref="StatsAsync"/>).
/// </summary>
public sealed class RebuildBenchmark(BenchContext context)
{
    public const string Schema = "bench_rebuild";
    private const int LoadWriters = 4;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var incidents = (int)Math.Ceiling(context.Options.RebuildEvents / (double)IncidentHistories.EventsPerIncident);
        var configuration = $"{incidents:N0} incidents x {IncidentHistories.EventsPerIncident} events";
        await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
        using var store = await Stores.OpenAsync(context, Schema, projections: false, migrate: false, cancellationToken);
        var events = await LoadAsync(store, incidents, configuration, cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            await ReadRates.RebuildAsync(context, api, Schema, events, incidents, configuration, run, cancellationToken);
        }

        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild, {configuration}", "MiB", 1, api.PeakRssMegabytes());
        await ExportAsync(api, incidents, events, configuration, cancellationToken);
        await StatsAsync(api, events, configuration, cancellationToken);
        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    private async Task ExportAsync(ApiProcess api, int incidents, long events, string configuration, CancellationToken cancellationToken)
    {
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            await ReadRates.ExportsAsync(context, api, Schema, incidents, events, configuration, run, cancellationToken);
        }

        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild then exports, {configuration}", "MiB", 1, api.PeakRssMegabytes());
    }

    /// <summary>
    /// The statistics projection from a cold start: the service stopped, the projection's progress
    /// and documents removed (as its owner would drop them), the service started again, and timed
    /// until its daemon has folded every event in, against the same-run COPY of mt_events in
    /// global order. Then GET /api/stats as of a date over the data set (every incident's as-of
    /// view) against the same question to the projection.
    /// </summary>
    private async Task StatsAsync(ApiProcess running, long events, string configuration, CancellationToken cancellationToken)
    {
        await running.DisposeAsync();
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            await using var api = await ReadRates.ColdStartAsync(context, Schema, events, configuration, run, cancellationToken);
            var projected = await BenchHttp.TimedGetAsync(api.Client, "/api/stats?groupBy=group", cancellationToken);
            var asOf = await BenchHttp.TimedGetAsync(api.Client, "/api/stats?groupBy=group&asOf=2018-04-01", cancellationToken);
            context.Results.Record(ResultSink.Ours, "stats_get_s", $"groupBy=group, {configuration}", "s", run, projected);
            context.Results.Record(ResultSink.Ours, "stats_as_of_get_s", $"groupBy=group&asOf, {configuration}", "s", run, asOf);
            context.Results.RecordRatio("stats_as_of_ratio_to_projection", configuration, run, asOf, projected);
        }
    }

    private async Task<long> LoadAsync(DocumentStore store, int incidents, string configuration, CancellationToken cancellationToken)
    {
        context.Say($"rebuild: loading {incidents:N0} incidents of {IncidentHistories.EventsPerIncident} events through Marten");
        var histories = new IncidentHistories();
        var recording = new RecordingClock(Stores.Settings(context, Schema));
        foreach (var source in histories.Sources)
        {
            await using var session = store.LightweightSession();
            session.Events.StartStream<SourceView>(source.SourceId, session.Stamp(source, await recording.NowAsync(session, null, cancellationToken)));
            await session.SaveChangesAsync(cancellationToken);
        }

        var next = -1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(async () =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) < incidents)
            {
                var id = Guid.CreateVersion7();
                await using var session = store.LightweightSession();
                session.LastModifiedBy = ReportSamples.RecordedBy;
                var at = await recording.NowAsync(session, null, cancellationToken);
                session.Events.StartStream<IncidentState>(id, [.. histories.Incident(id, number).Select(e => e.Stamp(session, at))]);
                await session.SaveChangesAsync(cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(writers);
        var loaded = (long)incidents * IncidentHistories.EventsPerIncident;
        context.Results.Record(ResultSink.Ours, "rebuild_load_events_per_s", $"{IncidentHistories.EventsPerIncident} ev/append, {LoadWriters} writer(s)", "events/s", 1, loaded / clock.Elapsed.TotalSeconds);

        var events = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.mt_events", cancellationToken);
        if (events != loaded + histories.Sources.Count)
        {
            throw new InvalidOperationException($"The store holds {events} events; {loaded + histories.Sources.Count} were appended.");
        }

        await context.Database.ExecuteAsync($"VACUUM ANALYZE {Database.Quote(Schema)}.mt_events", cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        context.Say($"rebuild: {events:N0} events loaded in {clock.Elapsed.TotalSeconds:0.0}s ({configuration})");
        return events;
    }
}
