using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// An RFC 9457 problem document, as the API answers errors; findings name the configuration paths concerned.
/// The API writes ASP.NET Core's own problem details with findings added, so this reading of them is the dashboard's.
/// </summary>
public sealed record Problem(string? Title, string? Detail, int? Status, IReadOnlyList<ConfigFinding>? Findings);
