using System.Net;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests;

public sealed class SecurityTests(ApiHost factory) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_write_without_a_key_is_401_problem_details_and_writes_nothing()
    {
        var events = await factory.CountAsync("mt_events");

        var response = await factory.CreateClient(apiKey: null).PostAsync("/api/incidents", Carcassonne);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(events, await factory.CountAsync("mt_events"));
    }

    [Fact]
    public async Task Each_role_may_do_its_own_part_and_gets_403_beyond_it()
    {
        var reader = factory.CreateClient(await factory.CreateKeyAsync("reader-" + Guid.NewGuid(), Roles.Reader));
        var analyst = factory.CreateClient(await factory.CreateKeyAsync("analyst-" + Guid.NewGuid(), Roles.Analyst));
        var id = await analyst.OpenIncidentAsync();
        var report = await analyst.PostReportOkAsync(id, Report("Outlet", "2018-03-24", Killed(4)));
        var retraction = new { reportId = (Guid)report["reportId"]!, kind = "entered-in-error", reason = "test" };

        var readerWrites = await reader.PostReportAsync(id, Report("Outlet", "2018-03-24", Killed(4)));
        var readerReads = await reader.GetAsync($"/api/incidents/{id}");
        var analystRetracts = await analyst.PostAsync($"/api/incidents/{id}/retractions", retraction);
        var analystRebuilds = await analyst.PostAsync("/api/admin/rebuild", new { });
        var editorRetracts = await factory.CreateClient().PostAsync($"/api/incidents/{id}/retractions", retraction);

        Assert.Equal(HttpStatusCode.Forbidden, readerWrites.StatusCode);
        Assert.Equal("application/problem+json", readerWrites.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, readerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystRetracts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystRebuilds.StatusCode);
        Assert.Equal(HttpStatusCode.Created, editorRetracts.StatusCode);
    }

    [Fact]
    public async Task The_key_name_is_recorded_as_recorded_by_on_every_event()
    {
        var name = "analyst-" + Guid.NewGuid().ToString("N")[..8];
        var analyst = factory.CreateClient(await factory.CreateKeyAsync(name, Roles.Analyst));
        var id = await analyst.OpenIncidentAsync();
        await analyst.PostReportOkAsync(id, Report("Outlet", "2018-03-24", Killed(4)));

        var events = await analyst.GetJsonAsync($"/api/incidents/{id}/events");

        Assert.Equal(3, events["items"]!.AsArray().Count);
        Assert.All(events["items"]!.AsArray(), e => Assert.Equal(name, (string?)e!["recordedBy"]));
    }

    [Fact]
    public async Task Reads_are_open_by_default_but_a_bad_or_revoked_key_is_refused()
    {
        var name = "revoked-" + Guid.NewGuid();
        var revoked = await factory.CreateKeyAsync(name, Roles.Reader);
        await factory.Services.GetRequiredService<ApiKeys>().RevokeAsync(name);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient(apiKey: null).GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient("atk_not_a_key").GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient(revoked).GetAsync("/api/incidents")).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_stops_working_once_the_remembered_key_expires()
    {
        var clock = new SteppedClock();
        var services = factory.Services;
        var here = new ApiKeys(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<StoreSettings>(), clock, TimeSpan.FromSeconds(5));
        var elsewhere = new ApiKeys(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<StoreSettings>());
        var name = "remembered-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await here.CreateAsync(name, Roles.Reader);

        Assert.Equal(name, (await here.FindActiveAsync(secret, CancellationToken.None))?.Name);
        Assert.True(await elsewhere.RevokeAsync(name));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(name, (await here.FindActiveAsync(secret, CancellationToken.None))?.Name);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await here.FindActiveAsync(secret, CancellationToken.None));
        Assert.Null(await here.FindActiveAsync("atk_never_issued", CancellationToken.None));
    }

    [Fact]
    public async Task A_key_revoked_through_the_service_is_refused_at_once()
    {
        var name = "at-once-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await factory.CreateKeyAsync(name, Roles.Analyst);
        var client = factory.CreateClient(secret);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/incidents", Carcassonne)).StatusCode);

        await factory.Services.GetRequiredService<ApiKeys>().RevokeAsync(name);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/incidents", Carcassonne)).StatusCode);
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task The_development_key_is_revoked_when_the_service_starts_outside_development()
    {
        var keys = factory.Services.GetRequiredService<ApiKeys>();
        const string secret = "atk_development_only_not_for_production_0001";
        await keys.EnsureAsync(DevelopmentKey.Name, Roles.Editor, secret);
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient(secret).PostAsync("/api/incidents", Carcassonne)).StatusCode);

        await new DevelopmentKey(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }, factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), keys)
            .StartAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient(secret).PostAsync("/api/incidents", Carcassonne)).StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var secret = await factory.CreateKeyAsync("hashed-" + Guid.NewGuid(), Roles.Reader);

        await using var command = factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"SELECT count(*) FROM \"{factory.Schema}\".api_keys WHERE key_hash = $1 OR name = $2 OR key_hash = convert_to($2, 'UTF8')");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeys.Hash(secret) });
        command.Parameters.Add(new NpgsqlParameter { Value = secret });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        Assert.StartsWith(ApiKeys.Prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length > 40);
    }

    [Fact]
    public async Task Responses_carry_hardening_headers_and_no_cors_grant_by_default()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_a_stack_trace()
    {
        var client = factory.CreateClient();
        var id = await client.OpenIncidentAsync();
        await factory.ExecuteAsync($"UPDATE __schema__.mt_doc_incidentstate SET data = '{{\"reports\": 5}}' WHERE id = '{id}'");

        var response = await client.GetAsync($"/api/incidents/{id}/reports");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AttackTracker.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_role_cannot_change_or_remove_stored_events_or_their_links()
    {
        var client = factory.CreateClient();
        var id = await client.OpenIncidentAsync();
        var service = factory.Services.GetRequiredService<NpgsqlDataSource>();

        async Task<PostgresException> AsServiceAsync(string sql)
        {
            await using var command = service.CreateCommand(sql.Replace("__schema__", $"\"{factory.Schema}\"", StringComparison.Ordinal));
            return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }

        PostgresException[] refused =
        [
            await AsServiceAsync($"UPDATE __schema__.mt_events SET data = '{{}}' WHERE stream_id = '{id}'"),
            await AsServiceAsync($"DELETE FROM __schema__.mt_events WHERE stream_id = '{id}'"),
            await AsServiceAsync("TRUNCATE __schema__.mt_events"),
            await AsServiceAsync($"UPDATE __schema__.event_hashes SET hash = '\\x00' WHERE stream_id = '{id}'"),
            await AsServiceAsync($"DELETE FROM __schema__.event_hashes WHERE stream_id = '{id}'"),
            await AsServiceAsync($"INSERT INTO __schema__.event_hashes (stream_id, version, seq_id, recorded_at, hash) VALUES ('{id}', 9, 9, now(), '\\x00')"),
            await AsServiceAsync($"DELETE FROM __schema__.mt_streams WHERE id = '{id}'"),
            await AsServiceAsync("DELETE FROM __schema__.api_keys"),
            await AsServiceAsync("TRUNCATE __schema__.idempotency_keys"),
            await AsServiceAsync("SELECT setval('__schema__.mt_events_sequence', 1)"),
        ];
        await using var whoami = service.CreateCommand("SELECT current_user");

        Assert.Equal("attacktracker_service", await whoami.ExecuteScalarAsync());
        Assert.All(refused, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        var integrity = await client.GetJsonAsync($"/api/incidents/{id}/integrity");
        Assert.Equal((1L, true), ((long)integrity["eventsChecked"]!, (bool)integrity["intact"]!));
    }

    [Fact]
    public async Task Even_the_owner_cannot_update_delete_or_truncate_events()
    {
        var id = await factory.CreateClient().OpenIncidentAsync();

        foreach (var sql in new[]
        {
            $"UPDATE __schema__.mt_events SET data = '{{}}' WHERE stream_id = '{id}'",
            $"DELETE FROM __schema__.mt_events WHERE stream_id = '{id}'",
            "TRUNCATE __schema__.mt_events",
            $"UPDATE __schema__.event_hashes SET hash = '\\x00' WHERE stream_id = '{id}'",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => factory.ExecuteAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await factory.CountAsync($"mt_events WHERE stream_id = '{id}'"));
    }
}

public sealed class ClosedReadsHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:ReadsRequireKey"] = "true",
        ["Cors:AllowedOrigins:0"] = "https://newsroom.example",
    };
}

public sealed class ClosedReadsTests(ClosedReadsHost factory) : IClassFixture<ClosedReadsHost>
{
    [Fact]
    public async Task With_reads_closed_a_read_needs_a_key()
    {
        var reader = await factory.CreateKeyAsync("reader", Roles.Reader);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient(apiKey: null).GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient(reader).GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient(apiKey: null).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_is_granted_and_others_are_not()
    {
        async Task<HttpResponseMessage> FromAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
            request.Headers.Add("Origin", origin);
            return await factory.CreateClient().SendAsync(request);
        }

        var allowed = await FromAsync("https://newsroom.example");
        var other = await FromAsync("https://elsewhere.example");

        Assert.Equal("https://newsroom.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://newsroom.example", true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task A_preflight_is_a_204_granted_only_to_a_configured_origin(string origin, bool granted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/incidents");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");

        var response = await factory.CreateClient(apiKey: null).SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(granted, response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class RateLimitedHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimit:PermitsPerSecond"] = "1",
        ["RateLimit:Burst"] = "3",
    };
}

public sealed class RateLimitTests(RateLimitedHost factory) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Past_its_burst_a_key_gets_429_with_retry_after()
    {
        var client = factory.CreateClient(await factory.CreateKeyAsync("busy", Roles.Reader));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/api/incidents"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.True(limited.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient(apiKey: null).GetAsync("/health")).StatusCode);
    }
}
