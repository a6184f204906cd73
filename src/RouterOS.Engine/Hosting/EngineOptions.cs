namespace RouterOS.Engine.Hosting;

/// <summary>Where the engine works, from the command line (--netns, --socket, --state, --group, --reconcile-seconds, --flow-interval-ms).</summary>
/// <param name="Namespace">The router's network namespace under /run/netns; null manages the engine's own namespace (a device).</param>
/// <param name="SocketGroup">The group that may connect to the socket (the API's user's group).</param>
/// <param name="FlowInterval">How often the flow monitor reads the whole conntrack table.</param>
public sealed record EngineOptions(string? Namespace, string SocketPath, string StateDirectory, string SocketGroup, TimeSpan ReconcileInterval, TimeSpan FlowInterval)
{
    public static EngineOptions Parse(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name)
                {
                    return args[i + 1];
                }
            }
            return null;
        }
        var seconds = Value("--reconcile-seconds") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 60;
        var flowMilliseconds = Value("--flow-interval-ms") is { } flowText ? int.Parse(flowText, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        return new EngineOptions(
            Value("--netns"),
            Value("--socket") ?? "/run/routeros/engine.sock",
            Value("--state") ?? "/var/lib/routeros-engine",
            Value("--group") ?? "routeros",
            TimeSpan.FromSeconds(seconds),
            TimeSpan.FromMilliseconds(flowMilliseconds));
    }
}
