using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace RouterOS.KernelScenarios;

/// <summary>
/// The router's conntrack DESTROY events (`conntrack -E -e DESTROY -o id`), read from before a
/// change until the entry under test is gone. That an id is missing from a listing proves nothing:
/// the id hashes the entry's address and tuple, so the entry the transfer's next packet makes in
/// place of a deleted one can have the same id (scenario 17 once saw its deleted flow "still
/// there"). The destroy event of that id is the entry itself going.
/// </summary>
internal sealed partial class DestroyEvents : IDisposable
{
    // A TEST-NET-2 tuple that no scenario's traffic uses: the entry the listener is proven ready with.
    private const string SentinelSource = "198.51.100.250";
    private const string SentinelDestination = "198.51.100.251";

    private readonly Process _listener;
    private readonly StringBuilder _events = new();

    private DestroyEvents()
    {
        _listener = new Process
        {
            StartInfo = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true },
        };
        foreach (var argument in new[] { "netns", "exec", Lab.Router, "conntrack", "-E", "-e", "DESTROY", "-p", "tcp", "-o", "id" })
        {
            _listener.StartInfo.ArgumentList.Add(argument);
        }
        _listener.OutputDataReceived += (_, line) => Append(line.Data);
        _listener.ErrorDataReceived += (_, line) => Append(line.Data);
        _listener.Start();
        _listener.BeginOutputReadLine();
        _listener.BeginErrorReadLine();
    }

    /// <summary>Starts listening, and returns once an entry made and deleted for the purpose was heard going.</summary>
    public static async Task<DestroyEvents> StartAsync()
    {
        var events = new DestroyEvents();
        try
        {
            await Poll.UntilAsync(() =>
            {
                // The listener subscribes some time after it starts: until it hears one, make another.
                Shell.Execute("ip", "netns", "exec", Lab.Router, "conntrack", "-I", "-p", "tcp", "-s", SentinelSource, "-d", SentinelDestination,
                    "--sport", "1", "--dport", "1", "--state", "ESTABLISHED", "-t", "60");
                Shell.Execute("ip", "netns", "exec", Lab.Router, "conntrack", "-D", "-p", "tcp", "-s", SentinelSource, "-d", SentinelDestination);
                return events.Text().Contains($"src={SentinelSource} ", StringComparison.Ordinal);
            }, "conntrack's event listener to hear a destroyed entry", events.Text);
            return events;
        }
        catch
        {
            events.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the DESTROY event of the entry with <paramref name="id"/>.</summary>
    public Task WaitForAsync(string id) =>
        Poll.UntilAsync(() => Destroyed().Contains(id), $"the DESTROY event of conntrack entry {id}", Text);

    private IEnumerable<string> Destroyed() =>
        Text().Split('\n').Select(line => IdPattern().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value);

    private string Text()
    {
        lock (_events)
        {
            return _events.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_events)
        {
            _events.AppendLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            _listener.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }
        _listener.Dispose();
    }

    [GeneratedRegex(@"^\[DESTROY\] .* id=(\d+)")]
    private static partial Regex IdPattern();
}
