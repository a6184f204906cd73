using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Bench;
using RouterOS.Engine.Control;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Bench;

/// <summary>Times of one engine, in this process, applying into a fresh namespace.</summary>
/// <param name="FromEmptyMs">The first apply: every object created.</param>
/// <param name="FromEmptyWrites">Kernel change requests of the first apply (netlink messages plus ruleset batches).</param>
/// <param name="NoOpMs">Re-applies of the same configuration.</param>
/// <param name="NoOpWrites">Kernel change requests of all re-applies together (the goal is 0).</param>
internal sealed record EngineRun(double FromEmptyMs, long FromEmptyWrites, IReadOnlyList<double> NoOpMs, long NoOpWrites);

internal static class EngineRuns
{
    /// <summary>
    /// The engine as it runs in the daemon: the apply call as the gRPC service makes it (read,
    /// plan, apply, state saved to disk), timed from call to result.
    /// </summary>
    public static async Task<EngineRun> MeasureAsync(ApplyBenchConfig bench, int noOpRepeats)
    {
        using var scratch = new ScratchNamespace(bench.PortNames);
        var state = Directory.CreateTempSubdirectory("routeros-engine-bench-").FullName;
        try
        {
            using var kernel = new RouterKernel(scratch.Name);
            using var engine = new RouterEngine(kernel, new EngineStateStore(state), TimeProvider.System, NullLogger<RouterEngine>.Instance);
            var clock = Stopwatch.StartNew();
            var first = await engine.ApplyAsync(bench.Config, 1, confirmWithin: null);
            var fromEmpty = clock.Elapsed.TotalMilliseconds;
            Require(first);
            var noOp = new List<double>(noOpRepeats);
            long noOpWrites = 0;
            for (var i = 0; i < noOpRepeats; i++)
            {
                clock.Restart();
                var again = await engine.ApplyAsync(bench.Config, 1, confirmWithin: null);
                noOp.Add(clock.Elapsed.TotalMilliseconds);
                Require(again);
                noOpWrites += again.KernelWrites;
            }
            return new EngineRun(fromEmpty, first.KernelWrites, noOp, noOpWrites);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>
    /// For the strace count (run in a child process under strace): one apply, a marker on
    /// standard output, one re-apply. No capability probe, so only the applies talk to the kernel.
    /// </summary>
    public static async Task ApplyTwiceAsync(ApplyBenchConfig bench, string namespaceName)
    {
        var state = Directory.CreateTempSubdirectory("routeros-engine-bench-").FullName;
        try
        {
            using var kernel = new RouterKernel(namespaceName);
            using var engine = new RouterEngine(kernel, new EngineStateStore(state), TimeProvider.System, NullLogger<RouterEngine>.Instance);
            Require(await engine.ApplyAsync(bench.Config, 1, confirmWithin: null));
            await Console.Out.WriteLineAsync(NetlinkSendCount.Marker);
            await Console.Out.FlushAsync();
            Require(await engine.ApplyAsync(bench.Config, 1, confirmWithin: null));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static void Require(ApplyResult result)
    {
        if (!result.Applied)
        {
            throw new InvalidOperationException($"the engine's apply failed at {result.ErrorPath}: {result.Error}");
        }
    }
}
