using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// For each subnet of a list, the first one earlier in the list that overlaps it on another
/// device, in O(n log n) rather than by comparing every pair. Prefixes either nest or are
/// disjoint, so in network order a sweep with a stack of the open enclosing subnets sees every
/// overlapping pair as an ancestor and a descendant; each open subnet carries the earliest
/// entries (on two different devices) among itself and its ancestors, and among itself and its
/// descendants seen so far.
/// </summary>
internal sealed class SubnetOverlaps(IReadOnlyList<(InterfaceName Device, InterfaceAddress Address)> entries)
{
    private const int None = -1;

    // Each entry's subnet as numbers, so the sweep sorts and compares without making subnets.
    private readonly (IpFamily Family, UInt128 Network, int PrefixLength)[] _subnets = [.. entries.Select(entry => Subnet(entry.Address))];

    /// <returns>Per entry, the index of the earliest earlier entry on another device whose subnet overlaps it, or -1.</returns>
    public static int[] EarliestEarlier(IReadOnlyList<(InterfaceName Device, InterfaceAddress Address)> entries) => new SubnetOverlaps(entries).Sweep();

    private static (IpFamily Family, UInt128 Network, int PrefixLength) Subnet(InterfaceAddress address) =>
        (address.Family, address.Address.Bits & Cidr.Mask(address.PrefixLength, address.Address.BitLength), address.PrefixLength);

    /// <summary>Whether entry <paramref name="outer"/>'s subnet contains entry <paramref name="inner"/>'s, as <see cref="Cidr.Contains(Cidr)"/>.</summary>
    private bool Contains(int outer, int inner)
    {
        var (family, network, prefix) = _subnets[outer];
        var (innerFamily, innerNetwork, innerPrefix) = _subnets[inner];
        return family == innerFamily && innerPrefix >= prefix && (innerNetwork & Cidr.Mask(prefix, family == IpFamily.Ipv4 ? 32 : 128)) == network;
    }

    private int[] Sweep()
    {
        var result = new int[entries.Count];
        Array.Fill(result, int.MaxValue);
        // Network order: family, network, prefix length, then list order; sorted as plain numbers.
        var order = new (IpFamily Family, UInt128 Network, int PrefixLength, int Index)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var (family, network, prefix) = _subnets[i];
            order[i] = (family, network, prefix, i);
        }
        Array.Sort(order);
        var open = new Stack<Open>();
        foreach (var (_, _, _, index) in order)
        {
            while (open.TryPeek(out var top) && !Contains(top.Index, index))
                Close(open, result);
            var self = new Earliest(index, None);
            var ancestors = open.TryPeek(out var parent) ? Merge(parent.Ancestors, self) : self;
            result[index] = Pick(ancestors, index);
            open.Push(new Open(index, ancestors) { Descendants = self });
        }
        while (open.Count > 0)
            Close(open, result);
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == int.MaxValue)
                result[i] = None;
        }
        return result;
    }

    private void Close(Stack<Open> open, int[] result)
    {
        var done = open.Pop();
        result[done.Index] = Math.Min(result[done.Index], Pick(done.Descendants, done.Index));
        if (open.TryPeek(out var parent))
            parent.Descendants = Merge(parent.Descendants, done.Descendants);
    }

    /// <summary>The earliest entry of the group on another device than entry <paramref name="of"/>'s and before it; int.MaxValue if none.</summary>
    private int Pick(Earliest group, int of)
    {
        var device = entries[of].Device;
        var candidate = group.First != None && entries[group.First].Device != device ? group.First : group.OtherDevice;
        return candidate != None && candidate < of ? candidate : int.MaxValue;
    }

    private Earliest Merge(Earliest a, Earliest b)
    {
        var first = Min(a.First, b.First);
        var other = None;
        foreach (var candidate in (ReadOnlySpan<int>)[a.First, a.OtherDevice, b.First, b.OtherDevice])
        {
            if (candidate != None && entries[candidate].Device != entries[first].Device)
                other = Min(other, candidate);
        }
        return new Earliest(first, other);
    }

    private static int Min(int a, int b) => a == None ? b : b == None ? a : Math.Min(a, b);

    /// <summary>The earliest entry of a group, and the earliest on another device than that one's: between them, the earliest on any device but a given one.</summary>
    private readonly record struct Earliest(int First, int OtherDevice);

    private sealed class Open(int index, Earliest ancestors)
    {
        public int Index { get; } = index;
        public Earliest Ancestors { get; } = ancestors;
        public Earliest Descendants { get; set; }
    }
}
