using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Firmware;

/// <summary>The real runner: programs by absolute path, output line by line, and no wait without end.</summary>
public sealed class ProcessCommandRunnerTests
{
    [Fact]
    public async Task A_program_runs_with_its_arguments_and_its_output_comes_line_by_line()
    {
        using var programs = new ProgramDirectory();
        programs.Install("rauc", """echo " 20% $1"; echo "100% $2"; echo "why" >&2; exit 3""");
        var lines = new List<string>();

        var result = await new ProcessCommandRunner(programs.Programs).RunAsync("rauc", ["Checking", "done"], TimeSpan.FromMinutes(1), lines.Add);

        Assert.Equal(new CommandResult(3, " 20% Checking\n100% done", "why"), result);
        Assert.Equal([" 20% Checking", "100% done"], lines);
    }

    [Fact]
    public async Task A_program_that_outlives_its_time_is_stopped()
    {
        using var programs = new ProgramDirectory();
        programs.Install("rauc", "exec sleep 600");

        var timedOut = await Assert.ThrowsAsync<CommandTimedOutException>(() =>
            new ProcessCommandRunner(programs.Programs).RunAsync("rauc", ["install", "/data/x"], TimeSpan.FromMilliseconds(200)));

        Assert.Equal("rauc install /data/x did not finish within 0.2 s and was stopped", timedOut.Message);
    }

    [Fact]
    public async Task A_missing_program_is_named() =>
        await Assert.ThrowsAsync<MissingProgramException>(() =>
            new ProcessCommandRunner(new HelperPrograms(["/nonexistent"])).RunAsync("rauc", ["status"], TimeSpan.FromSeconds(5)));
}
