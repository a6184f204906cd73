using System.Net;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Kernel.Ports;

/// <summary>
/// What the engine asks of rtnetlink: links, bridge VLANs, addresses and routes of the router's
/// namespace. The real one is <see cref="RtnetlinkClient"/>; unit tests script a recording fake.
/// Every write either succeeds or throws <see cref="KernelException"/> with the kernel's errno.
/// </summary>
public interface IRtnetlink
{
    /// <summary>Change requests sent so far (a re-apply that finds nothing to do sends none).</summary>
    long WritesSent { get; }

    /// <summary>Links, bridge VLANs, addresses and main-table unicast routes, with <paramref name="rulesetListing"/> attached.</summary>
    KernelState Read(string? rulesetListing);

    /// <summary>Interface indexes by name.</summary>
    Dictionary<string, int> ReadIndexes();

    /// <summary>One link's index by name; null when there is no such link.</summary>
    int? IndexOf(string name);

    void CreateBridge(string name, BridgeAttributes attributes);

    void ChangeBridge(int index, string name, BridgeAttributes attributes);

    void CreateVlan(string name, int parentIndex, ushort vlanId, ushort protocol);

    void ChangeLink(int index, string name, LinkChange change);

    void DeleteLink(int index, string name);

    void BridgeVlan(bool add, int index, string name, ushort vlanId, ushort flags, bool self);

    /// <param name="protocol">IFA_PROTO tag: the configuration's or a lease's (<see cref="EngineMarks"/>).</param>
    /// <param name="lifetime">Lifetimes the kernel counts down (a delegated prefix's); given, an address already there is replaced. Null: permanent.</param>
    void AddAddress(int index, string device, IPAddress address, byte prefixLength, byte protocol = EngineMarks.AddressProtocol, AddressLifetime? lifetime = null);

    void DeleteAddress(int index, string device, IPAddress address, byte prefixLength);

    void AddRoute(RouteSpec route, string description);

    void DeleteRoute(RouteSpec route, string description);
}
