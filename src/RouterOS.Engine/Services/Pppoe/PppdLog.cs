using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace RouterOS.Engine.Services.Pppoe;

/// <summary>What one of pppd's log lines says about the session (pppd 2.4.9 and its pppoe.so).</summary>
public enum PppdLineKind
{
    /// <summary>"PPP session is 3": the PPPoE discovery found a server and got a session id.</summary>
    SessionId,

    /// <summary>"Connected to 02:00:00:00:00:01 via interface wan0": the access concentrator's MAC.</summary>
    ConnectedTo,

    /// <summary>"Connect: ppp-wan &lt;--&gt; wan0": the ppp device exists, LCP negotiates.</summary>
    LinkStarted,

    /// <summary>"Remote message: Login incorrect": what the server said with its PAP answer.</summary>
    RemoteMessage,
    AuthenticationSucceeded,
    AuthenticationFailed,
    LocalAddress,
    RemoteAddress,
    LocalLinkLocal,
    RemoteLinkLocal,

    /// <summary>"No response to 3 echo-requests": the link stopped answering LCP echoes.</summary>
    NoEchoReplies,

    /// <summary>"Timeout waiting for PADO packets": no PPPoE server answered the discovery.</summary>
    DiscoveryTimeout,

    /// <summary>"Modem hangup" (the kernel saw the server's PADT) or "LCP terminated by peer".</summary>
    PeerHungUp,

    /// <summary>pppd cannot use PPP at all (no /dev/ppp, no kernel support).</summary>
    NoKernelSupport,
    Other,
}

/// <param name="Text">The protocol (PAP, CHAP), the message, or the line itself for <see cref="PppdLineKind.Other"/>.</param>
/// <param name="Message">What the server said with an authentication answer ("CHAP authentication failed: Access denied").</param>
public sealed partial record PppdLine(PppdLineKind Kind, string Text, IPAddress? Address = null, int? Number = null, string? Message = null)
{
    /// <summary>
    /// Reads one line. pppd's lines come from its own messages and from the server (remote
    /// message, MAC): anything unexpected is <see cref="PppdLineKind.Other"/>, never an error.
    /// </summary>
    public static PppdLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (Match(SessionPattern(), text) is { } session && int.TryParse(session, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return new(PppdLineKind.SessionId, text, Number: id);
        if (Match(ConnectedPattern(), text) is { } mac)
            return new(PppdLineKind.ConnectedTo, mac.ToLowerInvariant());
        if (text.StartsWith("Connect: ", StringComparison.Ordinal))
            return new(PppdLineKind.LinkStarted, text);
        if (text.StartsWith("Remote message: ", StringComparison.Ordinal))
            return new(PppdLineKind.RemoteMessage, text["Remote message: ".Length..]);
        if (AuthenticationPattern().Match(text) is { Success: true } authentication)
        {
            var said = authentication.Groups[3].Value.Trim();
            return new(authentication.Groups[2].Value == "succeeded" ? PppdLineKind.AuthenticationSucceeded : PppdLineKind.AuthenticationFailed,
                authentication.Groups[1].Value, Message: said.Length > 0 ? said : null);
        }
        if (AddressAfter(text, "local  IP address ") is { } local)
            return new(PppdLineKind.LocalAddress, text, local);
        if (AddressAfter(text, "remote IP address ") is { } remote)
            return new(PppdLineKind.RemoteAddress, text, remote);
        if (AddressAfter(text, "local  LL address ") is { } localLinkLocal)
            return new(PppdLineKind.LocalLinkLocal, text, localLinkLocal);
        if (AddressAfter(text, "remote LL address ") is { } remoteLinkLocal)
            return new(PppdLineKind.RemoteLinkLocal, text, remoteLinkLocal);
        if (Match(EchoPattern(), text) is { } echoes && int.TryParse(echoes, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return new(PppdLineKind.NoEchoReplies, text, Number: count);
        if (text.StartsWith("Timeout waiting for PADO", StringComparison.Ordinal) || text.StartsWith("Unable to complete PPPoE Discovery", StringComparison.Ordinal))
            return new(PppdLineKind.DiscoveryTimeout, text);
        if (text == "Modem hangup" || text.StartsWith("LCP terminated by peer", StringComparison.Ordinal))
            return new(PppdLineKind.PeerHungUp, text);
        if (text.Contains("/dev/ppp", StringComparison.Ordinal) || text.Contains("kernel does not support PPP", StringComparison.Ordinal))
            return new(PppdLineKind.NoKernelSupport, text);
        return new(PppdLineKind.Other, text);
    }

    private static string? Match(Regex pattern, string text) => pattern.Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private static IPAddress? AddressAfter(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && IPAddress.TryParse(text[prefix.Length..].Trim(), out var address) ? address : null;

    [GeneratedRegex(@"^PPP session is (\d{1,5})$")]
    private static partial Regex SessionPattern();

    [GeneratedRegex(@"^Connected to ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}) via interface ")]
    private static partial Regex ConnectedPattern();

    [GeneratedRegex(@"^(PAP|CHAP|EAP) authentication (succeeded|failed)(?:: (.*))?$")]
    private static partial Regex AuthenticationPattern();

    [GeneratedRegex(@"^No response to (\d{1,4}) echo-requests")]
    private static partial Regex EchoPattern();
}
