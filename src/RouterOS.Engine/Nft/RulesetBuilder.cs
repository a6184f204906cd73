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
        _text.Append(' ', _depth * 4).Append(line).Append('\n');
        _paths.Add(path);
    }

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
}
