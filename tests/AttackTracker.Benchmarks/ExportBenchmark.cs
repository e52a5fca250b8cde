using System.Diagnostics;
using AttackTracker.Api.Sources;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Whether the GTD-shaped CSV export holds its memory flat as the record grows: incidents of one
/// report (10 events) loaded through Marten to a tenth of --export-incidents, rebuilt, exported by
/// a service started afresh (so its peak resident set is the export's own); then loaded to the full
/// count and exported the same way. The baseline is COPY of the incident states the export reads.
/// </summary>
public sealed class ExportBenchmark(BenchContext context)
{
    public const string Schema = "bench_export";
    private const int LoadWriters = 4;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = context.Options.ExportIncidents;
        var histories = new IncidentHistories();
        await using (var first = await ApiProcess.StartAsync(context, Schema, cancellationToken))
        {
        }

        using var store = await Stores.OpenAsync(context, Schema, projections: false, migrate: false, cancellationToken);
        await RegisterSourcesAsync(store, histories, cancellationToken);
        var loaded = 0;
        foreach (var size in new[] { Math.Max(1, total / 10), total })
        {
            await LoadAsync(store, histories, loaded, size, cancellationToken);
            loaded = size;
            var configuration = $"{size:N0} incidents x 10 events";
            await using (var rebuilding = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh: false))
            {
                using var rebuilt = await rebuilding.Client.PostAsync(new Uri("/api/admin/rebuild", UriKind.Relative), null, cancellationToken);
                rebuilt.EnsureSuccessStatusCode();
            }

            await context.Database.CheckpointAsync(cancellationToken);
            await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh: false);
            var before = api.PeakRssMegabytes();
            var clock = Stopwatch.StartNew();
            using var response = await api.Client.GetAsync(new Uri("/api/export/gtd.csv", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            long lines = 0;
            while (await reader.ReadLineAsync(cancellationToken) is not null)
            {
                lines++;
            }

            var seconds = clock.Elapsed.TotalSeconds;
            if (lines != size + 1)
            {
                throw new InvalidOperationException($"The export has {lines} lines for {size} incidents.");
            }

            var raw = await FeedBenchmark.CopyOutAsync(context, $"COPY (SELECT data FROM {Database.Quote(Schema)}.mt_doc_incidentstate) TO STDOUT", size, cancellationToken);
            context.Results.Record(ResultSink.Ours, "export_gtd_incidents_per_s", configuration, "incidents/s", 1, size / seconds);
            context.Results.Record(ResultSink.OursRaw, "raw_state_read_incidents_per_s", configuration, "incidents/s", 1, raw);
            context.Results.RecordRatio("export_gtd_ratio_to_raw_state_read", configuration, 1, size / seconds, raw);
            context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"started, {configuration}", "MiB", 1, before);
            context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"after the export, {configuration}", "MiB", 1, api.PeakRssMegabytes());
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    private async Task RegisterSourcesAsync(DocumentStore store, IncidentHistories histories, CancellationToken cancellationToken)
    {
        var recording = new RecordingClock(Stores.Settings(context, Schema));
        foreach (var source in histories.Sources)
        {
            await using var session = store.LightweightSession();
            session.Events.StartStream<SourceView>(source.SourceId, session.Stamp(source, await recording.NowAsync(session, null, cancellationToken)));
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task LoadAsync(DocumentStore store, IncidentHistories histories, int from, int to, CancellationToken cancellationToken)
    {
        context.Say($"export: loading incidents {from:N0} to {to:N0} (one report each) through Marten");
        var recording = new RecordingClock(Stores.Settings(context, Schema));
        var next = from - 1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(async () =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) < to)
            {
                var id = Guid.CreateVersion7();
                await using var session = store.LightweightSession();
                session.LastModifiedBy = ReportSamples.RecordedBy;
                var at = await recording.NowAsync(session, null, cancellationToken);
                session.Events.StartStream<IncidentState>(id, [.. histories.Incident(id, number, reports: 1).Select(e => e.Stamp(session, at))]);
                await session.SaveChangesAsync(cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(writers);
        context.Say($"export: {to - from:N0} incidents loaded in {clock.Elapsed.TotalSeconds:0.0}s");
    }
}
