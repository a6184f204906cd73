using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services;

/// <summary>
/// The lease watch on a scratch lease file: what dnsmasq does to it (writes it, rewrites it in
/// place), what others may do (replace it by a rename, delete it) and a burst of writes, each seen
/// as the snapshots a subscriber gets. No root needed: inotify on a temporary directory.
/// </summary>
public sealed class LeaseWatchTests : IDisposable
{
    private const string Printer = "1798372800 02:00:00:00:00:50 192.168.1.50 printer 01:02:00:00:00:00:50\n";
    private const string Laptop = "1798372900 02:00:00:00:00:51 192.168.1.51 * *\n";
    private const string PrinterRenewed = "1798376400 02:00:00:00:00:50 192.168.1.50 printer 01:02:00:00:00:00:50\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-lease-watch-").FullName;
    private readonly ConcurrentQueue<IReadOnlyList<DhcpLease>> _snapshots = new();

    // Not there yet: the watch must cope with the engine's state directory before dnsmasq ran.
    private string LeaseFile => Path.Combine(_directory, "state", "dnsmasq.leases");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Written_rewritten_replaced_and_deleted_each_give_the_new_leases()
    {
        using var watch = Start(TimeSpan.FromMilliseconds(50));

        await File.WriteAllTextAsync(LeaseFile, Printer, TestContext.Current.CancellationToken);
        await NextAsync(leases => leases is [{ Address: "192.168.1.50", Hostname: "printer" }], "the first lease");

        // dnsmasq rewrites the file in place: truncate, write, sync.
        RewriteInPlace(Printer + Laptop);
        await NextAsync(leases => leases is [_, { Address: "192.168.1.51", Hostname: null }], "a second lease");

        RewriteInPlace(PrinterRenewed + Laptop);
        await NextAsync(leases => leases is [{ Expires: { } expires }, _] && expires == DateTimeOffset.FromUnixTimeSeconds(1798376400), "the renewal");

        // Replaced by a rename, as an editor or a restore would: the watch on the directory sees it.
        var replacement = Path.Combine(Path.GetDirectoryName(LeaseFile)!, "dnsmasq.leases.new");
        await File.WriteAllTextAsync(replacement, Laptop, TestContext.Current.CancellationToken);
        File.Move(replacement, LeaseFile, overwrite: true);
        await NextAsync(leases => leases is [{ Address: "192.168.1.51" }], "the replaced file's one lease");

        File.Delete(LeaseFile);
        await NextAsync(leases => leases.Count == 0, "no leases once the file is gone");

        await File.WriteAllTextAsync(LeaseFile, Printer, TestContext.Current.CancellationToken);
        await NextAsync(leases => leases is [{ Address: "192.168.1.50" }], "the lease in a file made again");
    }

    [Fact]
    public async Task A_burst_of_writes_gives_one_snapshot_with_the_last()
    {
        // A settle far longer than the ten writes take, even on a busy machine: they are one burst.
        var settle = TimeSpan.FromSeconds(2);
        using var watch = Start(settle);

        for (var lease = 0; lease < 10; lease++)
            RewriteInPlace($"1798372800 02:00:00:00:00:{lease:00} 192.168.1.{100 + lease} host{lease} *\n");
        await NextAsync(leases => leases is [{ Address: "192.168.1.109" }], "the last write's lease");
        // Long enough for a second reading, had the burst caused one.
        await Task.Delay(settle + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.Empty(_snapshots);
    }

    [Fact]
    public async Task Leases_in_the_file_before_the_watch_started_are_the_first_snapshot()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LeaseFile)!);
        await File.WriteAllTextAsync(LeaseFile, Printer + Laptop, TestContext.Current.CancellationToken);

        using var watch = Start(TimeSpan.FromMilliseconds(50));

        await NextAsync(leases => leases.Count == 2, "both leases");
    }

    [Fact]
    public async Task A_subscriber_that_throws_does_not_stop_the_watch()
    {
        using var watch = new LeaseWatch(LeaseFile, NullLogger<LeaseWatch>.Instance, TimeSpan.FromMilliseconds(50));
        watch.Changed += () => throw new InvalidOperationException("a broken subscriber");
        watch.Changed += () => _snapshots.Enqueue(watch.Latest);
        watch.Start();

        await File.WriteAllTextAsync(LeaseFile, Printer, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => watch.Latest.Count == 1, "the first lease");
        RewriteInPlace(Printer + Laptop);
        await Poll.UntilAsync(() => watch.Latest.Count == 2, "the second lease, after the subscriber threw");
    }

    private LeaseWatch Start(TimeSpan settle)
    {
        var watch = new LeaseWatch(LeaseFile, NullLogger<LeaseWatch>.Instance, settle);
        watch.Changed += () => _snapshots.Enqueue(watch.Latest);
        watch.Start();
        return watch;
    }

    /// <summary>As dnsmasq's lease_update_file: the same file, truncated and written again.</summary>
    private void RewriteInPlace(string text)
    {
        using var file = new FileStream(LeaseFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(text));
        file.Flush(flushToDisk: true);
    }

    /// <summary>The next snapshot, which must be the one wanted: a snapshot in between would be one too many.</summary>
    private async Task NextAsync(Func<IReadOnlyList<DhcpLease>, bool> wanted, string what)
    {
        await Poll.UntilAsync(() => !_snapshots.IsEmpty, what);
        Assert.True(_snapshots.TryDequeue(out var snapshot));
        Assert.True(wanted(snapshot), $"the next snapshot was not {what}: {string.Join(", ", snapshot)}");
    }
}
