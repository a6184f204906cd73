namespace RouterOS.Api.Tests.Support;

/// <summary>Waits for a condition that a background service makes true, with a deadline instead of a fixed sleep.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {seconds} s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
