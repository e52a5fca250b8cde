using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests;

/// <summary>A valid report request to vary, and assertions on what validation makes of it.</summary>
internal static class ReportRequests
{
    public static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid IncidentId = new("2f0c3a5e-6b7d-4e8f-9a01-b2c3d4e5f607");

    public static ReportRequest Valid() => new(
        new SourceRequest("Meir Amit Intelligence and Terrorism Information Center (ITIC)", "https://www.terrorism-info.org.il", SourceKind.Research, Reliability.B),
        "ISIS-inspired Terrorist Attack in the South of France",
        "https://www.terrorism-info.org.il/en/isis-inspired-terrorist-attack-south-france/",
        "2018-03-26",
        2,
        [new CasualtiesFact { Killed = ReportedCount.Exact(4), Wounded = ReportedCount.Exact(15) }]);

    public static ReportRequest WithFacts(params Fact?[] facts) => Valid() with { Facts = facts };

    public static NoteFact Note() => new() { Text = "The gunman was shot by the police." };

    public static List<Fact?> Notes(int count) => [.. Enumerable.Range(0, count).Select(_ => (Fact?)Note())];

    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static IDictionary<string, string[]> Errors(ReportRequest request)
    {
        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(IncidentId, request, Now, errors);
        Assert.Null(command);
        Assert.False(errors.IsEmpty);
        return errors.ToDictionary();
    }

    public static void AssertRejectedAt(ReportRequest request, string path)
    {
        var errors = Errors(request);
        Assert.Equal([path], errors.Keys);
        Assert.NotEmpty(errors[path][0]);
    }

    public static SubmitReport AssertAccepted(ReportRequest request)
    {
        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(IncidentId, request, Now, errors);
        Assert.Empty(errors.ToDictionary());
        Assert.NotNull(command);
        return command;
    }
}
