using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification;

/// <summary>
/// The configured addresses, found by address and by the subnets they are in, so a rule that asks
/// for every route "which address is this gateway, which subnet holds it" does lookups, not scans.
/// </summary>
internal sealed class SubnetIndex
{
    private readonly Dictionary<IpAddress, AddressAssignment> _byAddress;
    private readonly Dictionary<(IpFamily Family, UInt128 Network, int Prefix), List<AddressAssignment>> _bySubnet;

    // The prefix lengths in use, per family: a containment lookup probes only these (a few, in practice).
    private readonly SortedSet<int>[] _prefixes = [[], []];

    public SubnetIndex(IReadOnlyCollection<AddressAssignment> addresses)
    {
        _byAddress = new(addresses.Count);
        _bySubnet = new(addresses.Count);
        foreach (var assignment in addresses)
        {
            var (address, prefix) = (assignment.Address.Address, assignment.Address.PrefixLength);
            _byAddress.TryAdd(address, assignment);
            // The subnet's network as a number, without making the subnet itself.
            var key = (address.Family, address.Bits & Cidr.Mask(prefix, address.BitLength), prefix);
            if (!_bySubnet.TryGetValue(key, out var list))
                _bySubnet[key] = list = [];
            list.Add(assignment);
            _prefixes[(int)address.Family].Add(prefix);
        }
    }

    /// <summary>The first assignment of exactly this address, if any.</summary>
    public AddressAssignment? WithAddress(IpAddress address) => _byAddress.GetValueOrDefault(address);

    /// <summary>The assignments whose subnet contains <paramref name="address"/>.</summary>
    public IEnumerable<AddressAssignment> Containing(IpAddress address)
    {
        var bits = address.Bits;
        foreach (var prefix in _prefixes[(int)address.Family])
        {
            var key = (address.Family, bits & Cidr.Mask(prefix, address.BitLength), prefix);
            if (_bySubnet.TryGetValue(key, out var list))
            {
                foreach (var assignment in list)
                    yield return assignment;
            }
        }
    }
}
