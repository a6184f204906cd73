using System.Diagnostics;
using System.Text;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Services;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Runs a program by absolute path (<see cref="HelperPrograms"/>, never through $PATH: the engine is
/// root), with no terminal and the C locale, so what it prints is what the parsers expect; kills it
/// with its children when its time is up.
/// </summary>
public sealed class ProcessCommandRunner(HelperPrograms programs) : ICommandRunner
{
    /// <summary>What is kept of each stream: RAUC's JSON is a few kilobytes; a runaway program must not fill the engine's memory.</summary>
    private const int MaxKeptChars = 1024 * 1024;

    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? outputLine = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(programs.Resolve(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        using var process = new Process { StartInfo = start };
        var output = new KeptText();
        var error = new KeptText();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
                return;
            output.Add(line);
            outputLine?.Invoke(line);
        };
        process.ErrorDataReceived += (_, e) => error.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new CommandTimedOutException(program, arguments, timeout);
        }
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Lines from one stream (its own thread), joined with \n, up to <see cref="MaxKeptChars"/>.</summary>
    private sealed class KeptText
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public void Add(string? line)
        {
            if (line is null)
                return;
            lock (_lock)
            {
                if (_text.Length + line.Length + 1 > MaxKeptChars)
                    return;
                if (_text.Length > 0)
                    _text.Append('\n');
                _text.Append(line);
            }
        }

        public override string ToString()
        {
            lock (_lock)
                return _text.ToString();
        }
    }
}
