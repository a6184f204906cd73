using Microsoft.AspNetCore.Http.Metadata;
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

    /// <summary>
    /// Declares a body the handler reads as raw bytes (a bundle, a backup file) as a binary string of
    /// <paramref name="contentType"/>. Not Accepts&lt;Stream&gt;: the generator would ask the JSON
    /// options for a Stream's metadata, which source-generated JSON has not got. The content type is
    /// still what routing matches, so a body of another type is refused (415) before the handler. (Its
    /// type is a string's, which every context has, only for the generator's first pass: the
    /// transformer replaces the schema.)
    /// </summary>
    public static RouteHandlerBuilder AcceptsBinary(this RouteHandlerBuilder endpoint, string contentType) =>
        endpoint.WithMetadata(new AcceptsMetadata([contentType], typeof(string))).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });
}
