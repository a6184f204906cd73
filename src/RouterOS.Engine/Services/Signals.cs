using System.Runtime.InteropServices;

namespace RouterOS.Engine.Services;

/// <summary>
/// kill(2): Process.Kill only sends SIGKILL, and a daemon stopped that way cannot say goodbye
/// (pppd sends PADT on SIGTERM; dnsmasq writes its lease file).
/// </summary>
internal static partial class Signals
{
    /// <summary>SIGTERM, include/uapi/asm-generic/signal.h.</summary>
    public const int Terminate = 15;

    /// <summary>SIGUSR1, include/uapi/asm-generic/signal.h (x86-64 and arm64 share it).</summary>
    public const int User1 = 10;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/> for the process to be gone.</summary>
    public static void TerminateAndWait(int pid, TimeSpan grace)
    {
        Send(pid, Terminate);
        // Real time, not the engine's clock: this waits for a process, whatever the clock says.
        var deadline = Environment.TickCount64 + (long)grace.TotalMilliseconds;
        while (Directory.Exists($"/proc/{pid}") && Environment.TickCount64 < deadline)
            Thread.Sleep(50);
    }

    /// <summary>The processes whose command line (its words joined by NUL) contains <paramref name="words"/> in a row.</summary>
    public static IEnumerable<int> ProcessesWith(params string[] words)
    {
        var needle = "\0" + string.Join('\0', words) + "\0";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
                continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (IOException)
            {
                continue; // It ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (("\0" + commandLine).Contains(needle, StringComparison.Ordinal))
                yield return pid;
        }
    }
}
