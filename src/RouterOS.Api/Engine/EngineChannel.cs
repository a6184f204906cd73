using System.Net.Sockets;
using Grpc.Net.Client;

namespace RouterOS.Api.Engine;

/// <summary>A gRPC channel to the engine's Unix socket, shared in shape by the engine's clients.</summary>
internal static class EngineChannel
{
    public static GrpcChannel Create(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                if (!File.Exists(socketPath))
                    throw new EngineUnavailableException($"the engine is not running: there is no socket at {socketPath}");
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The authority is never resolved: every connection goes to the socket above.
        return GrpcChannel.ForAddress("http://engine", new GrpcChannelOptions { HttpHandler = handler });
    }
}
