using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services;

/// <summary>The supervisor against small shell programs standing in for daemons.</summary>
public sealed class SupervisedProcessTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_program_that_exits_is_started_again_after_the_holdoff_and_its_lines_are_read()
    {
        await using var process = Supervise("echo started; exit 3");
        var lines = new List<string>();
        var exits = new List<int>();
        process.Line += line => { lock (lines) lines.Add(line); };
        process.Exited += code => { lock (exits) exits.Add(code); };

        process.Start();
        await UntilAsync(() => process.Restarts >= 2);

        Assert.All(exits.ToArray(), code => Assert.Equal(3, code));
        Assert.True(lines.Count(line => line == "started") >= 2);
        Assert.Equal(3, process.LastExitCode);
    }

    [Fact]
    public async Task Stop_sends_sigterm_so_the_program_can_say_goodbye()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"routeros-supervisor-{Guid.NewGuid():N}");
        await using var process = Supervise($"trap 'echo bye > {marker}; exit 0' TERM; echo ready; while true; do sleep 0.05; done");
        var ready = new TaskCompletionSource();
        process.Line += line => { if (line == "ready") ready.TrySetResult(); };
        process.Start();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await process.StopAsync();

        Assert.Equal(SupervisedState.Stopped, process.State);
        Assert.Equal("bye", File.ReadAllText(marker).Trim());
        Assert.Equal(0, process.Restarts);
        File.Delete(marker);
    }

    [Fact]
    public async Task A_program_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        await using var process = Supervise("trap '' TERM; echo ready; while true; do sleep 0.05; done", stopGrace: TimeSpan.FromMilliseconds(300));
        var ready = new TaskCompletionSource();
        process.Line += line => { if (line == "ready") ready.TrySetResult(); };
        process.Start();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var pid = process.ProcessId!.Value;

        await process.StopAsync();

        Assert.Equal(SupervisedState.Stopped, process.State);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still there");
    }

    [Fact]
    public async Task After_give_up_it_is_not_started_again()
    {
        await using var process = Supervise("exit 19");
        process.Exited += _ => process.GiveUp();

        process.Start();
        await UntilAsync(() => process.State == SupervisedState.Stopped && process.LastExitCode == 19);

        Assert.Equal(0, process.Restarts);
    }

    [Fact]
    public async Task Restart_now_starts_it_again_after_a_give_up()
    {
        await using var process = Supervise("echo started; exit 19");
        process.Exited += _ => process.GiveUp();
        var started = 0;
        process.Line += _ => Interlocked.Increment(ref started);
        process.Start();
        await UntilAsync(() => process.State == SupervisedState.Stopped && process.LastExitCode == 19);

        process.RestartNow();

        await UntilAsync(() => Volatile.Read(ref started) == 2);
    }

    [Fact]
    public async Task Restart_now_ends_the_running_program_and_skips_the_holdoff()
    {
        await using var process = new SupervisedProcess(new ProcessSpec("test", "/bin/sh", ["-c", "echo started; while true; do sleep 0.05; done"], TimeSpan.FromHours(1), TimeSpan.FromSeconds(5)),
            null, TimeProvider.System, NullLogger.Instance);
        var started = 0;
        process.Line += _ => Interlocked.Increment(ref started);
        process.Start();
        await UntilAsync(() => Volatile.Read(ref started) == 1);

        process.RestartNow();

        await UntilAsync(() => Volatile.Read(ref started) == 2);
        Assert.Equal(1, process.Restarts);
    }

    [Fact]
    public async Task Standard_input_gets_the_hidden_input_once_per_start()
    {
        await using var process = new SupervisedProcess(new ProcessSpec("test", "/bin/sh", ["-c", "read -r line; echo \"got $line\""], Short, Short, new HiddenInput("it's me")),
            null, TimeProvider.System, NullLogger.Instance);
        var lines = new List<string>();
        process.Line += line => { lock (lines) lines.Add(line); };
        process.Start();

        await UntilAsync(() => { lock (lines) return lines.Count >= 2; });

        lock (lines)
            Assert.All(lines, line => Assert.Equal("got it's me", line));
        Assert.Equal("(hidden)", new HiddenInput("it's me").ToString());
    }

    [Fact]
    public async Task A_leftover_is_found_by_its_arguments_and_terminated()
    {
        // As a pppd an earlier engine left behind is found: by "ipparam <its directory>".
        var tag = $"/tmp/routeros-leftover-{Guid.NewGuid():N}";
        // It waits on a read of its own stdin pipe: a loop of sleeps would fork children that, until
        // they exec, carry the same arguments and are found too.
        using var leftover = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "read line", "sh", "ipparam", tag]) { RedirectStandardInput = true })!;
        // Process.Start returns after fork: until the child has exec'd sh, its arguments are still this test host's.
        await UntilAsync(() => File.ReadAllText($"/proc/{leftover.Id}/cmdline").StartsWith("/bin/sh\0", StringComparison.Ordinal));

        var found = Signals.ProcessesWith("ipparam", tag).ToList();
        Assert.Equal([leftover.Id], found);
        Assert.Empty(Signals.ProcessesWith("ipparam", tag + "-other"));

        Signals.TerminateAndWait(found[0], TimeSpan.FromSeconds(5));
        Assert.True(leftover.WaitForExit(5000));
    }

    [Fact]
    public async Task A_program_that_cannot_be_started_is_reported_and_retried()
    {
        await using var process = new SupervisedProcess(new ProcessSpec("missing", "/nonexistent/daemon", [], Short, Short), null, TimeProvider.System, NullLogger.Instance);

        process.Start();
        await UntilAsync(() => process.Restarts >= 1);

        Assert.Equal(-1, process.LastExitCode);
    }

    [Fact]
    public async Task A_program_not_installed_fails_each_start_with_the_reason_until_it_is_installed()
    {
        using var directory = new ProgramDirectory();
        await using var process = new SupervisedProcess("daemon", Short,
            () => new ProcessSpec("daemon", directory.Programs.Resolve("daemon"), [], Short, Short), null, TimeProvider.System, NullLogger.Instance, directory.Programs);
        var lines = new List<string>();
        process.Line += line => { lock (lines) lines.Add(line); };

        process.Start();
        await UntilAsync(() => process.Restarts >= 1);
        Assert.Equal(-1, process.LastExitCode);
        Assert.StartsWith($"daemon is not installed: it is in none of {directory.Path}", process.StartError, StringComparison.Ordinal);

        directory.Install("daemon", "echo installed; exec sleep 30");
        await UntilAsync(() => { lock (lines) return lines.Contains("installed"); });
        Assert.Null(process.StartError);
    }

    private static SupervisedProcess Supervise(string script, TimeSpan? stopGrace = null) =>
        new(new ProcessSpec("test", "/bin/sh", ["-c", script], Short, stopGrace ?? TimeSpan.FromSeconds(5)), null, TimeProvider.System, NullLogger.Instance);

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
