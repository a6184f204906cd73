namespace RouterOS.Engine.Firmware.Ports;

/// <summary>
/// Runs a program to its end within a time limit: RAUC's command line and systemctl. The real one is
/// <see cref="ProcessCommandRunner"/>; unit tests script the answers of the programs.
/// </summary>
public interface ICommandRunner
{
    /// <param name="program">A program's name, run by absolute path from the system's directories (see <see cref="Services.HelperPrograms"/>).</param>
    /// <param name="timeout">It is killed past this: no call of the engine waits on a program for ever.</param>
    /// <param name="outputLine">Each line of standard output as it comes (an install's progress), besides the whole output in the result.</param>
    /// <exception cref="CommandTimedOutException">It did not end in time and was killed.</exception>
    /// <exception cref="Services.MissingProgramException">It is not installed.</exception>
    Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? outputLine = null);
}

/// <param name="Output">Standard output, lines joined with \n.</param>
/// <param name="Error">Standard error, lines joined with \n.</param>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>The last line the program wrote to standard error (where RAUC says why it failed), or "".</summary>
    public string LastErrorLine => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

/// <summary>A program did not end within its time and was killed.</summary>
public sealed class CommandTimedOutException : Exception
{
    public CommandTimedOutException() { }

    public CommandTimedOutException(string message) : base(message) { }

    public CommandTimedOutException(string message, Exception innerException) : base(message, innerException) { }

    public CommandTimedOutException(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
        : base($"{program} {string.Join(' ', arguments ?? [])} did not finish within {timeout.TotalSeconds:0.#} s and was stopped") { }
}
