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
        Shell.Run("ip", "netns", "add", Name);
        var batch = string.Concat(ports.Select(port => $"link add {port} type veth peer name {port}p\nlink set {port}p up\n"));
        Shell.RunWithInput(["ip", "-n", Name, "-batch", "-"], batch);
    }

    public string Name { get; }

    /// <summary>
    /// Deletes the links first, synchronously, then the namespace. Deleting a namespace with its
    /// links in it returns at once but leaves the kernel tearing them down in the background,
    /// holding the RTNL lock for tens of milliseconds per link, which would land in the next run's times.
    /// </summary>
    public void Dispose()
    {
        var links = Shell.Run("ip", "-n", Name, "-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':')[1].Trim().Split('@')[0])
            .Where(name => name != "lo");
        // -force: deleting one end of a veth pair deletes the other, so some lines find nothing to delete.
        _ = Shell.Execute(["ip", "-force", "-n", Name, "-batch", "-"], string.Concat(links.Select(link => $"link del {link}\n")));
        Shell.TryRun("ip", "netns", "del", Name);
    }
}
