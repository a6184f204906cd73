using System.Threading.Channels;

namespace RouterOS.Engine.Services;

/// <summary>
/// dnsmasq's leases, live (issue 23): watches the lease file's directory with inotify, so a new
/// lease, a renewal or a lease going away is read at once, whether dnsmasq rewrites the file in
/// place (as it does), someone replaces it by a rename, deletes it, or it does not exist yet. Each
/// reading that differs from the last replaces <see cref="Latest"/> and raises <see cref="Changed"/>.
/// </summary>
/// <remarks>
/// A burst of events (dnsmasq truncates, writes and syncs: several events for one change) is read
/// once, <see cref="DefaultSettle"/> after its first event. The directory, not the file, is watched:
/// a watch on the file would be lost with the file when it is replaced or deleted. Nothing here may
/// end the engine: a fault is logged and the watch goes on.
/// </remarks>
public sealed partial class LeaseWatch : IDisposable
{
    /// <summary>Long enough for dnsmasq's truncate-write-sync of one update, short beside a person watching.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);

    /// <summary>How often the file is read while it cannot be watched; the watch is tried again as often.</summary>
    private static readonly TimeSpan UnwatchedPause = TimeSpan.FromSeconds(10);

    private readonly string _leaseFile;
    private readonly string _fileName;
    private readonly TimeSpan _settle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    // One pending wake is enough: the reading after it sees every write before it.
    private readonly Channel<bool> _poked = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;

    // Set when the watch failed (an error event, or it could not be set up): the loop sets it up again.
    private volatile bool _lost;
    private Task? _reader;
    private volatile IReadOnlyList<DhcpLease> _latest = [];

    /// <param name="leaseFile">dnsmasq's lease file (<see cref="LanServices.LeaseFile"/>).</param>
    /// <param name="settle">How long after a change's first event the file is read (<see cref="DefaultSettle"/> unless given).</param>
    public LeaseWatch(string leaseFile, ILogger<LeaseWatch> logger, TimeSpan? settle = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseFile);
        _leaseFile = Path.GetFullPath(leaseFile);
        _fileName = Path.GetFileName(_leaseFile);
        _settle = settle ?? DefaultSettle;
        _logger = logger;
    }

    /// <summary>The leases as last read (empty before the first reading and while there is no file).</summary>
    public IReadOnlyList<DhcpLease> Latest => _latest;

    /// <summary>After every reading that changed the leases. Handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    /// <summary>Starts watching; never throws: a watch that cannot be set up is logged and tried again.</summary>
    public void Start()
    {
        try
        {
            // The engine's state directory; made here only if the engine has not yet (dnsmasq would need it anyway).
            Directory.CreateDirectory(Path.GetDirectoryName(_leaseFile)!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnwatched(exception.Message);
        }
        _reader = Task.Run(WatchAsync);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _reader?.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled: nothing to report on the way out.
        }
        _stopping.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs change)
    {
        // A rename counts for the file whether it is replaced (the new name) or moved away (the old one).
        if (change.Name == _fileName || (change is RenamedEventArgs renamed && renamed.OldName == _fileName))
            Poke();
    }

    private void Poke() => _poked.Writer.TryWrite(true);

    private async Task WatchAsync()
    {
        try
        {
            await FollowAsync(_stopping.Token);
        }
        finally
        {
            _watcher?.Dispose();
        }
    }

    private async Task FollowAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_watcher is null || _lost)
                {
                    _watcher?.Dispose();
                    _watcher = null;
                    _lost = false;
                    if (TryWatchDirectory() is not { } watcher)
                    {
                        // Unwatched, the leases are still read, only later: every UnwatchedPause.
                        Read();
                        await Task.Delay(UnwatchedPause, stopping);
                        continue;
                    }
                    _watcher = watcher;
                    // The file as it is now: leases handed out before the engine (re)started, or while unwatched.
                    Poke();
                }
                await _poked.Reader.ReadAsync(stopping);
                await Task.Delay(_settle, stopping);
                // Events of the same burst that came while settling: this reading covers them.
                _poked.Reader.TryRead(out _);
                Read();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The file unreadable for a moment (half replaced, say): read it again after a pause.
                LogFailed(exception.Message);
                Poke();
                await Task.Delay(ErrorPause, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <returns>Null when the directory cannot be watched (e.g. no inotify instance left: fs.inotify.max_user_instances), logged.</returns>
    private FileSystemWatcher? TryWatchDirectory()
    {
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(_leaseFile)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                EnableRaisingEvents = false,
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogUnwatched(exception.Message);
            return null;
        }
        watcher.Created += OnEvent;
        watcher.Changed += OnEvent;
        watcher.Deleted += OnEvent;
        watcher.Renamed += OnEvent;
        // An overflowed queue lost events, or the watch itself ended (its directory gone): set it up
        // again, which reads the file whatever the lost events were.
        watcher.Error += (_, error) =>
        {
            LogFailed(error.GetException().Message);
            _lost = true;
            Poke();
        };
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            watcher.Dispose();
            LogUnwatched(exception.Message);
            return null;
        }
        return watcher;
    }

    private void Read()
    {
        IReadOnlyList<DhcpLease> leases;
        try
        {
            leases = DhcpLeases.Parse(File.ReadAllText(_leaseFile));
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            // No file: dnsmasq has not run yet, or it was deleted. No leases, then.
            leases = [];
        }
        if (leases.SequenceEqual(_latest))
            return;
        _latest = leases;
        try
        {
            Changed?.Invoke();
        }
        catch (Exception exception)
        {
            LogFailed($"a subscriber failed: {exception.Message}");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Watching dnsmasq's lease file failed: {Error}; trying again")]
    private partial void LogFailed(string error);

    [LoggerMessage(LogLevel.Warning, "dnsmasq's lease file cannot be watched: {Error}; it is read every 10 s until it can")]
    private partial void LogUnwatched(string error);
}
