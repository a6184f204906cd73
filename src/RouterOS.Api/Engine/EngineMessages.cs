using RouterOS.Api.Contracts;
using RouterOS.Domain.Verification;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

/// <summary>
/// The one translation from the engine's gRPC messages (engine.proto) to what the API works with and
/// sends on (the shared contracts), split by concern over this file and its partners. Proto3 has no
/// null: an empty string or an unset message becomes null here, and nowhere else.
/// </summary>
internal static partial class EngineMessages
{
    public static EnginePlan ToPlan(this Proto.PlanReply reply) =>
        new(ToFindings(reply.Findings), [.. reply.Changes.Select(c => new PlannedChange(c.Path, c.Action, c.ChangeClass, c.Detail))], reply.NftRuleset);

    public static EngineApplyResult ToResult(this Proto.ApplyReply reply) =>
        new(reply.Applied, ToFindings(reply.Findings), NullIfEmpty(reply.Error), NullIfEmpty(reply.ErrorPath));

    public static EngineStatus ToStatus(this Proto.StatusReply reply)
    {
        var capabilities = reply.Capabilities ?? new Proto.Capabilities();
        return new EngineStatus(reply.EngineVersion, reply.KernelRelease,
            new EngineCapabilities(capabilities.Flowtable, capabilities.Vlan8021Q, capabilities.BridgeVlanFiltering, capabilities.Ppp, [.. capabilities.Notes],
                [.. capabilities.Devices.Select(device => new DeviceHardwareOffload(device.Device, device.HardwareOffload, device.Reason))]),
            (long)reply.RunningRevision, (long)reply.ConfirmedRevision, reply.ConfirmDeadline?.ToDateTimeOffset(),
            reply.FailClosed is { } held ? new EngineFailClosed(held.Reason, ToFindings(held.Findings), held.BaseRuleset, (long)held.Revision, held.Since.ToDateTimeOffset()) : null,
            reply.Started?.ToDateTimeOffset());
    }

    /// <summary>Null for the empty string proto3 sends in place of "none".</summary>
    public static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static List<ConfigFinding> ToFindings(IEnumerable<Proto.Finding> findings) =>
        [.. findings.Select(f => new ConfigFinding(f.Severity == "warning" ? Severity.Warning : Severity.Error, f.Path, f.Message))];
}
