namespace RouterOS.Api.Contracts;

public sealed record SetupRequest(string Token, string Password);

public sealed record LoginRequest(string Username, string Password);

public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);

public sealed record WhoAmI(string Name, string Source, bool CanWrite);

/// <param name="User">Who is signed in; null when nobody is.</param>
/// <param name="SetupPending">No admin password yet: first-run setup (with the printed token) comes first.</param>
public sealed record SessionView(WhoAmI? User, bool SetupPending);

public sealed record AntiforgeryView(string HeaderName, string Token);

/// <param name="Current">The session of the browser asking.</param>
public sealed record SessionInfo(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? RemoteAddress, string? UserAgent, bool Current);
