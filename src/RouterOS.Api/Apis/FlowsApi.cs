using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Flows;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Apis;

/// <summary>Connections through the router, live from the engine's flow monitor (the cache the flow stream keeps).</summary>
public static class FlowsApi
{
    public static RouteGroupBuilder MapFlowsApi(this RouteGroupBuilder api)
    {
        var flows = api.MapGroup("/flows").WithTags("Flows");
        flows.MapGet("/", QueryAsync).WithSummary("Connections: filter (e.g. 'proto:tcp addr:192.168.1.0/24 port:443 iface:br-lan offload:software words'), sort (bytes, rate, age), order (desc, asc), limit (1-1000); pages: offset (0-10000) or the cursor the page before returned as nextCursor (any depth).");
        flows.MapGet("/{id}", Get).WithSummary("One connection by its conntrack id.");
        flows.MapDelete("/{id}", KillAsync).WithSummary("Kill a connection: its conntrack entry is deleted.");
        return api;
    }

    private static async Task<Ok<FlowPage>> QueryAsync(FlowCache cache, RevisionStore revisions, string? filter, string? sort, string? order, int? offset, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var running = filter?.Contains("iface:", StringComparison.OrdinalIgnoreCase) == true || filter?.Contains("interface:", StringComparison.OrdinalIgnoreCase) == true
            ? (await revisions.RunningAsync(cancellationToken))?.Config
            : null;
        var (query, parameter, error) = FlowQuery.Parse(filter, sort, order, offset, limit, InterfaceNetworks.From(running), cursor);
        return query is null ? throw new BadRequestException($"{parameter}: {error}") : TypedResults.Ok(cache.Query(query));
    }

    private static Ok<FlowView> Get(FlowCache cache, ulong id) =>
        cache.Find(id) is { } flow ? TypedResults.Ok(flow) : throw new NotFoundException($"no flow {id}");

    private static async Task<NoContent> KillAsync(IEngineClient engine, ulong id, CancellationToken cancellationToken)
    {
        string? error;
        try
        {
            error = await engine.KillFlowAsync(id, cancellationToken);
        }
        catch (EngineUnavailableException exception)
        {
            throw new EngineDownException(exception.Message);
        }
        catch (EngineFailedException exception)
        {
            throw new EngineErrorException(exception.Message);
        }
        return error is null ? TypedResults.NoContent() : throw new NotFoundException(error);
    }
}
