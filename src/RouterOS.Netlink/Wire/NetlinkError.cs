using System.Buffers.Binary;
using RouterOS.Netlink.Constants;

namespace RouterOS.Netlink.Wire;

/// <summary>
/// An NLMSG_ERROR message (struct nlmsgerr): errno 0 is an acknowledgement. With NETLINK_EXT_ACK
/// the kernel adds its own message and the offset of the attribute it refused.
/// </summary>
/// <param name="Errno">Positive errno; 0 for an acknowledgement.</param>
/// <param name="RequestSequence">The sequence number of the request it answers.</param>
public sealed record NetlinkError(int Errno, uint RequestSequence, ushort RequestType, string? KernelMessage, uint? AttributeOffset)
{
    public bool IsAcknowledgement => Errno == 0;

    public static NetlinkError Parse(NetlinkMessage message)
    {
        const int errorFieldSize = 4;
        var payload = message.FixedHeader(errorFieldSize + NetlinkProtocol.HeaderSize);
        var errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
        var requestLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[errorFieldSize..]);
        var requestType = BinaryPrimitives.ReadUInt16LittleEndian(payload[(errorFieldSize + 4)..]);
        var requestSequence = BinaryPrimitives.ReadUInt32LittleEndian(payload[(errorFieldSize + 8)..]);
        string? kernelMessage = null;
        uint? offset = null;
        if ((message.Flags & NetlinkProtocol.FlagAckTlvs) != 0)
        {
            // Without NLM_F_CAPPED the whole request is echoed before the extended-ack attributes.
            var echoed = (message.Flags & NetlinkProtocol.FlagCapped) != 0 ? NetlinkProtocol.HeaderSize : (long)requestLength;
            var attributesStart = errorFieldSize + ((echoed + NetlinkProtocol.Alignment - 1) & ~(NetlinkProtocol.Alignment - 1));
            if (attributesStart > message.Payload.Length)
            {
                throw NetlinkParseException.At(message.Offset, $"error message echoes a {echoed}-byte request but has {message.Payload.Length} bytes");
            }
            var reader = new AttributeReader(message.Payload[(int)attributesStart..], message.Offset + NetlinkProtocol.HeaderSize + (int)attributesStart);
            while (reader.TryRead(out var attribute))
            {
                switch (attribute.Type)
                {
                    case NetlinkProtocol.ErrorAttributeMessage:
                        kernelMessage = attribute.AsString();
                        break;
                    case NetlinkProtocol.ErrorAttributeOffset:
                        offset = attribute.U32();
                        break;
                }
            }
        }
        return new NetlinkError(errno, requestSequence, requestType, kernelMessage, offset);
    }
}
