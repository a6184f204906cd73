using System.Buffers.Binary;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Netfilter;

/// <summary>nfnetlink batches and the nf_tables generation id.</summary>
public static class NfnetlinkMessages
{
    /// <summary>NFNL_MSG_BATCH_BEGIN for nf_tables, optionally pinned to a generation (stale: ERESTART, nothing applied).</summary>
    public static void BatchBegin(NetlinkWriter writer, uint sequence, uint? generationId = null)
    {
        var message = writer.BeginMessage(Nfnetlink.BatchBegin, NetlinkProtocol.FlagRequest, sequence);
        WriteHeader(writer, AddressFamilies.Unspecified, Nfnetlink.SubsystemNfTables);
        if (generationId is uint id)
        {
            writer.WriteU32BigEndian(Nfnetlink.BatchGenerationId, id);
        }
        writer.EndMessage(message);
    }

    public static void BatchEnd(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Nfnetlink.BatchEnd, NetlinkProtocol.FlagRequest, sequence);
        WriteHeader(writer, AddressFamilies.Unspecified, Nfnetlink.SubsystemNfTables);
        writer.EndMessage(message);
    }

    /// <summary>NFT_MSG_GETGEN: the kernel answers NFT_MSG_NEWGEN with the ruleset's generation id.</summary>
    public static void GetGeneration(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Nfnetlink.MessageType(Nfnetlink.SubsystemNfTables, Nfnetlink.NfTablesGetGeneration),
            NetlinkProtocol.FlagRequest, sequence);
        WriteHeader(writer, AddressFamilies.Unspecified, 0);
        writer.EndMessage(message);
    }

    public static uint ParseGeneration(NetlinkMessage message)
    {
        if (message.Type != Nfnetlink.MessageType(Nfnetlink.SubsystemNfTables, Nfnetlink.NfTablesNewGeneration))
        {
            throw NetlinkParseException.At(message.Offset, $"expected NFT_MSG_NEWGEN, got message type 0x{message.Type:x}");
        }
        var attributes = message.Attributes(Nfnetlink.HeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            if (attribute.Type == Nfnetlink.GenerationId)
            {
                return attribute.U32BigEndian();
            }
        }
        throw NetlinkParseException.At(message.Offset, "NFT_MSG_NEWGEN without NFTA_GEN_ID");
    }

    /// <summary>struct nfgenmsg; res_id is big-endian (the subsystem id for batch messages).</summary>
    public static void WriteHeader(NetlinkWriter writer, byte family, ushort resourceId)
    {
        var header = writer.WriteFixedHeader(Nfnetlink.HeaderSize);
        header[0] = family;
        header[1] = Nfnetlink.Version0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], resourceId);
    }
}
