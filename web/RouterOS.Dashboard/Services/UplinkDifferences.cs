using System.Globalization;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Services;

/// <summary>One setting of a PPPoE uplink: what the running revision asks for, what the kernel and pppd have, and how they differ.</summary>
/// <param name="Difference">In plain words; null when they agree, or when the kernel's side is not known.</param>
public sealed record UplinkComparison(string Key, string What, string Configured, string Kernel, string? Difference);

/// <summary>
/// A PPPoE uplink of the running revision beside its session (the uplinks feed) and its ppp device
/// (the links feed): only what those streams report, the session's state and Ethernet device and the
/// device's MTU. The kernel is held to the running revision, as the Interfaces page's marks are.
/// </summary>
public static class UplinkDifferences
{
    private const string Unknown = "—";

    /// <param name="session">The engine's session; null when it reports none for this uplink.</param>
    /// <param name="links">The kernel's links; null before the first reading (nothing is said about the device then).</param>
    public static IReadOnlyList<UplinkComparison> Of(PppoeUplink running, UplinkStatusView? session, LinkSnapshotView? links)
    {
        ArgumentNullException.ThrowIfNull(running);
        var device = links?.Links.FirstOrDefault(link => link.Name == running.Name.Value);
        return [Runs(running, session), Over(running, session), Mtu(running, device, links is not null)];
    }

    private static UplinkComparison Runs(PppoeUplink running, UplinkStatusView? session)
    {
        var state = session?.State ?? "no session";
        var active = session is not null && session.State != "stopped";
        string? difference = (running.Enabled, active) switch
        {
            (true, false) => "enabled in the running revision, but no session runs",
            (false, true) => "disabled in the running revision, but a session still runs",
            _ => null,
        };
        return new("runs", "Session", running.Enabled ? "enabled" : "disabled", state, difference);
    }

    private static UplinkComparison Over(PppoeUplink running, UplinkStatusView? session)
    {
        var parent = session?.Parent;
        var difference = parent is not null && parent != running.Parent.Value ? $"runs over {parent}, {running.Parent} in the running revision" : null;
        return new("over", "Over", running.Parent.Value, parent ?? Unknown, difference);
    }

    // pppd sets the device's MTU to the lower of the configured one and the peer's MRU, so a lower one is the peer's doing.
    private static UplinkComparison Mtu(PppoeUplink running, LinkStatusView? device, bool kernelKnown)
    {
        var mtu = running.EffectiveMtu.Value;
        var kernel = device?.Mtu.ToString(CultureInfo.InvariantCulture) ?? (kernelKnown ? "no ppp device" : Unknown);
        string? difference = device is null || device.Mtu == mtu ? null
            : device.Mtu < mtu ? $"MTU {device.Mtu} in the kernel, {mtu} in the running revision: the peer asked for less"
            : $"MTU {device.Mtu} in the kernel, {mtu} in the running revision";
        return new("mtu", "MTU", mtu.ToString(CultureInfo.InvariantCulture), kernel, difference);
    }
}
