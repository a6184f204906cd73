using System.Net;
using System.Text;
using RouterOS.Api.Apis;
using RouterOS.Api.Backups;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Api.Tests;

/// <summary>Backup, then restore onto a router that has nothing (as after a factory reset): secrets only sealed, bad backups change nothing.</summary>
public sealed class BackupApiTests : IAsyncLifetime
{
    private const string Passphrase = "a long backup passphrase";
    private const string PppoePassword = "change-me";

    private readonly ApiFactory _source = new();
    private readonly ApiFactory _target = new();
    private HttpClient _sourceWriter = null!;
    private HttpClient _targetWriter = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sourceWriter = await _source.CreateTokenClientAsync();
        _targetWriter = await _target.CreateTokenClientAsync();
        // Revision 1: the home router with its PPPoE password; revision 2: another hostname.
        await _sourceWriter.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await _sourceWriter.PostJsonAsync("/api/v1/commit", """{ "message": "first setup" }""").ExpectAsync(HttpStatusCode.Created);
        await _sourceWriter.PutJsonAsync("/api/v1/system", """{ "hostname": "gateway" }""").ExpectAsync(HttpStatusCode.OK);
        await _sourceWriter.PostJsonAsync("/api/v1/commit", """{ "message": "rename" }""").ExpectAsync(HttpStatusCode.Created);
        // The target router runs something else already (its first-boot defaults).
        await _targetWriter.PutJsonAsync("/api/v1/config", ApiCalls.Example("lab-router")).ExpectAsync(HttpStatusCode.OK);
        await _targetWriter.PostJsonAsync("/api/v1/commit", """{ "message": "defaults" }""").ExpectAsync(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAndDeleteAsync();
        await _target.DisposeAndDeleteAsync();
    }

    private static async Task<byte[]> BackupAsync(HttpClient client, string passphrase = Passphrase)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/backup");
        request.Headers.Add(BackupApi.PassphraseHeader, passphrase);
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static Task<HttpResponseMessage> RestoreAsync(HttpClient client, byte[] file, string? passphrase = Passphrase)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/system/restore") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (passphrase is not null)
            request.Headers.Add(BackupApi.PassphraseHeader, passphrase);
        return client.SendAsync(request, Cancel);
    }

    /// <summary>The target's history and what its engine was given: unchanged by a refused restore.</summary>
    private async Task<(int Revisions, int Applied)> TargetStateAsync() =>
        ((await _targetWriter.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray().Count, _target.Engine.Applied.Count);

    [Fact]
    public async Task A_backup_restored_elsewhere_gives_back_the_configuration_with_its_secret_and_its_revisions()
    {
        var file = await BackupAsync(_sourceWriter);
        var text = Encoding.UTF8.GetString(file);
        Assert.DoesNotContain(PppoePassword, text, StringComparison.Ordinal);
        Assert.Contains("\"hostname\": \"gateway\"", text, StringComparison.Ordinal); // readable, but for the secrets

        var restored = await RestoreAsync(_targetWriter, file).ExpectAsync(HttpStatusCode.OK);

        // Revision 1 of the target, the source's 1 and 2 archived as 2 and 3, the restore as 4.
        Assert.Equal(4, restored["revision"]!.GetValue<long>());
        Assert.Equal(2, restored["archivedRevisions"]!.GetValue<int>());
        Assert.StartsWith("Restored from a backup made ", restored["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var applied = _target.Engine.Applied[^1];
        Assert.Equal(4, applied.Revision);
        Assert.Equal("gateway", applied.Config.SystemOrDefault.Hostname?.ToString());
        Assert.Equal(PppoePassword, Assert.Single(applied.Config.Pppoe).Password.Reveal());
        var history = (await _targetWriter.Get("/api/v1/revisions").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["Confirmed", "Archived", "Archived", "Confirmed"], history.Reverse().Select(r => r!["state"]!.GetValue<string>()));
        var archived = await _targetWriter.Get("/api/v1/revisions/2").ExpectAsync(HttpStatusCode.OK);
        Assert.EndsWith("revision 1] first setup", archived["revision"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("gateway", (await _targetWriter.Get("/api/v1/system").ExpectAsync(HttpStatusCode.OK))["hostname"]!.GetValue<string>());
        Assert.Equal(4, (await _targetWriter.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK))["runningRevision"]!.GetValue<long>());

        var audit = (await _sourceWriter.Get("/api/v1/audit?take=1").ExpectAsync(HttpStatusCode.OK)).AsArray()[0]!;
        Assert.Equal(("GET", "/api/v1/system/backup", 200), (audit["method"]!.GetValue<string>(), audit["path"]!.GetValue<string>(), audit["status"]!.GetValue<int>()));
        var restoreAudit = (await _targetWriter.Get("/api/v1/audit?take=1").ExpectAsync(HttpStatusCode.OK)).AsArray()[0]!;
        Assert.Equal(("POST", "/api/v1/system/restore", 200), (restoreAudit["method"]!.GetValue<string>(), restoreAudit["path"]!.GetValue<string>(), restoreAudit["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_and_changes_nothing()
    {
        var file = await BackupAsync(_sourceWriter);
        var before = await TargetStateAsync();

        var problem = await RestoreAsync(_targetWriter, file, "not the passphrase at all").ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("the passphrase is not the one this backup was made with; nothing was changed", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await TargetStateAsync());
        Assert.Equal(422, (await _targetWriter.Get("/api/v1/audit?take=1").ExpectAsync(HttpStatusCode.OK)).AsArray()[0]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_changed_backup_is_refused_and_changes_nothing()
    {
        var file = Encoding.UTF8.GetString(await BackupAsync(_sourceWriter)).Replace("\"hostname\": \"gateway\"", "\"hostname\": \"evil\"", StringComparison.Ordinal);
        var before = await TargetStateAsync();

        var problem = await RestoreAsync(_targetWriter, Encoding.UTF8.GetBytes(file)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.StartsWith("this backup was changed after it was made", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TargetStateAsync());
    }

    [Theory]
    [InlineData("not json at all", "this is not a RouterOS backup: it is not JSON")]
    [InlineData("""{ "format": "something-else" }""", "this is not a RouterOS backup")]
    [InlineData("""{ "format": "routeros-backup", "formatVersion": 2 }""", "this backup has format version 2, made by a newer RouterOS")]
    [InlineData("""{ "format": "routeros-backup", "formatVersion": 1, "kdf": { "algorithm": "PBKDF2-HMAC-SHA256", "iterations": 2000000000, "salt": "AAAAAAAAAAAAAAAAAAAAAA==" }, "cipher": "AES-256-GCM" }""",
        "this backup's key derivation asks for 2000000000 iterations")]
    public async Task Something_that_is_not_a_backup_of_this_format_is_refused_with_the_reason(string file, string reason)
    {
        var before = await TargetStateAsync();

        var problem = await RestoreAsync(_targetWriter, Encoding.UTF8.GetBytes(file)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.StartsWith(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TargetStateAsync());
    }

    [Fact]
    public async Task A_sealed_backup_whose_configuration_does_not_verify_is_refused_with_its_paths()
    {
        var eth0 = InterfaceName.Parse("eth0");
        var broken = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [new Port(eth0)],
            Addresses: [new AddressAssignment(InterfaceName.Parse("eth9"), InterfaceAddress.Parse("10.0.0.1/24"))]);
        var file = BackupFile.Write(new BackupContent(DateTimeOffset.UnixEpoch, "test", 1, broken, [], 0), Passphrase);
        var before = await TargetStateAsync();

        var problem = await RestoreAsync(_targetWriter, file).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(problem.Paths(), path => path.StartsWith("running.addresses", StringComparison.Ordinal));
        Assert.Equal(before, await TargetStateAsync());
    }

    [Fact]
    public async Task A_backup_needs_the_write_scope_and_a_strong_passphrase()
    {
        using var reader = await _source.CreateTokenClientAsync(scope: "read");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/backup"))
        {
            request.Headers.Add(BackupApi.PassphraseHeader, Passphrase);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(request, Cancel)).StatusCode);
        }
        await _sourceWriter.Get("/api/v1/system/backup").ExpectAsync(HttpStatusCode.BadRequest);
        using var weak = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/backup");
        weak.Headers.Add(BackupApi.PassphraseHeader, "short");
        Assert.Equal(HttpStatusCode.BadRequest, (await _sourceWriter.SendAsync(weak, Cancel)).StatusCode);
        await RestoreAsync(_targetWriter, [1], passphrase: null).ExpectAsync(HttpStatusCode.BadRequest);
        await RestoreAsync(reader, [1]).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
