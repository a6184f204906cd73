using RouterOS.Engine.Flows;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>The monitor's table and its diff, as values.</summary>
public sealed class FlowTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Flows_sharing_a_conntrack_id_are_both_kept_with_stable_keys()
    {
        var table = new FlowTable();
        var first = Entry(7, "10.0.0.1", bytes: 100);
        var second = Entry(7, "10.0.0.2", bytes: 200);

        Dump(table, T0, first, second);
        var keys = table.All.ToDictionary(flow => flow.Entry.Original.Source.ToString(), flow => flow.Key);
        var again = Dump(table, T0.AddSeconds(1), first, second);

        Assert.Equal(7ul, keys["10.0.0.1"]);
        Assert.Equal((1ul << 32) | 7, keys["10.0.0.2"]);
        Assert.Empty(again.Removed);
        Assert.Equal(keys, table.All.ToDictionary(flow => flow.Entry.Original.Source.ToString(), flow => flow.Key));

        var changes = new FlowChanges();
        table.Destroyed(second, changes);
        Assert.Equal([(1ul << 32) | 7], changes.Removed);
        Assert.Equal(7ul, Assert.Single(table.All).Key);
    }

    [Fact]
    public void Rates_are_the_growth_since_the_last_reading_and_a_quiet_flow_is_unchanged()
    {
        var table = new FlowTable();
        Dump(table, T0, Entry(1, "10.0.0.1", bytes: 1000));

        var grew = Dump(table, T0.AddSeconds(2), Entry(1, "10.0.0.1", bytes: 5000));
        Assert.Equal(2000, Assert.Single(table.All).OriginalBytesPerSecond);
        Assert.Equal([1ul], grew.Upserted);

        Dump(table, T0.AddSeconds(3), Entry(1, "10.0.0.1", bytes: 5000));
        var quiet = Dump(table, T0.AddSeconds(4), Entry(1, "10.0.0.1", bytes: 5000));
        Assert.Equal(0, Assert.Single(table.All).OriginalBytesPerSecond);
        Assert.True(quiet.IsEmpty);
    }

    [Fact]
    public void A_flow_missing_from_a_dump_is_gone_and_offload_is_timed_from_when_it_was_seen()
    {
        var table = new FlowTable();
        Dump(table, T0, Entry(1, "10.0.0.1", bytes: 1), Entry(2, "10.0.0.2", bytes: 1));

        var changes = Dump(table, T0.AddSeconds(1), Entry(2, "10.0.0.2", bytes: 1) with { Status = Netlink.Constants.Ctnetlink.StatusOffload });

        Assert.Equal([1ul], changes.Removed);
        Assert.Equal(T0.AddSeconds(1), Assert.Single(table.All).OffloadedSince);
        Assert.Equal(OffloadState.Software, Assert.Single(table.All).Offload);
    }

    [Fact]
    public void A_flow_born_by_event_is_shown_only_once_a_dump_has_read_it()
    {
        var table = new FlowTable();
        // The NEW event's copy: the first packet's state, no counters (events carry none).
        var born = Entry(3, "10.0.0.3", bytes: 0) with { TcpState = 1, OriginalCounters = null, ReplyCounters = null };
        var events = new FlowChanges();
        table.Created(born, T0, events);

        Assert.True(events.IsEmpty);
        Assert.Equal(1, events.Born);
        Assert.Empty(table.Shown);

        var read = Dump(table, T0.AddSeconds(1), Entry(3, "10.0.0.3", bytes: 300) with { TcpState = 3 });
        Assert.Equal([3ul], read.Upserted);
        var shown = Assert.Single(table.Shown);
        Assert.Equal(3, shown.Entry.TcpState);
        Assert.Equal(new ConntrackCounters(3, 300), shown.Entry.OriginalCounters);
    }

    [Fact]
    public void A_flow_born_and_gone_between_dumps_is_never_announced()
    {
        var table = new FlowTable();
        var changes = new FlowChanges();
        var flow = Entry(4, "10.0.0.4", bytes: 0);

        table.Created(flow, T0, changes);
        table.Destroyed(flow, changes);

        Assert.True(changes.IsEmpty);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void The_expiry_is_the_live_timeout_and_is_sent_again_only_when_it_moves()
    {
        var table = new FlowTable();
        Dump(table, T0, Entry(5, "10.0.0.5", bytes: 100) with { TimeoutSeconds = 30 });
        Assert.Equal(T0.AddSeconds(30), Assert.Single(table.All).Expires);

        // Idle: the timeout counts down with the clock, the expiry stays.
        var idle = Dump(table, T0.AddSeconds(10), Entry(5, "10.0.0.5", bytes: 100) with { TimeoutSeconds = 20 });
        Assert.True(idle.IsEmpty);

        // Refreshed without new counters (a flowtable without counter keeps the entry alive): sent.
        var refreshed = Dump(table, T0.AddSeconds(11), Entry(5, "10.0.0.5", bytes: 100) with { TimeoutSeconds = 86400 });
        Assert.Equal([5ul], refreshed.Upserted);
        Assert.Equal(T0.AddSeconds(11 + 86400), Assert.Single(table.All).Expires);
    }

    private static FlowChanges Dump(FlowTable table, DateTimeOffset now, params ConntrackEntry[] entries)
    {
        var changes = new FlowChanges();
        table.BeginDump();
        foreach (var entry in entries)
        {
            table.Observe(entry, now, changes);
        }
        table.EndDump(changes);
        return changes;
    }

    private static ConntrackEntry Entry(uint id, string source, ulong bytes)
    {
        var original = new ConntrackTuple(FlowAddress.Parse(source), FlowAddress.Parse("192.0.2.1"), 17, 1000, 53);
        var reply = new ConntrackTuple(original.Destination, original.Source, 17, 53, 1000);
        return new ConntrackEntry(id, original, reply, 0, 30, 0, 0, 0, new ConntrackCounters(bytes / 100, bytes), new ConntrackCounters(0, 0), 0);
    }
}
