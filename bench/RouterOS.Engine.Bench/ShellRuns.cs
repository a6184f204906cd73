using System.Diagnostics;
using RouterOS.Bench;
using RouterOS.Testing;

namespace RouterOS.Engine.Bench;

/// <summary>Times of the standard tools building the same state into a fresh namespace.</summary>
/// <param name="IpMs">`ip -batch`: links, addresses and routes, from empty.</param>
/// <param name="NftMs">`nft -f`: the table, from empty.</param>
/// <param name="ReapplyMs">The idempotent re-run of both scripts.</param>
/// <param name="SpawnFloorMs">Starting `true` from this process: the share of each tool's time that is process start-up here.</param>
internal sealed record ShellRun(double IpMs, double NftMs, double ReapplyMs, double SpawnFloorMs)
{
    public double FromEmptyMs => IpMs + NftMs;
}

/// <summary>The scripts on disk and the command lines that run them in a namespace.</summary>
internal sealed class ShellScripts : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-shell-bench-").FullName;

    public ShellScripts(ApplyBenchConfig bench)
    {
        File.WriteAllText(IpBatch, bench.IpBatch);
        File.WriteAllText(IpReapply, bench.IpReapplyBatch);
        File.WriteAllText(Nft, bench.NftScript);
    }

    private string IpBatch => Path.Combine(_directory, "links.ip");
    private string IpReapply => Path.Combine(_directory, "reapply.ip");
    private string Nft => Path.Combine(_directory, "ruleset.nft");

    /// <summary>What a provisioning script runs: one `ip` for links, addresses and routes, one `nft` for the table.</summary>
    public string[][] FromEmpty(string namespaceName) => [Ip(namespaceName, IpBatch), NftLoad(namespaceName)];

    public string[][] Reapply(string namespaceName) => [Ip(namespaceName, IpReapply), NftLoad(namespaceName)];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] Ip(string namespaceName, string batch) => ["ip", "-n", namespaceName, "-batch", batch];

    // nft has no namespace option. nsenter only joins the network namespace and execs nft (one
    // process); `ip netns exec` would also build a mount namespace, which a router in its own
    // root namespace would not pay.
    private string[] NftLoad(string namespaceName) => ["nsenter", $"--net=/run/netns/{namespaceName}", "nft", "-f", Nft];
}

internal static class ShellRuns
{
    public static ShellRun Measure(ApplyBenchConfig bench, ShellScripts scripts)
    {
        using var scratch = new ScratchNamespace(bench.PortNames);
        var fromEmpty = scripts.FromEmpty(scratch.Name).Select(Time).ToArray();
        var reapply = scripts.Reapply(scratch.Name).Sum(Time);
        var floor = Time(["true"]);
        return new ShellRun(fromEmpty[0], fromEmpty[1], reapply, floor);
    }

    private static double Time(string[] command)
    {
        var clock = Stopwatch.StartNew();
        _ = Shell.Run(command);
        return clock.Elapsed.TotalMilliseconds;
    }
}
