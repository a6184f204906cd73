using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RouterOS.Netlink.Netfilter;

/// <summary>
/// An IPv4 or IPv6 address held inline in 16 bytes (no heap object), so a table of 100k flows
/// costs no allocation per address. IPv4 is kept IPv4-mapped (::ffff:a.b.c.d), as the kernel's
/// dual-stack sockets do; conntrack never tracks an IPv6 flow with such addresses.
/// </summary>
public readonly record struct FlowAddress
{
    private const ulong MappedPrefix = 0xffff_0000_0000UL;
    private readonly ulong _high;
    private readonly ulong _low;

    private FlowAddress(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    public bool IsV6 => _high != 0 || (_low & 0xffff_ffff_0000_0000UL) != MappedPrefix;

    /// <summary>The address as a number: 32 bits for IPv4, 128 for IPv6.</summary>
    public UInt128 Bits => IsV6 ? new UInt128(_high, _low) : (uint)_low;

    /// <summary>From the 4 or 16 network-order bytes of a conntrack tuple attribute.</summary>
    public static FlowAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new FlowAddress(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new FlowAddress(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
        _ => throw new ArgumentException($"an address has 4 or 16 bytes, not {bytes.Length}", nameof(bytes)),
    };

    public static FlowAddress From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"cannot write {address}", nameof(address));
        }
        return FromBytes(bytes[..written]);
    }

    public static FlowAddress Parse(string text) => From(IPAddress.Parse(text));

    public AddressFamily Family => IsV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    public int ByteCount => IsV6 ? 16 : 4;

    public void WriteBytes(Span<byte> destination)
    {
        if (IsV6)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
        }
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        WriteBytes(bytes);
        return new IPAddress(bytes[..ByteCount]);
    }

    /// <summary>True if the address lies in <paramref name="network"/>/<paramref name="prefixLength"/> (same family).</summary>
    public bool IsIn(FlowAddress network, int prefixLength)
    {
        if (network.IsV6 != IsV6)
        {
            return false;
        }
        var width = IsV6 ? 128 : 32;
        if (prefixLength <= 0)
        {
            return true;
        }
        var shift = width - Math.Min(prefixLength, width);
        return Bits >> shift == network.Bits >> shift;
    }

    public override string ToString() => ToIPAddress().ToString();
}
