using System.Net;
using RouterOS.Api.Auth;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Password guessing is slowed per address (IPv6: per /64) and per account, never locking the admin out from elsewhere.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Wrong = """{ "username": "admin", "password": "wrong password" }""";
    private static readonly string Right = $$"""{ "username": "admin", "password": "{{Onboarding.AdminPassword}}" }""";

    private readonly ApiFactory _api = new();

    public async ValueTask InitializeAsync() => (await _api.CreateBrowserAsync()).Dispose(); // sets the admin password

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private HttpClient From(string address) => TestRemoteAddress.From(_api.CreateClient(), address);

    [Fact]
    public async Task A_storm_of_wrong_passwords_from_one_address_throttles_it_but_not_the_admin_elsewhere()
    {
        var attacker = From("192.168.1.66");
        var storm = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await attacker.PostJsonAsync("/api/v1/auth/login", Wrong);
            return response.StatusCode;
        }));

        // Counted exactly, however the attempts interleave: only the free ones reached the password check.
        Assert.Equal(SignInThrottle.FreeFailuresPerSource, storm.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(40 - SignInThrottle.FreeFailuresPerSource, storm.Count(s => s == HttpStatusCode.TooManyRequests));

        await From("192.168.1.10").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);

        using var throttled = await attacker.PostJsonAsync("/api/v1/auth/login", Right);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(SignInThrottle.FirstBlock, throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_wait_doubles_with_every_failure_after_the_free_ones_and_a_success_resets_it()
    {
        var guesser = From("192.168.1.66");
        for (var i = 0; i < SignInThrottle.FreeFailuresPerSource; i++)
            await guesser.PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(TimeSpan.FromSeconds(30), await RetryAfterAsync(guesser));

        _api.Time.Advance(TimeSpan.FromSeconds(30));
        await guesser.PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(TimeSpan.FromSeconds(60), await RetryAfterAsync(guesser));

        _api.Time.Advance(TimeSpan.FromSeconds(60));
        await guesser.PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);
        await guesser.PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_64_count_together_and_another_64_does_not()
    {
        for (var i = 1; i <= SignInThrottle.FreeFailuresPerSource; i++)
            await From($"2001:db8:1:2::{i:x}").PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);

        await From("2001:db8:1:2:abcd:ef01:2345:6789").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.TooManyRequests);
        await From("2001:db8:1:3::1").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_ipv4_client_on_a_dual_stack_socket_counts_as_its_ipv4_address()
    {
        for (var i = 0; i < SignInThrottle.FreeFailuresPerSource; i++)
            await From("::ffff:192.168.1.66").PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);

        await From("192.168.1.66").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.TooManyRequests);
        await From("::ffff:192.168.1.67").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Guessing_from_many_addresses_throttles_the_account()
    {
        var addresses = SignInThrottle.FreeFailuresPerAccount / SignInThrottle.FreeFailuresPerSource;
        for (var a = 0; a < addresses; a++)
        {
            for (var i = 0; i < SignInThrottle.FreeFailuresPerSource; i++)
                await From($"10.0.{a}.1").PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);
        }

        var problem = await From("10.9.9.9").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("this account", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        _api.Time.Advance(SignInThrottle.FirstBlock);
        await From("10.9.9.9").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Attempts_that_reach_the_password_check_are_audited_with_their_address()
    {
        await From("192.168.1.66").PostJsonAsync("/api/v1/auth/login", Wrong).ExpectAsync(HttpStatusCode.Unauthorized);
        await From("192.168.1.10").PostJsonAsync("/api/v1/auth/login", Right).ExpectAsync(HttpStatusCode.NoContent);

        using var browser = await _api.CreateBrowserAsync();
        var audit = (await browser.Get("/api/v1/audit").ExpectAsync(HttpStatusCode.OK)).AsArray();
        var logins = audit.Where(a => a!["path"]!.GetValue<string>() == "/api/v1/auth/login")
            .Select(a => (a!["actor"]!.GetValue<string>(), a["source"]!.GetValue<string>(), a["status"]!.GetValue<int>(), a["remoteAddress"]?.GetValue<string>()))
            .ToList();
        Assert.Contains(("admin", SignInEndpoint.AuditSource, 401, "192.168.1.66"), logins);
        Assert.Contains(("admin", "ui", 204, "192.168.1.10"), logins);
    }

    private static async Task<TimeSpan?> RetryAfterAsync(HttpClient client)
    {
        using var response = await client.PostJsonAsync("/api/v1/auth/login", Right);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        return response.Headers.RetryAfter?.Delta;
    }
}
