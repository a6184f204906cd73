using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services.Pppoe;

/// <summary>
/// The session's state machine against a stand-in pppd: a shell script that prints what pppd 2.4.9
/// printed in the test VM and exits with pppd's codes. It counts its starts in a file and keeps
/// what it read on standard input (the password).
/// </summary>
public sealed class PppoeSessionTests : IDisposable
{
    private const string Password = "pa ss'\"$(id);";
    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-pppoe-test-").FullName;
    private readonly List<(PppoeLink? Up, PppoeLink? Ended)> _applied = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PppoeUplink Uplink => new(InterfaceName.Parse("ppp-wan"), InterfaceName.Parse("wan0"), PlainText.Parse("alice"), Secret.Parse(Password),
        RetryHoldoffSeconds: 0);

    private const string UpLines = """
        echo 'Plugin pppoe.so loaded.' >&2
        echo 'PPP session is 7' >&2
        echo 'Connected to 02:00:00:00:00:01 via interface wan0' >&2
        echo 'Connect: ppp-wan <--> wan0' >&2
        echo 'Remote message: Login ok' >&2
        echo 'PAP authentication succeeded' >&2
        printf 'nameserver 10.64.0.53\nnameserver 10.64.0.54\n' > "$DIR/resolv.conf"
        echo 'local  IP address 10.64.0.10' >&2
        echo 'remote IP address 10.64.0.1' >&2
        echo 'primary   DNS address 10.64.0.53' >&2
        """;

    private PppoeSession Session(string script)
    {
        // The stand-in: counts its starts, keeps its standard input, then runs the script.
        var program = $"DIR='{_directory}'; echo x >> \"$DIR/starts\"; cat > \"$DIR/stdin\"\n{script}";
        var spec = new ProcessSpec("fake pppd", "/bin/sh", ["-c", program], TimeSpan.Zero, TimeSpan.FromSeconds(5), new HiddenInput(Password));
        return new PppoeSession(Uplink, null, _directory, TimeProvider.System, NullLogger.Instance, (_, up, ended) =>
        {
            lock (_applied)
                _applied.Add((up, ended));
            return Task.CompletedTask;
        }, spec);
    }

    /// <summary>Up again after the first session ended: a Down in the timeline and a later Up, the state now.</summary>
    private static bool UpAgain(PppoeSession session)
    {
        var timeline = session.Timeline;
        var down = timeline.ToList().FindIndex(e => e.State == PppoeState.Down);
        return down >= 0 && timeline.Skip(down).Any(e => e.State == PppoeState.Up) && session.State == PppoeState.Up;
    }

    private int Starts => File.Exists(Path.Combine(_directory, "starts")) ? File.ReadAllLines(Path.Combine(_directory, "starts")).Length : 0;

    [Fact]
    public async Task A_session_goes_through_its_phases_comes_up_with_its_addresses_and_dns_and_redials_when_the_server_hangs_up()
    {
        await using var session = Session($"{UpLines}\nif [ \"$(wc -l < \"$DIR/starts\")\" -gt 1 ]; then exec sleep 30; fi\necho 'Modem hangup' >&2; echo 'Connection terminated.' >&2; exit 16");
        session.Start();

        await Poll.UntilAsync(() => Starts >= 2 && UpAgain(session), "the second session up");

        var states = session.Timeline.Select(e => e.State).ToList();
        Assert.Equal([PppoeState.Discovery, PppoeState.Session, PppoeState.Lcp, PppoeState.Authentication, PppoeState.Ipcp, PppoeState.Up, PppoeState.Down, PppoeState.Discovery],
            states.Take(8));
        var link = session.Link!;
        Assert.Equal("10.64.0.10", link.Local.ToString());
        Assert.Equal("10.64.0.1", link.Peer!.ToString());
        Assert.Equal(["10.64.0.53", "10.64.0.54"], link.DnsServers.Select(server => server.ToString()));
        Assert.Equal(7, session.SessionId);
        Assert.Equal("02:00:00:00:00:01", session.AccessConcentrator);
        Assert.NotNull(session.UpSince);
        Assert.Equal(1, session.Reconnects);
        Assert.Null(session.Failure);
        Assert.Contains(session.Timeline, e => e.State == PppoeState.Down && e.Detail.StartsWith("the server ended the session (Modem hangup)", StringComparison.Ordinal));
        lock (_applied)
        {
            // Up, ended (the flows of the first session are flushed), up again.
            Assert.Equal(3, _applied.Count);
            Assert.Equal(IPAddress.Parse("10.64.0.10"), _applied[1].Ended!.Local);
            Assert.Null(_applied[1].Up);
        }
        Assert.Equal(Password, File.ReadAllText(Path.Combine(_directory, "stdin")));
    }

    [Fact]
    public async Task Repeated_authentication_failure_stops_dialling_says_so_and_a_reconnect_dials_again()
    {
        await using var session = Session("""
            echo 'PPP session is 1' >&2
            echo 'Connected to 02:00:00:00:00:01 via interface wan0' >&2
            echo 'Connect: ppp-wan <--> wan0' >&2
            echo 'Remote message: Login incorrect' >&2
            echo 'PAP authentication failed' >&2
            echo 'Connection terminated.' >&2
            exit 19
            """);
        session.Start();

        // Given up: the supervisor's loop has ended, so no further attempt can start.
        await Poll.UntilAsync(() => session.State == PppoeState.Failed && session.Dialling == SupervisedState.Stopped, "giving up");

        Assert.Equal(PppoeSession.MaxAuthenticationFailures, Starts);
        Assert.Equal("authentication failed 3 times in a row: stopped dialling", session.Failure!.Message);
        Assert.Contains(session.Timeline, e => e.Detail.Contains("authentication failed: the server rejected the username or password (the server said: 'Login incorrect')", StringComparison.Ordinal));

        // A reconnect forgives the failures: three more attempts, then it stops again.
        session.Reconnect();
        await Poll.UntilAsync(() => Starts == 2 * PppoeSession.MaxAuthenticationFailures && session.State == PppoeState.Failed, "three more attempts after the reconnect");
    }

    [Fact]
    public async Task An_authentication_failure_counts_even_when_the_server_hangs_up_first()
    {
        // CHAP: pppd says it twice; the server's terminate can make pppd exit 16 instead of 19.
        await using var session = Session("""
            echo 'Connect: ppp-wan <--> wan0' >&2
            echo 'CHAP authentication failed: Access denied' >&2
            echo 'CHAP authentication failed' >&2
            echo 'Modem hangup' >&2
            exit 16
            """);
        session.Start();

        await Poll.UntilAsync(() => session.State == PppoeState.Failed, "giving up");

        Assert.Equal(PppoeSession.MaxAuthenticationFailures, Starts);
        var failures = session.Timeline.Where(e => e.State == PppoeState.Authentication).ToList();
        Assert.Equal(PppoeSession.MaxAuthenticationFailures, failures.Count);
        Assert.All(failures, e => Assert.EndsWith("(the server said: 'Access denied')", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_server_is_said_in_plain_words_with_what_to_check()
    {
        await using var session = Session("echo 'Timeout waiting for PADO packets' >&2; echo 'Unable to complete PPPoE Discovery' >&2; sleep 0.2; exit 8");
        session.Start();

        await Poll.UntilAsync(() => session.State == PppoeState.Down || session.Timeline.Any(e => e.State == PppoeState.Down), "the failed discovery");

        var down = session.Timeline.First(e => e.State == PppoeState.Down);
        Assert.Equal("no PPPoE server answered on wan0 (discovery timed out); dialling again in 0 s (pppd exit code 8)", down.Detail);
        Assert.Contains("wan0", session.Failure!.Check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lcp_echo_failure_is_detected_and_the_session_removed()
    {
        await using var session = Session($"{UpLines}\nif [ \"$(wc -l < \"$DIR/starts\")\" -gt 1 ]; then exec sleep 30; fi\necho 'No response to 3 echo-requests' >&2; echo 'Serial link appears to be disconnected.' >&2; exit 15");
        session.Start();

        await Poll.UntilAsync(() => Starts >= 2 && UpAgain(session), "the session back up");

        Assert.Contains(session.Timeline, e => e.State == PppoeState.Down && e.Detail.StartsWith("the link stopped answering LCP echo requests (3 unanswered)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reconnect_ends_the_session_and_dials_again_at_once_without_calling_it_a_failure()
    {
        await using var session = Session($"trap 'echo \"Terminating on signal 15\" >&2; exit 5' TERM\n{UpLines}\nwhile true; do sleep 0.05; done");
        session.Start();
        await Poll.UntilAsync(() => session.State == PppoeState.Up, "the session up");

        session.Reconnect();

        // Up after a Down: the state alone is still the first session's Up until its end is handled,
        // which can come after the second pppd has started (a run beside stress-ng saw it).
        await Poll.UntilAsync(() => Starts == 2 && UpAgain(session), "the second session up");
        Assert.Null(session.Failure);
        Assert.Contains(session.Timeline, e => e.State == PppoeState.Down && e.Detail == "the session was ended on request (PADT); dialling again now");
        Assert.Equal(1, session.Reconnects);
    }

    [Fact]
    public async Task Stopping_ends_the_session_with_sigterm_and_removes_what_it_brought()
    {
        await using var session = Session($"trap 'echo \"Terminating on signal 15\" >&2; exit 5' TERM\n{UpLines}\nwhile true; do sleep 0.05; done");
        session.Start();
        await Poll.UntilAsync(() => session.State == PppoeState.Up, "the session up");

        await session.DisposeAsync();

        Assert.Equal(PppoeState.Stopped, session.State);
        Assert.Null(session.Link);
        Assert.Equal(PppdExit.UserRequest, session.LastExitCode);
        Assert.Equal(1, Starts);
        lock (_applied)
            Assert.Equal(IPAddress.Parse("10.64.0.10"), _applied[^1].Ended!.Local);
    }
}
