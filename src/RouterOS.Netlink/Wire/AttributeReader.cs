using System.Buffers.Binary;
using System.Text;
using RouterOS.Netlink.Constants;

namespace RouterOS.Netlink.Wire;

/// <summary>
/// Iterates netlink attributes (struct nlattr + value, 4-byte aligned). Checks each declared
/// length before advancing; never reads outside its span.
/// </summary>
public ref struct AttributeReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _offset;

    public AttributeReader(ReadOnlySpan<byte> buffer, int baseOffset = 0)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
    }

    public bool TryRead(out NetlinkAttr attribute)
    {
        var remaining = _buffer.Length - _offset;
        if (remaining == 0)
        {
            attribute = default;
            return false;
        }
        if (remaining < NetlinkProtocol.AttributeHeaderSize)
        {
            throw NetlinkParseException.At(_baseOffset + _offset, $"{remaining} bytes left: too short for an attribute header");
        }
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[_offset..]);
        var rawType = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[(_offset + 2)..]);
        if (length < NetlinkProtocol.AttributeHeaderSize || length > remaining)
        {
            throw NetlinkParseException.At(_baseOffset + _offset, $"attribute {rawType & NetlinkProtocol.AttributeTypeMask} length {length} is outside 4..{remaining}");
        }
        attribute = new NetlinkAttr(
            rawType,
            _buffer.Slice(_offset + NetlinkProtocol.AttributeHeaderSize, length - NetlinkProtocol.AttributeHeaderSize),
            _baseOffset + _offset);
        _offset = Math.Min(_buffer.Length, _offset + NetlinkProtocol.Align(length));
        return true;
    }
}

/// <summary>One attribute (struct nlattr and its value). The typed getters check the value's size and throw a parse error if it is wrong.</summary>
public readonly ref struct NetlinkAttr
{
    private readonly ushort _rawType;

    public NetlinkAttr(ushort rawType, ReadOnlySpan<byte> value, int offset)
    {
        _rawType = rawType;
        Value = value;
        Offset = offset;
    }

    public ushort Type => (ushort)(_rawType & NetlinkProtocol.AttributeTypeMask);
    public bool IsNestedFlagSet => (_rawType & NetlinkProtocol.AttributeNested) != 0;
    public ReadOnlySpan<byte> Value { get; }
    public int Offset { get; }

    public byte U8() => Sized(1)[0];
    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Sized(2));
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Sized(4));
    public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Sized(4));
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Sized(8));
    public ushort U16BigEndian() => BinaryPrimitives.ReadUInt16BigEndian(Sized(2));
    public uint U32BigEndian() => BinaryPrimitives.ReadUInt32BigEndian(Sized(4));
    public ulong U64BigEndian() => BinaryPrimitives.ReadUInt64BigEndian(Sized(8));

    /// <summary>A string up to its first NUL (or the whole value if it has none).</summary>
    public string AsString()
    {
        var end = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Value : Value[..end]);
    }

    public AttributeReader Nested() => new(Value, Offset + NetlinkProtocol.AttributeHeaderSize);

    private ReadOnlySpan<byte> Sized(int size)
    {
        if (Value.Length < size)
        {
            throw NetlinkParseException.At(Offset, $"attribute {Type} has {Value.Length} bytes, expected {size}");
        }
        return Value[..size];
    }
}
