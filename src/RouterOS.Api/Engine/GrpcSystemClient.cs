using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using RouterOS.Api.Contracts;
using RouterOS.Api.Hosting;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

/// <summary>The engine's EngineSystem service (system.proto) over gRPC on its Unix socket.</summary>
public sealed class GrpcSystemClient : IEngineSystemClient, IDisposable
{
    private static readonly TimeSpan QuickCall = TimeSpan.FromMinutes(1);

    /// <summary>A 256 MB upload over a slow link, or an install of a large bundle on a slow disk.</summary>
    private static readonly TimeSpan LongCall = TimeSpan.FromMinutes(30);

    private readonly GrpcChannel _channel;
    private readonly Proto.EngineSystem.EngineSystemClient _system;
    private readonly string _socketPath;

    public GrpcSystemClient(IOptions<RouterApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _socketPath = options.Value.EngineSocket;
        _channel = EngineChannel.Create(_socketPath);
        _system = new Proto.EngineSystem.EngineSystemClient(_channel);
    }

    public Task<EngineSystemInfo> GetSystemInfoAsync(CancellationToken cancellationToken) => Call(async () =>
    {
        var info = await _system.GetSystemInfoAsync(new Proto.SystemInfoRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return new EngineSystemInfo(info.Version, EngineMessages.NullIfEmpty(info.NotDeviceImage), EngineMessages.NullIfEmpty(info.Compatible),
            EngineMessages.NullIfEmpty(info.Booted), EngineMessages.NullIfEmpty(info.Primary),
            [.. info.Slots.Select(slot => new SlotView(slot.Name, slot.Bootname, slot.State, EngineMessages.NullIfEmpty(slot.Version), EngineMessages.NullIfEmpty(slot.BootStatus), slot.Booted, slot.Primary))],
            (long)info.MaxBundleBytes);
    });

    public Task<string> UploadBundleAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken) => Call(async () =>
    {
        ArgumentNullException.ThrowIfNull(chunks);
        using var upload = _system.UploadBundle(deadline: Deadline(LongCall), cancellationToken: cancellationToken);
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken))
                await upload.RequestStream.WriteAsync(new Proto.BundleChunk { Data = ByteString.CopyFrom(chunk.Span) }, cancellationToken);
            await upload.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The engine ended the call early (too large, not a device image): its answer says why.
        }
        return (await upload).Id;
    });

    public async IAsyncEnumerable<UpgradeProgress> InstallBundleAsync(string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = await Call(() => Task.FromResult(_system.InstallBundle(new Proto.InstallBundleRequest { Id = uploadId }, deadline: Deadline(LongCall), cancellationToken: cancellationToken)));
        var stream = call.ResponseStream;
        while (await Call(() => stream.MoveNext(cancellationToken)))
            yield return new UpgradeProgress(stream.Current.Phase, (int)stream.Current.Percent, stream.Current.Message);
    }

    public Task RebootAsync(CancellationToken cancellationToken) => Call(async () =>
        await _system.RebootAsync(new Proto.RebootRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken));

    public Task FactoryResetAsync(CancellationToken cancellationToken) => Call(async () =>
        await _system.FactoryResetAsync(new Proto.FactoryResetRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken));

    public void Dispose() => _channel.Dispose();

    // The system service says more with its statuses: a refused bundle, one too large for the engine.
    private Task<T> Call<T>(Func<Task<T>> call) => EngineCalls.Run(_socketPath, call, e => e.StatusCode switch
    {
        StatusCode.FailedPrecondition => new EngineRefusedException(e.Status.Detail, e),
        StatusCode.ResourceExhausted => new BundleTooLargeForEngineException(e.Status.Detail, e),
        _ => null,
    });

    private static DateTime Deadline(TimeSpan after) => EngineCalls.Deadline(after);
}
