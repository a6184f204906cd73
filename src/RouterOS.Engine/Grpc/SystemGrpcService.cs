using System.Runtime.CompilerServices;
using Grpc.Core;
using RouterOS.Contracts.Engine;
using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Grpc;

/// <summary>The EngineSystem contract (src/RouterOS.Contracts/Protos/system.proto) over <see cref="FirmwareManager"/>.</summary>
public sealed class SystemGrpcService(FirmwareManager firmware) : EngineSystem.EngineSystemBase
{
    public override async Task<SystemInfo> GetSystemInfo(SystemInfoRequest request, ServerCallContext context)
    {
        var info = await Guard(firmware.InfoAsync);
        var reply = new SystemInfo
        {
            Version = info.Version,
            DeviceImage = info.NotDeviceImage is null,
            NotDeviceImage = info.NotDeviceImage ?? "",
            MaxBundleBytes = (ulong)firmware.MaxBundleBytes,
        };
        if (info.Slots is { } status)
        {
            reply.Compatible = status.Compatible;
            reply.Booted = status.Booted ?? "";
            reply.Primary = status.Slots.FirstOrDefault(slot => slot.Name == status.Primary)?.Bootname ?? "";
            reply.Slots.Add(status.Slots.Select(slot => new Slot
            {
                Name = slot.Name,
                Bootname = slot.Bootname ?? "",
                State = slot.State,
                Version = slot.Version ?? "",
                BootStatus = slot.BootStatus ?? "",
                Booted = slot.Bootname is not null && slot.Bootname == status.Booted,
                Primary = slot.Name == status.Primary,
            }));
        }
        return reply;
    }

    public override async Task<UploadedBundle> UploadBundle(IAsyncStreamReader<BundleChunk> requestStream, ServerCallContext context)
    {
        var stored = await Guard(() => firmware.UploadAsync(Chunks(requestStream, context.CancellationToken), context.CancellationToken));
        return new UploadedBundle { Id = stored.Id, Size = (ulong)stored.Size, Sha256 = stored.Sha256 };
    }

    public override async Task InstallBundle(InstallBundleRequest request, IServerStreamWriter<InstallProgress> responseStream, ServerCallContext context)
    {
        var reports = firmware.InstallAsync(request.Id, context.CancellationToken).GetAsyncEnumerator(context.CancellationToken);
        try
        {
            while (await Guard(() => reports.MoveNextAsync().AsTask()))
            {
                var report = reports.Current;
                await responseStream.WriteAsync(new InstallProgress
                {
                    Phase = report.Phase.ToString().ToLowerInvariant(),
                    Percent = (uint)Math.Clamp(report.Percent, 0, 100),
                    Message = report.Message,
                }, context.CancellationToken);
            }
        }
        finally
        {
            await reports.DisposeAsync();
        }
    }

    public override async Task<RebootReply> Reboot(RebootRequest request, ServerCallContext context)
    {
        await Guard(async () =>
        {
            await firmware.RebootAsync();
            return true;
        });
        return new RebootReply();
    }

    public override async Task<FactoryResetReply> FactoryReset(FactoryResetRequest request, ServerCallContext context)
    {
        await Guard(async () =>
        {
            await firmware.FactoryResetAsync();
            return true;
        });
        return new FactoryResetReply();
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(IAsyncStreamReader<BundleChunk> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
            yield return stream.Current.Data.Memory;
    }

    /// <summary>The firmware's refusals as gRPC statuses whose detail is the plain-words reason.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is NotDeviceImageException or FirmwareBusyException or BundleRefusedException)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
        catch (BundleTooLargeException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
        catch (DeviceCommandException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, e.Message));
        }
    }
}
