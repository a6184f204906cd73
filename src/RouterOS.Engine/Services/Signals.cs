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
}
