using System.Text.Json.Serialization;

namespace RouterOS.Api.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<TokenScope>))]
public enum TokenScope
{
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("write")] Write,
}

/// <param name="ExpiresAt">Refused from then on; omitted or null: valid until revoked.</param>
public sealed record TokenRequest(string Name, TokenScope Scope,
    // Left out rather than sent as null, whatever the serializer's defaults (the dashboard's are the web's).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null);

/// <param name="Token">Shown this once; only its hash is kept.</param>
public sealed record CreatedToken(string Name, TokenScope Scope, string Token, DateTimeOffset? ExpiresAt = null);

public sealed record TokenView(string Name, TokenScope Scope, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt = null, bool Expired = false);
