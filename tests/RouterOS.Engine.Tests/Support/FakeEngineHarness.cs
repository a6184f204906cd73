using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Engine.Control;
using RouterOS.Engine.State;
using RouterOS.Engine.Tests.Support.Fakes;

namespace RouterOS.Engine.Tests.Support;

/// <summary>
/// A real engine on the recording fake kernel (no namespace, no root): ports lan0, lan1 and wan0,
/// a state directory, a fake clock. For the engine's own logic (commit-confirm, rollback, restore,
/// fail-closed, serialisation); what the real kernel does with the writes is proven by the
/// privileged tests on <see cref="EngineHarness"/>.
/// </summary>
internal sealed class FakeEngineHarness : IDisposable
{
    public FakeEngineHarness()
    {
        StateDirectory = Directory.CreateTempSubdirectory("routeros-engine-test-").FullName;
        Engine = NewEngine();
    }

    /// <summary>Kept across engine restarts, as the kernel is.</summary>
    public FakeKernel Kernel { get; } = new("lan0", "lan1", "wan0");
    public string StateDirectory { get; }
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    public RouterEngine Engine { get; private set; }

    /// <summary>As after an engine restart: a new engine on the same state directory and kernel.</summary>
    /// <param name="downFor">How long the clock moves on while no engine runs.</param>
    public async Task RestartAsync(TimeSpan? downFor = null)
    {
        Engine.Dispose();
        Time.Advance(downFor ?? TimeSpan.Zero);
        Engine = NewEngine();
        await Engine.StartAsync();
    }

    public bool HasLink(string device) => Kernel.Rtnetlink.HasLink(device);

    /// <summary>The engine's table as the kernel has it ("" when there is none).</summary>
    public string Ruleset() => Kernel.Nft.Table ?? "";

    public string RouteList() => Kernel.Rtnetlink.RouteList();

    /// <summary>Every address, one "DEVICE ADDRESS/LENGTH" a line, as `ip addr` would show them.</summary>
    public string AddressList() => string.Join('\n', Kernel.Rtnetlink.Read(rulesetListing: null).Addresses.Select(address => $"{address.Device} {address.Address}"));

    /// <summary>One link roughly as `ip -o link show dev DEVICE` prints it: MTU, bridge and admin state.</summary>
    public string LinkLine(string device)
    {
        var link = Kernel.Rtnetlink.Read(rulesetListing: null).Link(device)!;
        return $"{link.Index}: {link.Name}: mtu {link.Mtu}{(link.Master is null ? "" : $" master {link.Master}")} state {(link.Up ? "UP" : "DOWN")}";
    }

    /// <summary>A /proc/sys setting as the engine left it ("0", the kernel's default, when never written).</summary>
    public string Sysctl(string name) => Kernel.Sysctl.Values.GetValueOrDefault(name, "0");

    public void Dispose()
    {
        Engine.Dispose();
        Kernel.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
    }

    private RouterEngine NewEngine() =>
        new(Kernel, new EngineStateStore(StateDirectory), Time, NullLogger<RouterEngine>.Instance);
}
