using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using RouterOS.Api.Contracts;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Http;

/// <summary>
/// Request and response bodies of the API itself, as the shared contracts define them (the configuration's
/// own types come from the domain's context). The dashboard reads the same types through its own context.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CommitRequest))]
[JsonSerializable(typeof(RevisionSummary))]
[JsonSerializable(typeof(IReadOnlyList<RevisionSummary>))]
[JsonSerializable(typeof(RevisionDetail))]
[JsonSerializable(typeof(CandidateView))]
[JsonSerializable(typeof(DiffView))]
[JsonSerializable(typeof(PlanView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(ChangeStateView))]
[JsonSerializable(typeof(RevisionState))]
[JsonSerializable(typeof(EngineStatus))]
[JsonSerializable(typeof(IReadOnlyList<DhcpLeaseView>))]
[JsonSerializable(typeof(IReadOnlyList<RuleCounterView>))]
[JsonSerializable(typeof(IReadOnlyList<UplinkStatusView>))]
[JsonSerializable(typeof(UplinkStatusView))]
[JsonSerializable(typeof(UplinkSnapshot))]
[JsonSerializable(typeof(LinkSnapshotView))]
[JsonSerializable(typeof(DhcpLeaseSnapshot))]
[JsonSerializable(typeof(FlowPage))]
[JsonSerializable(typeof(FlowView))]
[JsonSerializable(typeof(FlowPageDelta))]
[JsonSerializable(typeof(FlowSubscribeRequest))]
[JsonSerializable(typeof(SetupRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(CreatedToken))]
[JsonSerializable(typeof(List<TokenView>))]
[JsonSerializable(typeof(WhoAmI))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(AntiforgeryView))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(List<SessionInfo>))]
[JsonSerializable(typeof(List<AuditView>))]
[JsonSerializable(typeof(SystemView))]
[JsonSerializable(typeof(UpgradeProgress))]
[JsonSerializable(typeof(SystemActionRequest))]
[JsonSerializable(typeof(SystemActionResult))]
// Problem details: the framework adds its own metadata for them only where reflection is off by
// default (NativeAOT); named here, the API's JIT builds and tests write them the same way.
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(ConfigFinding[]))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
