namespace AttackTracker.Api.TimeTravel;

public static class TimeTravelSetup
{
    /// <summary>Views as of a time or a version, folded again from the events (docs/time-travel.md).</summary>
    public static WebApplicationBuilder AddTimeTravel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IncidentTimeMachine>().AddSingleton<HistoryCache>();
        return builder;
    }
}
