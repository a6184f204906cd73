using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Tests.Support.Fakes;

/// <summary>
/// The router's kernel for unit tests of the engine: no namespace, no root. Work runs one piece
/// at a time, as on the real kernel's thread, against the recording fakes of each port.
/// </summary>
internal sealed class FakeKernel : IRouterKernel
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public FakeKernel(params string[] ports)
    {
        foreach (var port in ports)
        {
            Rtnetlink.AddPort(port);
        }
        Session = new KernelSession(Rtnetlink, Nft, Conntrack, Sysctl, Pppoe);
    }

    public FakeRtnetlink Rtnetlink { get; } = new();
    public FakeNftables Nft { get; } = new();
    public FakeConntrack Conntrack { get; } = new();
    public FakeSysctl Sysctl { get; } = new();
    public FakePppoe Pppoe { get; } = new();
    public KernelSession Session { get; }

    public string? NamespaceName => null;

    public T Run<T>(Func<KernelSession, T> work)
    {
        _one.Wait();
        try
        {
            return work(Session);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>On the thread pool, as the real kernel's work runs on its own thread: a caller never runs it inline.</summary>
    public Task<T> RunAsync<T>(Func<KernelSession, T> work) => Task.Run(() => Run(work));

    public void Dispose() => _one.Dispose();
}

/// <summary>ctnetlink with a scripted dump (each connection as the kernel's message bytes): deletes what the engine's filter picks.</summary>
internal sealed class FakeConntrack : IConntrack
{
    /// <summary>The connections the kernel has, one ctnetlink message each.</summary>
    public List<byte[]> Connections { get; } = [];

    /// <summary>Each call's reason, in order.</summary>
    public List<string> Journal { get; } = [];

    public int Delete(DoomedConnection doomed, string why)
    {
        Journal.Add(why);
        return Connections.RemoveAll(bytes =>
        {
            var reader = new NetlinkMessageReader(bytes);
            return reader.TryRead(out var message) && doomed(ConntrackEntry.Parse(message), message);
        });
    }
}

/// <summary>/proc/sys as a dictionary of what was written.</summary>
internal sealed class FakeSysctl : ISysctl
{
    public Dictionary<string, string> Values { get; } = [];

    public void Write(string name, string value) => Values[name] = value;
}

internal sealed class FakePppoe : IPppoeDriver
{
    public bool Loaded { get; set; } = true;

    public bool Available() => Loaded;
}
