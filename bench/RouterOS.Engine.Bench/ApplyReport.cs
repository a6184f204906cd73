using System.Globalization;
using System.Text;

namespace RouterOS.Engine.Bench;

/// <summary>Netlink send system calls, counted with strace (see <see cref="NetlinkSendCount"/>).</summary>
internal sealed record SendCounts(int EngineFromEmpty, int EngineNoOp, int ShellFromEmpty, int ShellReapply);

internal static class ApplyReport
{
    private const double NoOpGoalMs = 10;

    public static string Render(ApplyBenchConfig bench, EngineRun cold, IReadOnlyList<EngineRun> engine, IReadOnlyList<ShellRun> shell, SendCounts counts)
    {
        var engineFromEmpty = Median(engine.Select(r => r.FromEmptyMs));
        var shellFromEmpty = Median(shell.Select(r => r.FromEmptyMs));
        var shellNft = Median(shell.Select(r => r.NftMs));
        var noOp = engine.SelectMany(r => r.NoOpMs).ToList();
        var noOpMedian = Median(noOp);
        var noOpP99 = Percentile(noOp, 0.99);
        var shellReapply = Median(shell.Select(r => r.ReapplyMs));
        var floor = Median(shell.Select(r => r.SpawnFloorMs));
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

        var text = new StringBuilder();
        text.AppendLine("## Engine apply (issue 4)");
        text.AppendLine();
        text.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}, .NET {Environment.Version}."));
        text.AppendLine(Invariant($"- A configuration of {bench.ObjectCount} objects on the host kernel, each run in a fresh network namespace: {bench.Config.Ports.Count} veth ports, {bench.Config.Bridges.Count} bridges, {bench.Config.Addresses.Count} IPv4/IPv6 addresses, {bench.Config.Routes.Count} routes, 2 zones with masquerade and MSS clamping, 1 forwarding (the nft table: {bench.NftScript.Split('\n').Length} lines)."));
        text.AppendLine("- Engine: the daemon's apply call in-process (read the kernel, plan, apply over netlink and libnftables, save its state to disk with fsync), warm. "
            + Invariant($"Its first apply in a fresh process (JIT compilation included) took {cold.FromEmptyMs:F1} ms."));
        text.AppendLine("- Shell tools: `ip -n NS -batch` (links, addresses, routes), then `nsenter --net=/run/netns/NS nft -f` (the same table text the engine loads). "
            + Invariant($"Starting a process (`true`) from here takes {floor:F1} ms; of the tools' time, `nft -f` took {shellNft:F1} ms."));
        text.AppendLine("- The engine loads the table first (one atomic batch, so a table the kernel refuses changes nothing), then links, addresses and routes.");
        text.AppendLine("- Re-apply: the engine reads the kernel, finds nothing to do and sends no change; the shell's best equivalent re-runs its scripts idempotently (`address replace`, `route replace`, `nft -f`), rewriting every object.");
        text.AppendLine(Invariant($"- Medians of {engine.Count} interleaved runs (re-apply: {noOp.Count} engine re-applies). Netlink sends are send system calls to netlink sockets counted with strace for both sides (one send can carry a whole nft batch)."));
        text.AppendLine(Invariant($"- Goals: engine from empty no slower than the tools (ratio <= 1.0); engine no-op re-apply under {NoOpGoalMs:F0} ms with 0 kernel changes."));
        text.AppendLine();
        text.AppendLine("| operation | engine ms | shell tools ms | engine / tools | engine kernel changes | engine netlink sends | tools netlink sends |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Invariant($"| apply from empty | {engineFromEmpty:F1} | {shellFromEmpty:F1} | {engineFromEmpty / shellFromEmpty:F2} | {engine[0].FromEmptyWrites} | {counts.EngineFromEmpty} | {counts.ShellFromEmpty} |"));
        text.AppendLine(Invariant($"| re-apply, nothing changed | {noOpMedian:F2} (p99 {noOpP99:F2}) | {shellReapply:F1} | {noOpMedian / shellReapply:F2} | {engine.Sum(r => r.NoOpWrites)} | {counts.EngineNoOp} | {counts.ShellReapply} |"));
        text.AppendLine();
        text.AppendLine(Invariant($"No-op re-apply: median {noOpMedian:F2} ms = {noOpMedian / NoOpGoalMs:F2} of the {NoOpGoalMs:F0} ms goal."));
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    private static double Percentile(IReadOnlyList<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
