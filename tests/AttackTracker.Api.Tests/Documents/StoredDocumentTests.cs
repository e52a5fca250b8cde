using System.Net;
using Alba;
using AttackTracker.Api.Documents;
using AttackTracker.Api.Sources;
using AttackTracker.Domain.Sources;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>Source documents (docs/desk.md): an article's text stored once, addressed by its SHA-256, never changed.</summary>
public sealed class StoredDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_same_text_is_stored_once_and_answered_as_the_same_document()
    {
        var text = DocumentBodies.Seed(1).Replace("Anthony Torres", $"Anthony Torres {Guid.NewGuid():N}", StringComparison.Ordinal);
        var another = $"Another outlet {Guid.NewGuid():N}";

        var first = await host.Post("/api/documents", DocumentBodies.Body(text).ToJsonString(), HttpStatusCode.Created);
        var second = await host.Post("/api/documents", DocumentBodies.Body(text, publisher: another).ToJsonString(), HttpStatusCode.OK);

        Assert.Equal(await first.ReadAsTextAsync(), await second.ReadAsTextAsync());
        var (created, again) = (await first.Read<DocumentInfo>(), await second.Read<DocumentInfo>());
        Assert.Equal(DocumentBodies.Sha256(text), created.Id);
        Assert.Equal("World Socialist Web Site", again.Publisher.Name);
        Assert.Equal($"/api/documents/{created.Id}", first.Context.Response.Headers.Location.ToString());
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'document_stored' AND data->>'documentId' = '{created.Id}'"));
        Assert.Equal(0, await host.CountAsync($"mt_events WHERE type = 'source_registered' AND data->>'name' = '{another}'"));
    }

    [Fact]
    public async Task The_text_is_read_back_exactly_as_sent_with_its_leading_space_and_markup()
    {
        var text = $"\n\n  <script>alert('x')</script> Four people died. ✓ 𝄞 {Guid.NewGuid():N}\n\tEnd.  ";

        var id = (await host.StoreDocument(text)).Id;
        var document = await host.Get<DocumentView>($"/api/documents/{id}");

        Assert.Equal(text, document.Text);
        Assert.Equal(text.Length, document.Length);
        Assert.Equal(DocumentBodies.Sha256(text), id);
        Assert.Equal(ApiHost.EditorName, document.StoredBy);
        Assert.Equal("2018-03-29", document.PublishedAt.ToString());
    }

    [Fact]
    public async Task Line_ends_are_stored_as_LF_so_a_pasted_article_is_the_same_document()
    {
        var lines = $"Two people were killed.\nA {Guid.NewGuid():N} report.\n";

        var posted = (await host.StoreDocument(lines)).Id;
        var pasted = (await host.StoreDocument(lines.Replace("\n", "\r\n", StringComparison.Ordinal))).Id;

        Assert.Equal(posted, pasted);
        Assert.Equal(DocumentBodies.Sha256(lines), posted);
    }

    [Fact]
    public async Task A_new_publisher_is_registered_and_a_known_one_is_cited_as_reports_cite_sources()
    {
        var name = $"Outlet {Guid.NewGuid():N}";

        var id = (await host.StoreDocument($"One person was wounded. {Guid.NewGuid():N}", name)).Id;
        var second = (await host.StoreDocument($"One person died. {Guid.NewGuid():N}", name)).Id;

        var sources = (await host.Get<List<SourceSummaryView>>("/api/sources")).Where(s => s.Name == name).ToList();
        var source = Assert.Single(sources);
        Assert.Equal((SourceKind.News, Reliability.C), (source.Kind, source.Reliability));
        var document = await host.Get<DocumentView>($"/api/documents/{id}");
        Assert.Equal(source.Id, document.Publisher.Id);
        Assert.NotEqual(id, second);
    }

    [Fact]
    public async Task Posting_one_new_text_four_times_at_once_stores_it_once()
    {
        var text = $"Three people were killed in a {Guid.NewGuid():N} attack.";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Scenario(s =>
        {
            s.PostDocument(DocumentBodies.Body(text));
            s.IgnoreStatusCode();
        })));

        Assert.Equal(1, responses.Count(r => r.Context.Response.StatusCode == (int)HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.Context.Response.StatusCode == (int)HttpStatusCode.OK));
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'document_stored' AND data->>'documentId' = '{DocumentBodies.Sha256(text)}'"));
    }

    [Fact]
    public async Task The_suggestions_of_a_seed_article_come_with_their_passages_and_confidences()
    {
        var text = DocumentBodies.Seed(1);
        var id = (await host.StoreDocument(text)).Id;

        // Read as JSON: a suggestion's value has a shape per kind, which the service's type holds as an object.
        var answer = await host.GetJson($"/api/documents/{id}/suggestions");

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
        foreach (var url in new[] { $"/api/documents/{id}", $"/api/documents/{id}/suggestions" })
        {
            var result = await host.Scenario(s =>
            {
                s.WithKey(null).Get.Url(url);
                s.StatusCodeShouldBe(HttpStatusCode.NotFound);
                s.ContentTypeShouldBe("application/problem+json");
            });
            await ProblemAssert.IsProblemAsync(result, HttpStatusCode.NotFound);
        }
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

        var result = await host.Scenario(s =>
        {
            s.PostJson("/api/documents", body);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });

        await ProblemAssert.IsProblemAsync(result, HttpStatusCode.BadRequest);
        Assert.Contains(field, (await result.Read<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_text_over_200_KiB_is_refused_and_one_at_the_limit_is_stored()
    {
        var unique = Guid.NewGuid().ToString("N");
        var atLimit = unique + new string('a', 200 * 1024 - unique.Length);

        await host.ValidationProblem(s => s.PostDocument(DocumentBodies.Body(atLimit + "a")), "text");
        await host.Post("/api/documents", DocumentBodies.Body(atLimit).ToJsonString(), HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_analyst_may_store_a_document_and_a_reader_or_no_key_may_not()
    {
        var analyst = await host.CreateKeyAsync($"analyst-{Guid.NewGuid():N}", "analyst");
        var reader = await host.CreateKeyAsync($"reader-{Guid.NewGuid():N}", "reader");
        var body = DocumentBodies.Body($"Five people were wounded. {Guid.NewGuid():N}");

        await host.Post("/api/documents", body.ToJsonString(), HttpStatusCode.Unauthorized, s => s.WithKey(null));
        await host.Post("/api/documents", body.ToJsonString(), HttpStatusCode.Forbidden, s => s.WithKey(reader));
        await host.Post("/api/documents", body.ToJsonString(), HttpStatusCode.Created, s => s.WithKey(analyst));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer()
    {
        var body = DocumentBodies.Body($"Six people were killed. {Guid.NewGuid():N}").ToJsonString();
        var key = Guid.NewGuid().ToString();

        var first = await host.Post("/api/documents", body, HttpStatusCode.Created, s => s.WithRequestHeader("Idempotency-Key", key));
        var retry = await host.Post("/api/documents", body, HttpStatusCode.Created, s =>
        {
            s.WithRequestHeader("Idempotency-Key", key);
            s.Header("Idempotent-Replayed").SingleValueShouldEqual("true");
        });

        Assert.Equal(await first.ReadAsTextAsync(), await retry.ReadAsTextAsync());
    }
}
