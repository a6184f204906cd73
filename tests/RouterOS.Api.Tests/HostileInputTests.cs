using System.Net;
using System.Text;
using CsCheck;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// Hostile REST input, generated: random and broken JSON, wrong types, huge numbers, deep nesting,
/// invalid UTF-8, huge strings, odd query strings and headers, against the main endpoints. Never a
/// 5xx, and a refused request changes neither the candidate, the running configuration nor the
/// revisions. CsCheck prints the seed of a failing run; ROUTEROS_HOSTILE_SEED replays it.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("PUT", "/api/v1/config"), ("GET", "/api/v1/config"), ("GET", "/api/v1/candidate"), ("POST", "/api/v1/candidate/plan"),
        ("PUT", "/api/v1/ports/{x}"), ("PUT", "/api/v1/ports"), ("DELETE", "/api/v1/ports/{x}"), ("GET", "/api/v1/ports/{x}"),
        ("PUT", "/api/v1/bridges/{x}"), ("PUT", "/api/v1/vlans/{x}"), ("PUT", "/api/v1/addresses/{x}"), ("PUT", "/api/v1/pppoe/{x}"),
        ("PUT", "/api/v1/flowtables/{x}"), ("PUT", "/api/v1/system"), ("PUT", "/api/v1/dns"),
        ("GET", "/api/v1/flows"), ("GET", "/api/v1/flows/{x}"), ("DELETE", "/api/v1/flows/{x}"),
        ("POST", "/api/v1/commit"), ("POST", "/api/v1/commit/confirm"), ("POST", "/api/v1/commit/rollback"),
        ("GET", "/api/v1/revisions"), ("GET", "/api/v1/revisions/{x}"), ("POST", "/api/v1/revisions/{x}/rollback"),
        ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/setup"), ("POST", "/api/v1/tokens"), ("GET", "/api/v1/audit"),
        ("POST", "/api/v1/pppoe/{x}/reconnect"),
    ];

    private static readonly string[] QueryKeys = ["offset", "limit", "filter", "sort", "order", "cursor", "skip", "take", "x"];

    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await _api.CreateTokenClientAsync();
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await _client.PostJsonAsync("/api/v1/commit", """{ "message": "before the storm" }""").ExpectAsync(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    /// <summary>One request, built from a few small numbers (so CsCheck can shrink a failure to a short one).</summary>
    private sealed record Case(int Endpoint, int Body, int Query, int Headers, int Seed)
    {
        public HttpRequestMessage Build()
        {
            var random = new Random(Seed);
            var (method, path) = Endpoints[Endpoint % Endpoints.Length];
            var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{x}", Uri.EscapeDataString(Word(random)), StringComparison.Ordinal) + QueryString(random));
            if (method != "GET")
                request.Content = BodyOf(random);
            AddHeaders(request, random);
            return request;
        }

        private string QueryString(Random random)
        {
            if (Query % 3 == 0)
                return "";
            var parts = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => $"{QueryKeys[random.Next(QueryKeys.Length)]}={Uri.EscapeDataString(Word(random))}");
            return "?" + string.Join('&', parts);
        }

        private ByteArrayContent BodyOf(Random random)
        {
            var bytes = (Body % 9) switch
            {
                0 => [],
                1 => Encoding.UTF8.GetBytes(Json(random, depth: 0)),
                2 => Encoding.UTF8.GetBytes(new string('[', 10 + random.Next(5000)) + new string(']', random.Next(2) * 5000)),
                3 => [.. Encoding.UTF8.GetBytes("{\"name\":\""), .. Enumerable.Range(0, 1 + random.Next(64)).Select(_ => (byte)random.Next(0x80, 0x100)), .. "\"}"u8.ToArray()],
                4 => Encoding.UTF8.GetBytes($"{{\"{Word(random)}\":\"{new string('x', 1 + random.Next(300_000))}\"}}"),
                5 => Encoding.UTF8.GetBytes($"{{\"name\":{Number(random)},\"mtu\":{Number(random)},\"id\":{Number(random)},\"confirmWithinSeconds\":{Number(random)}}}"),
                6 => Encoding.UTF8.GetBytes(Json(random, depth: 0).Replace("\"", "'", StringComparison.Ordinal)),
                7 => [.. Enumerable.Range(0, random.Next(200)).Select(_ => (byte)random.Next(256))],
                _ => Encoding.UTF8.GetBytes($$"""{ "username": {{Json(random, 2)}}, "password": {{Json(random, 2)}}, "token": {{Json(random, 2)}}, "name": {{Json(random, 2)}}, "scope": {{Json(random, 2)}}, "message": {{Json(random, 2)}} }"""),
            };
            var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", (Body / 9 % 5) switch
            {
                0 or 1 => "application/json",
                2 => "application/json; charset=utf-16",
                3 => "text/plain",
                _ => Word(random),
            });
            return content;
        }

        private void AddHeaders(HttpRequestMessage request, Random random)
        {
            if (Headers % 2 == 0)
                return;
            request.Headers.TryAddWithoutValidation("If-Match", random.Next(3) switch { 0 => "\"1\"", 1 => "*", _ => Word(random) });
            request.Headers.TryAddWithoutValidation("Accept", Word(random));
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", Word(random));
            request.Headers.TryAddWithoutValidation(random.Next(2) == 0 ? "RequestVerificationToken" : "X-XSRF-TOKEN", Word(random));
        }

        private static string Json(Random random, int depth) => (depth > 6 ? random.Next(4) : random.Next(7)) switch
        {
            0 => Number(random),
            1 => $"\"{Word(random).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
            2 => random.Next(2) == 0 ? "true" : "null",
            3 => "\"\\ud800\"",
            4 or 5 => "{" + string.Join(',', Enumerable.Range(0, random.Next(5)).Select(_ => $"\"{Fields[random.Next(Fields.Length)]}\":{Json(random, depth + 1)}")) + "}",
            _ => "[" + string.Join(',', Enumerable.Range(0, random.Next(5)).Select(_ => Json(random, depth + 1))) + "]",
        };

        private static readonly string[] Fields = ["name", "ports", "bridges", "vlans", "mtu", "id", "parent", "address", "addresses", "device", "pvid", "system", "hostname", "flowtables", "devices", "priority", "password", "message", "confirmWithinSeconds"];

        private static string Number(Random random) => random.Next(8) switch
        {
            0 => "1e400",
            1 => "-1",
            2 => "99999999999999999999999999999999",
            3 => "2147483648",
            4 => "0.5",
            5 => "-0",
            6 => "9223372036854775807",
            _ => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static string Word(Random random) => random.Next(10) switch
        {
            0 => "",
            1 => new string('a', random.Next(5000)),
            2 => "2147483647",
            3 => "-9223372036854775808",
            4 => "..%2F..%2Fetc",
            5 => "eth0",
            6 => "%00%ff%c3x",
            7 => "99999999999999999999",
            8 => "proto:tcp addr:::/0 port:99999",
            _ => new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)random.Next('!', '~' + 1))]),
        };
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, int.MaxValue],
        (endpoint, body, query, headers, seed) => new Case(endpoint, body, query, headers, seed));

    [Fact]
    public async Task Hostile_requests_never_get_a_5xx_and_a_refused_one_changes_nothing()
    {
        var before = await StateAsync();
        await Cases.SampleAsync(async input =>
        {
            using var request = input.Build();
            using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(status < 500, $"{request.Method} {request.RequestUri} answered {status}: {body[..Math.Min(body.Length, 2000)]}");
            var after = await StateAsync();
            if (status >= 400)
                Assert.True(before == after, $"{request.Method} {request.RequestUri} was refused ({status}) but changed the router's state");
            before = after;
        }, seed: Environment.GetEnvironmentVariable("ROUTEROS_HOSTILE_SEED"), iter: 300, threads: 1, print: input => input.ToString());
    }

    /// <summary>The candidate, the running configuration and the revisions, as text.</summary>
    private async Task<string> StateAsync()
    {
        var candidate = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        var running = await _client.Get("/api/v1/config").ExpectAsync(HttpStatusCode.OK);
        var revisions = await _client.Get("/api/v1/revisions?take=200").ExpectAsync(HttpStatusCode.OK);
        return string.Join('\n', candidate.Text(), running.Text(), revisions.Text(), _api.Engine.Applied.Count);
    }
}
