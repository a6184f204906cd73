namespace RouterOS.Engine.Tests.Support;

/// <summary>
/// A host behind each of the harness's LAN ports, in its own namespace: 10.1.0.2 behind lan0
/// (router 10.1.0.1) and 10.2.0.2 behind lan1 (router 10.2.0.1), each routing through the router.
/// </summary>
internal sealed class TwoClients : IDisposable
{
    public const string FirstAddress = "10.1.0.2";
    public const string SecondAddress = "10.2.0.2";

    public TwoClients(EngineHarness harness)
    {
        try
        {
            harness.HandPeerTo("lan0", First);
            harness.HandPeerTo("lan1", Second);
            Address(First, "lan0p", FirstAddress, "10.1.0.1");
            Address(Second, "lan1p", SecondAddress, "10.2.0.1");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TestNamespace First { get; } = new();
    public TestNamespace Second { get; } = new();

    /// <summary>The router's own addresses for the two LANs, as JSON for a configuration's "addresses".</summary>
    public const string RouterAddresses = """[ { "device": "lan0", "address": "10.1.0.1/24" }, { "device": "lan1", "address": "10.2.0.1/24" } ]""";

    /// <summary>One echo request from <paramref name="from"/> to <paramref name="address"/>; true if answered.</summary>
    public static bool Ping(TestNamespace from, string address) => from.TryExec("busybox", "ping", "-c", "1", "-W", "2", address);

    /// <summary>The router's addresses set by hand, as the kernel may hold them before the engine starts.</summary>
    public static void AddressRouterByHand(EngineHarness harness)
    {
        harness.Namespace.Exec("ip", "address", "add", "10.1.0.1/24", "dev", "lan0");
        harness.Namespace.Exec("ip", "address", "add", "10.2.0.1/24", "dev", "lan1");
        harness.Namespace.Exec("ip", "link", "set", "lan0", "up");
        harness.Namespace.Exec("ip", "link", "set", "lan1", "up");
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }

    private static void Address(TestNamespace client, string device, string address, string gateway)
    {
        client.Exec("ip", "address", "add", $"{address}/24", "dev", device);
        client.Exec("ip", "route", "add", "default", "via", gateway);
    }
}
