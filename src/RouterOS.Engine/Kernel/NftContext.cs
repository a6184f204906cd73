using System.Runtime.InteropServices;
using RouterOS.Engine.Kernel.Ports;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// One libnftables context with buffered output and errors. Create and use it on the router
/// namespace's thread only (<see cref="NamespaceThread"/>): it is not thread-safe and
/// opens its netlink socket in the namespace of the calling thread.
/// </summary>
public sealed class NftContext : INftables, IDisposable
{
    /// <summary>
    /// Every libnftables call in the process, one at a time. Contexts are not independent:
    /// nft_ctx_new and nft_ctx_free set up and free tables the library keeps globally (its
    /// symbol tables from /etc/iproute2), so one context freed on one thread while another runs
    /// on a second thread crashed the process (a segfault inside libnftables.so, seen when the
    /// engine tests ran several engines in parallel).
    /// </summary>
    private static readonly Lock Library = new();

    private readonly SafeNftHandle _handle;

    /// <summary>Private (0700) directory for <see cref="RunScript"/>, removed on dispose.</summary>
    private readonly string _scriptDirectory = Directory.CreateTempSubdirectory("routeros-nft-").FullName;

    public NftContext()
    {
        lock (Library)
        {
            _handle = Create();
        }
    }

    private static SafeNftHandle Create()
    {
        var context = Libnftables.ContextNew(0);
        if (context == IntPtr.Zero)
        {
            throw new InvalidOperationException("libnftables could not create a context (nft_ctx_new returned NULL)");
        }
        var handle = new SafeNftHandle(context);
        if (Libnftables.BufferOutput(context) != 0 || Libnftables.BufferError(context) != 0)
        {
            handle.Dispose();
            throw new InvalidOperationException("libnftables could not buffer its output");
        }
        // Listings are compared to spot changes made by hand: counters that move with traffic
        // must not look like drift.
        Libnftables.SetOutputFlags(context, Libnftables.OutputStateless);
        return handle;
    }

    /// <summary>Rulesets loaded for real (not dry runs): each is one kernel batch.</summary>
    public long BatchesSent { get; private set; }

    /// <summary>Runs nft commands; with <paramref name="dryRun"/> the kernel checks them and commits nothing.</summary>
    public NftResult Run(string commands, bool dryRun = false) =>
        Execute(dryRun, context => Libnftables.RunCommand(context, commands));

    /// <summary>
    /// Runs a multi-line script from a file rather than a buffer: only then does libnftables name
    /// the line a kernel error is about ("FILE:LINE:COLUMNS: Error: ..."); from a buffer it
    /// quotes the first line whatever the failing command was.
    /// </summary>
    public NftResult RunScript(string script, bool dryRun = false)
    {
        var path = Path.Combine(_scriptDirectory, "ruleset.nft");
        File.WriteAllText(path, script);
        return Execute(dryRun, context => Libnftables.RunFile(context, path));
    }

    private NftResult Execute(bool dryRun, Func<IntPtr, int> run)
    {
        lock (Library)
        {
            return ExecuteAlone(dryRun, run);
        }
    }

    private NftResult ExecuteAlone(bool dryRun, Func<IntPtr, int> run)
    {
        var context = _handle.DangerousGetHandle();
        Libnftables.SetDryRun(context, dryRun);
        var status = run(context);
        // The buffers are reset by the next get: copy both out at once.
        var output = Marshal.PtrToStringUTF8(Libnftables.GetOutputBuffer(context)) ?? "";
        var error = Marshal.PtrToStringUTF8(Libnftables.GetErrorBuffer(context)) ?? "";
        if (!dryRun && status == 0)
        {
            BatchesSent++;
        }
        return new NftResult(status == 0, output, error);
    }

    /// <summary>A listing command (`list table inet routeros`): read-only, never counted as a write.</summary>
    public NftResult List(string command) => Run(command);

    /// <summary>
    /// A listing with counter values, in JSON: the context lists statelessly otherwise (see
    /// <see cref="Create"/>), so the flags change for this one call, under the library's lock.
    /// </summary>
    public NftResult ListStateJson(string command)
    {
        lock (Library)
        {
            var context = _handle.DangerousGetHandle();
            Libnftables.SetDryRun(context, false);
            Libnftables.SetOutputFlags(context, Libnftables.OutputJson);
            try
            {
                var status = Libnftables.RunCommand(context, command);
                var output = Marshal.PtrToStringUTF8(Libnftables.GetOutputBuffer(context)) ?? "";
                var error = Marshal.PtrToStringUTF8(Libnftables.GetErrorBuffer(context)) ?? "";
                return new NftResult(status == 0, output, error);
            }
            finally
            {
                Libnftables.SetOutputFlags(context, Libnftables.OutputStateless);
            }
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        Directory.Delete(_scriptDirectory, recursive: true);
    }

    private sealed class SafeNftHandle : SafeHandle
    {
        public SafeNftHandle(IntPtr context) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(context);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            lock (Library)
            {
                Libnftables.ContextFree(handle);
            }
            return true;
        }
    }
}
