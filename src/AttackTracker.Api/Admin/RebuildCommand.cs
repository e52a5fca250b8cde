using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace AttackTracker.Api.Admin;

/// <summary>
/// The command line's <c>rebuild</c>: every projection rebuilt with the service stopped (a rebuild
/// a crash interrupted is taken up where it stopped), its progress on standard error (a bar per
/// part on a terminal with rate and time left, a line every few seconds otherwise), and the result
/// on standard output.
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var rebuilder = services.GetRequiredService<ProjectionRebuilder>();
        RebuildResult result;
        if (Console.IsErrorRedirected)
        {
            result = await rebuilder.RebuildAsync(null, cancellationToken, commandLine: true, new Lines("read models"), new Lines("statistics"));
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var readModels = new Bar(context.AddTask("Read models (events)"));
                    var statistics = new Bar(context.AddTask("Statistics (sequence)"));
                    return await rebuilder.RebuildAsync(null, cancellationToken, commandLine: true, readModels, statistics);
                });
        }

        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return 0;
    }

    private sealed class Bar(ProgressTask task) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    /// <summary>A line on standard error every five seconds and at the end: done, left, rate, time left.</summary>
    private sealed class Lines(string part) : IProgress<(long Done, long Total)>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.Zero;

        public void Report((long Done, long Total) value)
        {
            if (_clock.Elapsed - _last < TimeSpan.FromSeconds(5) && value.Done < value.Total)
            {
                return;
            }

            _last = _clock.Elapsed;
            var rate = value.Done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var left = Math.Max(0, value.Total - value.Done);
            Console.Error.WriteLine($"{part}: {value.Done}/{value.Total} events, {left} left; {rate:F0} events/s, about {(rate > 0 ? left / rate : 0):F0} s left");
        }
    }
}
