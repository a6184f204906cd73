using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Links;

public static class LinksApi
{
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/status/links", Get).WithTags("Status")
            .WithSummary("Every link as the router's kernel has it: state, carrier, speed, MTU, counters and rates, addresses (dynamic ones marked), bridge port states. Live on /hubs/links.");
        return api;
    }

    private static Ok<LinkSnapshotView> Get(LinkFeed feed) => TypedResults.Ok(feed.Latest);
}
