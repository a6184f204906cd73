namespace RouterOS.Domain.Management;

/// <summary>
/// A change in the candidate that may cut the administrator's own connection to the dashboard,
/// in plain words, at the configuration path that causes it.
/// </summary>
public sealed record ManagementWarning(string Path, string Message);
