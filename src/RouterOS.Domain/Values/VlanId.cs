using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Values;

/// <summary>
/// An 802.1Q VLAN identifier, 1 to 4094. 0 means "priority tag only" and 4095 is reserved
/// (IEEE 802.1Q; the kernel's VLAN_N_VID is 4096, include/linux/if_vlan.h), so neither names a VLAN.
/// </summary>
[JsonConverter(typeof(ConfigValueConverter<VlanId>))]
public readonly record struct VlanId : IConfigValue<VlanId>
{
    public const int Min = 1;
    public const int Max = 4094;

    private VlanId(ushort value) => Value = value;

    public ushort Value { get; }

    public static bool IsJsonNumber => true;

    public static bool TryFromNumber(long number, out VlanId value, out string problem) =>
        number is >= Min and <= Max
            ? ConfigValue.Ok(new VlanId((ushort)number), out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"VLAN id {number} is out of range: use {Min} to {Max}");

    public static bool TryParse(string? text, out VlanId value, out string problem) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? TryFromNumber(number, out value, out problem)
            : ConfigValue.Fail(out value, out problem, $"'{Printable.Escape(text ?? "")}' is not a VLAN id: use a number from {Min} to {Max}");

    public static VlanId From(int number) => ConfigValue.FromNumber<VlanId>(number);

    public void WriteJson(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
