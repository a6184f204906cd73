using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// The ingress hook priority of a flowtable: a signed 32-bit number (NFTA_FLOWTABLE_HOOK_PRIORITY
/// is an s32, include/uapi/linux/netfilter/nf_tables.h), or nft's symbolic form "filter", "filter + 10",
/// "filter - 5". For the netdev ingress hook, "filter" is 0 (NF_IP_PRI_FILTER's netdev counterpart in
/// nft's src/rule.c); we keep the symbolic form so the admin sees what they wrote.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<FlowtablePriority>))]
public readonly record struct FlowtablePriority : IConfigValue<FlowtablePriority>
{
    private const string FilterKeyword = "filter";

    /// <summary>nft's value for "filter" at the netdev ingress hook.</summary>
    public const int FilterBase = 0;

    private FlowtablePriority(int value, bool relativeToFilter) => (Value, IsFilterRelative) = (value, relativeToFilter);

    /// <summary>The numeric priority the kernel receives.</summary>
    public int Value { get; }

    /// <summary>True when written as "filter" or "filter +/- N".</summary>
    public bool IsFilterRelative { get; }

    public static FlowtablePriority Filter { get; } = new(FilterBase, true);

    public static bool TryFromNumber(long number, out FlowtablePriority value, out string problem) =>
        number is >= int.MinValue and <= int.MaxValue
            ? ConfigValue.Ok(new FlowtablePriority((int)number, false), out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"priority {number} does not fit in a signed 32-bit number");

    public static bool TryParse(string? text, out FlowtablePriority value, out string problem)
    {
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (long.TryParse(compact, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var plain) && compact.Length <= 12)
            return TryFromNumber(plain, out value, out problem);
        if (!compact.StartsWith(FilterKeyword, StringComparison.Ordinal))
            return Invalid(text, out value, out problem);
        var offsetText = compact[FilterKeyword.Length..];
        if (offsetText.Length == 0)
            return ConfigValue.Ok(Filter, out value, out problem);
        if (offsetText[0] is not ('+' or '-') || offsetText.Length > 12 || !offsetText[1..].All(char.IsAsciiDigit) || offsetText.Length == 1)
            return Invalid(text, out value, out problem);
        var offset = long.Parse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var total = FilterBase + offset;
        if (total is < int.MinValue or > int.MaxValue)
            return ConfigValue.Fail(out value, out problem, $"priority '{text}' does not fit in a signed 32-bit number");
        return ConfigValue.Ok(new FlowtablePriority((int)total, true), out value, out problem);
    }

    public static FlowtablePriority Parse(string? text) => ConfigValue.Parse<FlowtablePriority>(text);

    public static FlowtablePriority From(int number) => ConfigValue.FromNumber<FlowtablePriority>(number);

    public void WriteJson(Utf8JsonWriter writer)
    {
        if (IsFilterRelative)
            writer.WriteStringValue(ToString());
        else
            writer.WriteNumberValue(Value);
    }

    /// <summary>The form nft accepts in "hook ingress priority ...".</summary>
    public override string ToString()
    {
        if (!IsFilterRelative)
            return Value.ToString(CultureInfo.InvariantCulture);
        var offset = (long)Value - FilterBase;
        return offset switch
        {
            0 => FilterKeyword,
            > 0 => string.Create(CultureInfo.InvariantCulture, $"{FilterKeyword} + {offset}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{FilterKeyword} - {-offset}"),
        };
    }

    private static bool Invalid(string? text, out FlowtablePriority value, out string problem) =>
        ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a flowtable priority: use a number, or filter, filter + N, filter - N");
}
