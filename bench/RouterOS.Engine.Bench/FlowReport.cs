using System.Globalization;
using System.Text;

namespace RouterOS.Engine.Bench;

internal static class FlowReport
{
    private const double DumpGoal = 0.67;
    private const double MemoryGoal = 300;

    public static string Render(IReadOnlyList<DumpRun> dumps, BurstRun burst, string? maxNote)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var text = new StringBuilder();
        text.AppendLine("## Flow monitor (issue 5)");
        text.AppendLine();
        text.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}, .NET {Environment.Version}."));
        text.AppendLine("- Each table is filled with UDP entries through ctnetlink in a scratch namespace. Engine: one steady-state read of the whole table by the flow monitor (dump, parse, diff against its table, totals), as it runs every interval. "
            + "Tool: `conntrack -L > /dev/null` on the same table. Medians of 3 rounds, interleaved.");
        text.AppendLine("- Memory: the managed heap the monitor's table holds per flow after a full collection (the goal: under 300 bytes over its idle baseline).");
        if (maxNote is not null)
        {
            text.AppendLine($"- {maxNote}");
        }
        text.AppendLine(Invariant($"- Goal: engine time / `conntrack -L` time <= {DumpGoal} at 100k and 1M entries."));
        text.AppendLine();
        text.AppendLine("| entries | engine ms | conntrack -L ms | engine / tool | engine entries/s | bytes per flow |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var run in dumps)
        {
            text.AppendLine(Invariant($"| {run.Entries:N0} | {run.EngineMs:F0} | {run.ConntrackMs:F0} | {run.EngineMs / run.ConntrackMs:F2} | {run.Entries / (run.EngineMs / 1000):N0} | {run.BytesPerFlow:F0} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"Event burst: {burst.Events:N0} events (NEW for each entry inserted, then DESTROY for each flushed) in {burst.Seconds:F2} s. ")
            + Invariant($"Engine: {burst.EngineLost} lost, {burst.EngineResyncs} resyncs, final table {(burst.EngineMatchesKernel ? "matches" : "does NOT match")} the kernel's. ")
            + Invariant($"`conntrack -E` on the same namespace printed {burst.ConntrackEventsSeen:N0} of them ({100.0 * burst.ConntrackEventsSeen / burst.Events:F0}%)."));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
