using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A password the router must hand to another program (pppd's passwordfd reads it up to a newline,
/// pppd's MAXSECRETLEN is 256 with the NUL): 1 to 255 characters, no control characters.
/// <see cref="ToString"/> never shows it, so a secret cannot leak into a log by accident;
/// JSON carries it in clear because the engine needs it. The API layer decides who may read it.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<Secret>))]
public sealed class Secret : IConfigValue<Secret>, IEquatable<Secret>
{
    public const int MaxLength = 255;
    private const string Redacted = "(secret)";

    private readonly string _value;

    private Secret(string value) => _value = value;

    /// <summary>The secret itself. Call only where it is handed to the program that needs it.</summary>
    public string Reveal() => _value;

    public static bool TryParse(string? text, out Secret value, out string problem)
    {
        if (string.IsNullOrEmpty(text))
            return ConfigValue.Fail(out value, out problem, "a password must not be empty");
        if (text.Length > MaxLength)
            return ConfigValue.Fail(out value, out problem, $"a password may be at most {MaxLength} characters long");
        if (!Printable.IsWellFormed(text) || text.Any(char.IsControl))
            return ConfigValue.Fail(out value, out problem, "a password may not contain control characters such as a newline");
        return ConfigValue.Ok(new Secret(text), out value, out problem);
    }

    public static Secret Parse(string? text) => ConfigValue.Parse<Secret>(text);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(_value);

    // Constant time, so comparing a guess with a stored secret says nothing through timing.
    public bool Equals(Secret? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => Redacted;
}
