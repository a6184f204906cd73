using RouterOS.Api.Contracts;

namespace RouterOS.Api.Store;

/// <summary>A person who signs in to the dashboard. Today there is one: admin.</summary>
public sealed class UserRow
{
    public required string Username { get; set; }

    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2 with a salt).</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A signed-in browser. The cookie names its row; a request whose row is gone is signed out, so
/// deleting the row (revoke, sign-out, password change) ends that browser's session at its next request.
/// </summary>
public sealed class SessionRow
{
    /// <summary>128 random bits, hex. The cookie carrying it is encrypted and signed, so knowing it forges nothing.</summary>
    public required string Id { get; set; }

    public required string Username { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>To the minute (see <see cref="Auth.Sessions"/>).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public string? RemoteAddress { get; set; }

    public string? UserAgent { get; set; }
}

/// <summary>A bearer token for automation. Only its hash is kept: the token is shown once, at creation.</summary>
public sealed class ApiTokenRow
{
    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex. Tokens carry 256 random bits, so a fast hash suffices.</summary>
    public required string Hash { get; set; }

    public TokenScope Scope { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Refused from then on; null: until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>One write through the API: who, what, when, from where, and how it ended.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Source { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    public int Status { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>What the action did in words, when its path cannot say it (<see cref="Auth.AuditTrail.WordsKey"/>); null otherwise.</summary>
    public string? Words { get; set; }
}
