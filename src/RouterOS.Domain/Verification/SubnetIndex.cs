using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification;

/// <summary>
/// The configured addresses, found by address and by the subnets they are in, so a rule that asks
/// for every route "which address is this gateway, is it in a subnet of ours" does lookups, not scans.
/// </summary>
internal sealed class SubnetIndex
{
    private readonly Dictionary<IpAddress, AddressAssignment> _byAddress;

    // Per family, the prefix lengths in use (a few, in practice), each with the networks of that
    // length as numbers: a containment lookup probes one set per length, and no set grows large.
    private readonly SortedDictionary<int, HashSet<UInt128>>[] _networks = [[], []];

    public SubnetIndex(IReadOnlyCollection<AddressAssignment> addresses)
    {
        _byAddress = new(addresses.Count);
        foreach (var assignment in addresses)
        {
            var (address, prefix) = (assignment.Address.Address, assignment.Address.PrefixLength);
            _byAddress.TryAdd(address, assignment);
            var networks = _networks[(int)address.Family];
            if (!networks.TryGetValue(prefix, out var ofLength))
                networks[prefix] = ofLength = [];
            ofLength.Add(address.Bits & Cidr.Mask(prefix, address.BitLength));
        }
    }

    /// <summary>The first assignment of exactly this address, if any.</summary>
    public AddressAssignment? WithAddress(IpAddress address) => _byAddress.GetValueOrDefault(address);

    /// <summary>True when <paramref name="address"/> is in the subnet of some configured address.</summary>
    public bool AnyContains(IpAddress address)
    {
        var bits = address.Bits;
        foreach (var (prefix, networks) in _networks[(int)address.Family])
        {
            if (networks.Contains(bits & Cidr.Mask(prefix, address.BitLength)))
                return true;
        }
        return false;
    }
}
