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

    /// <summary>Asks <paramref name="probe"/> until its answer satisfies <paramref name="done"/>; returns that answer.</summary>
    public static async Task<T> AnswersAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var answer = await probe();
            if (done(answer))
                return answer;
            Assert.True(DateTime.UtcNow < deadline, $"the answer did not come within {seconds} s; the last was: {answer}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
