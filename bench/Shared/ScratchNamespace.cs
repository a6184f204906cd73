using System.Diagnostics;

using RouterOS.Testing;

namespace RouterOS.Bench;

/// <summary>
/// A network namespace for one measured run, with the router's ports as veth pairs (far ends up,
/// so the ports have carrier). Removed on dispose; namespaces left by a killed earlier run (whose
/// process is gone) are removed first.
/// </summary>
internal sealed class ScratchNamespace : IDisposable
{
    private const string Prefix = "rosb-";

    public ScratchNamespace(IEnumerable<string> ports)
    {
        ScratchNamespaces.RemoveLeftovers(Prefix);
        Name = ScratchNamespaces.NewName(Prefix);
        Tools.Run("ip", "netns", "add", Name);
        var batch = string.Concat(ports.Select(port => $"link add {port} type veth peer name {port}p\nlink set {port}p up\n"));
        Tools.Run(["ip", "-n", Name, "-batch", "-"], batch);
    }

    public string Name { get; }

    /// <summary>
    /// Deletes the links first, synchronously, then the namespace. Deleting a namespace with its
    /// links in it returns at once but leaves the kernel tearing them down in the background,
    /// holding the RTNL lock for tens of milliseconds per link, which would land in the next run's times.
    /// </summary>
    public void Dispose()
    {
        var links = Tools.Run("ip", "-n", Name, "-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':')[1].Trim().Split('@')[0])
            .Where(name => name != "lo");
        // -force: deleting one end of a veth pair deletes the other, so some lines find nothing to delete.
        _ = Tools.Execute(["ip", "-force", "-n", Name, "-batch", "-"], string.Concat(links.Select(link => $"link del {link}\n")));
        Tools.TryRun("ip", "netns", "del", Name);
    }

}

/// <summary>Runs the standard tools.</summary>
internal static class Tools
{
    public static string Run(params string[] command) => Run(command, input: null);

    public static string Run(string[] command, string? input)
    {
        var (exitCode, output, error) = Execute(command, input);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exitCode}): {error}");
    }

    public static int TryRun(params string[] command) => Execute(command, null).ExitCode;

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
