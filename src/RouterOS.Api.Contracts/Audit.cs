namespace RouterOS.Api.Contracts;

/// <param name="What">The action in words ("committed the candidate", "signed in", "rolled back revision 7 automatically: ...").</param>
/// <param name="Result">How it ended in words: "done", "refused", "failed".</param>
public sealed record AuditView(DateTimeOffset At, string Actor, string Source, string Method, string Path, int Status, string? RemoteAddress,
    string What = "", string Result = "");
