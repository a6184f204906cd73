using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// A netlink socket (Tmds.LibC) for request/response use. It lives in the network namespace of
/// the thread that opened it, so the engine opens it on the router namespace's thread. Not
/// thread-safe: one user at a time.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;
    private const int DefaultReceiveBufferSize = 1 << 20;
    private const int DumpBufferCount = 8;

    private readonly SafeNetlinkHandle _handle;
    private readonly byte[] _receiveBuffer = new byte[256 * 1024];
    private uint _sequence = (uint)Environment.TickCount;
    private byte[][]? _dumpBuffers;

    /// <param name="groups">Multicast groups to join at bind (sockaddr_nl.nl_groups), for event sockets.</param>
    /// <param name="receiveBufferSize">The kernel-side queue (SO_RCVBUF; as root SO_RCVBUFFORCE, past net.core.rmem_max).</param>
    public NetlinkSocket(int protocol, uint groups = 0, int receiveBufferSize = DefaultReceiveBufferSize)
    {
        var fd = socket(NetlinkProtocol.AddressFamily, SockRaw | SockCloexec, protocol);
        if (fd < 0)
        {
            throw new KernelException("open a netlink socket", Marshal.GetLastPInvokeError(), null);
        }
        _handle = new SafeNetlinkHandle(fd);
        // sockaddr_nl { u16 family; u16 pad; u32 pid; u32 groups; }: pid 0 lets the kernel pick.
        Span<byte> address = stackalloc byte[12];
        address.Clear();
        address[0] = (byte)NetlinkProtocol.AddressFamily;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(address[8..], groups);
        fixed (byte* pointer = address)
        {
            if (bind(fd, (sockaddr*)pointer, 12) < 0)
            {
                throw new KernelException("bind a netlink socket", Marshal.GetLastPInvokeError(), null);
            }
        }
        // Extended acks carry the kernel's own words; capped acks keep error replies small.
        SetOption(NetlinkProtocol.SolNetlink, NetlinkProtocol.OptionExtAck, 1);
        SetOption(NetlinkProtocol.SolNetlink, NetlinkProtocol.OptionCapAck, 1);
        if (!TrySetOption(SOL_SOCKET, SO_RCVBUFFORCE, receiveBufferSize))
        {
            SetOption(SOL_SOCKET, SO_RCVBUF, receiveBufferSize);
        }
    }

    /// <summary>What the kernel reserves for this socket's queue (twice what was asked, as the kernel books overhead).</summary>
    public int ReceiveBufferBytes
    {
        get
        {
            int value = 0;
            var size = (socklen_t)sizeof(int);
            return getsockopt(_handle.Fd, SOL_SOCKET, SO_RCVBUF, &value, &size) == 0 ? value : 0;
        }
    }

    /// <summary>Makes a blocking receive give up after <paramref name="timeout"/>, so an event reader can notice it should stop.</summary>
    public void SetReceiveTimeout(TimeSpan timeout)
    {
        var value = new Timeval((long)timeout.TotalSeconds, timeout.Milliseconds * 1000L);
        if (setsockopt(_handle.Fd, SOL_SOCKET, SO_RCVTIMEO, &value, (socklen_t)sizeof(Timeval)) < 0)
        {
            throw new KernelException("set a netlink receive timeout", Marshal.GetLastPInvokeError(), null);
        }
    }

    /// <summary>
    /// One receive on an event socket: hands every message to <paramref name="onMessage"/>.
    /// Never throws for a full queue: the kernel dropped events (ENOBUFS), which the caller must
    /// make up for with a dump.
    /// </summary>
    public EventReceive ReceiveEvents(MessageHandler onMessage)
    {
        long received;
        fixed (byte* pointer = _receiveBuffer)
        {
            received = recv(_handle.Fd, pointer, (size_t)_receiveBuffer.Length, 0);
        }
        if (received < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                KernelException.ENOBUFS => EventReceive.Overrun,
                KernelException.EAGAIN or KernelException.EINTR => EventReceive.Nothing,
                _ => throw new KernelException("receive netlink events", errno, null),
            };
        }
        var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, (int)received));
        while (reader.TryRead(out var message))
        {
            onMessage(message);
        }
        return EventReceive.Received;
    }

    /// <summary>Requests that changed something (not reads): what "re-apply makes no kernel changes" counts.</summary>
    public long WritesSent { get; private set; }

    public uint NextSequence() => ++_sequence;

    /// <summary>
    /// Sends the messages in <paramref name="writer"/> (each with NLM_F_ACK) and waits for every
    /// acknowledgement. The first error throws; the caller sends one change per call, so nothing
    /// else of it was applied.
    /// </summary>
    public void Execute(NetlinkWriter writer, string operation)
    {
        Send(writer.Written);
        WritesSent += writer.MessageCount;
        var pending = writer.MessageCount;
        while (pending > 0)
        {
            var length = Receive();
            var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                if (!message.IsError)
                {
                    continue;
                }
                var error = NetlinkError.Parse(message);
                if (!error.IsAcknowledgement)
                {
                    throw new KernelException(operation, error.Errno, error.KernelMessage);
                }
                pending--;
            }
        }
    }

    /// <summary>Sends one dump request and hands each reply message to <paramref name="onMessage"/> until NLMSG_DONE.</summary>
    public void Dump(NetlinkWriter writer, string operation, MessageHandler onMessage)
    {
        Send(writer.Written);
        bool done;
        do
        {
            done = HandleDumpDatagram(_receiveBuffer.AsSpan(0, Receive()), operation, onMessage);
        }
        while (!done);
    }

    /// <summary>
    /// Sends one get request (no dump, no ack) and hands its single reply to <paramref name="onReply"/>.
    /// </summary>
    /// <returns>False when the kernel answers <paramref name="notFoundErrno"/> (the object does not exist).</returns>
    public bool Get(NetlinkWriter writer, string operation, int notFoundErrno, MessageHandler onReply)
    {
        Send(writer.Written);
        var length = Receive();
        var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, length));
        if (!reader.TryRead(out var message))
        {
            throw new KernelException(operation, KernelException.EPROTO, "the kernel's reply was empty");
        }
        if (message.IsError)
        {
            var error = NetlinkError.Parse(message);
            return error.Errno == notFoundErrno ? false : throw new KernelException(operation, error.Errno, error.KernelMessage);
        }
        onReply(message);
        return true;
    }

    /// <summary>
    /// A dump for large tables: a second thread receives the next datagrams while this one hands
    /// the previous ones to <paramref name="onMessage"/>, so the kernel's work of filling them
    /// and ours of parsing them overlap instead of adding up (a 1M-entry conntrack dump is about
    /// 10,000 datagrams).
    /// </summary>
    public void DumpOverlapped(NetlinkWriter writer, string operation, MessageHandler onMessage)
    {
        Send(writer.Written);
        // The same buffers every dump (one dump at a time per socket): no garbage per second.
        _dumpBuffers ??= [.. Enumerable.Range(0, DumpBufferCount).Select(_ => new byte[64 * 1024])];
        using var free = new BlockingCollection<byte[]>(DumpBufferCount);
        using var filled = new BlockingCollection<(byte[] Buffer, int Length)>(DumpBufferCount);
        foreach (var buffer in _dumpBuffers)
        {
            free.Add(buffer);
        }
        Exception? receiveError = null;
        var receiver = new Thread(() =>
        {
            try
            {
                var done = false;
                while (!done && free.TryTake(out var buffer, Timeout.Infinite))
                {
                    var length = Receive(buffer);
                    done = EndsDump(buffer.AsSpan(0, length));
                    filled.Add((buffer, length));
                }
            }
            catch (Exception exception) when (exception is KernelException or NetlinkParseException or InvalidOperationException)
            {
                receiveError = exception;
            }
            finally
            {
                filled.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "netlink dump receiver",
        };
        receiver.Start();
        Exception? handlerError = null;
        foreach (var (buffer, length) in filled.GetConsumingEnumerable())
        {
            if (handlerError is null)
            {
                try
                {
                    _ = HandleDumpDatagram(buffer.AsSpan(0, length), operation, onMessage);
                }
                catch (Exception exception) when (exception is KernelException or NetlinkParseException)
                {
                    // Keep draining so the socket is left clean for the next request.
                    handlerError = exception;
                }
            }
            free.Add(buffer);
        }
        receiver.Join();
        if ((handlerError ?? receiveError) is { } error)
        {
            throw error;
        }
    }

    /// <summary>True if the datagram holds the dump's end (NLMSG_DONE) or an error ending it.</summary>
    private static bool EndsDump(ReadOnlySpan<byte> datagram)
    {
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message))
        {
            if (message.IsDone || (message.IsError && !NetlinkError.Parse(message).IsAcknowledgement))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Hands a dump datagram's entries to <paramref name="onMessage"/>; an error message throws.</summary>
    /// <returns>True when the datagram ended the dump (NLMSG_DONE).</returns>
    private static bool HandleDumpDatagram(ReadOnlySpan<byte> datagram, string operation, MessageHandler onMessage)
    {
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message))
        {
            if (message.IsDone)
            {
                return true;
            }
            if (message.IsError)
            {
                var error = NetlinkError.Parse(message);
                if (error.IsAcknowledgement)
                {
                    continue;
                }
                throw new KernelException(operation, error.Errno, error.KernelMessage);
            }
            onMessage(message);
        }
        return false;
    }

    public delegate void MessageHandler(NetlinkMessage message);

    public void Dispose() => _handle.Dispose();

    private void Send(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
        {
            while (true)
            {
                var sent = send(_handle.Fd, pointer, (size_t)bytes.Length, 0);
                if (sent >= 0)
                {
                    return;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != KernelException.EINTR)
                {
                    throw new KernelException("send to netlink", errno, null);
                }
            }
        }
    }

    private int Receive() => Receive(_receiveBuffer);

    private int Receive(byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var received = recv(_handle.Fd, pointer, (size_t)buffer.Length, 0);
                if (received >= 0)
                {
                    return (int)(long)received;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != KernelException.EINTR)
                {
                    throw new KernelException("receive from netlink", errno, null);
                }
            }
        }
    }

    /// <summary>struct timeval (include/uapi/linux/time_types.h, 64-bit: two longs).</summary>
    private readonly record struct Timeval(long Seconds, long Microseconds);

    private bool TrySetOption(int level, int name, int value) => setsockopt(_handle.Fd, level, name, &value, sizeof(int)) == 0;

    private void SetOption(int level, int name, int value)
    {
        if (setsockopt(_handle.Fd, level, name, &value, sizeof(int)) < 0)
        {
            throw new KernelException($"set netlink socket option {name}", Marshal.GetLastPInvokeError(), null);
        }
    }
}

public enum EventReceive
{
    Received,

    /// <summary>The receive timed out (or was interrupted) with nothing to read.</summary>
    Nothing,

    /// <summary>ENOBUFS: the socket's queue overflowed and the kernel dropped events.</summary>
    Overrun,
}

/// <summary>Owns a file descriptor; closes it once.</summary>
internal sealed class SafeNetlinkHandle : SafeHandle
{
    public SafeNetlinkHandle(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public int Fd => (int)handle;

    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => close((int)handle) == 0;
}
