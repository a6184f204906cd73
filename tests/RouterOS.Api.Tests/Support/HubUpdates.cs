using System.Threading.Channels;

namespace RouterOS.Api.Tests.Support;

/// <summary>What a test's hub client received, waited for with a deadline.</summary>
internal static class HubUpdates
{
    public static async Task<T> NextAsync<T>(Channel<T> updates, Func<T, bool> wanted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var delta = await updates.Reader.ReadAsync(deadline.Token);
            if (wanted(delta))
                return delta;
        }
    }
}
