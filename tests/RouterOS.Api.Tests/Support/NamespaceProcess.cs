using System.Diagnostics;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// A program left running inside a network namespace while a test needs it (an ISP's DHCP server, a
/// stream of pings). Disposing ends it: deleting a namespace does not, and a program left behind
/// would keep the namespace alive after the test.
/// </summary>
internal sealed class NamespaceProcess : IDisposable
{
    private readonly Process _process;

    private NamespaceProcess(Process process) => _process = process;

    public static NamespaceProcess Start(TestNamespace space, params string[] command)
    {
        ArgumentNullException.ThrowIfNull(space);
        var start = new ProcessStartInfo("ip", ["netns", "exec", space.Name, .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start in {space.Name}");
        // Read and dropped, so a chatty program never blocks on a full pipe.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NamespaceProcess(process);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
