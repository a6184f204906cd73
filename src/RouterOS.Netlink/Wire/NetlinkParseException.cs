namespace RouterOS.Netlink.Wire;

/// <summary>
/// Bytes that are not well-formed netlink: a length that runs past its buffer, a header shorter
/// than its type needs, an attribute of the wrong size. The reader throws nothing else.
/// </summary>
public sealed class NetlinkParseException : Exception
{
    public NetlinkParseException() { }

    public NetlinkParseException(string message) : base(message) { }

    public NetlinkParseException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Where in the buffer the problem was found, when known.</summary>
    public int? Offset { get; init; }

    internal static NetlinkParseException At(int offset, string message) =>
        new($"{message} (at byte {offset})") { Offset = offset };
}
