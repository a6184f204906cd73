using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RouterOS.Domain.Json;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Hosting;

/// <summary>
/// Teaches the OpenAPI generator the configuration's own JSON shapes, which custom converters
/// hide from it: an <see cref="EquatableArray{T}"/> is an array of T, and a validated value
/// (an interface name, a CIDR, an MTU) is a plain string or number, not an object. The converters
/// say which (<see cref="IArrayJsonShape"/>, <see cref="IScalarJsonShape"/>).
/// </summary>
internal static class OpenApiSchemas
{
    public static OpenApiOptions DescribeConfigValues(this OpenApiOptions options)
    {
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            switch (context.JsonTypeInfo.Converter)
            {
                case IArrayJsonShape array:
                    schema.Type = JsonSchemaType.Array;
                    schema.Items = await context.GetOrCreateSchemaAsync(array.ElementType, null, cancellationToken);
                    schema.Properties?.Clear();
                    break;
                case IScalarJsonShape scalar:
                    schema.Type = scalar.IsJsonNumber ? JsonSchemaType.Integer : JsonSchemaType.String;
                    schema.Properties?.Clear();
                    schema.Required?.Clear();
                    break;
            }
        });
        return options;
    }
}
