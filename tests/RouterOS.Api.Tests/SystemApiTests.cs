using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Versions and slots, upgrade, reboot and factory reset, with the engine's firmware service faked.</summary>
public sealed class SystemApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new(settings: new Dictionary<string, string> { ["RouterOS:MaxBundleBytes"] = "2000000" });
    private HttpClient _reader = null!;
    private HttpClient _writer = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _reader = await _api.CreateTokenClientAsync(scope: "read");
        _writer = await _api.CreateTokenClientAsync(scope: "write");
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private static ByteArrayContent Bundle(byte[] bytes, string type = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7))];

    private async Task<JsonNode> LastAuditAsync() => (await _writer.Get("/api/v1/audit?take=1").ExpectAsync(HttpStatusCode.OK)).AsArray()[0]!;

    [Fact]
    public async Task The_versions_and_slots_are_readable_with_a_read_token()
    {
        var system = await _reader.Get("/api/v1/system/firmware").ExpectAsync(HttpStatusCode.OK);

        // On a device image the firmware's version is the image's, not the API assembly's build.
        Assert.NotEqual("1.0.0", Apis.SystemApi.BuildVersion);
        Assert.Equal("1.0.0", system["version"]!.GetValue<string>());
        Assert.Equal(("1.0.0", true, "A", "A"), (system["engineVersion"]!.GetValue<string>(), system["deviceImage"]!.GetValue<bool>(),
            system["booted"]!.GetValue<string>(), system["nextBoot"]!.GetValue<string>()));
        var slots = system["slots"]!.AsArray();
        Assert.Equal(["A", "B"], slots.Select(slot => slot!["bootname"]!.GetValue<string>()));
        Assert.Equal("bad", slots[1]!["bootStatus"]!.GetValue<string>());
        Assert.Null(slots[1]!["version"]);
    }

    [Fact]
    public async Task Off_a_device_image_the_answer_says_why_and_nothing_is_done()
    {
        _api.EngineSystem.NotDeviceImage = "not a device image: there is no RAUC system configuration at /etc/rauc/system.conf";

        var system = await _reader.Get("/api/v1/system/firmware").ExpectAsync(HttpStatusCode.OK);
        Assert.False(system["deviceImage"]!.GetValue<bool>());
        Assert.Equal(Apis.SystemApi.BuildVersion, system["version"]!.GetValue<string>());
        Assert.Equal(_api.EngineSystem.NotDeviceImage, system["notDeviceImage"]!.GetValue<string>());

        var upgrade = await _writer.PostAsync("/api/v1/system/upgrade", Bundle(Bytes(100)), Cancel).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(_api.EngineSystem.NotDeviceImage, upgrade["detail"]!.GetValue<string>());
        await _writer.PostJsonAsync("/api/v1/system/reboot", """{ "confirm": "reboot" }""").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, _api.EngineSystem.Reboots);
    }

    [Fact]
    public async Task An_upgrade_streams_the_bundle_to_the_engine_and_the_progress_back_as_ndjson()
    {
        var bundle = Bytes(300_000);

        using var response = await _writer.PostAsync("/api/v1/system/upgrade", Bundle(bundle), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(["checking", "installing", "installing", "installed"], lines.Select(line => line["phase"]!.GetValue<string>()));
        Assert.Equal(90, lines[2]["percent"]!.GetValue<int>());
        Assert.Equal(bundle, Assert.Single(_api.EngineSystem.Uploads));
        Assert.Equal(["upload-1"], _api.EngineSystem.Installed);
        var audit = await LastAuditAsync();
        Assert.Equal(("POST", "/api/v1/system/upgrade", 200), (audit["method"]!.GetValue<string>(), audit["path"]!.GetValue<string>(), audit["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_refused_bundle_is_a_422_with_the_engines_reason()
    {
        _api.EngineSystem.InstallScript =
        [
            new UpgradeProgress("checking", 0, "checking the bundle's signature and that it is made for this device"),
            new UpgradeProgress("refused", 0, "nothing was written: the bundle is not signed: this router installs only bundles signed with the key its image trusts"),
        ];

        var problem = await _writer.PostAsync("/api/v1/system/upgrade", Bundle(Bytes(1000)), Cancel).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The bundle was refused", problem["title"]!.GetValue<string>());
        Assert.Contains("the bundle is not signed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(422, (await LastAuditAsync())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_upgrade_needs_the_write_scope_and_a_bundle_body()
    {
        await _reader.PostAsync("/api/v1/system/upgrade", Bundle(Bytes(100)), Cancel).ExpectAsync(HttpStatusCode.Forbidden);
        await _writer.PostAsync("/api/v1/system/upgrade", Bundle(Bytes(100), "application/json"), Cancel).ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        await _writer.PostAsync("/api/v1/system/upgrade", Bundle([]), Cancel).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Empty(_api.EngineSystem.Uploads);
        Assert.Empty(_api.EngineSystem.Installed);
    }

    [Fact]
    public async Task A_bundle_over_the_apis_cap_or_the_engines_is_413_and_not_installed()
    {
        await _writer.PostAsync("/api/v1/system/upgrade", Bundle(Bytes(2_000_001)), Cancel).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        var engineCap = await _writer.PostAsync("/api/v1/system/upgrade", Bundle(Bytes((int)FakeEngineSystem.MaxBytes + 1)), Cancel).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("this router takes", engineCap["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_api.EngineSystem.Uploads);
        Assert.Empty(_api.EngineSystem.Installed);
    }

    [Theory]
    [InlineData("reboot")]
    [InlineData("factory-reset")]
    public async Task A_reboot_or_reset_happens_only_when_the_body_names_it_and_is_audited(string action)
    {
        int Done() => action == "reboot" ? _api.EngineSystem.Reboots : _api.EngineSystem.FactoryResets;
        var url = $"/api/v1/system/{action}";

        await _writer.Post(url).ExpectAsync(HttpStatusCode.BadRequest);
        await _writer.PostJsonAsync(url, "{}").ExpectAsync(HttpStatusCode.BadRequest);
        var wrong = await _writer.PostJsonAsync(url, """{ "confirm": "yes" }""").ExpectAsync(HttpStatusCode.BadRequest);
        await _reader.PostJsonAsync(url, $$"""{ "confirm": "{{action}}" }""").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, Done());
        Assert.Contains($$"""{"confirm": "{{action}}"}""", wrong["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var done = await _writer.PostJsonAsync(url, $$"""{ "confirm": "{{action}}" }""").ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal(1, Done());
        Assert.False(string.IsNullOrEmpty(done["message"]!.GetValue<string>()));
        var audit = await LastAuditAsync();
        Assert.Equal((url, 202), (audit["path"]!.GetValue<string>(), audit["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Without_the_engine_the_answer_says_so()
    {
        _api.EngineSystem.Down = true;

        await _reader.Get("/api/v1/system/firmware").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await _writer.PostJsonAsync("/api/v1/system/reboot", """{ "confirm": "reboot" }""").ExpectAsync(HttpStatusCode.ServiceUnavailable);
    }
}
