using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Bench;
using RouterOS.Engine.Flows;
using RouterOS.Testing;

namespace RouterOS.Engine.Bench;

/// <summary>One table size: the engine's steady-state read of the table against `conntrack -L`, and its memory per flow.</summary>
internal sealed record DumpRun(int Entries, double EngineMs, double ConntrackMs, double BytesPerFlow);

/// <summary>A burst of births and deaths: what the engine's monitor and `conntrack -E` each saw.</summary>
internal sealed record BurstRun(int Events, double Seconds, ulong EngineLost, ulong EngineResyncs, bool EngineMatchesKernel, int ConntrackEventsSeen);

/// <summary>
/// The flow monitor against the standard tool on the same conntrack tables, in scratch namespaces.
/// Tables above the kernel's nf_conntrack_max need it raised; it is a setting of the initial
/// namespace (read-only inside others), so it is raised for the run and put back after it.
/// </summary>
internal static class FlowBench
{
    private const string ConntrackMax = "/proc/sys/net/netfilter/nf_conntrack_max";

    public static async Task<(List<DumpRun> Dumps, BurstRun Burst, string? MaxNote)> RunAsync(int[] sizes, int burstEntries)
    {
        var originalMax = File.ReadAllText(ConntrackMax).Trim();
        string? note = null;
        var needed = sizes.Max() + 1000;
        try
        {
            if (int.Parse(originalMax, CultureInfo.InvariantCulture) < needed)
            {
                File.WriteAllText(ConntrackMax, needed.ToString(CultureInfo.InvariantCulture));
                note = $"nf_conntrack_max was raised from {originalMax} to {needed} for the run and put back after it.";
            }
            var dumps = new List<DumpRun>();
            foreach (var size in sizes)
            {
                dumps.Add(await MeasureDumpAsync(size));
            }
            return (dumps, await MeasureBurstAsync(burstEntries), note);
        }
        finally
        {
            File.WriteAllText(ConntrackMax, originalMax);
        }
    }

    private static async Task<DumpRun> MeasureDumpAsync(int entries)
    {
        using var scratch = new ScratchNamespace([]);
        ConntrackInserter.InsertUdp(scratch.Name, entries);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var monitor = new FlowMonitor(scratch.Name, new FlowMonitorOptions(TimeSpan.FromHours(1)), TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        // The first dump builds the table; the ones measured are the steady state, every interval.
        await monitor.DumpNowAsync();
        if (monitor.Read(table => table.Count) != entries)
        {
            throw new InvalidOperationException($"the monitor sees {monitor.Read(table => table.Count)} flows, the kernel has {entries}");
        }
        var bytesPerFlow = (GC.GetTotalMemory(forceFullCollection: true) - baseline) / (double)entries;
        var engine = new List<double>();
        var tool = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            await monitor.DumpNowAsync();
            engine.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            _ = Shell.Run("nsenter", $"--net=/run/netns/{scratch.Name}", "sh", "-c", "conntrack -L >/dev/null 2>&1");
            tool.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new DumpRun(entries, engine.Order().ElementAt(1), tool.Order().ElementAt(1), bytesPerFlow);
    }

    /// <summary>
    /// NEW for every entry inserted, then DESTROY for every one flushed, as fast as the kernel
    /// goes; `conntrack -E` listens to the same namespace at the same time.
    /// </summary>
    private static async Task<BurstRun> MeasureBurstAsync(int entries)
    {
        using var scratch = new ScratchNamespace([]);
        using var monitor = new FlowMonitor(scratch.Name, new FlowMonitorOptions(TimeSpan.FromHours(1)), TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        await monitor.DumpNowAsync();
        var listener = Process.Start(new ProcessStartInfo("nsenter", [$"--net=/run/netns/{scratch.Name}", "conntrack", "-E", "-o", "id"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var seen = 0;
        var counting = Task.Run(async () =>
        {
            while (await listener.StandardOutput.ReadLineAsync() is not null)
            {
                _ = Interlocked.Increment(ref seen);
            }
        });
        // Let conntrack -E subscribe before the burst starts.
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        ConntrackInserter.InsertUdp(scratch.Name, entries);
        _ = Shell.Run("nsenter", $"--net=/run/netns/{scratch.Name}", "conntrack", "-F");
        var seconds = clock.Elapsed.TotalSeconds;
        // Both listeners drain what is queued; the monitor's table must end empty, as the kernel's is.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (monitor.Read(table => table.Count) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await Task.Delay(1000);
        listener.Kill();
        await counting;
        var matches = monitor.Read(table => table.Count) == 0;
        return new BurstRun(2 * entries, seconds, monitor.EventsLost, monitor.Resyncs, matches, Volatile.Read(ref seen));
    }
}
