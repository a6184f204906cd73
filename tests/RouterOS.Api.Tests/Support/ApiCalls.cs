using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RouterOS.Api.Tests.Support;

public static class ApiCalls
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name + ".json"));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel)) ?? throw new InvalidOperationException("empty body");

    public static async Task<JsonNode> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"expected {(int)status} {status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(json) };
        if (ifMatch is not null)
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request, Cancel);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) => client.PostAsync(url, Json(json), Cancel);

    public static Task<HttpResponseMessage> Get(this HttpClient client, string url) => client.GetAsync(url, Cancel);

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url) => client.PostAsync(url, null, Cancel);

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string url) => client.DeleteAsync(url, Cancel);

    public static string[] Paths(this JsonNode problem) =>
        [.. (problem["findings"]?.AsArray() ?? []).Select(f => f!["path"]!.GetValue<string>())];

    public static string Text(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
