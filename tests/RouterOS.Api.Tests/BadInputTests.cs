using System.Net;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Bad input of every kind gets a clear 4xx and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await _api.CreateTokenClientAsync();
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    public static TheoryData<string, string, string> BadPorts => new()
    {
        { """{ "name": "eth0", """, "", "line 1" },                                            // malformed: cut short
        { """{ "name": "eth0" } trailing""", "", "line 1" },                                  // garbage after the document
        { """{ "name": "eth0", "mtu": "1500" }""", "mtu", "not text in quotes" },          // wrong type
        { """{ "name": "eth0", "mtu": -1 }""", "mtu", "out of range" },                        // negative
        { """{ "name": "eth0", "mtu": 99999999999999999999999 }""", "mtu", "whole number" },  // huge
        { """{ "name": "eth0", "enabled": 1 }""", "enabled", "could not be converted" },
        { """{ "name": "eth0;reboot" }""", "name", "contains ';'" },                          // shell injection in a name
        { """{ "name": "eth0$(id)" }""", "name", "contains '$'" },
        { """{ "name": "../etc" }""", "name", "contains '/'" },                                 // path traversal
        { """{ "name": "eth0\u0000x" }""", "name", "control characters" },                      // NUL
        { """{ "name": "ethernet-port-0000" }""", "name", "bytes long" },                       // too long
        { """{ "name": "ｅｔｈ０ｅｔｈ０" }""", "name", "bytes long" },                            // unicode past 15 bytes
        { """{ "name": "eth0", "admin": true }""", "admin", "could not be mapped" },           // unknown field
        { """{ "name": "eth0", "name": "eth1" }""", "name", "Duplicate" },
        { """null""", "", "null" },
        { """[]""", "", "could not be converted" },
    };

    [Theory]
    [MemberData(nameof(BadPorts))]
    public async Task A_bad_port_is_refused_with_its_path_and_nothing_changes(string body, string path, string message)
    {
        var before = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);

        var problem = await _client.PutJsonAsync("/api/v1/ports/eth0", body).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(path, Assert.Single(problem.Paths()));
        Assert.Contains(message, problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var after = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.Text(), after.Text());
    }

    [Fact]
    public async Task A_name_injected_through_the_url_is_a_mismatch_not_a_new_object() =>
        await _client.PutJsonAsync("/api/v1/ports/eth0%3Breboot", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var huge = $$"""{ "name": "eth0", "description": "{{new string('x', 300_000)}}" }""";
        await _client.PutJsonAsync("/api/v1/ports/eth0", huge).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/config") { Content = new StringContent("ports: [eth0]", System.Text.Encoding.UTF8, "text/yaml") };
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_configuration_of_another_schema_is_refused_as_such()
    {
        var problem = await _client.PutJsonAsync("/api/v1/config", """{ "schemaVersion": 9, "ports": [] }""").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("newer RouterOS", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/revisions?take=0")]
    [InlineData("/api/v1/revisions?take=100000")]
    [InlineData("/api/v1/revisions?skip=-1")]
    [InlineData("/api/v1/audit?take=-5")]
    public async Task Paging_out_of_range_is_refused(string url) => await _client.Get(url).ExpectAsync(HttpStatusCode.BadRequest);
}
