using System.Net;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Paging through the flow cache: bounded offsets, and cursors that walk any number of flows.</summary>
public sealed class FlowPagingTests
{
    private static readonly Func<string, IReadOnlyList<IPNetwork>?> NoInterfaces = _ => null;

    /// <summary>A cursor after flow 7 with 10 bytes, sorted by bytes descending ("f1.bytes.desc.10.7").</summary>
    private const string BytesDescCursor = "ZjEuYnl0ZXMuZGVzYy4xMC43";

    private static List<FlowView> Flows(int count, int seed)
    {
        var random = new Random(seed);
        // Few distinct byte counts and rates: most sort keys tie, so the walk leans on the id.
        return [.. Enumerable.Range(1, count).Select(i => TestFlows.Udp((ulong)i, $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}", 1024 + (i % 60000), "192.0.2.1", 53,
            (ulong)random.Next(0, 1000), bytesPerSecond: random.Next(0, 50) / 4.0) with { Started = DateTimeOffset.UnixEpoch.AddSeconds(random.Next(0, 5000)) })];
    }

    private static List<FlowPage> Walk(FlowCache cache, string? sort, string? order, int limit, Action<FlowPage>? afterEachPage = null)
    {
        var pages = new List<FlowPage>();
        string? cursor = null;
        do
        {
            var (query, parameter, error) = FlowQuery.Parse(null, sort, order, null, limit, NoInterfaces, cursor);
            Assert.True(query is not null, $"{parameter}: {error}");
            var page = cache.Query(query);
            pages.Add(page);
            afterEachPage?.Invoke(page);
            cursor = page.NextCursor;
            Assert.True(pages.Count <= 1000, "the walk does not end");
        }
        while (cursor is not null);
        return pages;
    }

    [Theory]
    [InlineData("bytes", "desc")]
    [InlineData("rate", "asc")]
    [InlineData("age", "desc")]
    public void Walking_100k_flows_by_cursor_visits_every_flow_once_in_sort_order(string sort, string order)
    {
        var cache = new FlowCache();
        var views = Flows(100_000, seed: 18);
        cache.Apply(new FlowUpdate(true, views, [], TestFlows.Totals(views.Count), true));

        var pages = Walk(cache, sort, order, FlowQuery.MaxLimit);

        var walked = pages.SelectMany(page => page.Rows).Select(FlowKey.Of).ToList();
        Assert.Equal(100, pages.Count);
        Assert.Equal(100_000, walked.Select(key => key.Id).Distinct().Count());
        var (parsed, _, _) = FlowQuery.Parse(null, sort, order, null, null, NoInterfaces);
        var expected = views.Select(FlowKey.Of).Order(FlowKey.Order(parsed!.Sort, parsed.Descending));
        Assert.Equal(expected.Select(key => key.Id), walked.Select(key => key.Id));
        Assert.Null(pages[^1].NextCursor);
    }

    [Fact]
    public void A_walk_by_age_meets_every_flow_that_lives_through_it_once_while_others_come_and_go()
    {
        var cache = new FlowCache();
        var views = Flows(20_000, seed: 5);
        cache.Apply(new FlowUpdate(true, views, [], null, true));
        var churn = new Random(9);
        var nextId = 1_000_000UL;
        var removed = new HashSet<ulong>();

        var pages = Walk(cache, "age", null, 500, _ =>
        {
            // Between pages, flows end and new ones start (at any age, so on both sides of the cursor).
            var gone = Enumerable.Range(0, 50).Select(_ => (ulong)churn.Next(1, 20_001)).Where(removed.Add).ToList();
            var born = Enumerable.Range(0, 50).Select(_ => TestFlows.Udp(nextId++, "10.200.0.1", 1, "192.0.2.9", 53, 1)
                with
            { Started = DateTimeOffset.UnixEpoch.AddSeconds(churn.Next(0, 5000)) }).ToList();
            cache.Apply(new FlowUpdate(false, born, gone, null, true));
        });

        var seen = pages.SelectMany(page => page.Rows).Select(row => row.Id).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var survivors = views.Select(view => view.Id).Where(id => !removed.Contains(id)).ToHashSet();
        Assert.Empty(survivors.Except(seen));
    }

    [Theory]
    [InlineData(null, null, -1, null, "offset")]
    [InlineData(null, null, FlowQuery.MaxOffset + 1, null, "offset")]
    [InlineData(null, null, int.MaxValue, null, "offset")]
    [InlineData(null, null, null, "not-a-cursor", "cursor")]
    [InlineData(null, null, 0, BytesDescCursor, "cursor")]
    [InlineData("age", null, null, BytesDescCursor, "cursor")]
    [InlineData(null, "asc", null, BytesDescCursor, "cursor")]
    public void Bad_paging_names_the_parameter_and_the_allowed_range(string? sort, string? order, int? offset, string? cursor, string parameter)
    {
        var (query, named, error) = FlowQuery.Parse(null, sort, order, offset, null, NoInterfaces, cursor);

        Assert.Null(query);
        Assert.Equal(parameter, named);
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (parameter == "offset")
            Assert.Contains($"between 0 and {FlowQuery.MaxOffset}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cursor_carries_its_sort_and_order_and_survives_the_round_trip()
    {
        var cursor = new FlowCursor(FlowSort.Rate, false, new FlowKey(0, 12.75, 0, 42));

        var (query, _, error) = FlowQuery.Parse(null, null, null, null, 10, NoInterfaces, cursor.Encode());

        Assert.True(query is not null, error);
        Assert.Equal((FlowSort.Rate, false, cursor), (query.Sort, query.Descending, query.Cursor));
        Assert.Equal(new FlowCursor(FlowSort.Bytes, true, new FlowKey(10, 0, 0, 7)), FlowCursor.Decode(BytesDescCursor));
    }

    [Fact]
    public void A_query_built_past_the_bounds_is_refused_before_it_allocates()
    {
        var cache = new FlowCache();

        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Query(FlowQuery.Default with { Offset = int.MaxValue }));
    }
}
