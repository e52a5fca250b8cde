using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>Source documents (docs/desk.md): an article's text stored once, addressed by its SHA-256, never changed.</summary>
public sealed class StoredDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_same_text_is_stored_once_and_answered_as_the_same_document()
    {
        var client = host.CreateClient();
        var text = DocumentBodies.Seed(1).Replace("Anthony Torres", $"Anthony Torres {Guid.NewGuid():N}", StringComparison.Ordinal);
        var another = $"Another outlet {Guid.NewGuid():N}";

        var first = await client.PostDocumentAsync(DocumentBodies.Body(text));
        var second = await client.PostDocumentAsync(DocumentBodies.Body(text, publisher: another));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (created, again) = (await first.ReadJsonAsync(), await second.ReadJsonAsync());
        Assert.Equal(DocumentBodies.Sha256(text), (string)created["id"]!);
        Assert.Equal(created.ToJsonString(), again.ToJsonString());
        Assert.Equal("World Socialist Web Site", (string)again["publisher"]!["name"]!);
        Assert.Equal($"/api/documents/{created["id"]}", first.Headers.Location!.ToString());
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'document_stored' AND data->>'documentId' = '{created["id"]}'"));
        Assert.Equal(0, await host.CountAsync($"mt_events WHERE type = 'source_registered' AND data->>'name' = '{another}'"));
    }

    [Fact]
    public async Task The_text_is_read_back_exactly_as_sent_with_its_leading_space_and_markup()
    {
        var client = host.CreateClient();
        var text = $"\n\n  <script>alert('x')</script> Four people died. ✓ 𝄞 {Guid.NewGuid():N}\n\tEnd.  ";

        var id = await client.StoreDocumentAsync(text);
        var document = await client.GetJsonAsync($"/api/documents/{id}");

        Assert.Equal(text, (string)document["text"]!);
        Assert.Equal(text.Length, (int)document["length"]!);
        Assert.Equal(DocumentBodies.Sha256(text), id);
        Assert.Equal(ApiHost.EditorName, (string)document["storedBy"]!);
        Assert.Equal("2018-03-29", (string)document["publishedAt"]!);
    }

    [Fact]
    public async Task Line_ends_are_stored_as_LF_so_a_pasted_article_is_the_same_document()
    {
        var client = host.CreateClient();
        var lines = $"Two people were killed.\nA {Guid.NewGuid():N} report.\n";

        var posted = await client.StoreDocumentAsync(lines);
        var pasted = await client.StoreDocumentAsync(lines.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(posted, pasted);
        Assert.Equal(DocumentBodies.Sha256(lines), posted);
    }

    [Fact]
    public async Task A_new_publisher_is_registered_and_a_known_one_is_cited_as_reports_cite_sources()
    {
        var client = host.CreateClient();
        var name = $"Outlet {Guid.NewGuid():N}";

        var id = await client.StoreDocumentAsync($"One person was wounded. {Guid.NewGuid():N}", name);
        var second = await client.StoreDocumentAsync($"One person died. {Guid.NewGuid():N}", name);

        var sources = (await client.GetFromJsonAsync<JsonArray>("/api/sources"))!.Where(s => (string)s!["name"]! == name).ToList();
        var source = Assert.Single(sources);
        Assert.Equal(("news", "C"), ((string)source!["kind"]!, (string)source["reliability"]!));
        var document = await client.GetJsonAsync($"/api/documents/{id}");
        Assert.Equal((string)source["id"]!, (string)document["publisher"]!["id"]!);
        Assert.NotEqual(id, second);
    }

    [Fact]
    public async Task Posting_one_new_text_four_times_at_once_stores_it_once()
    {
        var client = host.CreateClient();
        var text = $"Three people were killed in a {Guid.NewGuid():N} attack.";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostDocumentAsync(DocumentBodies.Body(text))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'document_stored' AND data->>'documentId' = '{DocumentBodies.Sha256(text)}'"));
    }

    [Fact]
    public async Task The_suggestions_of_a_seed_article_come_with_their_passages_and_confidences()
    {
        var client = host.CreateClient();
        var text = DocumentBodies.Seed(1);
        var id = await client.StoreDocumentAsync(text);

        var answer = await client.GetJsonAsync($"/api/documents/{id}/suggestions");

        Assert.Equal(id, (string)answer["document"]!);
        var suggestions = answer["suggestions"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.All(suggestions, s =>
        {
            var passage = s["passage"]!;
            Assert.Equal(text[(int)passage["start"]!..(int)passage["end"]!], (string)passage["text"]!);
            Assert.InRange((double)s["confidence"]!, 0, 1);
        });
        var killed = Assert.Single(suggestions, s => (string)s["kind"]! == "killed" && (string)s["value"]!["scope"]! == "victims" && (string)s["attack"]! == "this");
        Assert.Equal((4, "exact", "victims"), ((int)killed["value"]!["number"]!, (string)killed["value"]!["qualifier"]!, (string)killed["value"]!["scope"]!));
        Assert.Contains("Four people died", (string)killed["passage"]!["text"]!, StringComparison.Ordinal);
        Assert.Contains(suggestions, s => (string)s["kind"]! == "wounded" && (int)s["value"]!["number"]! == 16);
        Assert.Contains(suggestions, s => (string)s["kind"]! == "perpetrator-name" && (string)s["value"]!["name"]! == "Redouane Lakdim");
        var engine = Domain.Desk.Suggestions.Suggest(text, new Domain.Desk.SuggestOptions { PublishedAt = new DateOnly(2018, 3, 29) });
        Assert.Equal(engine.Select(e => (e.Passage.Start, e.Passage.End)), suggestions.Select(s => ((int)s["passage"]!["start"]!, (int)s["passage"]!["end"]!)));
    }

    [Theory]
    [InlineData("not-a-sha")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("%3Cscript%3E")]
    public async Task An_id_that_names_no_stored_document_is_a_404(string id)
    {
        var client = host.CreateClient(apiKey: null);

        await ProblemAssert.IsProblemAsync(await client.GetAsync(new Uri($"/api/documents/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync(new Uri($"/api/documents/{id}/suggestions", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { """{"title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
        { """{"text":"  \n\t ","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
        { """{"text":"A\u0000B","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
        { """{"text":"A\u001bB","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
        { """{"text":"A\ud800B","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
        { """{"text":"Text.","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "title" },
        { $$"""{"text":"Text.","title":"{{new string('t', 301)}}","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "title" },
        { """{"text":"Text.","title":"T","url":"javascript:alert(1)","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "url" },
        { """{"text":"Text.","title":"T","publishedAt":"2018-03-29"}""", "publisher" },
        { """{"text":"Text.","title":"T","publisher":{"kind":"news"},"publishedAt":"2018-03-29"}""", "publisher.name" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P\u202Eevil"},"publishedAt":"2018-03-29"}""", "publisher.name" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P","reliability":"Z"},"publishedAt":"2018-03-29"}""", "publisher.reliability" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P"}}""", "publishedAt" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P"},"publishedAt":"2999-01-01"}""", "publishedAt" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P"},"publishedAt":"29/03/2018"}""", "publishedAt" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29","language":"english please"}""", "language" },
        { """{"text":"Text.","title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29","author":"X"}""", "author" },
        { """{"text":42,"title":"T","publisher":{"name":"P"},"publishedAt":"2018-03-29"}""", "text" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_document_is_a_400_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var before = await host.CountWritesAsync();

        var problem = await ProblemAssert.IsProblemAsync(await host.CreateClient().PostJsonAsync("/api/documents", body), HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_text_over_200_KiB_is_refused_and_one_at_the_limit_is_stored()
    {
        var client = host.CreateClient();
        var unique = Guid.NewGuid().ToString("N");
        var atLimit = unique + new string('a', 200 * 1024 - unique.Length);

        var refused = await client.PostDocumentAsync(DocumentBodies.Body(atLimit + "a"));
        var stored = await client.PostDocumentAsync(DocumentBodies.Body(atLimit));

        await ProblemAssert.IsValidationProblemAsync(refused, "text");
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
    }

    [Fact]
    public async Task An_analyst_may_store_a_document_and_a_reader_or_no_key_may_not()
    {
        var analyst = host.CreateClient(await host.CreateKeyAsync($"analyst-{Guid.NewGuid():N}", "analyst"));
        var reader = host.CreateClient(await host.CreateKeyAsync($"reader-{Guid.NewGuid():N}", "reader"));
        var body = DocumentBodies.Body($"Five people were wounded. {Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(apiKey: null).PostDocumentAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostDocumentAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostDocumentAsync(body)).StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer()
    {
        var client = host.CreateClient();
        var body = DocumentBodies.Body($"Six people were killed. {Guid.NewGuid():N}").ToJsonString();
        var key = Guid.NewGuid().ToString();

        var first = await client.PostJsonAsync("/api/documents", body, r => r.Headers.Add("Idempotency-Key", key));
        var retry = await client.PostJsonAsync("/api/documents", body, r => r.Headers.Add("Idempotency-Key", key));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }
}
