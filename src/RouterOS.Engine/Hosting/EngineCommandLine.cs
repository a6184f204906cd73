using System.Globalization;

namespace RouterOS.Engine.Hosting;

/// <summary>What the engine was started to do.</summary>
public enum EngineCommand
{
    /// <summary>Manage the router's namespace and serve the gRPC contract (no command word).</summary>
    Serve,

    /// <summary>Print the kernel's capabilities as JSON and exit.</summary>
    Probe,

    /// <summary>Ask the running engine over its socket (the console's way).</summary>
    System,

    /// <summary>Print the usage and exit.</summary>
    Help,
}

/// <summary>A command line the engine refuses; its message says which word and why.</summary>
public sealed class EngineUsageException(string message) : Exception(message);

/// <summary>
/// The engine's command line, read strictly. The engine takes over whichever namespace it is
/// pointed at (its own without --netns), so a word it does not know must stop it before it starts:
/// `RouterOS.Engine --help` or a misspelt `--netns` must never serve on the machine's own namespace.
/// </summary>
/// <param name="Rest">For <see cref="EngineCommand.System"/>: the words after "system", which the system console reads.</param>
public sealed record EngineCommandLine(EngineCommand Command, EngineOptions Options, IReadOnlyList<string> Rest)
{
    public const string Usage = """
        usage: RouterOS.Engine [--netns NAME] [--socket PATH] [--state DIR] [--group GROUP]
                               [--reconcile-seconds N] [--flow-interval-ms N] [--data-root DIR]
                               [--rauc-conf FILE] [--max-bundle-mb N]
               RouterOS.Engine probe [--netns NAME]
               RouterOS.Engine system status | upgrade FILE | reboot | factory-reset --yes   [--socket PATH]
               RouterOS.Engine --help
        Without a command the engine manages the namespace --netns names (its own namespace without
        it: a device) and serves the API on the Unix socket --socket (default /run/routeros/engine.sock).
        """;

    /// <summary>The options the engine serves with; probe takes only --netns.</summary>
    private static readonly string[] ServeOptions =
        ["--netns", "--socket", "--state", "--group", "--reconcile-seconds", "--flow-interval-ms", "--data-root", "--rauc-conf", "--max-bundle-mb"];

    private static readonly string[] ProbeOptions = ["--netns"];

    /// <exception cref="EngineUsageException">An unknown word, an option without its value, a number that is not one.</exception>
    public static EngineCommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Any(arg => arg is "--help" or "-h") || args is ["help", ..])
        {
            return new EngineCommandLine(EngineCommand.Help, EngineOptions.Parse([]), []);
        }
        if (args.Count > 0 && args[0] == "system")
        {
            // The system console reads its own words; only the socket matters here.
            return new EngineCommandLine(EngineCommand.System, EngineOptions.Parse(SocketOnly(args)), args.Skip(1).ToArray());
        }
        var (command, words) = args.Count > 0 && args[0] == "probe" ? (EngineCommand.Probe, args.Skip(1).ToArray()) : (EngineCommand.Serve, args.ToArray());
        var allowed = command == EngineCommand.Probe ? ProbeOptions : ServeOptions;
        var seen = new HashSet<string>();
        for (var i = 0; i < words.Length; i += 2)
        {
            var word = words[i];
            if (!allowed.Contains(word))
            {
                throw new EngineUsageException(word.StartsWith('-')
                    ? $"unknown option '{word}'{(command == EngineCommand.Probe ? " for probe" : "")}"
                    : $"unknown command '{word}'");
            }
            if (!seen.Add(word))
            {
                throw new EngineUsageException($"{word} is given twice");
            }
            if (i + 1 >= words.Length || words[i + 1].StartsWith("--", StringComparison.Ordinal) || words[i + 1].Length == 0)
            {
                throw new EngineUsageException($"{word} needs a value");
            }
        }
        foreach (var number in (string[])["--reconcile-seconds", "--flow-interval-ms", "--max-bundle-mb"])
        {
            var index = Array.IndexOf(words, number);
            if (index >= 0 && !(int.TryParse(words[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0))
            {
                throw new EngineUsageException($"{number} takes a whole number above 0, not '{words[index + 1]}'");
            }
        }
        return new EngineCommandLine(command, EngineOptions.Parse(words), []);
    }

    private static string[] SocketOnly(IReadOnlyList<string> args)
    {
        var index = args.ToList().IndexOf("--socket");
        return index >= 0 && index + 1 < args.Count ? ["--socket", args[index + 1]] : [];
    }
}
