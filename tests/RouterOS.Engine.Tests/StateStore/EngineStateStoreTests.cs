using RouterOS.Engine.State;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.StateStore;

/// <summary>The engine's state on disk: root's alone (it holds the PPPoE password), durable, and read back after a restart.</summary>
public sealed class EngineStateStoreTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const string Password = "pppoe-s3cret-7f1c";

    private static readonly Domain.Model.RouterConfig WithPppoe = Configs.Parse($$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "wan0" } ],
          "pppoe": [ { "name": "ppp-wan", "parent": "wan0", "username": "alice@isp", "password": "{{Password}}" } ]
        }
        """);

    private readonly string _parent = Directory.CreateTempSubdirectory("routeros-state-store-test-").FullName;

    private string StateDirectory => Path.Combine(_parent, "state");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void A_state_file_is_owner_only_in_an_owner_only_directory_with_no_temporary_file_left()
    {
        var store = new EngineStateStore(StateDirectory);

        store.SaveConfirmed(3, WithPppoe);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(StateDirectory));
        var file = Assert.Single(Directory.GetFiles(StateDirectory));
        Assert.Equal("confirmed.json", Path.GetFileName(file));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
    }

    [Fact]
    public void A_directory_and_state_files_left_readable_by_others_are_made_owner_only_when_the_store_opens()
    {
        new EngineStateStore(StateDirectory).SaveApplied(4, WithPppoe);
        var applied = Path.Combine(StateDirectory, "applied.json");
        File.SetUnixFileMode(StateDirectory, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(applied, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var reopened = new EngineStateStore(StateDirectory);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(StateDirectory));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(applied));
        Assert.Equal(4, reopened.Applied?.Revision);
    }

    [Fact]
    public void A_write_a_crash_cut_short_leaves_no_temporary_file_after_the_next_start()
    {
        new EngineStateStore(StateDirectory).SaveApplied(4, WithPppoe);
        var interrupted = Path.Combine(StateDirectory, $"applied.json.{Guid.NewGuid():N}.tmp");
        var notOurs = Path.Combine(StateDirectory, "notes.tmp");
        File.WriteAllText(interrupted, "{ half a revi");
        File.WriteAllText(notOurs, "someone else's");

        var reopened = new EngineStateStore(StateDirectory);

        Assert.False(File.Exists(interrupted));
        Assert.True(File.Exists(notOurs));
        Assert.Equal(4, reopened.Applied?.Revision);
    }

    [Fact]
    public void The_pppoe_password_is_kept_for_redialling_after_a_restart_but_only_in_files_no_one_else_can_read()
    {
        var store = new EngineStateStore(StateDirectory);
        store.SaveApplied(5, WithPppoe);
        store.SaveConfirmed(5, WithPppoe);
        store.SavePending(new PendingConfirm(5, DateTimeOffset.UnixEpoch));

        // After a restart, with no API to ask, the engine dials with the password it kept.
        var restarted = new EngineStateStore(StateDirectory);
        Assert.Equal(Password, restarted.Confirmed!.Config.Pppoe.Single().Password.Reveal());

        var holding = Directory.GetFiles(StateDirectory, "*", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains(Password, StringComparison.Ordinal)).ToList();
        Assert.Equal(["applied.json", "confirmed.json"], holding.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(holding, file => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & GroupOrOthers));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(StateDirectory) & GroupOrOthers);
    }

    [Fact]
    public void A_cleared_pending_confirm_is_gone_after_a_restart()
    {
        var store = new EngineStateStore(StateDirectory);
        store.SavePending(new PendingConfirm(6, DateTimeOffset.UnixEpoch));
        Assert.Equal(6, new EngineStateStore(StateDirectory).Pending?.Revision);

        store.SavePending(null);

        Assert.Null(new EngineStateStore(StateDirectory).Pending);
        Assert.False(File.Exists(Path.Combine(StateDirectory, "pending.json")));
    }
}
