using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// The router's kernel: one namespace thread with its rtnetlink socket and libnftables context,
/// created on that thread so both live in the router's namespace. All access goes through
/// <see cref="Run{T}"/>, one piece of work at a time.
/// </summary>
public sealed class RouterKernel : IDisposable
{
    private readonly NamespaceThread _thread;
    private RtnetlinkClient? _rtnetlink;
    private NftContext? _nft;

    public RouterKernel(string? namespaceName)
    {
        _thread = new NamespaceThread(namespaceName);
        _thread.Run(() =>
        {
            _rtnetlink = new RtnetlinkClient();
            _nft = new NftContext();
            return true;
        });
    }

    public string? NamespaceName => _thread.NamespaceName;

    public T Run<T>(Func<KernelSession, T> work) => _thread.Run(() => work(new KernelSession(_rtnetlink!, _nft!)));

    public Task<T> RunAsync<T>(Func<KernelSession, T> work) => _thread.RunAsync(() => work(new KernelSession(_rtnetlink!, _nft!)));

    public void Dispose()
    {
        _thread.Run(() =>
        {
            _rtnetlink?.Dispose();
            _nft?.Dispose();
            return true;
        });
        _thread.Dispose();
    }
}

/// <summary>The kernel handles, valid only inside <see cref="RouterKernel.Run{T}"/>.</summary>
public sealed record KernelSession(RtnetlinkClient Rtnetlink, NftContext Nft)
{
    /// <summary>Every change request sent: netlink messages plus ruleset batches.</summary>
    public long KernelWrites => Rtnetlink.WritesSent + Nft.BatchesSent;

    public KernelState Read() => Rtnetlink.Read(ListRuleset());

    /// <summary>Links, addresses and routes only: for work that never looks at the ruleset (a lease, a session), without listing it.</summary>
    public KernelState ReadNetwork() => Rtnetlink.Read(rulesetListing: null);

    public string? ListRuleset()
    {
        var result = Nft.List(RulesetText.ListCommand);
        return result.Succeeded ? result.Output : null;
    }
}
