using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Tests.Support.Fakes;

/// <summary>
/// Programs answered from a script: each command (program and first argument, e.g. "rauc info")
/// answers what the test set, mostly real RAUC output (Firmware/Samples). Records every call.
/// </summary>
internal sealed class ScriptedRunner : ICommandRunner
{
    private readonly Dictionary<string, Func<IReadOnlyList<string>, Action<string>?, Task<CommandResult>>> _scripts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    /// <summary>Each call as one line: program and arguments, space separated.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
                return [.. _calls];
        }
    }

    /// <param name="command">Program and first argument, e.g. "rauc status" or "systemctl reboot".</param>
    public ScriptedRunner On(string command, CommandResult result) => On(command, (_, _) => Task.FromResult(result));

    /// <summary>A command that prints <paramref name="stdout"/> line by line as it runs (an install's progress).</summary>
    public ScriptedRunner OnPrinting(string command, string stdout, string stderr, int exitCode, Task? holdUntil = null) => On(command, async (_, outputLine) =>
    {
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            outputLine?.Invoke(line);
        if (holdUntil is not null)
            await holdUntil;
        return new CommandResult(exitCode, stdout.TrimEnd('\n'), stderr.TrimEnd('\n'));
    });

    public ScriptedRunner On(string command, Func<IReadOnlyList<string>, Action<string>?, Task<CommandResult>> answer)
    {
        _scripts[command] = answer;
        return this;
    }

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? outputLine = null)
    {
        lock (_lock)
            _calls.Add(string.Join(' ', [program, .. arguments]));
        var command = arguments.Count > 0 ? $"{program} {arguments[0]}" : program;
        return _scripts.TryGetValue(command, out var answer) ? answer(arguments, outputLine)
            : throw new InvalidOperationException($"the test did not script '{command}'");
    }

    /// <summary>A file of Firmware/Samples (real RAUC 1.8 output).</summary>
    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Firmware", "Samples", name));
}
