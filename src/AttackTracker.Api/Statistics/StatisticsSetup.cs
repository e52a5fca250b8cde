using Marten;

namespace AttackTracker.Api.Statistics;

public static class StatisticsSetup
{
    /// <summary>The statistics' readers: the spans' aggregate and the fold of every incident (the both-axes answer and verify's oracle).</summary>
    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<StatsReader>().AddSingleton<StatsOracle>();
        return builder;
    }

    /// <summary>The statistics' spans, kept on the daemon (StatisticsSubscription, docs/adr/0006).</summary>
    public static void ConfigureStore(StoreOptions options, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.Subscribe(new StatisticsSubscription(schema));
    }
}
