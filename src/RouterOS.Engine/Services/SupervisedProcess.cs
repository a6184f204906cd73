using System.Diagnostics;

namespace RouterOS.Engine.Services;

/// <summary>What a supervised program is and how it is run.</summary>
/// <param name="Name">For logs and states, e.g. "dnsmasq".</param>
/// <param name="Program">The executable by absolute path, e.g. /usr/sbin/dnsmasq (see <see cref="HelperPrograms"/>).</param>
/// <param name="RestartHoldoff">Wait this long after an exit before starting again.</param>
/// <param name="StopGrace">After SIGTERM, wait this long for a clean exit before SIGKILL.</param>
/// <param name="Input">Written to the program's standard input at each start, then closed (a secret, e.g. pppd's passwordfd 0).</param>
public sealed record ProcessSpec(string Name, string Program, IReadOnlyList<string> Arguments, TimeSpan RestartHoldoff, TimeSpan StopGrace, HiddenInput? Input = null);

/// <summary>Text for a program's standard input that never shows in logs, records or exceptions.</summary>
public sealed class HiddenInput(string text)
{
    internal string Text { get; } = text;

    public override string ToString() => "(hidden)";
}

/// <summary>Where a supervised program stands.</summary>
public enum SupervisedState
{
    Starting,
    Running,

    /// <summary>It exited; it starts again after the hold-off.</summary>
    Waiting,

    /// <summary>Stopped on purpose, or given up on (see <see cref="SupervisedProcess.GiveUp"/>).</summary>
    Stopped,
}

/// <summary>
/// Runs one program in the router's network namespace for as long as it is wanted: started, its
/// output read line by line, started again after a hold-off when it exits, stopped with SIGTERM
/// (SIGKILL only if it does not exit in time). Nothing here knows what the program is: its
/// owner reads the lines and exit codes and decides (e.g. to give up after repeated failures).
/// A start that fails (the program is missing) is reported like an exit, with the reason in
/// <see cref="StartError"/>, and tried again after the hold-off: the engine carries on.
/// </summary>
public sealed partial class SupervisedProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly Func<ProcessSpec> _build;
    private readonly HelperPrograms _programs;
    private readonly string? _namespaceName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Process? _process;
    private TimeSpan _stopGrace;
    private volatile bool _giveUp;

    // Whether the loop runs, decided under the lock: a RestartNow racing the loop's end after a
    // give-up either keeps it going or starts a new one, never neither.
    private readonly Lock _loopLock = new();
    private bool _looping;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SupervisedProcess(ProcessSpec spec, string? namespaceName, TimeProvider time, ILogger logger)
        : this(spec.Name, spec.RestartHoldoff, () => spec, namespaceName, time, logger, HelperPrograms.System)
    {
    }

    /// <param name="build">
    /// Makes the spec at each start, when its programs are looked up (<see cref="HelperPrograms"/>):
    /// a missing one fails that start only, and one installed meanwhile is found at the next.
    /// </param>
    /// <param name="programs">Where nsenter is found when <paramref name="namespaceName"/> is set.</param>
    public SupervisedProcess(string name, TimeSpan restartHoldoff, Func<ProcessSpec> build, string? namespaceName, TimeProvider time, ILogger logger, HelperPrograms programs)
    {
        _name = name;
        RestartHoldoff = restartHoldoff;
        _build = build;
        _namespaceName = namespaceName;
        _time = time;
        _logger = logger;
        _programs = programs;
    }

    /// <summary>Each line the program writes (stdout and stderr).</summary>
    public event Action<string>? Line;

    /// <summary>Each exit, with its code (after a stop too).</summary>
    public event Action<int>? Exited;

    public event Action<SupervisedState>? StateChanged;

    public SupervisedState State { get; private set; } = SupervisedState.Stopped;

    /// <summary>How many times it was started again after an exit.</summary>
    public int Restarts { get; private set; }

    public int? LastExitCode { get; private set; }

    /// <summary>Why the last start failed, in plain words (e.g. the program is not installed); null once a start succeeds.</summary>
    public string? StartError { get; private set; }

    /// <summary>The wait after an exit before the next start; may change while it runs.</summary>
    public TimeSpan RestartHoldoff { get; set; }

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public void Start()
    {
        lock (_loopLock)
        {
            if (_loop is not null)
                throw new InvalidOperationException($"{_name} was started already");
            _looping = true;
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Do not start it again after its next exit (an owner who sees it cannot succeed).</summary>
    public void GiveUp() => _giveUp = true;

    /// <summary>
    /// Starts it again now: the running program is stopped (SIGTERM) and started again without the
    /// hold-off; one that was given up on is started again too.
    /// </summary>
    public void RestartNow()
    {
        lock (_loopLock)
        {
            if (_stop.IsCancellationRequested || _loop is null)
                return;
            _giveUp = false;
            if (_looping)
            {
                _wake.TrySetResult();
            }
            else
            {
                _looping = true;
                _loop = Task.Run(RunAsync);
            }
        }
        if (_process is { } process)
            Terminate(process);
    }

    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync();
        if (_process is { } process)
            Terminate(process);
        if (_loop is not null)
            await _loop;
        SetState(SupervisedState.Stopped);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            SetState(SupervisedState.Starting);
            int exitCode;
            try
            {
                exitCode = await RunOnceAsync();
            }
            // ArgumentException: a spec without an absolute path, a bug, but reported like the rest: it never stops the engine.
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or MissingProgramException or ArgumentException)
            {
                StartError = e.Message;
                LogStartFailed(_name, e.Message);
                exitCode = -1;
            }
            LastExitCode = exitCode;
            Exited?.Invoke(exitCode);
            lock (_loopLock)
            {
                if (_stop.IsCancellationRequested || _giveUp)
                {
                    _looping = false;
                    break;
                }
            }
            SetState(SupervisedState.Waiting);
            // The hold-off ends early when asked to restart now (RestartNow) or to stop.
            var wake = _wake.Task;
            await Task.WhenAny(Task.Delay(RestartHoldoff, _time, _stop.Token), wake);
            if (_stop.IsCancellationRequested)
            {
                lock (_loopLock)
                    _looping = false;
                break;
            }
            if (wake.IsCompleted)
                _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Restarts++;
        }
        SetState(SupervisedState.Stopped);
    }

    private async Task<int> RunOnceAsync()
    {
        var spec = _build();
        var start = StartInfo(spec, _namespaceName, _programs);
        _stopGrace = spec.StopGrace;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        _process = process;
        StartError = null;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (spec.Input is { } input)
                await process.StandardInput.WriteAsync(input.Text);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited before reading its input: its exit code says why.
        }
        SetState(SupervisedState.Running);
        // A stop that came while the program was starting: it missed the SIGTERM.
        if (_stop.IsCancellationRequested)
            Terminate(process);
        await process.WaitForExitAsync(CancellationToken.None);
        _process = null;
        return process.ExitCode;
    }

    /// <summary>How the program is started: by absolute path, through nsenter (itself by absolute path) into the router's namespace.</summary>
    internal static ProcessStartInfo StartInfo(ProcessSpec spec, string? namespaceName, HelperPrograms programs)
    {
        if (!Path.IsPathFullyQualified(spec.Program))
            throw new ArgumentException($"{spec.Name}: '{spec.Program}' is not an absolute path (see HelperPrograms)", nameof(spec));
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // nsenter execs the program: the pid we signal is the program's own.
        if (namespaceName is not null)
        {
            start.FileName = programs.Resolve("nsenter");
            start.ArgumentList.Add($"--net=/run/netns/{namespaceName}");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(spec.Program);
        }
        else
        {
            start.FileName = spec.Program;
        }
        foreach (var argument in spec.Arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
                return;
            Signals.Send(process.Id, Signals.Terminate);
            if (!process.WaitForExit(_stopGrace))
            {
                LogKilled(_name, _stopGrace.TotalSeconds);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the checks.
        }
    }

    private void Forward(string? line)
    {
        if (line is not null)
            Line?.Invoke(line);
    }

    private void SetState(SupervisedState state)
    {
        if (State == state)
            return;
        State = state;
        StateChanged?.Invoke(state);
    }

    [LoggerMessage(LogLevel.Warning, "{Name} could not be started: {Error}")]
    private partial void LogStartFailed(string name, string error);

    [LoggerMessage(LogLevel.Warning, "{Name} did not exit within {Seconds} s of SIGTERM: killed")]
    private partial void LogKilled(string name, double seconds);
}
