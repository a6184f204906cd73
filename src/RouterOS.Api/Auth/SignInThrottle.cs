using System.Net;

namespace RouterOS.Api.Auth;

/// <summary>
/// Slows password guessing down without locking the administrator out. Every sign-in attempt
/// takes a slot, before its password is checked, from two counters: its source's (the address,
/// or the address's /64 for IPv6, since a host picks any address of its /64 at will) and, for an
/// account that exists, the account's. After a few failures a counter blocks further attempts for
/// a time that doubles with each further failure. A refused attempt never reaches the password
/// check and counts for nothing, so one address can add at most <see cref="FreeFailuresPerSource"/>
/// failures to the account, well short of <see cref="FreeFailuresPerAccount"/>: a storm from one
/// address throttles that address only, and the right password from another one still works.
/// Taking the slot and counting are under one lock: concurrent attempts cannot all slip past the
/// check before any of them is counted.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailuresPerSource = 5;
    public const int FreeFailuresPerAccount = 20;
    public static readonly TimeSpan FirstBlock = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestBlock = TimeSpan.FromMinutes(30);

    /// <summary>A counter with no failure for this long is forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Bounds the memory an attacker with many addresses can make it use; past it, new sources share one counter.</summary>
    public const int MaxTrackedSources = 10_000;

    private const string OverflowSource = "overflow";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counter> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counter> _accounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes a slot for one attempt, or says how long to wait. A granted slot must be ended
    /// with <see cref="Failed"/> or <see cref="Succeeded"/>.
    /// </summary>
    /// <param name="account">The account tried, when it exists (unknown names count for the source only).</param>
    public SignInSlot TryBegin(IPAddress? remote, string? account)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var source = SourceCounter(SourceKey(remote), now);
            var accountCounter = account is null ? null : CounterOf(_accounts, account, now);
            var wait = Max(source.WaitBeforeNext(now, FreeFailuresPerSource), accountCounter?.WaitBeforeNext(now, FreeFailuresPerAccount));
            if (wait > TimeSpan.Zero)
                return SignInSlot.Refused(wait, accountCounter?.WaitBeforeNext(now, FreeFailuresPerAccount) > TimeSpan.Zero);
            source.InFlight++;
            if (accountCounter is not null)
                accountCounter.InFlight++;
            return SignInSlot.Granted(source, accountCounter);
        }
    }

    /// <summary>The password was wrong: counts the failure, and blocks when it was one too many.</summary>
    public void Failed(SignInSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            slot.Source?.CountFailure(now, FreeFailuresPerSource);
            slot.Account?.CountFailure(now, FreeFailuresPerAccount);
        }
    }

    /// <summary>The right password: the source and the account start afresh.</summary>
    public void Succeeded(SignInSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        lock (_lock)
        {
            slot.Source?.Reset();
            slot.Account?.Reset();
        }
    }

    /// <summary>IPv4 per address; IPv6 per /64 (one LAN host can use any address of its prefix).</summary>
    public static string SourceKey(IPAddress? remote)
    {
        if (remote is null)
            return "local";
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        if (remote.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return remote.ToString();
        var bytes = remote.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private Counter SourceCounter(string key, DateTimeOffset now)
    {
        if (!_sources.ContainsKey(key) && _sources.Count >= MaxTrackedSources)
        {
            Prune(_sources, now);
            if (_sources.Count >= MaxTrackedSources)
                key = OverflowSource;
        }
        return CounterOf(_sources, key, now);
    }

    private static Counter CounterOf(Dictionary<string, Counter> counters, string key, DateTimeOffset now)
    {
        if (!counters.TryGetValue(key, out var counter))
            counters[key] = counter = new Counter();
        else if (counter.IsForgotten(now))
            counter.Reset();
        return counter;
    }

    private static void Prune(Dictionary<string, Counter> counters, DateTimeOffset now)
    {
        foreach (var (key, counter) in counters.Where(c => c.Value.IsForgotten(now)).ToList())
            counters.Remove(key);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b is { } other && other > a ? other : a;

    /// <summary>Failures and attempts in progress of one source or account. Guarded by the throttle's lock.</summary>
    internal sealed class Counter
    {
        public int Failures { get; private set; }

        public int InFlight { get; set; }

        private DateTimeOffset _blockedUntil;
        private DateTimeOffset _lastFailure;

        /// <summary>
        /// Zero when an attempt may start. Up to the free failures, attempts in progress count as
        /// failures already (so parallel attempts cannot overshoot); past them, one at a time.
        /// </summary>
        public TimeSpan WaitBeforeNext(DateTimeOffset now, int free)
        {
            if (_blockedUntil > now)
                return _blockedUntil - now;
            var allowed = Math.Max(free, Failures + 1);
            // Full with attempts in progress: their outcome decides, in a moment.
            return Failures + InFlight < allowed ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        }

        public void CountFailure(DateTimeOffset now, int free)
        {
            InFlight = Math.Max(0, InFlight - 1);
            Failures++;
            _lastFailure = now;
            if (Failures < free)
                return;
            // 30 s after the last free failure, then 1, 2, 4 ... minutes, at most LongestBlock.
            var doublings = Math.Min(Failures - free, 16);
            var block = TimeSpan.FromTicks(Math.Min(LongestBlock.Ticks, FirstBlock.Ticks << doublings));
            _blockedUntil = now + block;
        }

        public void Reset()
        {
            Failures = 0;
            InFlight = 0;
            _blockedUntil = default;
            _lastFailure = default;
        }

        public bool IsForgotten(DateTimeOffset now) => InFlight == 0 && _blockedUntil <= now && now - _lastFailure > ForgetAfter;
    }
}

/// <summary>One attempt's claim on the throttle's counters, or how long it must wait.</summary>
public sealed class SignInSlot
{
    private SignInSlot(TimeSpan wait, bool accountThrottled, SignInThrottle.Counter? source, SignInThrottle.Counter? account) =>
        (Wait, AccountThrottled, Source, Account) = (wait, accountThrottled, source, account);

    public bool IsGranted => Wait == TimeSpan.Zero;

    /// <summary>How long until another attempt may start; zero for a granted slot.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Refused because of the account's counter (guessing from many addresses), not only the source's.</summary>
    public bool AccountThrottled { get; }

    internal SignInThrottle.Counter? Source { get; }

    internal SignInThrottle.Counter? Account { get; }

    internal static SignInSlot Granted(SignInThrottle.Counter source, SignInThrottle.Counter? account) => new(TimeSpan.Zero, false, source, account);

    internal static SignInSlot Refused(TimeSpan wait, bool accountThrottled) => new(wait, accountThrottled, null, null);
}
