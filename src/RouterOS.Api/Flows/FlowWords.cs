using System.Diagnostics.CodeAnalysis;

namespace RouterOS.Api.Flows;

/// <summary>
/// One shared copy of each of the few words flows repeat ("udp", "established", "none", "live", an
/// interface's name, a reason not offloaded): the engine's messages bring a new copy of each with
/// every flow, ten or so per flow, which the cache would otherwise hold for each of thousands of
/// flows. Bounded: past <see cref="Capacity"/> distinct words, a word is kept as it came. Not
/// thread-safe: <see cref="FlowCache"/> holds its lock around every use.
/// </summary>
public sealed class FlowWords
{
    /// <summary>Far above what flows name (states, offload kinds, interfaces, flowtables, rules, reasons), far below memory that matters.</summary>
    public const int Capacity = 4096;

    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);

    public int Count => _words.Count;

    [return: NotNullIfNotNull(nameof(word))]
    public string? Intern(string? word)
    {
        if (word is null)
        {
            return null;
        }
        if (_words.TryGetValue(word, out var kept))
        {
            return kept;
        }
        if (_words.Count < Capacity)
        {
            _words[word] = word;
        }
        return word;
    }
}
