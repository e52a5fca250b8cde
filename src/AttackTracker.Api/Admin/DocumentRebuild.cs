using System.Text.Json;
using AttackTracker.Api.Documents;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;

namespace AttackTracker.Api.Admin;

/// <summary>
/// The stored documents' summaries, rebuilt by the read-model rebuild (<see cref="ReadModelRebuild"/>)
/// with the projection's own Create: each document's stream holds its one DocumentStored event. The
/// texts are read a page of streams at a time, so memory holds one page whatever the store holds.
/// </summary>
public static class DocumentRebuild
{
    private const int Page = 500;

    public static async Task<int> RunAsync(IDocumentStore store, NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rebuilt = 0;
        Guid? after = null;
        while (true)
        {
            await using var command = new NpgsqlCommand($"""
                SELECT e.stream_id, e.version, e.data, e.timestamp, e.user_name
                FROM "{schema}".mt_streams s JOIN "{schema}".mt_events e ON e.stream_id = s.id
                WHERE s.type = '{DocumentSummaryProjection.DocumentStreamType}' AND e.type = 'document_stored'
                  AND ($1::uuid IS NULL OR s.id > $1)
                ORDER BY s.id LIMIT {Page}
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            var summaries = new List<DocumentSummary>(Page);
            var read = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    var id = reader.GetGuid(0);
                    after = id;
                    try
                    {
                        var stored = JsonSerializer.Deserialize<DocumentStored>(reader.GetString(2), IncidentJson.Options)!;
                        summaries.Add(DocumentSummaryProjection.Create(new Event<DocumentStored>(stored)
                        {
                            StreamId = id,
                            Version = reader.GetInt64(1),
                            Timestamp = reader.GetFieldValue<DateTimeOffset>(3),
                            UserName = reader.IsDBNull(4) ? null : reader.GetString(4),
                        }));
                    }
                    catch (JsonException)
                    {
                        // A poison event: verify names its stream (DocumentAudit), as the projection's rebuild skipped it.
                    }
                }
            }

            if (summaries.Count > 0)
            {
                await store.BulkInsertAsync(summaries, BulkInsertMode.OverwriteExisting, 10_000, cancellationToken);
                rebuilt += summaries.Count;
            }

            if (read < Page)
            {
                return rebuilt;
            }
        }
    }
}
