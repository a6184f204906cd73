using System.Net;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Api.Auth;

namespace RouterOS.Api.Tests;

public sealed class SignInThrottleUnitTests
{
    [Fact]
    public void Parallel_attempts_from_one_address_get_exactly_the_free_slots()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider());
        var granted = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (throttle.TryBegin(IPAddress.Parse("192.168.1.66"), "admin").IsGranted)
                Interlocked.Increment(ref granted);
        });

        Assert.Equal(SignInThrottle.FreeFailuresPerSource, granted);
    }

    [Theory]
    [InlineData("192.168.1.66", "192.168.1.66")]
    [InlineData("::ffff:192.168.1.66", "192.168.1.66")]
    [InlineData("2001:db8:1:2:abcd:ef01:2345:6789", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    public void A_source_is_an_ipv4_address_or_an_ipv6_64(string address, string key) =>
        Assert.Equal(key, SignInThrottle.SourceKey(IPAddress.Parse(address)));

    [Fact]
    public void Forgotten_sources_make_room_and_past_the_bound_new_sources_share_one_counter()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxTrackedSources; i++)
            throttle.Failed(throttle.TryBegin(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)), null));

        // Full: two new sources share the overflow counter, so together they get the free failures once.
        var newcomers = Enumerable.Range(1, SignInThrottle.FreeFailuresPerSource + 1)
            .Select(i => throttle.TryBegin(IPAddress.Parse($"172.16.0.{i}"), null)).ToList();
        Assert.False(newcomers[^1].IsGranted);

        time.Advance(SignInThrottle.ForgetAfter + TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryBegin(IPAddress.Parse("172.16.1.1"), null).IsGranted);
    }
}
