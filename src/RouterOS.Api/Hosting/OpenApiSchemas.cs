using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Hosting;

/// <summary>
/// Teaches the OpenAPI generator the configuration's own JSON shapes, which custom converters
/// hide from it: an <see cref="EquatableArray{T}"/> is an array of T, and a validated value
/// (an interface name, a CIDR, an MTU) is a plain string or number, not an object.
/// </summary>
internal static class OpenApiSchemas
{
    public static OpenApiOptions DescribeConfigValues(this OpenApiOptions options)
    {
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                schema.Type = JsonSchemaType.Array;
                schema.Items = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
                schema.Properties?.Clear();
                return;
            }
            var configValue = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConfigValue<>));
            if (configValue is null)
                return;
            var isNumber = type.GetProperty(nameof(IConfigValue<VlanId>.IsJsonNumber))?.GetValue(null) is true;
            schema.Type = isNumber ? JsonSchemaType.Integer : JsonSchemaType.String;
            schema.Properties?.Clear();
            schema.Required?.Clear();
        });
        return options;
    }
}
