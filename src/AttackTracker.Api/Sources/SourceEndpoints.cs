using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Security;
using AttackTracker.Incidents.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AttackTracker.Api.Sources;

public sealed record SourceView(Guid Id, string Name, SourceKind Kind, Reliability Reliability, string? Url, DateTimeOffset RegisteredAt, long ReportCount);

public static class SourceEndpoints
{
    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/sources").WithTags("Sources")
            .MapGet("/", ListSources)
            .RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("Every source with its reliability grade and how many reports cite it.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SourceView>>> ListSources(NpgsqlDataSource dataSource, SchemaName schema, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, s.name, s.kind, s.reliability, s.url, s.registered_at, count(r.id)
            FROM {schema.Quoted}.sources s LEFT JOIN {schema.Quoted}.reports r ON r.source_id = s.id
            GROUP BY s.id ORDER BY s.normalized_name
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sources = new List<SourceView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new SourceView(
                reader.GetGuid(0), reader.GetString(1), Enum.Parse<SourceKind>(reader.GetString(2)), Enum.Parse<Reliability>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6)));
        }

        return TypedResults.Ok<IReadOnlyList<SourceView>>(sources);
    }
}
