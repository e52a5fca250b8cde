using System.Net;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Tests.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace AttackTracker.Api.Tests.Desk;

/// <summary>
/// The desk's forms over HTTP (docs/desk.md): the session cookie, the antiforgery token on every
/// post, one report however many times the same form is submitted, and hostile markup kept as text.
/// The host runs outside Development, so the cookies are Secure and the client speaks https.
/// </summary>
public sealed class DeskFormTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<DeskClient> SignedInAsync(string role = Roles.Analyst)
    {
        var key = await host.CreateKeyAsync("desk-" + Guid.NewGuid().ToString("N")[..8], role);
        var client = new DeskClient(host);
        var signedIn = await client.SignInAsync(key);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Posts the article form with the text; the answer is the redirect to its review.</summary>
    private static async Task<HttpResponseMessage> PasteAsync(DeskClient client, string text, bool withToken = true)
    {
        var form = DeskClient.With(
            DeskClient.Form(await client.PageAsync("/desk"), "article-form"),
            ("Article.Text", text), ("Article.Title", "Knife attack at the station"), ("Article.Publisher", "Desk Test Wire"), ("Article.PublishedAt", "2018-03-29"));
        return await client.PostAsync("/desk", withToken ? form : [.. form.Where(f => f.Key != "__RequestVerificationToken")]);
    }

    [Fact]
    public async Task Signing_in_sets_a_secure_http_only_strict_cookie_for_the_desk_alone()
    {
        using var client = await SignedInAsync();

        var cookie = Assert.Single(client.SetCookies, c => c.StartsWith(AttackTracker.Api.Web.DeskSession.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/desk", cookie, StringComparison.Ordinal);
        Assert.Contains("Report desk", await client.PageAsync("/desk"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_the_desk_sends_to_sign_in_and_a_reader_key_does_not_sign_in()
    {
        using var anonymous = new DeskClient(host);
        var answer = await anonymous.SendAsync(HttpMethod.Get, "/desk");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/desk/sign-in", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var reader = await host.CreateKeyAsync("desk-reader-" + Guid.NewGuid().ToString("N")[..8], Roles.Reader);
        var refused = await anonymous.SignInAsync(reader);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("may read but not write", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(AttackTracker.Api.Web.DeskSession.CookieName, anonymous.Cookies.Keys);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_stores_nothing()
    {
        using var client = await SignedInAsync();
        var text = DocumentBodies.Seed(1) + "\nCSRF " + Guid.NewGuid();

        var refused = await PasteAsync(client, text, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await host.CountAsync($"mt_events WHERE type = 'document_stored' AND data->>'documentId' = '{DocumentBodies.Sha256(text)}'"));
        var accepted = await PasteAsync(client, text);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/desk/documents/{DocumentBodies.Sha256(text)}", accepted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_same_form_submitted_twice_writes_one_report_and_lands_on_the_incident()
    {
        using var client = await SignedInAsync();
        var text = DocumentBodies.Seed(1) + "\nTwice " + Guid.NewGuid();
        var review = (await PasteAsync(client, text)).Headers.Location!.OriginalString;
        var form = DeskClient.Form(await client.PageAsync(review), "review");
        var title = "Desk incident " + Guid.NewGuid();
        var submitted = DeskClient.With(form, ("Incident", "new"), ("Opening.Title", title), ("Opening.OccurredOn", "2018-03-23"), ("Opening.Country", "FR"));

        var first = await client.PostAsync(review + "?handler=Submit", submitted);
        var second = await client.PostAsync(review + "?handler=Submit", submitted);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        var landing = first.Headers.Location!.OriginalString;
        Assert.Equal(landing, second.Headers.Location!.OriginalString);
        Assert.Matches("^/incidents/[0-9a-f-]{36}$", landing);
        var incident = landing["/incidents/".Length..];
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'report_submitted' AND stream_id = '{incident}'"));
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'incident_opened' AND data->>'title' = '{title}'"));
        var view = await host.CreateClient().GetJsonAsync($"/api/incidents/{incident}");
        Assert.Equal(4, (int)view["casualties"]!["killed"]!["best"]!);
        Assert.Equal(16, (int)view["casualties"]!["wounded"]!["best"]!);
    }

    [Fact]
    public async Task Every_fact_submitted_at_the_desk_cites_its_passage_and_the_incident_page_links_it()
    {
        using var client = await SignedInAsync();
        var text = DocumentBodies.Seed(1) + "\nLinks " + Guid.NewGuid();
        var document = DocumentBodies.Sha256(text);
        var review = (await PasteAsync(client, text)).Headers.Location!.OriginalString;
        var form = DeskClient.Form(await client.PageAsync(review), "review");
        var submitted = DeskClient.With(form, ("Incident", "new"), ("Opening.Title", "Desk links " + Guid.NewGuid()), ("Opening.OccurredOn", "2018-03-23"));
        var landing = (await client.PostAsync(review + "?handler=Submit", submitted)).Headers.Location!.OriginalString;

        var events = await host.CountAsync($"mt_events WHERE stream_id = '{landing["/incidents/".Length..]}' AND data ? 'fact'");
        var cited = await host.CountAsync($"mt_events WHERE stream_id = '{landing["/incidents/".Length..]}' AND data->'fact'->'passage'->>'document' = '{document}'");
        Assert.True(events > 3, $"{events} facts");
        Assert.Equal(events, cited);
        var page = await client.PageAsync(landing);
        var links = System.Text.RegularExpressions.Regex.Matches(page, $"href=\"/documents/{document}\\?start=(\\d+)&amp;end=(\\d+)#passage\"");
        Assert.True(links.Count >= events, $"{links.Count} links for {events} facts");
        var (start, end) = (int.Parse(links[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(links[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var shown = await client.PageAsync($"/documents/{document}?start={start}&end={end}");
        Assert.Contains($"<mark class=\"passage\" id=\"passage\" tabindex=\"-1\">{WebUtility.HtmlEncode(text[start..end])}</mark>", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_an_article_is_shown_as_text()
    {
        using var client = await SignedInAsync();
        var text = "<script>alert('x')</script> Two people were killed <img src=x onerror=\"alert(1)\"> in the attack on Friday. " + Guid.NewGuid();
        var review = (await PasteAsync(client, text)).Headers.Location!.OriginalString;

        var page = await client.PageAsync(review);

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
        var document = await client.PageAsync($"/documents/{DocumentBodies.Sha256(text)}");
        Assert.DoesNotContain("<img src=x", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions()
    {
        var name = "desk-revoked-" + Guid.NewGuid().ToString("N")[..8];
        var key = await host.CreateKeyAsync(name, Roles.Analyst);
        using var client = new DeskClient(host);
        await client.SignInAsync(key);
        Assert.Contains("Report desk", await client.PageAsync("/desk"), StringComparison.Ordinal);

        await host.Services.GetRequiredService<ApiKeys>().RevokeAsync(name);
        var answer = await client.SendAsync(HttpMethod.Get, "/desk");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/desk/sign-in", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await SignedInAsync();
        var signOut = DeskClient.Form(await client.PageAsync("/desk"), "handler=SignOut");

        var answer = await client.PostAsync("/desk?handler=SignOut", signOut);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/desk/sign-in?signedOut=1", answer.Headers.Location!.OriginalString);
        Assert.DoesNotContain(AttackTracker.Api.Web.DeskSession.CookieName, client.Cookies.Keys);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(HttpMethod.Get, "/desk")).StatusCode);
    }

    [Fact]
    public async Task A_stored_document_can_be_picked_for_review_by_its_title_or_source()
    {
        using var client = await SignedInAsync();
        var text = DocumentBodies.Seed(2) + "\nPicked " + Guid.NewGuid();
        var id = await host.CreateClient().StoreDocumentAsync(text, publisher: "Picked Wire " + Guid.NewGuid().ToString("N")[..6]);

        var listed = await client.PageAsync("/desk?q=" + Uri.EscapeDataString("picked wire"));

        Assert.Contains($"href=\"/desk/documents/{id}\"", listed, StringComparison.Ordinal);
        var review = await client.PageAsync($"/desk/documents/{id}");
        Assert.Contains("<li class=\"suggestion\"", review, StringComparison.Ordinal);
    }
}
