using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Links;

/// <summary>
/// A link's speed through the SIOCETHTOOL ioctl (ETHTOOL_GSET) on a datagram socket. The ioctl
/// answers for the namespace the socket was opened in, so open this on the namespace's thread;
/// /sys/class/net would show the namespace of whoever mounted sysfs (the host's), not the router's.
/// </summary>
internal sealed unsafe partial class EthtoolSpeed : IDisposable
{
    /// <summary>SIOCETHTOOL (include/uapi/linux/sockios.h).</summary>
    private const nuint SiocEthtool = 0x8946;

    /// <summary>ETHTOOL_GSET (include/uapi/linux/ethtool.h): struct ethtool_cmd, which every driver with link settings still answers.</summary>
    private const uint GetSettings = 0x1;

    /// <summary>sizeof(struct ethtool_cmd); speed (u16) at 12, speed_hi (u16) at 28.</summary>
    private const int CommandSize = 44;

    /// <summary>sizeof(struct ifreq) on 64-bit: IFNAMSIZ (16) + a 24-byte union whose ifr_data is a pointer.</summary>
    private const int RequestSize = 40;
    private const int NameSize = 16;

    /// <summary>SPEED_UNKNOWN (-1) as the two u16 halves give it.</summary>
    private const uint SpeedUnknown = 0xFFFFFFFF;

    private const int AfInet = 2;
    private const int SockDgram = 2;
    private const int SockCloexec = 0x80000;

    private readonly SafeNetlinkHandle _handle;

    public EthtoolSpeed()
    {
        var fd = Tmds.Linux.LibC.socket(AfInet, SockDgram | SockCloexec, 0);
        if (fd < 0)
        {
            throw new KernelException("open a socket for ethtool", Marshal.GetLastPInvokeError(), null);
        }
        _handle = new SafeNetlinkHandle(fd);
    }

    /// <returns>Mbit/s, or null when the driver has no link settings (bridges, dummies) or knows no speed (no carrier).</returns>
    public int? SpeedMbps(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length >= NameSize)
        {
            return null;
        }
        Span<byte> command = stackalloc byte[CommandSize];
        command.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(command, GetSettings);
        Span<byte> request = stackalloc byte[RequestSize];
        request.Clear();
        nameBytes.CopyTo(request);
        fixed (byte* commandPointer = command)
        fixed (byte* requestPointer = request)
        {
            *(byte**)(requestPointer + NameSize) = commandPointer;
            if (Ioctl(_handle.Fd, SiocEthtool, requestPointer) < 0)
            {
                // EOPNOTSUPP (no link settings), ENODEV (gone meanwhile): no speed to show.
                return null;
            }
        }
        var speed = BinaryPrimitives.ReadUInt16LittleEndian(command[12..]) | ((uint)BinaryPrimitives.ReadUInt16LittleEndian(command[28..]) << 16);
        return speed is 0 or SpeedUnknown or > int.MaxValue ? null : (int)speed;
    }

    public void Dispose() => _handle.Dispose();

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, byte* argument);
}
