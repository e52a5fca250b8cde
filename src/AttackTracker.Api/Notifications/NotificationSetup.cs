using Marten;

namespace AttackTracker.Api.Notifications;

public static class NotificationSetup
{
    /// <summary>Change notifications (docs/notifications.md): the change log, webhooks and the live feed.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(WebhookSettings.Read(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<ChangeLog>().AddSingleton<Store.ICommitRecorder>(services => services.GetRequiredService<ChangeLog>());
        builder.Services.AddSingleton<WebhookStore>().AddSingleton<WebhookDeliveries>().AddSingleton<WebhookDeadLetters>();
        builder.Services.AddSingleton<WebhookSender>().AddSingleton<ReceiverHealth>();
        builder.Services.AddSingleton<ChangeFeed>().AddSingleton<LiveFeeds>().AddSingleton<HorizonWatch>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    /// <summary>The live feed's horizon: how far the daemon has seen every commit (ChangeFeed.cs).</summary>
    public static void ConfigureStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.Subscribe(new ChangeFeedHorizon());
    }
}
