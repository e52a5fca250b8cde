using System.Text.Json;
using AttackTracker.Api.Sources;
using AttackTracker.Domain;
using AttackTracker.Domain.Sources;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;

namespace AttackTracker.Api.Admin;

/// <summary>
/// The sources' views, rebuilt by the read-model rebuild (<see cref="ReadModelRebuild"/>) with the
/// source projection's own Create and Apply: a handful of streams, written over the stored views in
/// one bulk insert.
/// </summary>
public static class SourceRebuild
{
    public static async Task<int> RunAsync(IDocumentStore store, NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var command = new NpgsqlCommand($"""
            SELECT e.stream_id, e.version, e.type, e.data, e.timestamp
            FROM "{schema}".mt_streams s JOIN "{schema}".mt_events e ON e.stream_id = s.id
            WHERE s.type = 'source_view' AND e.type IN ('source_registered', 'source_graded')
            ORDER BY e.stream_id, e.version
            """, connection);
        var views = new Dictionary<Guid, SourceView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, version, type, timestamp) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(4));
                try
                {
                    if (type == "source_registered")
                    {
                        var registered = JsonSerializer.Deserialize<SourceRegistered>(reader.GetString(3), IncidentJson.Options)!;
                        views[id] = SourceViewProjection.Create(new Event<SourceRegistered>(registered) { Version = version, Timestamp = timestamp, StreamId = id });
                    }
                    else if (views.TryGetValue(id, out var view))
                    {
                        var graded = JsonSerializer.Deserialize<SourceGraded>(reader.GetString(3), IncidentJson.Options)!;
                        views[id] = SourceViewProjection.Apply(new Event<SourceGraded>(graded) { Version = version, Timestamp = timestamp, StreamId = id }, view);
                    }
                }
                catch (JsonException)
                {
                    // A poison event leaves the view as it was before it, as the projection's rebuild did.
                }
            }
        }

        if (views.Count > 0)
        {
            await store.BulkInsertAsync(views.Values.ToList(), BulkInsertMode.OverwriteExisting, 10_000, cancellationToken);
        }

        return views.Count;
    }
}
