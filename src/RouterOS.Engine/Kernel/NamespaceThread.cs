using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using static Tmds.Linux.LibC;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// One dedicated thread that has entered a network namespace (setns), on which all of the
/// engine's kernel work for that namespace runs: netlink sockets and libnftables open their
/// sockets in the namespace of the thread that creates them, and a libnftables context is not
/// thread-safe. Work items run one at a time, in order, which also serialises applies.
/// </summary>
public sealed unsafe class NamespaceThread : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private const int OpenReadOnlyCloexec = 0x80000;

    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="namespaceName">A name under /run/netns (as `ip netns add` creates), or null for the engine's own namespace.</param>
    public NamespaceThread(string? namespaceName)
    {
        NamespaceName = namespaceName;
        _thread = new Thread(Run) { IsBackground = true, Name = $"netns {namespaceName ?? "(own)"}" };
        _thread.Start();
        _entered.Task.GetAwaiter().GetResult();
    }

    public string? NamespaceName { get; }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });
        return completion.Task;
    }

    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return true;
    });

    public T Run<T>(Func<T> work) => Thread.CurrentThread == _thread ? work() : RunAsync(work).GetAwaiter().GetResult();

    public void Dispose()
    {
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
        _work.Dispose();
    }

    private void Run()
    {
        try
        {
            if (NamespaceName is not null)
            {
                Enter(NamespaceName);
            }
            _entered.SetResult();
        }
        catch (Exception exception)
        {
            _entered.SetException(exception);
            return;
        }
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    private static void Enter(string name)
    {
        var path = Encoding.UTF8.GetBytes($"/run/netns/{name}\0");
        int fd;
        fixed (byte* pointer = path)
        {
            fd = open(pointer, OpenReadOnlyCloexec, 0);
        }
        if (fd < 0)
        {
            throw new KernelException($"open network namespace {name}", Marshal.GetLastPInvokeError(), null);
        }
        try
        {
            if (setns(fd, CloneNewNet) < 0)
            {
                throw new KernelException($"enter network namespace {name}", Marshal.GetLastPInvokeError(), null);
            }
        }
        finally
        {
            // A close error on a read-only namespace descriptor loses nothing.
            _ = close(fd);
        }
    }
}
