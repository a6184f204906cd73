using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// An immutable list that compares by its items, so records holding lists keep value equality
/// (two configurations with the same content are equal, which diffs and round-trip checks rely on).
/// The default value is the empty list.
/// </summary>
[JsonConverter(typeof(EquatableArrayConverterFactory))]
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    private ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    public int Count => Items.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => Items[index];

    public ImmutableArray<T> AsImmutableArray() => Items;

    public EquatableArray<T> Add(T item) => new(Items.Add(item));

    public EquatableArray<T> SetItem(int index, T item) => new(Items.SetItem(index, item));

    public EquatableArray<T> RemoveAt(int index) => new(Items.RemoveAt(index));

    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public override string ToString() => $"[{string.Join(", ", Items)}]";
}

/// <summary>Builds <see cref="EquatableArray{T}"/> from collection expressions: <c>EquatableArray&lt;Port&gt; ports = [a, b];</c></summary>
public static class EquatableArray
{
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);

    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new([.. items]);
}
