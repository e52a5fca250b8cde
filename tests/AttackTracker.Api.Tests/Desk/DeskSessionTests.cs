using System.Net;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Desk;

/// <summary>A host whose desk sessions last two seconds.</summary>
public sealed class ShortSessionHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Desk:SessionLifetime"] = "00:00:02" };
}

/// <summary>The end of a desk session (docs/desk.md): its lifetime.</summary>
public sealed class DeskSessionTests(ShortSessionHost host) : IClassFixture<ShortSessionHost>
{
    [Fact]
    public async Task An_expired_session_is_sent_back_to_sign_in_and_its_form_writes_nothing()
    {
        var key = await host.CreateKeyAsync("desk-short-" + Guid.NewGuid().ToString("N")[..8], Roles.Analyst);
        using var client = new DeskClient(host);
        await client.SignInAsync(key);
        var form = DeskClient.With(DeskClient.Form(await client.PageAsync("/desk"), "article-form"),
            ("Article.Text", "Two people were killed. " + Guid.NewGuid()), ("Article.Title", "Expired"), ("Article.Publisher", "Desk Test Wire"), ("Article.PublishedAt", "2018-03-29"));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var page = await client.SendAsync(HttpMethod.Get, "/desk");
        var post = await client.PostAsync("/desk", form);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/desk/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/desk/sign-in", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("mt_events WHERE type = 'document_stored' AND data->>'title' = 'Expired'"));
    }
}
