using Wolverine;

namespace AttackTracker.Api.Notifications;

public static class NotificationSetup
{
    /// <summary>The local durable queue the outbox hands IncidentChanged to.</summary>
    public const string Queue = "notifications";

    /// <summary>Change notifications (docs/notifications.md): the change log, webhooks and the live feed.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(WebhookSettings.Read(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<ChangeLog>().AddSingleton<WebhookStore>().AddSingleton<WebhookDeliveries>().AddSingleton<WebhookDeadLetters>();
        builder.Services.AddSingleton<WebhookSender>().AddSingleton<ReceiverHealth>();
        builder.Services.AddSingleton<ChangeFeed>().AddSingleton<LiveFeeds>().AddSingleton<HorizonWatch>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    /// <summary>IncidentChanged goes through the durable outbox to a durable local queue, whose inbox keeps it until handled.</summary>
    public static void Route(WolverineOptions wolverine)
    {
        ArgumentNullException.ThrowIfNull(wolverine);
        wolverine.PublishMessage<IncidentChanged>().ToLocalQueue(Queue).UseDurableInbox();
    }
}
