using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RouterOS.Netlink.Netfilter;

/// <summary>
/// An IPv4 or IPv6 address held inline (no heap object), so a table of 100k flows costs no
/// allocation per address. IPv4 uses the low 32 bits.
/// </summary>
public readonly record struct FlowAddress(UInt128 Bits, bool IsV6)
{
    /// <summary>From the 4 or 16 network-order bytes of a conntrack tuple attribute.</summary>
    public static FlowAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new FlowAddress(BinaryPrimitives.ReadUInt32BigEndian(bytes), false),
        16 => new FlowAddress(BinaryPrimitives.ReadUInt128BigEndian(bytes), true),
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
            BinaryPrimitives.WriteUInt128BigEndian(destination, Bits);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Bits);
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
