using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using Secret = RouterOS.Domain.Values.Secret;

namespace RouterOS.Api.Store;

/// <summary>
/// Configurations as the store keeps them: the domain JSON with every secret (the PPPoE password)
/// encrypted with ASP.NET Core Data Protection, whose keys live in the data directory. A copy of
/// the database alone reveals no password.
/// </summary>
public sealed class StoredConfigCodec
{
    private readonly RouterConfigJsonContext _context;

    public StoredConfigCodec(IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(protection);
        var protector = protection.CreateProtector("RouterOS.Store.Secrets.v1");
        _context = new RouterConfigJsonContext(new JsonSerializerOptions(RouterConfigJsonContext.Default.Options)
        {
            WriteIndented = false,
            Converters = { new ProtectedSecretConverter(protector) },
        });
    }

    public string Write(RouterConfig config) => JsonSerializer.Serialize(config, _context.RouterConfig);

    /// <summary>Reads what <see cref="Write"/> wrote; anything else means the store is damaged.</summary>
    public RouterConfig Read(string stored)
    {
        var result = RouterConfigJson.Read(Encoding.UTF8.GetBytes(stored), _context);
        return result.Config ?? throw new InvalidDataException($"a stored configuration cannot be read: {result.Error}");
    }

    private sealed class ProtectedSecretConverter(IDataProtector protector) : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var sealedText = reader.GetString() ?? throw new JsonException("a stored secret is null");
            string clear;
            try
            {
                clear = protector.Unprotect(sealedText);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new JsonException("a stored secret cannot be decrypted: the data protection keys in the data directory are missing or different", e);
            }
            return Secret.TryParse(clear, out var secret, out var problem) ? secret : throw new JsonException(problem);
        }

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(protector.Protect(value.Reveal()));
    }
}
