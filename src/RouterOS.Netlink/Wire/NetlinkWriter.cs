using System.Buffers.Binary;
using System.Text;
using RouterOS.Netlink.Constants;

namespace RouterOS.Netlink.Wire;

/// <summary>
/// Writes netlink messages into one growable buffer: several messages may follow each other (a
/// batch). Lengths are not known up front, so <see cref="BeginMessage"/> and
/// <see cref="BeginNested"/> return a token, and the matching End call back-patches the length
/// once the content is written. Integers are host order unless the method says big-endian
/// (nfnetlink attributes are big-endian, rtnetlink ones are not).
/// </summary>
public sealed partial class NetlinkWriter
{
    private byte[] _buffer;
    private int _length;
    private int _openMessages;

    public NetlinkWriter(int initialCapacity = 1024) => _buffer = new byte[Math.Max(initialCapacity, NetlinkProtocol.HeaderSize)];

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public int Length => _length;

    /// <summary>How many messages were completed since the last <see cref="Reset"/>.</summary>
    public int MessageCount { get; private set; }

    public void Reset()
    {
        _length = 0;
        _openMessages = 0;
        MessageCount = 0;
    }

    public MessageToken BeginMessage(ushort type, ushort flags, uint sequence, uint portId = 0)
    {
        var start = _length;
        var header = Reserve(NetlinkProtocol.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], portId);
        _openMessages++;
        return new MessageToken(start);
    }

    public void EndMessage(MessageToken token)
    {
        if (_openMessages == 0)
        {
            throw new InvalidOperationException("EndMessage without a matching BeginMessage.");
        }
        PadToAlignment();
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(token.Start), checked((uint)(_length - token.Start)));
        _openMessages--;
        MessageCount++;
    }

    /// <summary>
    /// Reserves a zeroed fixed-size family header (ifinfomsg, nfgenmsg...) and returns it to fill.
    /// Its length is padded to the alignment, as the kernel's NLMSG_ALIGN expects.
    /// </summary>
    public Span<byte> WriteFixedHeader(int size)
    {
        var span = Reserve(size);
        PadToAlignment();
        return span;
    }

    /// <param name="markNested">Set NLA_F_NESTED: nfnetlink requires it, rtnetlink accepts both.</param>
    public NestToken BeginNested(ushort type, bool markNested = false)
    {
        PadToAlignment();
        var start = _length;
        var header = Reserve(NetlinkProtocol.AttributeHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], markNested ? (ushort)(type | NetlinkProtocol.AttributeNested) : type);
        return new NestToken(start);
    }

    public void EndNested(NestToken token)
    {
        PadToAlignment();
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(token.Start), checked((ushort)(_length - token.Start)));
    }

    public void WriteU8(ushort type, byte value) => AttributeValue(type, 1)[0] = value;

    public void WriteU16(ushort type, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(AttributeValue(type, 2), value);

    public void WriteU32(ushort type, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(AttributeValue(type, 4), value);

    public void WriteI32(ushort type, int value) => BinaryPrimitives.WriteInt32LittleEndian(AttributeValue(type, 4), value);

    public void WriteU16BigEndian(ushort type, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(AttributeValue(type, 2), value);

    public void WriteU32BigEndian(ushort type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(AttributeValue(type, 4), value);

    public void WriteU64BigEndian(ushort type, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(AttributeValue(type, 8), value);

    /// <summary>A string, NUL-terminated unless asked otherwise (NLA_STRING accepts both; iproute2 sends IFLA_INFO_KIND without).</summary>
    public void WriteString(ushort type, string value, bool nulTerminated = true)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var span = AttributeValue(type, byteCount + (nulTerminated ? 1 : 0));
        Encoding.UTF8.GetBytes(value, span);
    }

    public void WriteBytes(ushort type, ReadOnlySpan<byte> value) => value.CopyTo(AttributeValue(type, value.Length));

    /// <summary>An attribute with no payload (a flag).</summary>
    public void WriteEmpty(ushort type) => AttributeValue(type, 0);

    private Span<byte> AttributeValue(ushort type, int valueLength)
    {
        PadToAlignment();
        var header = Reserve(NetlinkProtocol.AttributeHeaderSize + valueLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header, checked((ushort)(NetlinkProtocol.AttributeHeaderSize + valueLength)));
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        return header.Slice(NetlinkProtocol.AttributeHeaderSize, valueLength);
    }

    private void PadToAlignment()
    {
        var aligned = NetlinkProtocol.Align(_length);
        if (aligned != _length)
        {
            Reserve(aligned - _length);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }
}

/// <summary>Where an open message starts; pass it to <see cref="NetlinkWriter.EndMessage"/>.</summary>
public readonly record struct MessageToken(int Start);

/// <summary>Where an open nested attribute starts; pass it to <see cref="NetlinkWriter.EndNested"/>.</summary>
public readonly record struct NestToken(int Start);
