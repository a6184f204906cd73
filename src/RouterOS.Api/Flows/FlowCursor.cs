using System.Buffers.Text;
using System.Globalization;
using System.Text;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Flows;

/// <summary>A flow's place in every sort order: its sort keys and, to break ties, its id.</summary>
public readonly record struct FlowKey(ulong Bytes, double Rate, long StartedTicks, ulong Id)
{
    public static FlowKey Of(FlowView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Bytes, view.BytesPerSecond, view.Started.UtcTicks, view.Id);
    }

    /// <summary>Orders keys as the query shows them (first = best); ties by id, so the order is total and pages are stable.</summary>
    public static Comparer<FlowKey> Order(FlowSort sort, bool descending)
    {
        Comparison<FlowKey> key = sort switch
        {
            FlowSort.Rate => (a, b) => a.Rate.CompareTo(b.Rate),
            // Age: older is "more"; descending shows the oldest first.
            FlowSort.Age => (a, b) => b.StartedTicks.CompareTo(a.StartedTicks),
            _ => (a, b) => a.Bytes.CompareTo(b.Bytes),
        };
        return Comparer<FlowKey>.Create((a, b) =>
        {
            var order = descending ? key(b, a) : key(a, b);
            return order != 0 ? order : a.Id.CompareTo(b.Id);
        });
    }
}

/// <summary>
/// Where a page ended: the next page is the flows that sort after <see cref="After"/>, however many
/// flows came or went meanwhile, so a client walks any number of flows without offsets. Sorted by
/// age (a flow's start never changes) a walk meets every flow that lives through it exactly once;
/// sorted by bytes or rate, a flow whose counters move past the cursor can be met twice or missed.
/// Clients get it as opaque text (<see cref="Encode"/>) and send it back as <c>cursor</c>.
/// </summary>
public sealed record FlowCursor(FlowSort Sort, bool Descending, FlowKey After)
{
    // Longer text is not a cursor this API made (one is about 40 characters); refused before decoding.
    public const int MaxLength = 128;
    private const string Version = "f1";

    public string Encode()
    {
        var key = Sort switch
        {
            FlowSort.Rate => BitConverter.DoubleToInt64Bits(After.Rate).ToString(CultureInfo.InvariantCulture),
            FlowSort.Age => After.StartedTicks.ToString(CultureInfo.InvariantCulture),
            _ => After.Bytes.ToString(CultureInfo.InvariantCulture),
        };
        var text = string.Join('.', Version, Sort.ToString().ToLowerInvariant(), Descending ? "desc" : "asc", key, After.Id.ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Null when the text is not a cursor this API made.</summary>
    public static FlowCursor? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength || !Base64Url.IsValid(text))
            return null;
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 5 || parts[0] != Version || !ulong.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        FlowSort? sort = parts[1] switch
        {
            "bytes" => FlowSort.Bytes,
            "rate" => FlowSort.Rate,
            "age" => FlowSort.Age,
            _ => null,
        };
        bool? descending = parts[2] switch
        {
            "desc" => true,
            "asc" => false,
            _ => null,
        };
        if (sort is null || descending is null)
            return null;
        FlowKey? key = sort switch
        {
            FlowSort.Rate when long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bits) => new FlowKey(0, BitConverter.Int64BitsToDouble(bits), 0, id),
            FlowSort.Age when long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) => new FlowKey(0, 0, ticks, id),
            FlowSort.Bytes when ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) => new FlowKey(bytes, 0, 0, id),
            _ => null,
        };
        return key is { } after ? new FlowCursor(sort.Value, descending.Value, after) : null;
    }
}
