using System.Text.Json.Serialization;

namespace RouterOS.Domain.Verification;

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>The configuration cannot be applied as it is.</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>It can be applied, but probably does not do what the admin wants.</summary>
    [JsonStringEnumMemberName("warning")] Warning,
}

/// <summary>
/// One problem in a configuration, with the path of the object it concerns in the form
/// <c>bridges[br-lan].ports[eth9]</c>: list items are named by their key, not their index, so the
/// path still points at the right object after the list is reordered.
/// </summary>
public sealed record ConfigFinding(Severity Severity, string Path, string Message)
{
    public static ConfigFinding Error(string path, string message) => new(Severity.Error, path, message);

    public static ConfigFinding Warning(string path, string message) => new(Severity.Warning, path, message);

    public override string ToString() => $"{(Severity == Severity.Error ? "error" : "warning")}: {Path}: {Message}";
}
