namespace RouterOS.Dashboard.Editing;

/// <summary>
/// Reordering an ordered list (source NAT rules, forward rules, the offload policy), where the
/// first match decides and so the order is the meaning: the new order is written back whole.
/// </summary>
public static class ListOrder
{
    /// <summary>The item's place in the list, from 1, as its row shows it; "—" for a rule the candidate deleted (its row stays, struck through, until the commit).</summary>
    public static string Position<T>(IReadOnlyList<T> items, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var index = items.ToList().IndexOf(item);
        return index < 0 ? "—" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The items with <paramref name="item"/> moved <paramref name="by"/> places (negative: up); null when it cannot move so far.</summary>
    public static IReadOnlyList<T>? Moved<T>(IReadOnlyList<T> items, T item, int by) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var from = list.IndexOf(item);
        var to = from + by;
        if (from < 0 || by == 0 || to < 0 || to >= list.Count)
            return null;
        list.RemoveAt(from);
        list.Insert(to, item);
        return list;
    }

    /// <summary>The items with <paramref name="item"/> put at <paramref name="index"/> (where a drag dropped it); null when nothing moves.</summary>
    public static IReadOnlyList<T>? MovedTo<T>(IReadOnlyList<T> items, T item, int index) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var from = items.ToList().IndexOf(item);
        return from < 0 ? null : Moved(items, item, Math.Clamp(index, 0, items.Count - 1) - from);
    }
}
