namespace RouterOS.Engine.Services.Pppoe;

/// <summary>A failure in plain words, with what the administrator should check.</summary>
public sealed record PppoeFailure(string Message, string Check);

/// <summary>pppd's exit codes (pppd/pppd.h, EXIT_*) in plain words.</summary>
public static class PppdExit
{
    public const int Ok = 0;
    public const int FatalError = 1;
    public const int OptionError = 2;
    public const int NotRoot = 3;
    public const int NoKernelSupport = 4;
    public const int UserRequest = 5;
    public const int OpenFailed = 7;
    public const int ConnectFailed = 8;
    public const int NegotiationFailed = 10;
    public const int PeerAuthenticationFailed = 11;
    public const int IdleTimeout = 12;
    public const int ConnectTime = 13;
    public const int PeerDead = 15;
    public const int HangUp = 16;
    public const int Loopback = 17;
    public const int AuthenticationFailed = 19;

    /// <summary>What an exit means for the uplink on <paramref name="parent"/>; null for a stop the engine asked for.</summary>
    public static PppoeFailure? Describe(int code, string parent) => code switch
    {
        UserRequest => null,
        AuthenticationFailed => new("authentication failed: the server rejected the username or password",
            "check the username and password (some ISPs want user@realm)"),
        ConnectFailed => new($"no PPPoE server answered on {parent} (discovery timed out)",
            $"check the cable and link on {parent}, the VLAN the ISP wants, and the service or access concentrator name if one is set"),
        PeerDead => new("the link stopped answering LCP echo requests",
            "the line or the ISP dropped the session; it dials again by itself"),
        HangUp => new("the server ended the session",
            "the ISP hung up (PADT or LCP terminate); it dials again by itself"),
        NegotiationFailed => new("PPP negotiation with the server failed",
            "check the MTU/MRU and the service name; the server refused the link's options"),
        NoKernelSupport => new("this kernel has no PPP support (ppp_generic, pppoe)",
            "load the ppp_generic and pppoe modules, or use a kernel built with them"),
        OpenFailed => new($"pppd could not open {parent} for PPPoE",
            $"check that {parent} exists and is up"),
        Loopback => new("the line is looped back (pppd saw its own LCP requests)",
            "check the cabling: the WAN port hears itself"),
        IdleTimeout or ConnectTime => new("the session reached its time limit", "it dials again by itself"),
        OptionError or FatalError or NotRoot or PeerAuthenticationFailed => new($"pppd refused to start (exit code {code})",
            "see the engine's log for pppd's own message"),
        Ok => new("the session ended", "it dials again by itself"),
        _ => new($"pppd stopped with exit code {code}", "see the engine's log for pppd's own message"),
    };
}
