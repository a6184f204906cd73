namespace RouterOS.Domain.Verification;

/// <summary>Builds the paths findings carry: <c>bridges[br-lan].ports[eth9].vlans[10]</c>.</summary>
public static class ConfigPath
{
    public static string Item(string list, object key) => $"{list}[{key}]";

    public static string Item(this string parent, string list, object key) => $"{parent}.{list}[{key}]";

    /// <summary>An item of the list at <paramref name="listPath"/>: <c>bridges[br0].selfVlans</c> -> <c>bridges[br0].selfVlans[10]</c>.</summary>
    public static string Key(this string listPath, object key) => $"{listPath}[{key}]";

    public static string Field(this string parent, string field) => $"{parent}.{field}";
}
