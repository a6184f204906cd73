namespace RouterOS.Domain.Topology;

/// <summary>The kinds of network device a configuration names. They share one name space, as in the kernel.</summary>
public enum DeviceKind
{
    Port,
    Bridge,
    Vlan,
    Pppoe,
}

public static class DeviceKindNames
{
    /// <summary>The configuration list each kind lives in, used to build paths.</summary>
    public static string ListName(this DeviceKind kind) => kind switch
    {
        DeviceKind.Port => "ports",
        DeviceKind.Bridge => "bridges",
        DeviceKind.Vlan => "vlans",
        DeviceKind.Pppoe => "pppoe",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>How an administrator would say it in a sentence.</summary>
    public static string Describe(this DeviceKind kind) => kind switch
    {
        DeviceKind.Port => "port",
        DeviceKind.Bridge => "bridge",
        DeviceKind.Vlan => "VLAN device",
        DeviceKind.Pppoe => "PPPoE uplink",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
