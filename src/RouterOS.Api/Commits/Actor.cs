namespace RouterOS.Api.Commits;

/// <summary>Who made a change and through what: the UI (a signed-in user), the API, or an API token.</summary>
public sealed record Actor(string Name, string Source);
