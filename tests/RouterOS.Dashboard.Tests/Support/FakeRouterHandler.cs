using System.Net;
using System.Text;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests.Support;

/// <summary>
/// Stands in for the API in component tests: serves a candidate configuration, records every
/// write, and answers writes with what the test sets (by default 200).
/// </summary>
public sealed class FakeRouterHandler(RouterConfig candidate) : HttpMessageHandler
{
    public RouterConfig Candidate { get; set; } = candidate;

    /// <summary>What GET /api/v1/config answers (the running revision); null: not found, as before anything was served.</summary>
    public RouterConfig? Running { get; set; }

    /// <summary>What GET /api/v1/status answers.</summary>
    public string StatusJson { get; set; } = "{\"engineReachable\":false,\"candidateVersion\":1,\"candidateChanges\":0}";

    public long Version { get; private set; } = 1;

    public List<(HttpMethod Method, string Path, string? IfMatch, string? Body)> Writes { get; } = [];

    /// <summary>What GET /api/v1/auth/session answers: by default nobody signed in, setup done.</summary>
    public string Session { get; set; } = "{\"setupPending\":false}";

    /// <summary>
    /// Answers for particular paths, whatever the method, ahead of everything else (a write is still recorded
    /// in <see cref="Writes"/> first): the endpoints one page's tests need the API to answer its way.
    /// </summary>
    public Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> Answers { get; } = [];

    /// <summary>The answer to the next writes; null: accepted.</summary>
    public (HttpStatusCode Status, string Json)? WriteAnswer { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get)
        {
            if (Answers.TryGetValue(path, out var read))
                return read(request);
            return path switch
            {
                "/api/v1/candidate" => Json(HttpStatusCode.OK, $"{{\"version\":{Version},\"config\":{RouterConfigJson.Write(Candidate)}}}", etag: $"\"{Version}\""),
                "/api/v1/auth/session" => Json(HttpStatusCode.OK, Session),
                "/api/v1/auth/antiforgery" => Json(HttpStatusCode.OK, "{\"headerName\":\"X-XSRF-TOKEN\",\"token\":\"t\"}"),
                "/api/v1/status" => Json(HttpStatusCode.OK, StatusJson),
                "/api/v1/config" when Running is not null => Json(HttpStatusCode.OK, RouterConfigJson.Write(Running)),
                _ => Json(HttpStatusCode.NotFound, "{\"title\":\"Not found\"}"),
            };
        }
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Writes.Add((request.Method, path, request.Headers.TryGetValues("If-Match", out var ifMatch) ? ifMatch.Single() : null, body));
        if (Answers.TryGetValue(path, out var write))
            return write(request);
        if (WriteAnswer is { } answer)
            return Json(answer.Status, answer.Json);
        Version++;
        return Json(HttpStatusCode.OK, body ?? "{}", etag: $"\"{Version}\"");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json, string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (etag is not null)
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
        return response;
    }
}
