using RouterOS.Engine.Kernel.Ports;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// The router's real kernel: one namespace thread with its rtnetlink socket and libnftables
/// context, created on that thread so both live in the router's namespace. All access goes
/// through <see cref="Run{T}"/>, one piece of work at a time.
/// </summary>
public sealed class RouterKernel : IRouterKernel
{
    private readonly NamespaceThread _thread;
    private KernelSession? _session;

    public RouterKernel(string? namespaceName)
    {
        _thread = new NamespaceThread(namespaceName);
        _thread.Run(() =>
        {
            _session = new KernelSession(new RtnetlinkClient(), new NftContext(), new NetlinkConntrack(), new ProcSysctl(), new PppoeDriver());
            return true;
        });
    }

    public string? NamespaceName => _thread.NamespaceName;

    public T Run<T>(Func<KernelSession, T> work) => _thread.Run(() => work(_session!));

    public Task<T> RunAsync<T>(Func<KernelSession, T> work) => _thread.RunAsync(() => work(_session!));

    public void Dispose()
    {
        _thread.Run(() =>
        {
            (_session?.Rtnetlink as IDisposable)?.Dispose();
            (_session?.Nft as IDisposable)?.Dispose();
            return true;
        });
        _thread.Dispose();
    }
}
