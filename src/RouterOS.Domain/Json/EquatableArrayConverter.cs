using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Json;

/// <summary>
/// JSON lists for <see cref="EquatableArray{T}"/>. Items are read and written through the
/// options' own type information, so source-generated metadata and value converters apply to them.
/// </summary>
public sealed class EquatableArrayConverter<T> : JsonConverter<EquatableArray<T>>, IArrayJsonShape
{
    public Type ElementType => typeof(T);

    public override bool HandleNull => true;

    public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException(reader.TokenType == JsonTokenType.Null ? "must be a list (use [] for none), not null" : "must be a list");
        var itemInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var builder = ImmutableArray.CreateBuilder<T>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            T? item;
            try
            {
                item = JsonSerializer.Deserialize(ref reader, itemInfo);
            }
            catch (JsonException e)
            {
                throw JsonErrorPath.InItem(e, index);
            }
            builder.Add(item ?? throw JsonErrorPath.AtItem(index, "a list item must not be null"));
        }
        return new EquatableArray<T>(builder.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options)
    {
        var itemInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
            JsonSerializer.Serialize(writer, item, itemInfo);
        writer.WriteEndArray();
    }
}

/// <summary>Makes the converter above for each item type.</summary>
public sealed class EquatableArrayConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var itemType = typeToConvert.GetGenericArguments()[0];
        if (!itemType.IsValueType)
        {
            return ForReferenceItems(itemType);
        }
        // The engine is compiled NativeAOT, which cannot make a generic type over a value type at run
        // time (its code must exist ahead): so each value-type item type is named here, where the
        // compiler sees it. Under the JIT as well, so that one missing shows in every test run.
        if (itemType == typeof(PortRange))
        {
            return new EquatableArrayConverter<PortRange>();
        }
        throw new NotSupportedException(
            $"EquatableArray<{itemType.Name}>: a list of a value type needs its converter named in {nameof(EquatableArrayConverterFactory)} (NativeAOT cannot make it at run time)");
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification =
        "Reference-type items only: NativeAOT makes EquatableArrayConverter<T> for those at run time from the one shared "
        + "instantiation over reference types, which it compiles for this MakeGenericType. Value types never reach here.")]
    private static JsonConverter ForReferenceItems(Type itemType) =>
        (JsonConverter)Activator.CreateInstance(typeof(EquatableArrayConverter<>).MakeGenericType(itemType))!;
}
