using System.Diagnostics;
using System.Globalization;

namespace RouterOS.Testing;

/// <summary>
/// Names of the network namespaces tests and benchmarks make: a prefix, the process id and a
/// counter. A namespace outlives a killed process, so one whose process is gone is removed
/// before new ones are made: an earlier run can never break this one.
/// </summary>
internal static class ScratchNamespaces
{
    private static int _counter;

    public static string NewName(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");

    public static void RemoveLeftovers(string prefix)
    {
        foreach (var line in Ip("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var pidText = name[prefix.Length..].Split('-')[0];
            if (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                _ = Ip("netns", "del", name);
            }
        }
    }

    private static string Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        _ = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
