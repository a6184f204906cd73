using RouterOS.Domain.Model;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>
/// A rollback puts back what the kernel had in settings the confirmed configuration leaves "as it
/// is" (MTU, admin state, MAC), however the rollback comes: at the deadline, by hand, after an
/// engine restart, or by a later configuration that leaves the setting unset or the port out.
/// On the recording fake kernel: the privileged ApplyTests prove the real link changes.
/// </summary>
public sealed class OriginalsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_mtu_the_confirmed_revision_leaves_unset_is_put_back_at_the_deadline()
    {
        using var harness = await StartAsync();
        harness.Kernel.Rtnetlink.ChangeBehindTheEngine("wan0", mtu: 1450);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }"""), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0", "mtu": 1400 }"""), 2, Window)).Applied);
        Assert.Equal("1400", Read(harness, "wan0", "mtu"));

        harness.Time.Advance(Window + TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => harness.Engine.Pending is null && harness.Engine.Applied?.Revision == 1, "the rollback at the deadline");
        Assert.Equal("1450", Read(harness, "wan0", "mtu"));
    }

    [Fact]
    public async Task An_admin_state_is_put_back_by_a_rollback_by_hand()
    {
        using var harness = await StartAsync();
        Assert.False(IsUp(harness, "lan1"));
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }"""), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }, { "name": "lan1" }"""), 2, Window)).Applied);
        Assert.True(IsUp(harness, "lan1"));

        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.False(IsUp(harness, "lan1"));
    }

    [Fact]
    public async Task A_mac_is_put_back_by_a_rollback_after_an_engine_restart()
    {
        using var harness = await StartAsync();
        var own = Read(harness, "wan0", "address");
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }"""), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0", "mac": "02:00:00:00:00:42" }"""), 2, Window)).Applied);
        Assert.Equal("02:00:00:00:00:42", Read(harness, "wan0", "address"));

        // The record is in the state directory: a new engine still knows the kernel's own MAC.
        await harness.RestartAsync(downFor: TimeSpan.FromSeconds(10));
        Assert.Equal(2, harness.Engine.Applied?.Revision);
        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.Equal(own, Read(harness, "wan0", "address"));
    }

    [Fact]
    public async Task The_first_original_is_put_back_when_a_later_configuration_unsets_the_mtu_or_drops_the_port()
    {
        using var harness = await StartAsync();
        harness.Kernel.Rtnetlink.ChangeBehindTheEngine("wan0", mtu: 1450);
        harness.Kernel.Rtnetlink.ChangeBehindTheEngine("lan1", mtu: 1480);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0", "mtu": 1400 }, { "name": "lan1", "mtu": 1400 }"""), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0", "mtu": 1300 }, { "name": "lan1", "mtu": 1300 }"""), 2, null)).Applied);

        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }"""), 3, null)).Applied);

        Assert.Equal("1450", Read(harness, "wan0", "mtu"));
        Assert.Equal("1480", Read(harness, "lan1", "mtu"));
        Assert.False(IsUp(harness, "lan1"));
    }

    [Fact]
    public async Task Once_put_back_a_setting_is_the_kernels_again_and_drift_repair_leaves_it()
    {
        using var harness = await StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0", "mtu": 1400 }"""), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Ports("""{ "name": "wan0" }"""), 2, null)).Applied);
        Assert.Equal("1500", Read(harness, "wan0", "mtu"));

        harness.Kernel.Rtnetlink.ChangeBehindTheEngine("wan0", mtu: 1420);
        var repaired = await harness.Engine.RepairDriftAsync();

        Assert.True(repaired.Count == 0, string.Join("\n", repaired));
        Assert.Equal("1420", Read(harness, "wan0", "mtu"));
    }

    private static async Task<FakeEngineHarness> StartAsync()
    {
        var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        return harness;
    }

    private static RouterConfig Ports(string ports) => Configs.Parse($$"""{ "schemaVersion": 1, "ports": [ {{ports}} ] }""");

    /// <summary>As /sys/class/net/DEVICE/ATTRIBUTE reads: "mtu" or "address".</summary>
    private static string Read(FakeEngineHarness harness, string device, string attribute)
    {
        var link = harness.Kernel.Rtnetlink.Read(rulesetListing: null).Link(device)!;
        return attribute == "mtu" ? link.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture) : link.Mac!.ToString();
    }

    /// <summary>IFF_UP, the admin state.</summary>
    private static bool IsUp(FakeEngineHarness harness, string device) => harness.Kernel.Rtnetlink.Read(rulesetListing: null).Link(device)!.Up;
}
