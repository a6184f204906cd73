using System.Diagnostics;

namespace RouterOS.KernelScenarios;

/// <summary>The standard tools, run in the guest.</summary>
internal static class Shell
{
    public static string Run(params string[] command)
    {
        var (exitCode, output, error) = Execute(command);
        return exitCode == 0 ? output : throw new ScenarioFailure($"`{string.Join(' ', command)}` exited {exitCode}: {error.Trim()}");
    }

    public static (int ExitCode, string Output, string Error) Execute(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>Starts a long-running command (a server) whose output is not needed.</summary>
    public static Process Start(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

/// <summary>A scenario's check failed: what was expected and what was seen.</summary>
internal sealed class ScenarioFailure(string message) : Exception(message)
{
    public ScenarioFailure() : this("the scenario failed") { }

    public ScenarioFailure(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>Waiting for a state with a deadline, never a fixed sleep: the VM is emulated and slow.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<T?> probe, string expected, Func<string> saw, double seconds = 30) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            if (deadline.Elapsed.TotalSeconds > seconds)
            {
                throw new ScenarioFailure($"expected {expected} within {seconds:F0} s; saw: {saw()}");
            }
            await Task.Delay(200);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string expected, Func<string> saw, double seconds = 30) =>
        UntilAsync(() => condition() ? "" : null, expected, saw, seconds);
}
