using System.Runtime.CompilerServices;
using System.Text;

namespace RouterOS.Engine.Nft;

/// <summary>Accumulates indented nft lines, each tagged with the configuration path that produced it.</summary>
internal sealed class RulesetBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<string?> _paths = [];
    private int _depth;

    public void Line(string line, string? path = null)
    {
        StartLine().Append(line);
        EndLine(path);
    }

    /// <summary>An interpolated line, written straight into the text (see <see cref="RulesetLine"/>).</summary>
    public void Line([InterpolatedStringHandlerArgument("")] ref RulesetLine line, string? path = null) => EndLine(path);

    public void Open(string line, string? path = null)
    {
        Line(line + " {", path);
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public RulesetText Build() => new(_text.ToString(), _paths.ToArray());

    /// <summary>Indents a new line and returns the text to write it into.</summary>
    internal StringBuilder StartLine() => _text.Append(' ', _depth * 4);

    private void EndLine(string? path)
    {
        _text.Append('\n');
        _paths.Add(path);
    }
}
