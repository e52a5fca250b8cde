using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttackTracker.Domain.Casualties;

namespace AttackTracker.Api.Tests;

public static class TimeTravelSupport
{
    public static object Killed(object killed, string? quote = null) => new { type = "casualties", killed, quote };

    public static object Wounded(object wounded) => new { type = "casualties", wounded };

    public static async Task<JsonObject> PostReportOkAsync(this HttpClient client, Guid incidentId, object report)
    {
        var response = await client.PostReportAsync(incidentId, report);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, ApiHost.Json);

    public static JsonNode? Figure(this JsonObject view, string category) => view["casualties"]![category];

    public static int? Best(this JsonObject view, string category) => (int?)view.Figure(category)?["best"];

    public static string? Status(this JsonObject view, string category) => (string?)view.Figure(category)?["status"];

    /// <summary>A figure that exists with this best value and status.</summary>
    public static void FigureIs(CasualtyFigure? figure, int best, FigureStatus status)
    {
        Assert.NotNull(figure);
        Assert.Equal((best, status), (figure.Best, figure.Status));
    }

    /// <summary>Waits until the database clock has moved past the last write, so a recordedAsOf between writes is unambiguous.</summary>
    public static async Task<string> NowBetweenWritesAsync()
    {
        await Task.Delay(30);
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(30);
        return Uri.EscapeDataString(now);
    }
}
