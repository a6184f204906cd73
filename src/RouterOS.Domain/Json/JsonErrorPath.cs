using System.Text.Json;

namespace RouterOS.Domain.Json;

/// <summary>
/// Keeps the full path of an error inside a list. <see cref="EquatableArrayConverter{T}"/> reads each
/// item with a nested serializer call, which tracks paths relative to that item ("$.name"). Each list
/// level wraps the error, recording "[index]" plus the relative path, and leaves the wrapper's own
/// Path unset so the level above fills in where the list sits. The reader then joins the pieces:
/// "bridges" + "[0].ports[1].vlans[0].vlan".
/// </summary>
internal static class JsonErrorPath
{
    private const string SuffixKey = "RouterOS.JsonPathSuffix";
    private const string LocationMarker = " Path: ";

    public static JsonException InItem(JsonException inner, int index)
    {
        var wrapped = new JsonException(WithoutLocation(inner.Message), inner);
        wrapped.Data[SuffixKey] = $"[{index}]{Relative(inner)}";
        return wrapped;
    }

    public static JsonException AtItem(int index, string message)
    {
        var error = new JsonException(message);
        error.Data[SuffixKey] = $"[{index}]";
        return error;
    }

    /// <summary>The whole path, without the leading "$.": "bridges[0].ports[1].name".</summary>
    public static string Full(JsonException error) => Relative(error).TrimStart('.');

    /// <summary>The serializer appends " Path: ... | LineNumber: ..." to its own messages; the reader reports those separately.</summary>
    public static string WithoutLocation(string message)
    {
        var cut = message.IndexOf(LocationMarker, StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    private static string Relative(JsonException error) =>
        (error.Path ?? "$").TrimStart('$') + (error.Data[SuffixKey] as string ?? "");
}
