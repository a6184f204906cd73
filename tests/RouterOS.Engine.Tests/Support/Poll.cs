namespace RouterOS.Engine.Tests.Support;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): these machines are noisy.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what}");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
