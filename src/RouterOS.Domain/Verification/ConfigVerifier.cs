using RouterOS.Domain.Model;
using RouterOS.Domain.Verification.Rules;

namespace RouterOS.Domain.Verification;

/// <summary>
/// Checks a whole configuration and returns every error and warning, each with the path of the
/// object it concerns. Pure: the API runs it to give the admin good errors and the engine runs it
/// again before it touches the kernel.
/// </summary>
public static class ConfigVerifier
{
    private static readonly Action<VerifyContext>[] Rules =
    [
        SchemaRules.Check,
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
        ZoneCoverageRules.Check,
        ShapingRules.Check,
    ];

    public static VerifyResult Verify(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var context = new VerifyContext(config);
        foreach (var rule in Rules)
            rule(context);
        return new VerifyResult([.. context.Findings]);
    }
}
