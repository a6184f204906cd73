using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;
using Secret = RouterOS.Domain.Values.Secret;

namespace RouterOS.Api.Backups;

/// <summary>A secret in a backup: sealed with the backup's key (<see cref="BackupKeys"/>), never in clear.</summary>
internal sealed class SealedSecretConverter(BackupKeys keys) : JsonConverter<Secret>
{
    /// <summary>The domain's JSON context with this converter: how a backup writes and reads its configurations.</summary>
    public static RouterConfigJsonContext Context(BackupKeys keys) => new(new JsonSerializerOptions(RouterConfigJsonContext.Default.Options)
    {
        WriteIndented = false,
        Converters = { new SealedSecretConverter(keys) },
    });

    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var sealedText = reader.GetString() ?? throw new JsonException("a secret is null");
        string clear;
        try
        {
            clear = keys.Open(sealedText);
        }
        catch (CryptographicException e)
        {
            throw new JsonException("a secret cannot be decrypted with this passphrase: it was changed", e);
        }
        return Secret.TryParse(clear, out var secret, out var problem) ? secret : throw new JsonException(problem);
    }

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) => writer.WriteStringValue(keys.Seal(value.Reveal()));
}
