using System.Diagnostics;

namespace RouterOS.Engine.Services;

/// <summary>What a supervised program is and how it is run.</summary>
/// <param name="Name">For logs and states, e.g. "dnsmasq".</param>
/// <param name="Program">The executable, e.g. /usr/sbin/dnsmasq.</param>
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
/// </summary>
public sealed partial class SupervisedProcess : IAsyncDisposable
{
    private readonly ProcessSpec _spec;
    private readonly string? _namespaceName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Process? _process;
    private volatile bool _giveUp;

    // Whether the loop runs, decided under the lock: a RestartNow racing the loop's end after a
    // give-up either keeps it going or starts a new one, never neither.
    private readonly Lock _loopLock = new();
    private bool _looping;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SupervisedProcess(ProcessSpec spec, string? namespaceName, TimeProvider time, ILogger logger)
    {
        _spec = spec;
        RestartHoldoff = spec.RestartHoldoff;
        _namespaceName = namespaceName;
        _time = time;
        _logger = logger;
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

    /// <summary>The wait after an exit before the next start; may change while it runs.</summary>
    public TimeSpan RestartHoldoff { get; set; }

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public void Start()
    {
        lock (_loopLock)
        {
            if (_loop is not null)
                throw new InvalidOperationException($"{_spec.Name} was started already");
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
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                LogStartFailed(_spec.Name, e.Message);
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
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // nsenter execs the program: the pid we signal is the program's own.
        if (_namespaceName is not null)
        {
            start.FileName = "nsenter";
            start.ArgumentList.Add($"--net=/run/netns/{_namespaceName}");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(_spec.Program);
        }
        else
        {
            start.FileName = _spec.Program;
        }
        foreach (var argument in _spec.Arguments)
            start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (_spec.Input is { } input)
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

    private void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
                return;
            Signals.Send(process.Id, Signals.Terminate);
            if (!process.WaitForExit(_spec.StopGrace))
            {
                LogKilled(_spec.Name, _spec.StopGrace.TotalSeconds);
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
