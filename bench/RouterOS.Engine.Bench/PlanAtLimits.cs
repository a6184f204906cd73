using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Testing;

namespace RouterOS.Engine.Bench;

/// <summary>
/// The engine's plan of a configuration with every list at its limit (verify, ruleset, links,
/// addresses, routes) from a kernel that has only the ports: the largest plan a request can ask
/// for, against the plan budget of the config API (p99 under 20 ms). Pure: no root, no kernel.
/// </summary>
internal static class PlanAtLimits
{
    private const double BudgetMs = 20;

    public static string Run(int runs = 200)
    {
        var load = LoadAverage();
        var config = LimitsConfig.Build();
        var links = config.Ports.Select((port, i) => new KernelLink(i + 2, port.Name.ToString(), null, 1500, true, null, null, null, null, null, []))
            .ToDictionary(link => link.Name);
        var kernel = KernelState.Empty with { Links = links };
        var (verifyCold, verify) = Time(() => ConfigVerifier.Verify(config), runs);
        Plan plan = null!;
        var (planCold, planTimes) = Time(() => plan = Planner.Create(config, null, kernel, Capabilities.Full, null), runs);
        var text = new StringBuilder();
        text.AppendLine("## Plan at the limits (issue 18)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, .NET {Environment.Version}; {runs} warm runs in one process, as in the long-running daemon: timed once the JIT has compiled nothing new for {QuietRuns} runs in a row (tiered compilation optimizes a method after 30 calls). Cold, JIT compilation included: the first verify in the process took {verifyCold:F0} ms, and the first plan after it {planCold:F0} ms.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- The configuration of tests/Shared/LimitsConfig.cs: every list of Limits as full as the others allow ({config.Ports.Count} ports, {config.Vlans.Count} VLAN devices, {config.Addresses.Count} addresses, {config.Routes.Count} routes, {config.Bridges.Sum(b => b.Ports.Sum(p => p.Vlans.Count))} bridge VLAN entries...); the kernel has only its ports, so the plan creates everything: {plan.Steps.Count} steps, {plan.Findings.Count} findings, {plan.Findings.Count(f => f.Severity == Severity.Error)} errors.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average when the run began: {load} (1, 5 and 15 min, /proc/loadavg; on {Environment.ProcessorCount} cores, anything above {Environment.ProcessorCount} means the runs waited for a core).");
        text.AppendLine("- Goal: within the plan budget of the config API, p99 under 20 ms.");
        text.AppendLine();
        text.AppendLine("| work | p50 ms | p99 ms | max ms | p99 / 20 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, times) in new[] { ("verify", verify), ("engine plan (verify included)", planTimes) })
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Percentile(times, 0.5):F2} | {Percentile(times, 0.99):F2} | {times.Max():F2} | {Percentile(times, 0.99) / BudgetMs:F2} |");
        return text.ToString();
    }

    private const int QuietRuns = 20;

    private static (double ColdMs, List<double> Times) Time(Action work, int runs)
    {
        var cold = Stopwatch.StartNew();
        work();
        var coldMs = cold.Elapsed.TotalMilliseconds;
        WarmUp(work);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (coldMs, times);
    }

    /// <summary>
    /// Runs the work until the JIT has compiled nothing new for <see cref="QuietRuns"/> runs in a
    /// row: tiered compilation moves a method to optimized code only after 30 calls and a
    /// background compile, so a few warm-up runs would still time first-tier code for the first
    /// few dozen runs, not the daemon's steady state.
    /// </summary>
    private static void WarmUp(Action work)
    {
        var quiet = 0;
        for (var run = 0; run < 1000 && quiet < QuietRuns; run++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            work();
            quiet = JitInfo.GetCompiledMethodCount() == compiled ? quiet + 1 : 0;
        }
    }

    /// <summary>Other work on the machine shows in p99 more than anything the plan does, so the report says how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
