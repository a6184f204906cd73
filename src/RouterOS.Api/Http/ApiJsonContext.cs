using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Api.Engine;
using RouterOS.Api.Store;

namespace RouterOS.Api.Http;

/// <summary>Request and response bodies of the API itself (the configuration's own types come from the domain's context).</summary>
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
[JsonSerializable(typeof(RevisionState))]
[JsonSerializable(typeof(EngineStatus))]
[JsonSerializable(typeof(IReadOnlyList<DhcpLeaseView>))]
[JsonSerializable(typeof(IReadOnlyList<UplinkStatusView>))]
[JsonSerializable(typeof(UplinkStatusView))]
[JsonSerializable(typeof(Uplinks.UplinkSnapshot))]
[JsonSerializable(typeof(Flows.FlowPage))]
[JsonSerializable(typeof(Flows.FlowView))]
[JsonSerializable(typeof(Flows.FlowPageDelta))]
[JsonSerializable(typeof(Flows.FlowSubscribeRequest))]
[JsonSerializable(typeof(Auth.SetupRequest))]
[JsonSerializable(typeof(Auth.LoginRequest))]
[JsonSerializable(typeof(Auth.TokenRequest))]
[JsonSerializable(typeof(Auth.CreatedToken))]
[JsonSerializable(typeof(List<Auth.TokenView>))]
[JsonSerializable(typeof(Auth.WhoAmI))]
[JsonSerializable(typeof(Auth.SessionView))]
[JsonSerializable(typeof(Auth.AntiforgeryView))]
[JsonSerializable(typeof(Auth.PasswordChangeRequest))]
[JsonSerializable(typeof(List<Auth.SessionInfo>))]
[JsonSerializable(typeof(List<Auth.AuditView>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
