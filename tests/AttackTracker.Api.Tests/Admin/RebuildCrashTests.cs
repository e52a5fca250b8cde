using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using AttackTracker.Api.Tests.Exchange;

namespace AttackTracker.Api.Tests.Admin;

/// <summary>
/// A rebuild survives its service (issue 26, item 3): the service is SIGKILLed in the middle of
/// POST /api/admin/rebuild and started again. Every incident keeps a state throughout (the rebuild
/// overwrites in place), /health says "rebuilding" while the interrupted rebuild is taken up again,
/// every incident is read and written while and after it runs, and it ends equal to a fresh fold.
/// </summary>
public sealed class RebuildCrashTests
{
    private const int Incidents = 3_000;

    [Fact]
    public async Task A_rebuild_whose_service_is_killed_is_taken_up_at_restart_reported_by_health_and_leaves_every_incident_readable_and_writable()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");
        var schema = "rebuildcrash_" + Guid.NewGuid().ToString("N")[..10];
        // Small chunks, so that the rebuild of a few thousand incidents lasts long enough to be killed and watched.
        var settings = new Dictionary<string, string> { ["EventStore__Schema"] = schema, ["Rebuild__ChunkIncidents"] = "10" };
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        try
        {
            var key = await ServiceProcess.AddKeyAsync(connectionString, settings, "rebuilder", "editor");
            await using (var first = await ServiceProcess.StartAsync(connectionString, settings))
            {
                using var client = first.Client(key);
                using var import = new HttpRequestMessage(HttpMethod.Post, "/api/import/gtd?source=Global%20Terrorism%20Database&release=2021-06")
                {
                    Content = new StringContent(GtdFiles.Rows(Incidents, first: 202101010001), Encoding.UTF8, "text/csv"),
                };
                var imported = await client.SendAsync(import);
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
                await WaitAsync(client, "/api/import/jobs?pageSize=1", page => (string?)page["items"]![0]!["state"] == "completed", TimeSpan.FromMinutes(5));

                var rebuild = client.PostAsync("/api/admin/rebuild", null);
                var partway = await MarkerAsync(dataSource, schema, done => done >= 200, TimeSpan.FromMinutes(2));
                first.Kill();
                await Assert.ThrowsAnyAsync<Exception>(() => rebuild);
                Assert.InRange(partway, 200, Incidents - 1);
            }

            var left = await MarkerAsync(dataSource, schema, _ => true, TimeSpan.FromSeconds(5));
            Assert.InRange(left, 200, Incidents - 1);
            Assert.Equal((long)Incidents, await ScalarAsync(dataSource, $"""SELECT count(*) FROM "{schema}".mt_doc_incidentstate"""));

            await using var second = await ServiceProcess.StartAsync(connectionString, settings);
            using var again = second.Client(key);
            var during = await again.GetJsonAsync("/health");
            var ids = await IdsAsync(dataSource, schema);
            var writes = ids.Where((_, i) => i % 20 == 0).ToList();
            var written = await Task.WhenAll(writes.Select(async (id, n) =>
                (await again.PostReportAsync(id, ReportBodies.Note($"Written after the crash ({n})."))).StatusCode));
            var healthy = await WaitAsync(again, "/health", h => (string?)h["status"] == "healthy", TimeSpan.FromMinutes(3));
            var reads = await Task.WhenAll(ids.Chunk(ids.Count / 8 + 1).Select(async part =>
            {
                var codes = new List<HttpStatusCode>();
                foreach (var id in part)
                {
                    codes.Add((await again.GetAsync($"/api/incidents/{id}")).StatusCode);
                }

                return codes;
            }));
            var verify = await again.GetJsonAsync("/api/admin/verify");

            Assert.Equal("rebuilding", (string?)during["status"]);
            var progress = during["rebuild"]!.AsArray().Single(p => (string?)p!["part"] == "read_models")!;
            Assert.True((int)progress["resumed"]! >= 1, progress.ToJsonString());
            Assert.True((long)progress["incidentsDone"]! >= left && (long)progress["incidentsTotal"]! == Incidents, progress.ToJsonString());
            Assert.All(written, code => Assert.Equal(HttpStatusCode.Created, code));
            Assert.All(reads.SelectMany(r => r), code => Assert.Equal(HttpStatusCode.OK, code));
            Assert.Null(healthy["rebuild"]);
            Assert.Equal(0L, await ScalarAsync(dataSource, $"""SELECT count(*) FROM "{schema}".rebuild_runs"""));
            Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
            Assert.Equal(Incidents, (int)verify["incidentsChecked"]!);
        }
        finally
        {
            await ServiceProcess.DropSchemaAsync(connectionString, schema);
        }
    }

    /// <summary>How many incidents the read-model rebuild's marker says are done, once <paramref name="until"/> holds.</summary>
    private static async Task<long> MarkerAsync(Npgsql.NpgsqlDataSource dataSource, string schema, Func<long, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var command = dataSource.CreateCommand($"""SELECT done FROM "{schema}".rebuild_runs WHERE name = 'read_models'""");
            if (await command.ExecuteScalarAsync() is long done && until(done))
            {
                return done;
            }

            Assert.True(DateTime.UtcNow < deadline, "The rebuild's marker did not get there in time.");
            await Task.Delay(20);
        }
    }

    private static async Task<long> ScalarAsync(Npgsql.NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<Guid>> IdsAsync(Npgsql.NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"""SELECT id FROM "{schema}".mt_streams WHERE type = 'incident_state' ORDER BY id""");
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<JsonObject> WaitAsync(HttpClient client, string url, Func<JsonObject, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await client.GetJsonAsync(url);
            if (until(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not get there in time: {answer.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
