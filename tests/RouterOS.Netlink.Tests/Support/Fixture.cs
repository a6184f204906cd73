using System.Buffers.Binary;

namespace RouterOS.Netlink.Tests.Support;

/// <summary>
/// Bytes captured from the standard tools by Fixtures/capture.sh: one hex line per system call,
/// after a first line holding the command.
/// </summary>
internal static class Fixture
{
    public static IReadOnlyList<byte[]> Calls(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".hex"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(Convert.FromHexString)
            .ToList();

    /// <summary>Every netlink message in every captured call, in order.</summary>
    public static IReadOnlyList<byte[]> Messages(string name)
    {
        var messages = new List<byte[]>();
        foreach (var call in Calls(name))
        {
            var offset = 0;
            while (offset + 16 <= call.Length)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(call.AsSpan(offset));
                messages.Add(call.AsSpan(offset, length).ToArray());
                offset += (length + 3) & ~3;
            }
        }
        return messages;
    }

    /// <summary>The last captured message of a type (tools probe with small messages before the real one).</summary>
    public static byte[] LastMessage(string name, ushort type) =>
        Messages(name).Last(message => BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4)) == type);

    /// <summary>The first captured message of a type.</summary>
    public static byte[] FirstMessage(string name, ushort type) =>
        Messages(name).First(message => BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4)) == type);

    public static uint SequenceOf(byte[] message) => BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(8));

    /// <summary>ifi_index / ifa_index: the int at payload offset 4 of ifinfomsg and ifaddrmsg.</summary>
    public static int IndexOf(byte[] message) => BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(16 + 4));
}
