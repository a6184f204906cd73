using System.Security.Cryptography;
using RouterOS.Files;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Uploaded bundles, in a directory only root can open (RAUC refuses a bundle others could change
/// while it is checked). One at a time: a new upload replaces the one before. A name is a random
/// id the engine chose, so a client can never make root read a path of its choosing.
/// </summary>
public sealed class BundleUploads(Func<string> directory, long maxBytes)
{
    private const string Extension = ".raucb";

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Writes the chunks to a new file; past <see cref="MaxBytes"/> or on a write error nothing is kept.</summary>
    /// <exception cref="BundleTooLargeException"/>
    /// <exception cref="BundleRefusedException">Empty, or the data partition is full or cannot be written.</exception>
    public async Task<StoredBundle> ReceiveAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var folder = DurableFile.PrepareDirectory(directory());
        foreach (var old in Directory.EnumerateFiles(folder))
            File.Delete(old);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var partial = Path.Combine(folder, id + ".partial");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = DurableFile.OwnerOnly };
            await using (var file = new FileStream(partial, options))
            {
                await foreach (var chunk in chunks.WithCancellation(cancellationToken))
                {
                    size += chunk.Length;
                    if (size > MaxBytes)
                        throw new BundleTooLargeException(MaxBytes);
                    hash.AppendData(chunk.Span);
                    await file.WriteAsync(chunk, cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
            }
            if (size == 0)
                throw new BundleRefusedException("the upload was empty: send the bundle file");
            File.Move(partial, PathOf(folder, id));
        }
        catch (IOException e)
        {
            File.Delete(partial);
            throw new BundleRefusedException($"the bundle could not be stored on the data partition ({e.Message}); is it full?");
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return new StoredBundle(id, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The file of an upload; null when there is none by that id (only ids this class made are looked up).</summary>
    public string? Find(string id)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower))
            return null;
        var path = PathOf(directory(), id);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string id)
    {
        if (Find(id) is { } path)
            File.Delete(path);
    }

    private static string PathOf(string folder, string id) => Path.Combine(folder, id + Extension);
}

/// <param name="Sha256">Hex, of the bytes stored.</param>
public sealed record StoredBundle(string Id, long Size, string Sha256);

/// <summary>The upload is larger than the engine takes; nothing was kept.</summary>
public sealed class BundleTooLargeException : Exception
{
    public BundleTooLargeException() { }

    public BundleTooLargeException(string message) : base(message) { }

    public BundleTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    public BundleTooLargeException(long maxBytes) : base($"the bundle is larger than the {maxBytes} bytes this router takes; nothing was kept") { }
}

/// <summary>A bundle was refused, or could not be taken, for the reason given; nothing was written to a slot.</summary>
public sealed class BundleRefusedException : Exception
{
    public BundleRefusedException() { }

    public BundleRefusedException(string message) : base(message) { }

    public BundleRefusedException(string message, Exception innerException) : base(message, innerException) { }
}
