using Microsoft.Extensions.Options;
using RouterOS.Api.Hosting;
using RouterOS.Api.Http;
using RouterOS.Api.Store;

namespace RouterOS.Api.Auth;

/// <summary>
/// Writes the audit log and keeps it within <see cref="RouterApiOptions.MaxAuditRows"/>. Every action of
/// a signed-in user or token, and every anonymous request that succeeded (setup, sign-in), is recorded.
/// Refused anonymous requests are sampled (<see cref="AuditSampler"/>). Past the cap, the oldest
/// refusal rows go first, down to nine tenths of it; real actions go only when nothing else is left.
/// </summary>
public sealed class AuditTrail(IOptions<RouterApiOptions> options, AuditStore store, TimeProvider time) : IDisposable
{
    /// <summary>Source of a sampled refused anonymous request.</summary>
    public const string RefusedSource = "refused";

    /// <summary>Source of a row that counts the refused anonymous requests of a minute that were not recorded one by one.</summary>
    public const string SummarySource = "refused-summary";

    /// <summary>Method of a row the router writes itself (an automatic rollback, an engine restart): its path is the sentence.</summary>
    public const string EventMethod = "EVENT";

    /// <summary>
    /// Key of <see cref="HttpContext.Items"/> where an endpoint leaves what its action did in words, when the
    /// path cannot say it ("committed revision 7"); the audit row keeps it beside the path.
    /// </summary>
    public const string WordsKey = "RouterOS.AuditWords";

    /// <summary>Actor and source of the router's own rows.</summary>
    public const string RouterActor = "router";

    // A path longer than this is cut: an attacker's 8 KB paths must not make rows large.
    private const int MaxPathLength = 256;

    // Trimmed first when the log reaches its cap.
    private static readonly string[] RefusalSources = [RefusedSource, SummarySource];

    private readonly AuditSampler _sampler = new(time, options.Value.AuditRefusalSamplesPerMinute);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private long? _rows;

    public async Task RecordAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var actor = Actors.Of(http);
        var status = http.Response.StatusCode;
        var refused = !(http.User.Identity?.IsAuthenticated ?? false) && status >= StatusCodes.Status400BadRequest;
        var kind = $"{status} {http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no such path)"}";
        if (refused && !_sampler.Sample(kind))
            return;
        var rows = EndedSummaries();
        rows.Add(new AuditRow
        {
            At = time.GetUtcNow(),
            Actor = actor.Name,
            Source = refused ? RefusedSource : actor.Source,
            Method = http.Request.Method,
            Path = Cut(http.Request.Path.Value ?? ""),
            Status = status,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            Words = http.Items.TryGetValue(WordsKey, out var words) && words is string said ? Cut(said) : null,
        });
        await WriteAsync(rows);
    }

    /// <summary>Records something the router did by itself, not at a request: <paramref name="what"/> says it in words.</summary>
    public Task RecordEventAsync(string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var rows = EndedSummaries();
        rows.Add(new AuditRow
        {
            At = time.GetUtcNow(),
            Actor = RouterActor,
            Source = RouterActor,
            Method = EventMethod,
            Path = Cut(what),
            Status = StatusCodes.Status200OK,
        });
        return WriteAsync(rows);
    }

    /// <summary>Writes the summary rows of minutes that are over. Run each minute (<see cref="AuditSummaryFlusher"/>) so a
    /// flood that stops is counted in the log without waiting for the next request.</summary>
    public async Task FlushSummariesAsync()
    {
        var rows = EndedSummaries();
        if (rows.Count > 0)
            await WriteAsync(rows);
    }

    private List<AuditRow> EndedSummaries() => [.. _sampler.TakeEnded().Select(summary => new AuditRow
    {
        At = summary.Minute.AddMinutes(1),
        Actor = "anonymous",
        Source = SummarySource,
        Method = "*",
        Path = Cut($"{summary.NotRecorded} more refused anonymous requests ({summary.Kind}) in the minute from {summary.Minute:u}, counted, not recorded one by one"),
        Status = summary.Status,
    })];

    private async Task WriteAsync(List<AuditRow> rows)
    {
        await _writing.WaitAsync(CancellationToken.None);
        try
        {
            await store.AddAsync(rows, CancellationToken.None);
            _rows = (_rows ?? await store.CountAsync(CancellationToken.None) - rows.Count) + rows.Count;
            if (_rows > options.Value.MaxAuditRows)
                _rows = await TrimAsync(options.Value.MaxAuditRows);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>Deletes the oldest rows down to nine tenths of the cap (so not on every write): refusals first.</summary>
    private async Task<long> TrimAsync(int cap)
    {
        var keep = cap - (cap / 10);
        var count = await store.CountAsync(CancellationToken.None);
        if (count > keep)
            count -= await store.DeleteOldestAsync(count - keep, RefusalSources, CancellationToken.None);
        if (count > keep)
            count -= await store.DeleteOldestAsync(count - keep, null, CancellationToken.None);
        return count;
    }

    private static string Cut(string text) => text.Length <= MaxPathLength ? text : text[..(MaxPathLength - 1)] + "…";
}
