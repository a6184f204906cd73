using System.Text;

namespace RouterOS.Bench;

/// <summary>
/// docs/benchmarks.md is shared by every benchmark: each one owns a section between HTML comment
/// markers and replaces only that, so running one benchmark keeps the others' last results.
/// </summary>
internal static class BenchmarkDocument
{
    private const string Heading = """
        # Benchmarks

        Written by `make bench`; numbers from one run, so compare within a run, not across machines.

        """;

    public static void WriteSection(string path, string section, string markdown)
    {
        var begin = $"<!-- bench:{section} -->";
        var end = $"<!-- /bench:{section} -->";
        var block = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : Heading;
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        var updated = start >= 0 && stop > start
            ? string.Concat(text.AsSpan(0, start), block, text.AsSpan(stop + end.Length))
            : new StringBuilder(text.TrimEnd()).Append("\n\n").Append(block).Append('\n').ToString();
        File.WriteAllText(path, updated);
    }
}
