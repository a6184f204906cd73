using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

public sealed record SetupRequest(string Token, string Password);

public sealed record LoginRequest(string Username, string Password);

public sealed record TokenRequest(string Name, TokenScope Scope);

/// <param name="Token">Shown this once; only its hash is kept.</param>
public sealed record CreatedToken(string Name, TokenScope Scope, string Token);

public sealed record TokenView(string Name, TokenScope Scope, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt);

public sealed record WhoAmI(string Name, string Source, bool CanWrite);

/// <param name="User">Who is signed in; null when nobody is.</param>
/// <param name="SetupPending">No admin password yet: first-run setup (with the printed token) comes first.</param>
public sealed record SessionView(WhoAmI? User, bool SetupPending);

public sealed record AntiforgeryView(string HeaderName, string Token);

public sealed record AuditView(DateTimeOffset At, string Actor, string Source, string Method, string Path, int Status, string? RemoteAddress);
