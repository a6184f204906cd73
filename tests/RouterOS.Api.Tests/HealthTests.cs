using System.Net;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// /healthz and /readyz answer anyone (a supervisor has no password) and say one word: nothing
/// about versions, kernel or configuration; /api/v1/status, which says all that, stays signed-in only.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task Alive_and_ready_answer_anonymous_callers_with_one_word()
    {
        using var anonymous = _api.CreateClient();

        var alive = await anonymous.Get("/healthz");
        var ready = await anonymous.Get("/readyz");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (alive.StatusCode, await alive.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        await anonymous.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ready_is_503_while_the_engine_is_down_and_says_nothing_of_why()
    {
        using var anonymous = _api.CreateClient();
        _api.Engine.Down = true;

        var ready = await anonymous.Get("/readyz");
        var alive = await anonymous.Get("/healthz");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        _api.Engine.Down = false;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_the_store_is_gone()
    {
        using var anonymous = _api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/readyz")).StatusCode);

        File.Delete(Path.Combine(_api.DataDirectory, "routeros.db"));

        var ready = await anonymous.Get("/readyz");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_probes_carry_no_version_server_or_configuration_header()
    {
        using var anonymous = _api.CreateClient();

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await anonymous.Get(path);
            var headers = response.Headers.Concat(response.Content.Headers).Select(header => header.Key.ToLowerInvariant()).ToHashSet();
            Assert.Subset(new HashSet<string> { "cache-control", "expires", "pragma", "content-type", "content-length", "date", "server" }, headers);
            Assert.DoesNotContain("x-powered-by", headers);
        }
    }
}
