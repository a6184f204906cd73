using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Route;

/// <summary>How long an address stays preferred (used for new connections) and valid (kept at all), in seconds from now.</summary>
public readonly record struct AddressLifetime(uint PreferredSeconds, uint ValidSeconds)
{
    public static AddressLifetime Forever { get; } = new(IfAddress.Forever, IfAddress.Forever);

    public bool IsForever => ValidSeconds == IfAddress.Forever;
}

/// <summary>An interface address as the kernel reports it (RTM_NEWADDR).</summary>
/// <param name="Protocol">IFA_PROTO: who added it (0 when unset).</param>
/// <param name="Lifetime">IFA_CACHEINFO's remaining lifetimes; forever when the message has none.</param>
/// <param name="Deprecated">IFA_F_DEPRECATED: the preferred lifetime ran out.</param>
public sealed record AddressInfo(int Index, IPAddress Address, byte PrefixLength, byte Scope, byte Protocol,
    AddressLifetime Lifetime = default, bool Deprecated = false)
{
    public static AddressInfo Parse(NetlinkMessage message)
    {
        var header = message.FixedHeader(Rtnetlink.AddressHeaderSize);
        var family = header[0];
        var prefixLength = header[1];
        var scope = header[3];
        var index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        byte[]? local = null, address = null;
        byte protocol = 0;
        var lifetime = AddressLifetime.Forever;
        uint flags = header[2];
        var attributes = message.Attributes(Rtnetlink.AddressHeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case IfAddress.Local: local = attribute.Value.ToArray(); break;
                case IfAddress.Address: address = attribute.Value.ToArray(); break;
                case IfAddress.Protocol: protocol = attribute.U8(); break;
                case IfAddress.Flags: flags = attribute.U32(); break;
                case IfAddress.CacheInfo when attribute.Value.Length >= IfAddress.CacheInfoSize:
                    lifetime = new(BinaryPrimitives.ReadUInt32LittleEndian(attribute.Value), BinaryPrimitives.ReadUInt32LittleEndian(attribute.Value[4..]));
                    break;
            }
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links
        // and the same address otherwise. IPv6 sends only IFA_ADDRESS.
        var bytes = local ?? address ?? throw NetlinkParseException.At(message.Offset, "address message without IFA_LOCAL or IFA_ADDRESS");
        return new AddressInfo(index, AddressBytes.ToAddress(family, bytes, message.Offset), prefixLength, scope, protocol,
            lifetime, (flags & IfAddress.FlagDeprecated) != 0);
    }
}

/// <summary>RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR requests.</summary>
public static class AddressRequests
{
    public static void Dump(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Rtnetlink.GetAddress, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        writer.WriteFixedHeader(Rtnetlink.AddressHeaderSize);
        writer.EndMessage(message);
    }

    /// <param name="protocol">IFA_PROTO tag, so the engine can tell its own addresses from others'; 0 sends none.</param>
    /// <param name="lifetime">
    /// Lifetimes the kernel counts down itself (IFA_CACHEINFO, as `ip address add ... preferred_lft valid_lft`):
    /// a delegated prefix's address is deprecated and then removed when its lease runs out, even
    /// with nobody watching. Given, the request replaces an address already there (NLM_F_REPLACE),
    /// which is how a renewed lease starts the countdown again; null adds a permanent address and
    /// fails on one already there.
    /// </param>
    public static void Add(NetlinkWriter writer, uint sequence, int index, IPAddress address, byte prefixLength, byte protocol, AddressLifetime? lifetime = null)
    {
        var flags = NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck | NetlinkProtocol.FlagCreate
            | (lifetime is null ? NetlinkProtocol.FlagExclusive : NetlinkProtocol.FlagReplace);
        var message = writer.BeginMessage(Rtnetlink.NewAddress, (ushort)flags, sequence);
        WriteAddress(writer, index, address, prefixLength);
        if (protocol != 0)
        {
            writer.WriteU8(IfAddress.Protocol, protocol);
        }
        if (lifetime is { } life)
        {
            Span<byte> cacheInfo = stackalloc byte[IfAddress.CacheInfoSize];
            BinaryPrimitives.WriteUInt32LittleEndian(cacheInfo, life.PreferredSeconds);
            BinaryPrimitives.WriteUInt32LittleEndian(cacheInfo[4..], life.ValidSeconds);
            writer.WriteBytes(IfAddress.CacheInfo, cacheInfo);
        }
        writer.EndMessage(message);
    }

    public static void Delete(NetlinkWriter writer, uint sequence, int index, IPAddress address, byte prefixLength)
    {
        var message = writer.BeginMessage(Rtnetlink.DeleteAddress, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck, sequence);
        WriteAddress(writer, index, address, prefixLength);
        writer.EndMessage(message);
    }

    /// <summary>struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; } + IFA_LOCAL, IFA_ADDRESS as `ip address add` sends them.</summary>
    private static void WriteAddress(NetlinkWriter writer, int index, IPAddress address, byte prefixLength)
    {
        var header = writer.WriteFixedHeader(Rtnetlink.AddressHeaderSize);
        header[0] = AddressBytes.FamilyOf(address);
        header[1] = prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], index);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        writer.WriteBytes(IfAddress.Local, bytes[..written]);
        writer.WriteBytes(IfAddress.Address, bytes[..written]);
    }
}

internal static class AddressBytes
{
    public static byte FamilyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? AddressFamilies.Inet : AddressFamilies.Inet6;

    public static IPAddress ToAddress(byte family, ReadOnlySpan<byte> bytes, int offset)
    {
        var expected = family switch
        {
            AddressFamilies.Inet => 4,
            AddressFamilies.Inet6 => 16,
            _ => throw NetlinkParseException.At(offset, $"address family {family} is not IPv4 or IPv6"),
        };
        if (bytes.Length != expected)
        {
            throw NetlinkParseException.At(offset, $"address of family {family} has {bytes.Length} bytes, expected {expected}");
        }
        return new IPAddress(bytes);
    }
}
