namespace RouterOS.Domain.Tests.Properties;

/// <summary>
/// A stream of random choices that a builder consumes in order. CsCheck generates and shrinks the
/// underlying numbers; shrinking them toward zero (or cutting the stream short, which reads as
/// zeros) makes the built configuration simpler, so a failing case shrinks to a small one.
/// </summary>
public sealed class Choices(int[] numbers)
{
    private int _next;

    /// <summary>A number from 0 to <paramref name="count"/> - 1.</summary>
    public int Below(int count) => count <= 1 ? 0 : (_next < numbers.Length ? numbers[_next++] : 0) % count;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    public bool Chance(int percent) => Below(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary>A random subset, in the order given.</summary>
    public List<T> Subset<T>(IEnumerable<T> items, int percent = 50) => [.. items.Where(_ => Chance(percent))];

    public override string ToString() => $"[{string.Join(",", numbers.Take(_next))}]";
}
