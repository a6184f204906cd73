namespace RouterOS.Api.Contracts;

public sealed record AuditView(DateTimeOffset At, string Actor, string Source, string Method, string Path, int Status, string? RemoteAddress);
