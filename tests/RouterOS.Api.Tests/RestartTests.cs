using System.Net;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The pending deadline lives in the store, so a restarted API still rolls back on time.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_deadline_that_passed_while_the_api_was_down_rolls_back_at_start()
    {
        var first = new ApiFactory();
        var client = await first.CreateTokenClientAsync(name: "restart");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        await client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 60 }""").ExpectAsync(HttpStatusCode.Created);
        await first.DisposeAsync();

        var later = new FakeTimeProvider(first.Time.GetUtcNow().AddMinutes(10));
        var second = new ApiFactory(first.DataDirectory, later);
        try
        {
            var again = second.CreateTokenClient(token);
            await Eventually.HoldsAsync(() => second.Engine.RolledBack.Contains(1));
            // The store records the outcome after the engine's rollback returns.
            var state = await Eventually.AnswersAsync(
                async () => (await again.Get("/api/v1/revisions/1").ExpectAsync(HttpStatusCode.OK))["revision"]!["state"]!.GetValue<string>(),
                state => state != "Pending");
            Assert.Equal("RolledBack", state);
        }
        finally
        {
            await second.DisposeAndDeleteAsync();
        }
    }

    [Fact]
    public async Task A_restarted_api_keeps_waiting_for_a_deadline_still_ahead()
    {
        var first = new ApiFactory();
        var client = await first.CreateTokenClientAsync(name: "restart");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        await client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await client.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 120 }""").ExpectAsync(HttpStatusCode.Created);
        await first.DisposeAsync();

        var second = new ApiFactory(first.DataDirectory, new FakeTimeProvider(first.Time.GetUtcNow().AddSeconds(60)));
        try
        {
            var again = second.CreateTokenClient(token);
            var status = await again.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(1, status["pendingRevision"]!.GetValue<long>());
            Assert.Empty(second.Engine.RolledBack);

            second.Time.Advance(TimeSpan.FromSeconds(61));
            await Eventually.HoldsAsync(() => second.Engine.RolledBack.Contains(1));
        }
        finally
        {
            await second.DisposeAndDeleteAsync();
        }
    }
}
