using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Tests.Support;

/// <summary>A real engine on a real kernel: a fresh namespace with veth ports lan0, lan1 and wan0, a state directory, a fake clock.</summary>
internal sealed class EngineHarness : IDisposable
{
    private RouterKernel _kernel;

    public EngineHarness()
    {
        Namespace = new TestNamespace();
        foreach (var port in new[] { "lan0", "lan1", "wan0" })
        {
            Namespace.AddPort(port);
        }
        StateDirectory = Directory.CreateTempSubdirectory("routeros-engine-test-").FullName;
        _kernel = new RouterKernel(Namespace.Name);
        Engine = NewEngine();
    }

    public TestNamespace Namespace { get; }
    public string StateDirectory { get; }
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    public RouterEngine Engine { get; private set; }

    /// <summary>As after an engine restart: a new engine (and kernel thread) on the same state directory.</summary>
    public async Task RestartAsync()
    {
        Engine.Dispose();
        _kernel.Dispose();
        _kernel = new RouterKernel(Namespace.Name);
        Engine = NewEngine();
        await Engine.StartAsync();
    }

    public string Links() => Namespace.Exec("ip", "-d", "link", "show");

    public string Ruleset() => Namespace.Exec("nft", "list", "ruleset");

    public int IndexOf(string device) =>
        int.Parse(Namespace.Exec("cat", $"/sys/class/net/{device}/ifindex").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public bool HasLink(string device) => Namespace.Exec("ip", "-o", "link", "show").Contains($": {device}:", StringComparison.Ordinal)
        || Namespace.Exec("ip", "-o", "link", "show").Contains($": {device}@", StringComparison.Ordinal);

    public void Dispose()
    {
        Engine.Dispose();
        _kernel.Dispose();
        Namespace.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
    }

    private RouterEngine NewEngine() =>
        new(_kernel, new EngineStateStore(StateDirectory), Time, NullLogger<RouterEngine>.Instance);
}
