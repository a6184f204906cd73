using System.Buffers.Binary;
using RouterOS.Netlink.Constants;

namespace RouterOS.Netlink.Wire;

/// <summary>
/// Iterates the netlink messages in a received buffer. Every declared length is checked against
/// what is left before the reader advances; malformed input throws <see cref="NetlinkParseException"/>.
/// </summary>
public ref struct NetlinkMessageReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _offset;

    public NetlinkMessageReader(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    public bool TryRead(out NetlinkMessage message)
    {
        var remaining = _buffer.Length - _offset;
        if (remaining == 0)
        {
            message = default;
            return false;
        }
        if (remaining < NetlinkProtocol.HeaderSize)
        {
            throw NetlinkParseException.At(_offset, $"{remaining} bytes left: too short for a netlink header");
        }
        var header = _buffer[_offset..];
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < NetlinkProtocol.HeaderSize || length > remaining)
        {
            throw NetlinkParseException.At(_offset, $"message length {length} is outside 16..{remaining}");
        }
        message = new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(header[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(header[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[12..]),
            header[NetlinkProtocol.HeaderSize..(int)length],
            _offset);
        // The last message of a buffer may omit its padding.
        _offset = Math.Min(_buffer.Length, _offset + NetlinkProtocol.Align((int)length));
        return true;
    }
}

/// <summary>One message: its header fields and its payload (family header plus attributes).</summary>
public readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload, int offset)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
        Offset = offset;
    }

    public ushort Type { get; }
    public ushort Flags { get; }
    public uint Sequence { get; }
    public uint PortId { get; }
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Where the message starts in the buffer it was read from (for error positions).</summary>
    public int Offset { get; }

    public bool IsError => Type == NetlinkProtocol.MessageError;
    public bool IsDone => Type == NetlinkProtocol.MessageDone;

    /// <summary>The fixed family header (ifinfomsg, nfgenmsg...), checked to be present.</summary>
    public ReadOnlySpan<byte> FixedHeader(int size)
    {
        if (Payload.Length < size)
        {
            throw NetlinkParseException.At(Offset, $"message type {Type} has {Payload.Length} payload bytes, needs a {size}-byte header");
        }
        return Payload[..size];
    }

    /// <summary>The attributes that follow a fixed family header of the given size.</summary>
    public AttributeReader Attributes(int fixedHeaderSize)
    {
        FixedHeader(fixedHeaderSize);
        var start = Math.Min(Payload.Length, NetlinkProtocol.Align(fixedHeaderSize));
        return new AttributeReader(Payload[start..], Offset + NetlinkProtocol.HeaderSize + start);
    }
}
