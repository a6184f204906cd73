namespace RouterOS.Domain.Values;

/// <summary>
/// The one exception type that parsing configuration input throws: a value that breaks a rule,
/// with a message written for the administrator who typed it.
/// </summary>
public sealed class ConfigValidationException : Exception
{
    public ConfigValidationException(string message) : base(message) { }

    public ConfigValidationException(string message, string path) : base(message) => Path = path;

    public ConfigValidationException(string message, Exception innerException) : base(message, innerException) { }

    public ConfigValidationException() { }

    /// <summary>Where in the configuration the bad value sits, when known.</summary>
    public string? Path { get; }
}
