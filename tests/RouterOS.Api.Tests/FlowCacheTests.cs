using System.Net;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The API's flow cache and queries, as values.</summary>
public sealed class FlowCacheTests
{
    private static readonly Func<string, IReadOnlyList<IPNetwork>?> NoInterfaces = _ => null;

    private static FlowQuery Parse(string filter) => FlowQuery.Parse(filter, null, null, null, null, NoInterfaces).Query!;

    [Fact]
    public void Top_50_by_bytes_of_100k_flows_is_the_same_as_a_full_sort()
    {
        var cache = new FlowCache();
        var random = new Random(7);
        var views = Enumerable.Range(1, 100_000)
            .Select(i => TestFlows.Udp((ulong)i, $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}", 1024 + (i % 60000), "192.0.2.1", 53, (ulong)random.Next(0, 1_000_000))).ToList();
        cache.Apply(new FlowUpdate(true, views, [], TestFlows.Totals(views.Count), true));

        var page = cache.Query(FlowQuery.Default with { Limit = 50 });

        var expected = views.OrderByDescending(v => v.Bytes).ThenBy(v => v.Id).Take(50).Select(v => v.Id);
        Assert.Equal(expected, page.Rows.Select(r => r.Id));
        Assert.Equal((100_000, 100_000), (page.Matching, page.Total));
    }

    [Fact]
    public void Pages_follow_the_sort_and_the_offset()
    {
        var cache = new FlowCache();
        cache.Apply(new FlowUpdate(true, [.. Enumerable.Range(1, 10).Select(i => TestFlows.Udp((ulong)i, "10.0.0.1", 1000 + i, "192.0.2.1", 53, (ulong)(i * 10), bytesPerSecond: 100 - i))], [], null, true));

        Assert.Equal([8ul, 7ul, 6ul], cache.Query(FlowQuery.Default with { Offset = 2, Limit = 3 }).Rows.Select(r => r.Id));
        Assert.Equal([1ul, 2ul], cache.Query(FlowQuery.Default with { Sort = FlowSort.Rate, Limit = 2 }).Rows.Select(r => r.Id));
        // Age: flow 1 started first, so it is the oldest.
        Assert.Equal([1ul, 2ul], cache.Query(FlowQuery.Default with { Sort = FlowSort.Age, Limit = 2 }).Rows.Select(r => r.Id));
        Assert.Equal([1ul, 2ul], cache.Query(FlowQuery.Default with { Descending = false, Limit = 2 }).Rows.Select(r => r.Id));
    }

    [Fact]
    public void A_reset_in_several_messages_is_swapped_in_whole()
    {
        var cache = new FlowCache();
        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1, "192.0.2.1", 53, 1)], [], null, true));

        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(2, "10.0.0.2", 1, "192.0.2.1", 53, 1)], [], null, false));
        Assert.Equal([1ul], cache.Query(FlowQuery.Default).Rows.Select(r => r.Id));

        cache.Apply(new FlowUpdate(false, [TestFlows.Udp(3, "10.0.0.3", 1, "192.0.2.1", 53, 1)], [], null, true));
        Assert.Equal([2ul, 3ul], cache.Query(FlowQuery.Default).Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public void A_flow_sent_again_shows_its_new_counters_and_state_with_its_ends_unchanged()
    {
        var cache = new FlowCache();
        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 100)], [], null, true));

        var moved = TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 5000, bytesPerSecond: 250, offload: "software") with
        {
            TcpState = "established",
            NotOffloadedReason = null,
            OutputInterface = "wan0",
            Reply = new FlowDirectionView("192.0.2.1", 53, "10.0.0.1", 1000, 7, 700, 1, 70),
        };
        cache.Apply(new FlowUpdate(false, [moved], [], null, true));

        var view = Assert.Single(cache.Query(FlowQuery.Default).Rows);
        Assert.Equal(moved, view);
        Assert.Equal(moved, cache.Find(1));
        Assert.Equal(5700ul, view.Bytes);
        Assert.Equal([1ul], cache.Query(Parse("offload:software")).Rows.Select(r => r.Id));
        Assert.Empty(cache.Query(Parse("offload:none")).Rows);
        Assert.Equal([1ul], cache.Query(Parse("established")).Rows.Select(r => r.Id));
    }

    [Fact]
    public void A_new_flow_under_a_kept_flows_id_replaces_it()
    {
        var cache = new FlowCache();
        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 100)], [], null, true));

        cache.Apply(new FlowUpdate(false, [TestFlows.Udp(1, "10.0.0.2", 2000, "192.0.2.9", 123, 10)], [], null, true));

        var view = Assert.Single(cache.Query(FlowQuery.Default).Rows);
        Assert.Equal(("10.0.0.2", 2000, "192.0.2.9", 123), (view.Original.Source, view.Original.SourcePort, view.Original.Destination, view.Original.DestinationPort));
        Assert.Empty(cache.Query(Parse("addr:10.0.0.1")).Rows);
        Assert.Single(cache.Query(Parse("addr:10.0.0.2 port:123")).Rows);
    }

    [Fact]
    public void A_reset_updates_the_flows_it_reads_again_and_drops_the_rest()
    {
        var cache = new FlowCache();
        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1, "192.0.2.1", 53, 100), TestFlows.Udp(2, "10.0.0.2", 1, "192.0.2.1", 53, 100)], [], null, true));

        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1, "192.0.2.1", 53, 900)], [], null, true));

        var view = Assert.Single(cache.Query(FlowQuery.Default).Rows);
        Assert.Equal((1ul, 900ul), (view.Id, view.Bytes));
    }

    [Fact]
    public void Words_are_kept_once_up_to_the_capacity_then_as_they_came()
    {
        var words = new FlowWords();
        var first = words.Intern(new string("established".AsSpan()));
        Assert.Same(first, words.Intern(new string("established".AsSpan())));
        Assert.Null(words.Intern(null));
        for (var i = 0; words.Count < FlowWords.Capacity; i++)
        {
            _ = words.Intern($"word {i}");
        }
        var late = new string("one too many".AsSpan());
        Assert.Same(late, words.Intern(late));
        Assert.NotSame(late, words.Intern(new string("one too many".AsSpan())));
        Assert.Equal(FlowWords.Capacity, words.Count);
    }

    [Theory]
    [InlineData("proto:udp", new ulong[] { 1, 2 })]
    [InlineData("proto:tcp", new ulong[] { 3 })]
    [InlineData("addr:10.0.0.0/24", new ulong[] { 1 })]
    [InlineData("addr:2001:db8::7", new ulong[] { 3 })]
    [InlineData("port:5353", new ulong[] { 2 })]
    [InlineData("offload:software", new ulong[] { 2 })]
    [InlineData("offload:offloaded", new ulong[] { 2, 3 })]
    [InlineData("offload:none", new ulong[] { 1 })]
    [InlineData("iface:br-lan", new ulong[] { 1 })]
    [InlineData("10.9.9", new ulong[] { 2 })]
    [InlineData("proto:udp 10.0.0", new ulong[] { 1 })]
    [InlineData(":5353", new ulong[] { 2 })]
    [InlineData(":443", new ulong[] { 3 })]
    [InlineData(":53", new ulong[] { 1, 2 })]
    [InlineData("HARDWARE", new ulong[] { 3 })]
    public void Filters_select_by_every_term(string filter, ulong[] expected)
    {
        var cache = new FlowCache();
        var tcp = TestFlows.Udp(3, "2001:db8::7", 40000, "2001:db8::1", 443, 10, offload: "hardware") with { Protocol = 6, ProtocolName = "tcp", Family = "ipv6" };
        cache.Apply(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.5", 1000, "192.0.2.1", 53, 30), TestFlows.Udp(2, "10.9.9.9", 5353, "192.0.2.2", 53, 20, offload: "software"), tcp], [], null, true));
        var (query, _, error) = FlowQuery.Parse(filter, null, null, null, null, name => name == "br-lan" ? [IPNetwork.Parse("10.0.0.0/24")] : null);

        Assert.True(query is not null, error);
        Assert.Equal(expected, cache.Query(query).Rows.Select(r => r.Id).Order());
    }

    [Theory]
    [InlineData("proto:xyz", null, null, "filter")]
    [InlineData("addr:10.0.0.300", null, null, "filter")]
    [InlineData("port:70000", null, null, "filter")]
    [InlineData("iface:eth9", null, null, "filter")]
    [InlineData("offload:sometimes", null, null, "filter")]
    [InlineData("colour:red", null, null, "filter")]
    [InlineData("", "size", null, "sort")]
    [InlineData("", null, "up", "order")]
    public void A_bad_query_names_the_parameter_and_what_is_wrong(string filter, string? sort, string? order, string parameter)
    {
        var (query, named, error) = FlowQuery.Parse(filter, sort, order, null, null, NoInterfaces);

        Assert.Null(query);
        Assert.Equal(parameter, named);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Limits_outside_1_to_1000_are_refused() =>
        Assert.Equal("limit", FlowQuery.Parse(null, null, null, null, 1001, NoInterfaces).Parameter);
}
