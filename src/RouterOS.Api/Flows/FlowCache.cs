using RouterOS.Api.Contracts;
using RouterOS.Domain.Flows;

namespace RouterOS.Api.Flows;

/// <summary>
/// The API's copy of the engine's flow table, fed by <see cref="FlowFeed"/>. REST queries and
/// the hub read it; nobody waits on the engine for a query. A reset spanning several messages
/// is staged and swapped in whole, so a query never sees half a table.
/// </summary>
public sealed class FlowCache
{
    private readonly Lock _lock = new();
    private readonly FlowWords _words = new();
    private Dictionary<ulong, CachedFlow> _flows = [];
    private Dictionary<ulong, CachedFlow>? _staging;
    private FlowTotals? _totals;
    private bool _connected;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change (a new task each time).</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public bool Connected
    {
        get
        {
            lock (_lock)
            {
                return _connected;
            }
        }
    }

    public void Apply(FlowUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            _connected = true;
            if (update.Reset)
            {
                _staging = [];
            }
            var target = _staging ?? _flows;
            foreach (var id in update.Removed)
            {
                target.Remove(id);
            }
            foreach (var view in update.Upserts)
            {
                // A reset reads every flow again: the ones already kept are updated, not copied.
                if (target.TryGetValue(view.Id, out var kept) || (_staging is not null && _flows.TryGetValue(view.Id, out kept)))
                {
                    if (kept.IsSameFlow(view))
                    {
                        kept.Update(view, _words);
                        target[view.Id] = kept;
                        continue;
                    }
                }
                target[view.Id] = new CachedFlow(view, _words);
            }
            _totals = update.Totals ?? _totals;
            if (update.Complete && _staging is not null)
            {
                _flows = _staging;
                _staging = null;
            }
            if (update.Complete || _staging is null)
            {
                Signal();
            }
        }
    }

    /// <summary>The engine's stream is down: keep the last rows, say they are not live.</summary>
    public void Disconnected()
    {
        lock (_lock)
        {
            _connected = false;
            _staging = null;
            Signal();
        }
    }

    public FlowView? Find(ulong id)
    {
        lock (_lock)
        {
            return _flows.GetValueOrDefault(id)?.ToView();
        }
    }

    /// <summary>
    /// The page the query asks for. Top-N selection (a bounded heap), not a full sort, so a
    /// top-50 of 100k flows costs one pass; the heap holds at most offset + limit flows, which
    /// <see cref="FlowQuery.Parse"/> bounds.
    /// </summary>
    public FlowPage Query(FlowQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Parse keeps these in range; a query built past them is a bug, refused before it allocates.
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Offset, FlowQuery.MaxOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, FlowQuery.MaxLimit);
        var wanted = query.Offset + query.Limit;
        var order = FlowKey.Order(query.Sort, query.Descending);
        // A max-heap of the best `wanted` so far: its root is the worst kept, replaced by anything better.
        var best = new PriorityQueue<CachedFlow, FlowKey>(Comparer<FlowKey>.Create((a, b) => order.Compare(b, a)));
        var matching = 0;
        var beyondCursor = 0;
        FlowTotals? totals;
        bool connected;
        int total;
        List<FlowView> page;
        lock (_lock)
        {
            foreach (var flow in _flows.Values)
            {
                if (!query.Filter.Matches(flow))
                {
                    continue;
                }
                matching++;
                var key = flow.Key;
                if (query.Cursor is { } cursor && order.Compare(key, cursor.After) <= 0)
                {
                    continue;
                }
                beyondCursor++;
                if (best.Count < wanted)
                {
                    best.Enqueue(flow, key);
                }
                else if (best.TryPeek(out _, out var worst) && order.Compare(key, worst) < 0)
                {
                    _ = best.EnqueueDequeue(flow, key);
                }
            }
            totals = _totals;
            connected = _connected;
            total = _flows.Count;
            var ranked = new List<CachedFlow>(best.Count);
            while (best.TryDequeue(out var flow, out _))
            {
                ranked.Add(flow);
            }
            ranked.Reverse();
            // Views of the page only, built under the lock: the flows change in place.
            page = [.. ranked.Skip(query.Offset).Select(flow => flow.ToView())];
        }
        // More flows sort after this page's last row: the next page starts there.
        var next = page.Count > 0 && beyondCursor > query.Offset + page.Count
            ? new FlowCursor(query.Sort, query.Descending, FlowKey.Of(page[^1])).Encode()
            : null;
        return new FlowPage(matching, total, page, totals, connected, next);
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
