namespace RouterOS.Engine.Nft;

/// <summary>
/// The engine's whole table as nft text, with the configuration path each line comes from, so a
/// kernel error on a line can be reported against the object that produced it.
/// </summary>
public sealed record RulesetText(string Table, IReadOnlyList<string?> LinePaths)
{
    public const string Family = "inet";
    public const string Name = "routeros";

    /// <summary>
    /// One libnftables call that replaces the table atomically (one kernel batch): create it so
    /// the delete cannot fail, delete it, then define it whole.
    /// </summary>
    public string ReplaceCommand => $"table {Family} {Name}\ndelete table {Family} {Name}\n{Table}";

    /// <summary>Lines of <see cref="ReplaceCommand"/> before the table's own first line.</summary>
    public const int ReplacePrefixLines = 2;

    public static string ListCommand => $"list table {Family} {Name}";

    /// <summary>The configuration path of a 1-based line of <see cref="ReplaceCommand"/>.</summary>
    public string? PathOfCommandLine(int line)
    {
        var index = line - 1 - ReplacePrefixLines;
        return index >= 0 && index < LinePaths.Count ? LinePaths[index] : null;
    }
}

