using System.Security.Cryptography;
using System.Text;

namespace RouterOS.Api.Backups;

/// <summary>
/// The keys of one backup, derived from the administrator's passphrase: PBKDF2-HMAC-SHA256 (a salt
/// per backup) gives 64 bytes, the first 32 an AES-256-GCM key that seals each secret, the other 32
/// an HMAC-SHA256 key that seals the whole content, so a changed byte anywhere is found before restore.
/// </summary>
public sealed class BackupKeys : IDisposable
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256 (2023): a stolen backup's passphrase is slow to guess.</summary>
    public const int Iterations = 600_000;

    /// <summary>What a restore accepts: fewer is too weak to have come from here, more would let a file make the API work for minutes.</summary>
    public const int MinIterations = 100_000;
    public const int MaxIterations = 10_000_000;

    public const int MinPassphraseLength = 12;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] CheckLabel = Encoding.UTF8.GetBytes("routeros-backup passphrase check");

    private readonly byte[] _sealKey;
    private readonly byte[] _macKey;

    private BackupKeys(byte[] derived)
    {
        _sealKey = derived[..32];
        _macKey = derived[32..];
        CryptographicOperations.ZeroMemory(derived);
    }

    public static BackupKeys Derive(string passphrase, byte[] salt, int iterations) =>
        new(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 64));

    /// <summary>Proves the passphrase without decrypting anything: a wrong one is told apart from a changed file.</summary>
    public string PassphraseCheck => Convert.ToBase64String(HMACSHA256.HashData(_macKey, CheckLabel));

    public string Mac(ReadOnlySpan<byte> content) => Convert.ToBase64String(HMACSHA256.HashData(_macKey, content));

    public static bool SameMac(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    /// <summary>base64(nonce | ciphertext | tag), a fresh random nonce each time.</summary>
    public string Seal(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">Not sealed with this key, or changed.</exception>
    public string Open(string sealedText)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedText);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("a sealed secret is not base64", e);
        }
        if (sealedBytes.Length < NonceBytes + TagBytes)
            throw new CryptographicException("a sealed secret is too short");
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(_sealKey, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_sealKey);
        CryptographicOperations.ZeroMemory(_macKey);
    }
}
