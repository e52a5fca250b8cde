using System.Text;
using System.Text.Json.Nodes;
using AttackTracker.Api.Store;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>
/// A job survives its service: the service is SIGKILLed mid-import and started again; the job is
/// taken up from the last line its batches committed, and every row is written exactly once.
/// </summary>
public sealed class ImportJobCrashTests
{
    private const int Rows = 12_000;

    [Fact]
    public async Task A_job_whose_service_is_killed_mid_import_resumes_after_the_restart_and_writes_every_row_once()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");
        var schema = "importcrash_" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string> { ["EventStore__Schema"] = schema };
        try
        {
            var key = await ServiceProcess.AddKeyAsync(connectionString, settings, "importer", "analyst");
            string location;
            await using (var first = await ServiceProcess.StartAsync(connectionString, settings))
            {
                using var client = first.Client(key);
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/import/gtd?source=Global%20Terrorism%20Database&release=2021-06")
                {
                    Content = new StringContent(GtdFiles.Rows(Rows, first: 202001010001), Encoding.UTF8, "text/csv"),
                };
                var response = await client.SendAsync(request);
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
                location = response.Headers.Location!.ToString();
                var partway = await WaitAsync(client, location, job => (long)job["rowsRead"]! >= 1_000);
                Assert.Equal("running", (string)partway["state"]!);
                first.Kill();
            }

            await using var second = await ServiceProcess.StartAsync(connectionString, settings);
            using var again = second.Client(key);
            var done = await WaitAsync(again, location, job => (string)job["state"]! is not ("queued" or "running"));

            Assert.Equal(("completed", (long)Rows, (long)Rows, 0L), ((string)done["state"]!, (long)done["rowsRead"]!, (long)done["imported"]!, (long)done["unchanged"]!));
            Assert.True((int)done["runs"]! >= 2, "the job should have been taken up a second time");
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            await using var count = dataSource.CreateCommand(
                $"SELECT count(*), count(DISTINCT stream_id) FROM \"{schema}\".mt_events WHERE type = 'report_submitted'");
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(((long)Rows, (long)Rows), (reader.GetInt64(0), reader.GetInt64(1)));
            await reader.DisposeAsync();
            // No incident was opened without its report: each row is written whole.
            await using var incidents = dataSource.CreateCommand($"SELECT count(*) FROM \"{schema}\".mt_streams WHERE type = 'incident_state'");
            Assert.Equal((long)Rows, (long)(await incidents.ExecuteScalarAsync())!);
        }
        finally
        {
            await ServiceProcess.DropSchemaAsync(connectionString, schema);
        }
    }

    private static async Task<JsonObject> WaitAsync(HttpClient client, string location, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (true)
        {
            try
            {
                var job = await client.GetJsonAsync(location);
                if (until(job) || (string)job["state"]! is "completed" or "failed" or "cancelled" || DateTime.UtcNow > deadline)
                {
                    return job;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(100);
        }
    }
}
