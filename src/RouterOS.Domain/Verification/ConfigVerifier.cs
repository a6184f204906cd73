using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Verification.Rules;

namespace RouterOS.Domain.Verification;

/// <summary>
/// Checks a whole configuration and returns every error and warning, each with the path of the
/// object it concerns. Pure: the API runs it to give the admin good errors and the engine runs it
/// again before it touches the kernel. Its work is bounded: the list sizes are checked first
/// (<see cref="Limits"/>), and the other rules run only on a configuration within them, each in
/// time close to linear in the configuration's size.
/// </summary>
public static class ConfigVerifier
{
    private static readonly Action<VerifyContext>[] Rules =
    [
        NameRules.Check,
        CycleRules.Check,
        PortRules.Check,
        BridgeRules.Check,
        VlanRules.Check,
        PppoeRules.Check,
        AddressRules.Check,
        RouteRules.Check,
        DhcpRules.Check,
        DnsRules.Check,
        FlowtableRules.Check,
        OffloadPolicyRules.Check,
        FirewallRules.Check,
        PortForwardRules.Check,
        ForwardRuleRules.Check,
        ZoneCoverageRules.Check,
        ShapingRules.Check,
        Ipv6Rules.Check,
    ];

    public static VerifyResult Verify(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Verify(config, new DeviceGraph(config));
    }

    /// <summary>
    /// Verify with the device graph of <paramref name="config"/> made already: the engine's
    /// planner makes one graph per plan and shares it with verify and the ruleset.
    /// </summary>
    public static VerifyResult Verify(RouterConfig config, DeviceGraph devices)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(devices);
        var context = new VerifyContext(config, devices);
        SchemaRules.Check(context);
        if (!LimitRules.Check(context))
            return new VerifyResult([.. context.Findings]);
        foreach (var rule in Rules)
            rule(context);
        return new VerifyResult([.. context.Findings]);
    }
}
