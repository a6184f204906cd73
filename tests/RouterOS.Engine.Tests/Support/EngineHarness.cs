using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Engine.Control;
using RouterOS.Engine.Kernel;
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
    /// <param name="downFor">How long the clock moves on while no engine runs.</param>
    public async Task RestartAsync(TimeSpan? downFor = null)
    {
        Engine.Dispose();
        _kernel.Dispose();
        Time.Advance(downFor ?? TimeSpan.Zero);
        _kernel = new RouterKernel(Namespace.Name);
        Engine = NewEngine();
        await Engine.StartAsync();
    }

    /// <summary>The far end of <paramref name="port"/>'s veth pair ("{port}p") moved into <paramref name="other"/> and set up: a host behind that port.</summary>
    public void HandPeerTo(string port, TestNamespace other)
    {
        Namespace.Exec("ip", "link", "set", $"{port}p", "netns", other.Name);
        other.Exec("ip", "link", "set", $"{port}p", "up");
    }

    /// <summary>The DHCP and DNS tests need dnsmasq (the product runs it; make test installs dnsmasq-base).</summary>
    public static bool HasDnsmasq => RouterOS.Engine.Services.HelperPrograms.System.Has("dnsmasq");

    public const string NeedsDnsmasq = "needs dnsmasq in /usr/sbin, /usr/bin, /sbin or /bin (make test installs dnsmasq-base)";

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
