using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RouterOS.Api.Tests.Support;

/// <summary>The API as a real process (the built RouterOS.Api.dll), so a test can kill it outright.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private const string SetupLine = "Setup token: ";
    private const string CertificateLine = "HTTPS certificate SHA-256: ";
    private readonly TaskCompletionSource<string> _fingerprint;

    private ApiProcess(Process process, Uri address, Task<string> setupToken, TaskCompletionSource<string> fingerprint) =>
        (_process, Address, SetupToken, _fingerprint) = (process, address, setupToken, fingerprint);

    public Uri Address { get; }

    /// <summary>The same host's HTTPS address (its own free port).</summary>
    public Uri HttpsAddress { get; private init; } = null!;

    /// <summary>The certificate fingerprint the API printed at start.</summary>
    public Task<string> PrintedFingerprint => _fingerprint.Task;

    /// <summary>The token the API printed at start, when it had no admin yet.</summary>
    public Task<string> SetupToken { get; }

    /// <summary>A client that keeps cookies, as a browser does.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };

    public static async Task<ApiProcess> StartAsync(string dataDirectory, string engineSocket)
    {
        var port = FreeLoopbackPort();
        var httpsPort = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [ApiAssembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["RouterOS__DataDirectory"] = dataDirectory,
                ["RouterOS__EngineSocket"] = engineSocket,
                ["RouterOS__AllowRoot"] = "true", // CI runs the tests as root
                ["RouterOS__HttpsPort"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the API did not start");
        var setupToken = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fingerprint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(SetupLine, StringComparison.Ordinal) == true)
                setupToken.TrySetResult(line.Data[SetupLine.Length..]);
            if (line.Data?.StartsWith(CertificateLine, StringComparison.Ordinal) == true)
                fingerprint.TrySetResult(line.Data[CertificateLine.Length..]);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"), setupToken.Task, fingerprint) { HttpsAddress = new Uri($"https://127.0.0.1:{httpsPort}") };
        await api.WaitUntilAnsweringAsync();
        return api;
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or power cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, "the API process exited during start-up");
            try
            {
                // Any answer (401 included: status needs a sign-in) means it is listening.
                using var response = await client.GetAsync("/api/v1/status");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }
            Assert.True(DateTime.UtcNow < deadline, "the API did not answer within 60 s");
            await Task.Delay(100);
        }
    }

    // The test assembly sits in tests/RouterOS.Api.Tests/bin/<Configuration>/<tfm>/; the API's own
    // build output (with its runtimeconfig) in src/RouterOS.Api/bin/<Configuration>/<tfm>/.
    private static string ApiAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (here.Name, here.Parent!.Name);
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "RouterOS.Api", "bin", configuration, tfm, "RouterOS.Api.dll");
        Assert.True(File.Exists(path), $"the API is not built at {path}");
        return path;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
