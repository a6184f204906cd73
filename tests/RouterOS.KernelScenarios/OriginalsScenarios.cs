using System.Text.Json.Nodes;
using RouterOS.Contracts.Engine;
using static RouterOS.KernelScenarios.Scenarios;

namespace RouterOS.KernelScenarios;

/// <summary>
/// Issue 18: a device the kernel had before the engine (here an 802.1Q VLAN device, which the host
/// kernel of the engine tests cannot make) is taken over while a revision names it, and a rollback
/// gives it back as it was: not deleted, its MTU and admin state restored.
/// </summary>
internal static class OriginalsScenarios
{
    private const string Device = "wan0.7";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("20 kernel originals: a VLAN device the kernel had is kept by a rollback and gets back its MTU and admin state", VlanDeviceAsync),
    ];

    private static async Task VlanDeviceAsync(Engine engine)
    {
        await UseLanAsync(engine, Configs.Router());
        Lab.In(Lab.Router, "ip", "link", "add", "link", "wan0", "name", Device, "type", "vlan", "id", "7");
        try
        {
            var naming = JsonNode.Parse(Configs.Router())!;
            naming["vlans"] = new JsonArray(new JsonObject { ["name"] = Device, ["parent"] = "wan0", ["id"] = 7, ["mtu"] = 1400 });
            var reply = await engine.ApplyAsync(naming.ToJsonString(), confirmWithinSeconds: 600);
            Expect(reply.Applied, "the revision naming wan0.7 applied", reply.Error);
            Expect(Link().Contains("mtu 1400", StringComparison.Ordinal) && Up(), "wan0.7 taken over: MTU 1400 and up", Link());

            var rollback = await engine.Client.RollbackAsync(new RollbackRequest());
            Expect(rollback.RolledBack, "the rollback by hand done", rollback.ToString());
            Expect(Lab.TryIn(Lab.Router, "ip", "link", "show", "dev", Device), "wan0.7 still there after the rollback", Lab.In(Lab.Router, "ip", "-br", "link"));
            Expect(Link().Contains("mtu 1500", StringComparison.Ordinal) && !Up(), "wan0.7 back to MTU 1500 and down, as the kernel had it", Link());
        }
        finally
        {
            Shell.Execute("ip", "netns", "exec", Lab.Router, "ip", "link", "delete", Device);
        }
    }

    private static string Link() => Lab.In(Lab.Router, "ip", "-d", "link", "show", "dev", Device);

    // IFF_UP in the flags between the angle brackets (LOWER_UP follows the carrier, not the admin state).
    private static bool Up() => Link().Split('<', '>')[1].Split(',').Contains("UP");
}
