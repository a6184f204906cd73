using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Diff;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// Source-generated JSON for every API view the dashboard reads or sends (the API's own contract
/// types): the release build is trimmed, and reflection-based serialization could lose members the
/// trimmer did not see used.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(AntiforgeryView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(ChangeStateView))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(DiffView))]
[JsonSerializable(typeof(PlanView))]
// Diffs and plans hold their changes in an EquatableArray, whose converter reads each item through
// the options' metadata: the generator cannot see past a converter, so the item type is listed.
[JsonSerializable(typeof(ConfigChange))]
[JsonSerializable(typeof(FlowPageDelta))]
[JsonSerializable(typeof(FlowSubscribeRequest))]
[JsonSerializable(typeof(List<RevisionSummary>))]
[JsonSerializable(typeof(RevisionSummary))]
[JsonSerializable(typeof(List<TokenView>))]
[JsonSerializable(typeof(CreatedToken))]
[JsonSerializable(typeof(List<AuditView>))]
[JsonSerializable(typeof(List<DhcpLeaseView>))]
[JsonSerializable(typeof(List<RuleCounterView>))]
[JsonSerializable(typeof(UplinkSnapshot))]
[JsonSerializable(typeof(LinkSnapshotView))]
[JsonSerializable(typeof(DhcpLeaseSnapshot))]
[JsonSerializable(typeof(SetupRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(CommitRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(List<SessionInfo>))]
[JsonSerializable(typeof(SystemView))]
[JsonSerializable(typeof(UpgradeProgress))]
[JsonSerializable(typeof(SystemActionRequest))]
[JsonSerializable(typeof(SystemActionResult))]
public sealed partial class DashboardJson : JsonSerializerContext;
