namespace AttackTracker.Api.Samples;

public static class SampleSetup
{
    /// <summary>The transcribed seed reports, loaded on first start against an empty database.</summary>
    public static WebApplicationBuilder AddSamples(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<SampleLoader>();
        return builder;
    }
}
