using System.Net;
using Alba;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Security;

public sealed class ApiKeyTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_write_without_a_key_is_401_problem_details_and_writes_nothing()
    {
        var events = await host.CountAsync("mt_events");

        var response = await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Unauthorized, s =>
        {
            s.WithKey(null);
            s.ContentTypeShouldBe("application/problem+json");
        });

        Assert.Contains("Bearer", response.Context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }

    [Fact]
    public async Task Each_role_may_do_its_own_part_and_gets_403_beyond_it()
    {
        var reader = await host.CreateKeyAsync("reader-" + Guid.NewGuid(), Roles.Reader);
        var analyst = await host.CreateKeyAsync("analyst-" + Guid.NewGuid(), Roles.Analyst);
        var opened = await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Created, s => s.WithKey(analyst));
        var id = (await opened.Read<IncidentView>()).Id;
        var report = await (await host.Post($"/api/incidents/{id}/reports", Report("Outlet", "2018-03-24", Killed(4)), HttpStatusCode.Created, s => s.WithKey(analyst))).Read<ReportCreated>();
        var retraction = new { reportId = report.ReportId, kind = "entered-in-error", reason = "test" };

        await host.Post($"/api/incidents/{id}/reports", Report("Outlet", "2018-03-24", Killed(4)), HttpStatusCode.Forbidden, s =>
        {
            s.WithKey(reader);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await host.Answers(HttpStatusCode.OK, s => s.WithKey(reader).Get.Url($"/api/incidents/{id}"));
        await host.Post($"/api/incidents/{id}/retractions", retraction, HttpStatusCode.Forbidden, s => s.WithKey(analyst));
        await host.Post("/api/admin/rebuild", new { }, HttpStatusCode.Forbidden, s => s.WithKey(analyst));
        await host.Post($"/api/incidents/{id}/retractions", retraction, HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_key_name_is_recorded_as_recorded_by_on_every_event()
    {
        var name = "analyst-" + Guid.NewGuid().ToString("N")[..8];
        var analyst = await host.CreateKeyAsync(name, Roles.Analyst);
        var opened = await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Created, s => s.WithKey(analyst));
        var id = (await opened.Read<IncidentView>()).Id;
        await host.Post($"/api/incidents/{id}/reports", Report("Outlet", "2018-03-24", Killed(4)), HttpStatusCode.Created, s => s.WithKey(analyst));

        var events = await (await host.Answers(HttpStatusCode.OK, s => s.WithKey(analyst).Get.Url($"/api/incidents/{id}/events"))).Read<EventPage>();

        Assert.Equal(3, events.Items.Count);
        Assert.All(events.Items, e => Assert.Equal(name, e.RecordedBy));
    }

    [Fact]
    public async Task Reads_are_open_by_default_but_a_bad_or_revoked_key_is_refused()
    {
        var name = "revoked-" + Guid.NewGuid();
        var revoked = await host.CreateKeyAsync(name, Roles.Reader);
        await host.Services.GetRequiredService<ApiKeys>().RevokeAsync(name);

        await host.Answers(HttpStatusCode.OK, s => s.WithKey(null).Get.Url("/api/incidents"));
        await host.Answers(HttpStatusCode.Unauthorized, s => s.WithKey("atk_not_a_key").Get.Url("/api/incidents"));
        await host.Answers(HttpStatusCode.Unauthorized, s => s.WithKey(revoked).Get.Url("/api/incidents"));
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_stops_working_once_the_remembered_key_expires()
    {
        var clock = new SteppedClock();
        var services = host.Services;
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
        var secret = await host.CreateKeyAsync(name, Roles.Analyst);
        await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Created, s => s.WithKey(secret));

        await host.Services.GetRequiredService<ApiKeys>().RevokeAsync(name);

        await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Unauthorized, s => s.WithKey(secret));
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
        var keys = host.Services.GetRequiredService<ApiKeys>();
        const string secret = "atk_development_only_not_for_production_0001";
        await keys.EnsureAsync(DevelopmentKey.Name, Roles.Editor, secret);
        await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Created, s => s.WithKey(secret));

        await new DevelopmentKey(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }, host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), keys)
            .StartAsync(CancellationToken.None);

        await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Unauthorized, s => s.WithKey(secret));
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var secret = await host.CreateKeyAsync("hashed-" + Guid.NewGuid(), Roles.Reader);

        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"SELECT count(*) FROM \"{host.Schema}\".api_keys WHERE key_hash = $1 OR name = $2 OR key_hash = convert_to($2, 'UTF8')");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeys.Hash(secret) });
        command.Parameters.Add(new NpgsqlParameter { Value = secret });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        Assert.StartsWith(ApiKeys.Prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length > 40);
    }
}
