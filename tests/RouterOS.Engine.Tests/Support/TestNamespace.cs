using RouterOS.Testing;

namespace RouterOS.Engine.Tests.Support;

/// <summary>
/// A fresh network namespace for one test, removed when the test ends, pass or fail. Names carry
/// the test process's id; namespaces left by a killed earlier run (whose process is gone) are
/// removed first, so they can never break a run.
/// </summary>
internal sealed class TestNamespace : IDisposable
{
    private const string Prefix = "rost-";

    public TestNamespace()
    {
        ScratchNamespaces.RemoveLeftovers(Prefix);
        Name = ScratchNamespaces.NewName(Prefix);
        Shell.Run("ip", "netns", "add", Name);
    }

    public string Name { get; }

    public static bool IsRoot => Environment.UserName == "root";

    public const string NeedsRoot = "needs root: creates network namespaces and changes their links, addresses, routes and nft ruleset";

    /// <summary>Runs a command inside the namespace (`ip netns exec`).</summary>
    public string Exec(params string[] command) => Shell.Run(["ip", "netns", "exec", Name, .. command]);

    /// <summary>Runs a command inside the namespace; true if it exited 0.</summary>
    public bool TryExec(params string[] command) => Shell.TryRun(["ip", "netns", "exec", Name, .. command]) == 0;

    /// <summary>A veth pair inside the namespace: the router's port and the far end, both up.</summary>
    public void AddPort(string name)
    {
        Exec("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p");
        Exec("ip", "link", "set", name + "p", "up");
    }

    public void Dispose() => Shell.TryRun("ip", "netns", "del", Name);
}
