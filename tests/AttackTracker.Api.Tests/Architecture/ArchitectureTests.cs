using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.Architecture;

public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>
    /// The uses between folders that still close a circle (issue 22), each to be broken and then
    /// struck from this list: a new one fails the test, and so does one that is gone but still listed.
    /// </summary>
    private static readonly (string From, string To, string Why)[] Known =
    [
        ("Store", "Incidents", "StoreSetup.Configure calls the features' ConfigureStore (the benchmarks open the store through it)"),
        ("Store", "Sources", "StoreSetup.Configure calls SourceSetup; WriteUnit loads a report's source as its SourceView"),
        ("Store", "Reports", "StoreSetup.Configure calls ReportSetup"),
        ("Store", "Documents", "StoreSetup.Configure calls DocumentSetup; WriteUnit loads the cited DocumentSummary"),
        ("Store", "Notifications", "StoreSetup.Configure calls NotificationSetup (the live feed's horizon)"),
        ("Store", "Statistics", "StoreSetup registers the statistics' subscription and readers (Statistics/ is being reworked)"),
        ("Incidents", "TimeTravel", "GetIncident answers ?asOf= with the IncidentTimeMachine"),
        ("Exchange", "Admin", "EventArchive rebuilds after a restore; ExchangeCommands adds its verbs to CommandLine"),
    ];

    [Fact]
    public void No_folder_of_the_service_uses_another_in_a_circle_beyond_the_known_ones()
    {
        var edges = FolderGraph.Of(typeof(Program).Assembly);
        var allowed = Known.Select(k => (k.From, k.To)).ToHashSet();
        var remaining = edges.ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, IReadOnlySet<string>>)e.Value.Where(t => !allowed.Contains((e.Key, t.Key))).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var cycles = FolderGraph.Cycles(remaining);
        foreach (var cycle in cycles)
        {
            output.WriteLine(string.Join(", ", cycle));
            foreach (var from in cycle)
            {
                foreach (var (to, why) in remaining[from].Where(e => cycle.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {from} -> {to}: {string.Join("; ", why.Order(StringComparer.Ordinal).Take(6))}");
                }
            }
        }

        Assert.Empty(cycles);
    }

    [Fact]
    public void Every_known_circle_is_still_there_so_a_broken_one_is_struck_from_the_list()
    {
        var edges = FolderGraph.Of(typeof(Program).Assembly);
        var gone = Known.Where(k => !(edges.TryGetValue(k.From, out var to) && to.ContainsKey(k.To))).Select(k => $"{k.From} -> {k.To}");
        Assert.Empty(gone);
    }
}
