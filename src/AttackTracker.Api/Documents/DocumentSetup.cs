using JasperFx.Events.Projections;
using Marten;

namespace AttackTracker.Api.Documents;

public static class DocumentSetup
{
    /// <summary>The desk's source documents: their writes and their summaries.</summary>
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DocumentWrites>();
        return builder;
    }

    /// <summary>The documents' summaries, folded inline.</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add(new DocumentSummaryProjection(), ProjectionLifecycle.Inline);
        DocumentSummaryProjection.MapDocuments(options);
    }
}
