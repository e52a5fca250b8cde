using CsCheck;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// A property over every operation in the published document: for requests generated from the
/// document (<see cref="RequestGenerator"/>), valid and hostile, the service never answers 5xx and
/// never answers outside the document (the host's <see cref="ContractCheck"/> turns any such answer
/// into a 500, so one assertion covers both). Bounded: a fixed number of requests per operation,
/// in process (Alba's test server, no network). A failure prints CsCheck's seed, which replays it.
/// </summary>
public sealed class FuzzTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const int RequestsPerOperation = 60;

    [Fact]
    public async Task Generated_requests_to_every_operation_never_get_a_5xx_nor_an_answer_outside_the_document()
    {
        var client = host.CreateClient();
        var incident = await client.OpenIncidentAsync();
        var report = await client.SubmitReportAsync(incident, ReportBodies.Report(ReportBodies.EveryFactType));
        var known = new Dictionary<string, string[]>
        {
            ["id"] = [incident.ToString()],
            ["reportId"] = [report.ReportId.ToString()],
        };
        var editorKey = client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var generator = new RequestGenerator(host.Contract.Contract!.Document, known, editorKey);
        var operations = host.Contract.Contract.Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key)))
            // A rebuild tears every read model down; it is exercised by RebuildTests.
            .Where(o => o.Path != "/api/admin/rebuild")
            .ToList();
        var sent = 0;

        foreach (var (path, method) in operations)
        {
            var anonymous = host.CreateClient(apiKey: null);
            await Gen.Int.SampleAsync(
                async seed =>
                {
                    var request = generator.Build(method, path, seed);
                    using var message = request.ToMessage();
                    // Headers first: the live feed (GET /api/changes) stays open until the client leaves.
                    using var response = await anonymous.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                    Interlocked.Increment(ref sent);
                    if ((int)response.StatusCode >= 500)
                    {
                        throw new InvalidOperationException($"{(int)response.StatusCode} for {request}:\n{await response.Content.ReadAsStringAsync()}");
                    }
                },
                iter: RequestsPerOperation,
                threads: 1,
                print: seed => generator.Build(method, path, seed).ToString());
        }

        Assert.True(sent >= operations.Count * RequestsPerOperation, $"{sent} requests were sent");
    }
}
