using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

public sealed record SetupRequest(string Token, string Password);

public sealed record LoginRequest(string Username, string Password);

/// <param name="ExpiresAt">Refused from then on; omitted or null: valid until revoked.</param>
public sealed record TokenRequest(string Name, TokenScope Scope, DateTimeOffset? ExpiresAt = null);

/// <param name="Token">Shown this once; only its hash is kept.</param>
public sealed record CreatedToken(string Name, TokenScope Scope, string Token, DateTimeOffset? ExpiresAt = null);

public sealed record TokenView(string Name, TokenScope Scope, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt = null, bool Expired = false);

public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);

/// <param name="Current">The session of the browser asking.</param>
public sealed record SessionInfo(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? RemoteAddress, string? UserAgent, bool Current);

public sealed record WhoAmI(string Name, string Source, bool CanWrite);

/// <param name="User">Who is signed in; null when nobody is.</param>
/// <param name="SetupPending">No admin password yet: first-run setup (with the printed token) comes first.</param>
public sealed record SessionView(WhoAmI? User, bool SetupPending);

public sealed record AntiforgeryView(string HeaderName, string Token);

public sealed record AuditView(DateTimeOffset At, string Actor, string Source, string Method, string Path, int Status, string? RemoteAddress);
