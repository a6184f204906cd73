using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Dashboard.Services;

namespace RouterOS.Dashboard.Tests;

/// <summary>The dashboard's hubs keep reconnecting for as long as the page is open, never faster than SignalR's first tries and never more than 10 s apart.</summary>
public sealed class HubRetryTests
{
    [Fact]
    public void The_first_retries_come_quickly_and_later_ones_every_ten_seconds()
    {
        var policy = new HubRetry();
        TimeSpan? Delay(long previous) => policy.NextRetryDelay(new RetryContext { PreviousRetryCount = previous, ElapsedTime = TimeSpan.FromSeconds(previous * 10) });
        Assert.Equal(TimeSpan.Zero, Delay(0));
        Assert.Equal(TimeSpan.FromSeconds(2), Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(8), Delay(4));
        Assert.Equal(TimeSpan.FromSeconds(10), Delay(5));
        Assert.Equal(TimeSpan.FromSeconds(10), Delay(100));
    }

    [Fact]
    public void It_never_gives_up_where_signalrs_default_does()
    {
        var policy = new HubRetry();
        // SignalR's default policy answers null (stop) from the fifth retry on; an upgrade's reboot
        // takes minutes, and a day of retries must still come back with a delay.
        foreach (var previous in new long[] { 4, 5, 60, 8_640, long.MaxValue / 4 })
        {
            var delay = policy.NextRetryDelay(new RetryContext { PreviousRetryCount = previous, ElapsedTime = TimeSpan.FromHours(24) });
            Assert.NotNull(delay);
            Assert.InRange(delay.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }
    }
}
