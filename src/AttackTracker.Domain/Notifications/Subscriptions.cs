namespace AttackTracker.Domain.Notifications;

/// <summary>Which notifications a subscription (or a live feed) wants; an absent list means every one.</summary>
public sealed record SubscriptionFilter(IReadOnlyList<Guid>? IncidentIds = null, IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? Kinds = null)
{
    public static SubscriptionFilter Everything { get; } = new();

    public bool Matches(Guid incidentId, string? country, string kind) =>
        (IncidentIds is null || IncidentIds.Contains(incidentId))
        && (Countries is null || (country is not null && Countries.Contains(country)))
        && (Kinds is null || Kinds.Contains(kind));
}

/// <summary>A subscription as a client sends it.</summary>
public sealed record SubscriptionRequest(string? Url, string? Description, SubscriptionFilterRequest? Filter);

/// <summary>A filter as a client sends it: lists that may be missing, empty or wrong.</summary>
public sealed record SubscriptionFilterRequest(IReadOnlyList<Guid>? IncidentIds, IReadOnlyList<string>? Countries, IReadOnlyList<string>? Kinds);

/// <summary>A subscription that passed <see cref="SubscriptionRules.Validate"/>.</summary>
public sealed record NewSubscription(Uri Url, string? Description, SubscriptionFilter Filter);

/// <summary>What a subscription's target and filter must be (issue 11): checked before anything is stored.</summary>
public static class SubscriptionRules
{
    public const int MaxFilterItems = 100;
    public const int DescriptionLength = Limits.ShortTextLength;

    public static NewSubscription? Validate(SubscriptionRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var url = Target("url", request.Url, errors);
        var description = errors.Text("description", request.Description, DescriptionLength);
        var filter = Filter("filter", request.Filter, errors);
        return url is null || filter is null || !errors.IsEmpty ? null : new NewSubscription(url, description, filter);
    }

    /// <summary>
    /// An absolute http or https URL with a host, and without credentials (they would be stored,
    /// listed and logged) or a fragment (never sent). Whether the host may be a private address is
    /// decided when connecting (the service's Webhooks:AllowPrivateNetworks).
    /// </summary>
    public static Uri? Target(string path, string? value, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = errors.Text(path, value, Limits.UrlLength, required: true);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(path, "must be an absolute http or https URL.");
            return null;
        }

        if (uri.Host.Length == 0 || text.Contains("///", StringComparison.Ordinal))
        {
            errors.Add(path, "must name a host.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            errors.Add(path, "must not carry credentials (user:password@); the signature authenticates the sender.");
            return null;
        }

        if (uri.Fragment.Length > 0)
        {
            errors.Add(path, "must not have a fragment (#...); it is never sent.");
            return null;
        }

        return uri;
    }

    /// <summary>A filter's lists: known kinds, ISO 3166-1 alpha-2 countries, incident ids that are not empty, at most 100 of each.</summary>
    public static SubscriptionFilter? Filter(string path, SubscriptionFilterRequest? filter, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (filter is null)
        {
            return SubscriptionFilter.Everything;
        }

        var before = errors.HasErrorsUnder(path);
        var incidents = List(path + ".incidentIds", filter.IncidentIds, errors, (id, at) =>
        {
            if (id == Guid.Empty)
            {
                errors.Add(at, "must not be the empty id.");
            }
        });
        var countries = List(path + ".countries", filter.Countries, errors, (country, at) =>
        {
            if (!Countries.IsCode(country))
            {
                errors.Add(at, $"'{Shown(country)}' is not an ISO 3166-1 alpha-2 country code (such as FR).");
            }
        });
        var kinds = List(path + ".kinds", filter.Kinds, errors, (kind, at) =>
        {
            if (kind is null || !ChangeNotifications.Kinds.Contains(kind))
            {
                errors.Add(at, $"'{Shown(kind)}' is not a notification kind; the kinds are {string.Join(", ", ChangeNotifications.Kinds)}.");
            }
        });
        return !before && errors.HasErrorsUnder(path) ? null : new SubscriptionFilter(incidents, countries, kinds);
    }

    private static IReadOnlyList<T>? List<T>(string path, IReadOnlyList<T>? items, ValidationErrors errors, Action<T, string> check)
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            errors.Add(path, "must not be empty; leave it out to match everything.");
            return null;
        }

        if (items.Count > MaxFilterItems)
        {
            errors.Add(path, $"has {items.Count} items; the limit is {MaxFilterItems}.");
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            check(items[i], $"{path}[{i}]");
        }

        return [.. items.Distinct()];
    }

    private static string Shown(string? text) => text is null ? "null" : text.Length > 40 ? text[..40] + "…" : text;
}
