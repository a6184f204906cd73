using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Control;

/// <summary>
/// A rollback puts back the bridge a port was in (or none) and the bridges and VLAN devices the
/// kernel had before a revision named them, whether the rollback comes by hand, at the deadline or
/// after an engine restart. Each test sets the original state up on the recording fake kernel,
/// applies a revision that changes it, rolls back and reads the kernel back. The privileged
/// ApplyTests prove the real bridge and port changes.
/// </summary>
public sealed class BridgeOriginalsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_port_taken_from_a_bridge_the_engine_did_not_make_goes_back_to_it_down_as_it_was_by_a_rollback_by_hand()
    {
        using var harness = await StartBesideForeignBridgeAsync();
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "wan0" }, { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }
            """), 2, Window)).Applied);
        Assert.Equal(("br-lan", true), (Master(harness, "lan1"), IsUp(harness, "lan1")));

        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.False(harness.HasLink("br-lan"));
        Assert.Equal(("br-ext", false), (Master(harness, "lan1"), IsUp(harness, "lan1")));
    }

    [Fact]
    public async Task A_port_that_was_in_no_bridge_leaves_the_engines_bridge_at_the_deadline_though_the_bridge_stays()
    {
        using var harness = await StartAsync();
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "lan0" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" } ] } ] }
            """), 1, null)).Applied);
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "lan0" }, { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" }, { "name": "lan1" } ] } ] }
            """), 2, Window)).Applied);
        Assert.Equal("br-lan", Master(harness, "lan1"));

        harness.Time.Advance(Window + TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => harness.Engine.Pending is null && harness.Engine.Applied?.Revision == 1, "the rollback at the deadline");
        Assert.Equal((null, false), (Master(harness, "lan1"), IsUp(harness, "lan1")));
        Assert.Equal("br-lan", Master(harness, "lan0"));
    }

    [Fact]
    public async Task A_port_the_confirmed_revision_names_in_no_bridge_goes_back_to_its_bridge_after_an_engine_restart()
    {
        // lan1 is named by revision 1, but in no bridge of it: its membership is left to the kernel.
        using var harness = await StartBesideForeignBridgeAsync(firstRevision: """{ "ports": [ { "name": "lan1" } ] }""");
        Assert.Equal("br-ext", Master(harness, "lan1"));
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }
            """), 2, Window)).Applied);
        Assert.Equal("br-lan", Master(harness, "lan1"));

        // The record is in the state directory: a new engine still knows which bridge lan1 was in.
        await harness.RestartAsync(downFor: TimeSpan.FromSeconds(10));
        Assert.Equal(2, harness.Engine.Applied?.Revision);
        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.Equal(("br-ext", true), (Master(harness, "lan1"), IsUp(harness, "lan1")));
        Assert.False(harness.HasLink("br-lan"));
    }

    [Fact]
    public async Task A_bridge_the_kernel_had_is_not_deleted_by_a_rollback_and_gets_back_its_stp_mac_and_admin_state()
    {
        using var harness = await StartBesideForeignBridgeAsync(stp: true);
        var mac = MacOf(harness, "br-ext");
        // The revision names br-ext: STP off (the default), another MAC, up, lan1 still its port.
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "wan0" }, { "name": "lan1" } ],
              "bridges": [ { "name": "br-ext", "mac": "02:00:00:00:00:42", "ports": [ { "name": "lan1" } ] } ] }
            """), 2, Window)).Applied);
        Assert.Equal((0, "02:00:00:00:00:42", true), (StpState(harness, "br-ext"), MacOf(harness, "br-ext"), IsUp(harness, "br-ext")));

        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.True(harness.HasLink("br-ext"), "the rollback deleted br-ext, which the kernel had before the engine");
        Assert.Equal((1, mac, false), (StpState(harness, "br-ext"), MacOf(harness, "br-ext"), IsUp(harness, "br-ext")));
        Assert.Equal(("br-ext", false), (Master(harness, "lan1"), IsUp(harness, "lan1")));
    }

    [Fact]
    public async Task A_port_a_revision_keeps_out_of_a_bridge_the_kernel_had_stays_out_under_drift_repair_and_goes_back_by_a_rollback()
    {
        using var harness = await StartBesideForeignBridgeAsync();
        Assert.True((await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "wan0" }, { "name": "lan1" } ], "bridges": [ { "name": "br-ext" } ] }
            """), 2, Window)).Applied);
        Assert.Null(Master(harness, "lan1"));

        var repaired = await harness.Engine.RepairDriftAsync();
        Assert.True(repaired.Count == 0, string.Join("\n", repaired));
        Assert.Null(Master(harness, "lan1"));

        Assert.True((await harness.Engine.RollbackAsync()).Applied);

        Assert.Equal(("br-ext", false), (Master(harness, "lan1"), IsUp(harness, "lan1")));
    }

    [Fact]
    public async Task A_failed_apply_that_named_a_bridge_the_kernel_had_leaves_it_there_with_its_stp()
    {
        using var harness = await StartBesideForeignBridgeAsync(stp: true, port: null);

        // br-ext has STP off when the address step fails.
        harness.Engine.FaultBefore = step => step is AddressStep;
        var result = await harness.Engine.ApplyAsync(Config("""
            { "ports": [ { "name": "wan0" } ], "bridges": [ { "name": "br-ext" } ], "addresses": [ { "device": "br-ext", "address": "192.168.1.1/24" } ] }
            """), 2, null);

        Assert.False(result.Applied);
        Assert.True(harness.HasLink("br-ext"), "the restore after the failed apply deleted br-ext, which the kernel had before the engine");
        Assert.Equal((1, false), (StpState(harness, "br-ext"), IsUp(harness, "br-ext")));
    }

    // A VLAN device the kernel had (8021q, absent from this kernel) is proven in the full-kernel VM:
    // tests/RouterOS.KernelScenarios/OriginalsScenarios.cs, scenario 20.

    private static async Task<FakeEngineHarness> StartAsync()
    {
        var harness = new FakeEngineHarness();
        await harness.Engine.StartAsync();
        return harness;
    }

    /// <summary>
    /// An engine on a kernel that has br-ext, a bridge someone else made (with <paramref name="port"/>
    /// in it unless null), and that applied <paramref name="firstRevision"/> (by default only wan0) as
    /// revision 1, confirmed.
    /// </summary>
    private static async Task<FakeEngineHarness> StartBesideForeignBridgeAsync(
        string firstRevision = """{ "ports": [ { "name": "wan0" } ] }""", bool stp = false, string? port = "lan1")
    {
        var harness = await StartAsync();
        harness.Kernel.Rtnetlink.AddBridgeBehindTheEngine("br-ext", stp);
        if (port is not null)
        {
            harness.Kernel.Rtnetlink.SetMasterBehindTheEngine(port, "br-ext");
        }
        Assert.True((await harness.Engine.ApplyAsync(Config(firstRevision), 1, null)).Applied);
        return harness;
    }

    private static RouterConfig Config(string body) => Configs.Parse($$"""{ "schemaVersion": 1, {{body.Trim()[1..^1]}} }""");

    /// <summary>The device as the kernel reports it.</summary>
    private static KernelLink Link(FakeEngineHarness harness, string device) => harness.Kernel.Rtnetlink.Read(rulesetListing: null).Link(device)!;

    private static string? MacOf(FakeEngineHarness harness, string device) => Link(harness, device).Mac?.ToString();

    private static string? Master(FakeEngineHarness harness, string device) => Link(harness, device).Master;

    /// <summary>IFF_UP, the admin state.</summary>
    private static bool IsUp(FakeEngineHarness harness, string device) => Link(harness, device).Up;

    private static int StpState(FakeEngineHarness harness, string device) => Link(harness, device).Bridge?.Stp == true ? 1 : 0;
}
