using System.Runtime.InteropServices;
using RouterOS.Engine.Kernel.Ports;
using static Tmds.Linux.LibC;

namespace RouterOS.Engine.Kernel;

/// <summary>The kernel's PPPoE driver, found by opening a PPPoE socket (nothing is sent).</summary>
public sealed class PppoeDriver : IPppoeDriver
{
    /// <summary>AF_PPPOX (include/linux/socket.h).</summary>
    private const int AfPppox = 24;

    /// <summary>SOCK_STREAM (include/linux/net.h).</summary>
    private const int SockStream = 1;

    /// <summary>PX_PROTO_OE (include/uapi/linux/if_pppox.h).</summary>
    private const int PxProtoOe = 0;

    public bool Available()
    {
        var fd = socket(AfPppox, SockStream, PxProtoOe);
        if (fd < 0)
        {
            _ = Marshal.GetLastPInvokeError();
            return false;
        }
        _ = close(fd);
        return File.Exists("/dev/ppp");
    }
}
