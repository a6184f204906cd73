using System.Globalization;
using System.Text;

namespace RouterOS.Netlink.Tests.Support;

/// <summary>Byte comparison that fails with a side-by-side hex dump, 16 bytes a row, differing rows marked.</summary>
internal static class HexAssert
{
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            return;
        }
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"bytes differ: expected {expected.Length}, actual {actual.Length}");
        report.AppendLine("offset  expected                                         actual");
        var rows = (Math.Max(expected.Length, actual.Length) + 15) / 16;
        for (var row = 0; row < rows; row++)
        {
            var left = Row(expected, row);
            var right = Row(actual, row);
            report.Append(left == right ? "  " : "> ").Append((row * 16).ToString("x4", CultureInfo.InvariantCulture)).Append("  ")
                .Append(left.PadRight(48)).Append(' ').AppendLine(right);
        }
        Assert.Fail(report.ToString());
    }

    private static string Row(ReadOnlySpan<byte> bytes, int row)
    {
        var start = row * 16;
        if (start >= bytes.Length)
        {
            return "";
        }
        var slice = bytes[start..Math.Min(bytes.Length, start + 16)];
        return string.Join(' ', slice.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
