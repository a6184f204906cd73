using RouterOS.Bench;
using RouterOS.Engine.Bench;

// The engine's apply against the standard tools, on the real kernel, in scratch namespaces.
// Usage: RouterOS.Engine.Bench [output.md] [apply|flows]   (root: it creates network namespaces; both by default)
//        RouterOS.Engine.Bench output.md plan   (a plan of a configuration at the limits; no root)
//        RouterOS.Engine.Bench apply-twice NS   (internal: the child process strace counts)
var bench = ApplyBenchConfig.Build();
if (args is ["apply-twice", var namespaceName])
{
    await EngineRuns.ApplyTwiceAsync(bench, namespaceName);
    return 0;
}
if (args is [var planOutput, "plan"])
{
    // Pure: no namespaces, so no root needed.
    var planReport = PlanAtLimits.Run();
    BenchmarkDocument.WriteSection(planOutput, "plan-limits", planReport);
    Console.WriteLine(planReport);
    return 0;
}
if (Environment.UserName != "root")
{
    await Console.Error.WriteLineAsync("the engine benchmark needs root: it creates network namespaces and builds links, addresses, routes and an nft table in them");
    return 2;
}
var output = args.Length > 0 ? args[0] : "docs/benchmarks.md";
var only = args.Length > 1 ? args[1] : null;
if (only is null or "flows")
{
    var (dumps, burst, maxNote) = await FlowBench.RunAsync([10_000, 100_000, 1_000_000], burstEntries: 100_000);
    var flowReport = FlowReport.Render(dumps, burst, maxNote);
    BenchmarkDocument.WriteSection(output, "flow-monitor", flowReport);
    Console.WriteLine(flowReport);
}
if (only is "flows")
{
    return 0;
}
const int Runs = 7;
const int NoOpRepeats = 50;

// The first apply in a process pays for JIT compilation: shown apart, then every run is warm, as in the long-running daemon.
var cold = await EngineRuns.MeasureAsync(bench, noOpRepeats: 1);
var engineRuns = new List<EngineRun>();
var shellRuns = new List<ShellRun>();
using var scripts = new ShellScripts(bench);
for (var run = 0; run < Runs; run++)
{
    // Interleaved, so a slow spell of a noisy machine hits both sides alike.
    engineRuns.Add(await EngineRuns.MeasureAsync(bench, NoOpRepeats));
    shellRuns.Add(ShellRuns.Measure(bench, scripts));
}

SendCounts counts;
using (var scratch = new ScratchNamespace(bench.PortNames))
{
    var self = typeof(ApplyBenchConfig).Assembly.Location;
    var engine = NetlinkSendCount.Of([Environment.ProcessPath!, self, "apply-twice", scratch.Name]);
    using var shellScratch = new ScratchNamespace(bench.PortNames);
    var shellFromEmpty = scripts.FromEmpty(shellScratch.Name).Sum(command => NetlinkSendCount.Of(command).Before);
    var shellReapply = scripts.Reapply(shellScratch.Name).Sum(command => NetlinkSendCount.Of(command).Before);
    counts = new SendCounts(engine.Before, engine.After, shellFromEmpty, shellReapply);
}

var report = ApplyReport.Render(bench, cold, engineRuns, shellRuns, counts);
BenchmarkDocument.WriteSection(output, "engine-apply", report);
Console.WriteLine(report);
return 0;
