using System.Diagnostics;

namespace RouterOS.Testing;

/// <summary>Runs the standard tools (ip, nft, conntrack...) for tests and benchmarks: argument lists, never a shell line.</summary>
internal static class Shell
{
    /// <summary>Runs a command that must succeed; its output.</summary>
    public static string Run(params string[] command) => RunWithInput(command, null);

    /// <summary>Runs a command that must succeed, with <paramref name="input"/> on its standard input.</summary>
    public static string RunWithInput(string[] command, string? input)
    {
        var (exitCode, output, error) = Execute(command, input);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exitCode}): {error}");
    }

    public static int TryRun(params string[] command) => Execute(command, null).ExitCode;

    /// <summary>Runs a command that may fail; its exit code and everything it wrote (stdout, then stderr).</summary>
    public static (int ExitCode, string Output) Capture(params string[] command)
    {
        var (exitCode, output, error) = Execute(command, null);
        return (exitCode, output + error);
    }

    public static (int ExitCode, string Output, string Error) Execute(string[] command, string? input)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
