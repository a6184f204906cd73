using System.Runtime.CompilerServices;
using System.Text;

namespace RouterOS.Engine.Nft;

/// <summary>
/// An interpolated ruleset line appended piece by piece to the ruleset's text, as
/// <see cref="StringBuilder.Append(ref StringBuilder.AppendInterpolatedStringHandler)"/> does: a
/// rule that names a zone's interface set runs to thousands of characters (a thousand VLAN devices
/// at the limits), and building it as a string of its own first copied it twice more.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RulesetLine
{
    private StringBuilder.AppendInterpolatedStringHandler _text;

    public RulesetLine(int literalLength, int formattedCount, RulesetBuilder builder) =>
        _text = new StringBuilder.AppendInterpolatedStringHandler(literalLength, formattedCount, builder.StartLine());

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);
}
