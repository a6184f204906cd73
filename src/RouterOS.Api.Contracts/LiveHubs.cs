namespace RouterOS.Api.Contracts;

/// <summary>
/// The SignalR hubs the dashboard follows: where they are and the names of the methods the API
/// calls on a browser. Names, not a typed client interface: a typed hub client is a proxy the
/// runtime emits, which the NativeAOT-compiled API cannot do.
/// </summary>
public static class LiveHubs
{
    /// <summary>Live flows: the browser subscribes with its query and receives <see cref="FlowUpdate"/>.</summary>
    public const string FlowsPath = "/hubs/flows";

    /// <summary>Method a flows subscriber receives: its page's changes as a <see cref="FlowPageDelta"/>.</summary>
    public const string FlowUpdate = "Update";

    /// <summary>The method a browser calls on the flows hub with its <see cref="FlowSubscribeRequest"/>.</summary>
    public const string FlowSubscribe = "Subscribe";

    /// <summary>Live uplink states: a browser receives <see cref="UplinkSnapshotMethod"/> on connecting and after every change.</summary>
    public const string UplinksPath = "/hubs/uplinks";

    /// <summary>Method an uplinks subscriber receives: every uplink's status, whole, as an <see cref="UplinkSnapshot"/>.</summary>
    public const string UplinkSnapshotMethod = "Uplinks";

    /// <summary>Live links as the kernel has them: a browser receives <see cref="LinkSnapshotMethod"/> on connecting and after every reading.</summary>
    public const string LinksPath = "/hubs/links";

    /// <summary>Method a links subscriber receives: every link, whole, as a <see cref="LinkSnapshotView"/>.</summary>
    public const string LinkSnapshotMethod = "Links";

    /// <summary>Live DHCP leases: a browser receives <see cref="LeaseSnapshotMethod"/> on connecting and after every change of dnsmasq's leases.</summary>
    public const string LeasesPath = "/hubs/leases";

    /// <summary>Method a leases subscriber receives: every lease, whole, as a <see cref="DhcpLeaseSnapshot"/>.</summary>
    public const string LeaseSnapshotMethod = "Leases";

    /// <summary>The change state: a browser receives <see cref="ChangeStateMethod"/> on connecting and at once after every edit, commit, confirm or rollback.</summary>
    public const string ChangesPath = "/hubs/changes";

    /// <summary>Method a changes subscriber receives: the latest <see cref="ChangeStateView"/>, whole.</summary>
    public const string ChangeStateMethod = "Changes";
}
