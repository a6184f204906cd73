using System.Text.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// A validated configuration value: it can only be created through <see cref="TryParse"/> (or
/// <see cref="TryFromNumber"/>), so holding one means it passed its rules. JSON reads and writes
/// go through <see cref="Json.ConfigValueConverter{T}"/>, which calls these members.
/// </summary>
public interface IConfigValue<TSelf> where TSelf : IConfigValue<TSelf>
{
    /// <summary>Parses the text form; on failure <paramref name="problem"/> says what is wrong in plain words.</summary>
    static abstract bool TryParse(string? text, out TSelf value, out string problem);

    /// <summary>Values that JSON may give as a number override this; the rest accept only strings.</summary>
    static virtual bool TryFromNumber(long number, out TSelf value, out string problem)
    {
        value = default!;
        problem = "must be a string, not a number";
        return false;
    }

    /// <summary>
    /// True for plain numbers (a VLAN id, an MTU): JSON must give them as numbers, so "1500" in
    /// quotes is the wrong type. Values with a symbolic form (DSCP "ef", priority "filter") take both.
    /// </summary>
    static virtual bool IsJsonNumber => false;

    /// <summary>Writes the canonical JSON form: what <see cref="TryParse"/> or <see cref="TryFromNumber"/> reads back.</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>Shared helpers so each value type does not repeat its throwing Parse.</summary>
public static class ConfigValue
{
    public static T Parse<T>(string? text) where T : IConfigValue<T> =>
        T.TryParse(text, out var value, out var problem) ? value : throw new ConfigValidationException(problem);

    public static T FromNumber<T>(long number) where T : IConfigValue<T> =>
        T.TryFromNumber(number, out var value, out var problem) ? value : throw new ConfigValidationException(problem);

    internal static bool Fail<T>(out T value, out string problem, string message)
    {
        value = default!;
        problem = message;
        return false;
    }

    internal static bool Ok<T>(T result, out T value, out string problem)
    {
        value = result;
        problem = "";
        return true;
    }
}
