using RouterOS.Api.Contracts;

namespace RouterOS.Api.Engine;

/// <summary>
/// What the API asks of the engine about the device's firmware (system.proto). The product talks
/// gRPC (<see cref="GrpcSystemClient"/>); tests use a test double. Every call throws
/// <see cref="EngineUnavailableException"/> when the engine cannot be reached, and
/// <see cref="EngineRefusedException"/> with the engine's plain-words reason when it refuses
/// (not a device image, another operation under way, no such upload).
/// </summary>
public interface IEngineSystemClient
{
    Task<EngineSystemInfo> GetSystemInfoAsync(CancellationToken cancellationToken);

    /// <summary>Streams a bundle into a file the engine owns.</summary>
    /// <param name="chunks">The bundle's bytes; each chunk is read before the next is asked for (its buffer may be reused).</param>
    /// <returns>The id of the upload, for <see cref="InstallBundleAsync"/>.</returns>
    /// <exception cref="BundleTooLargeForEngineException">Larger than the engine takes.</exception>
    Task<string> UploadBundleAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken);

    /// <summary>The engine's progress through checking and installing an upload; the last item is the outcome.</summary>
    IAsyncEnumerable<UpgradeProgress> InstallBundleAsync(string uploadId, CancellationToken cancellationToken);

    Task RebootAsync(CancellationToken cancellationToken);

    Task FactoryResetAsync(CancellationToken cancellationToken);
}

/// <summary>The engine's answer about the firmware; <see cref="SystemView"/> adds the API's own version.</summary>
public sealed record EngineSystemInfo(string Version, string? NotDeviceImage, string? Compatible, string? Booted, string? Primary, IReadOnlyList<SlotView> Slots, long MaxBundleBytes);

/// <summary>The engine refused a bundle for its size; nothing was kept.</summary>
public sealed class BundleTooLargeForEngineException : Exception
{
    public BundleTooLargeForEngineException() { }

    public BundleTooLargeForEngineException(string message) : base(message) { }

    public BundleTooLargeForEngineException(string message, Exception innerException) : base(message, innerException) { }
}
