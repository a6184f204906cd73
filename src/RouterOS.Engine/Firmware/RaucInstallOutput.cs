using System.Globalization;
using System.Text.RegularExpressions;
using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Reads what `rauc install BUNDLE` (RAUC 1.8, no terminal) prints: "installing", then one line per
/// step, "%3d%% message" (" 20% Checking bundle"), then "idle" and "Installing `B` succeeded", or a
/// "LastError: why" line and "Installing `B` failed". Samples: tests/RouterOS.Engine.Tests/Firmware/Samples.
/// </summary>
public static partial class RaucInstallOutput
{
    public static InstallStep? Step(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = StepLine().Match(line);
        return match.Success ? new InstallStep(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value.Trim()) : null;
    }

    /// <summary>Why an install failed: RAUC's LastError line, or the last thing it said.</summary>
    public static string FailureReason(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        const string marker = "LastError:";
        var lines = $"{result.Output}\n{result.Error}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.FirstOrDefault(line => line.StartsWith(marker, StringComparison.Ordinal)) is { } lastError)
            return lastError[marker.Length..].Trim();
        return result.LastErrorLine is { Length: > 0 } error ? error : $"rauc install exited with {result.ExitCode}";
    }

    [GeneratedRegex(@"^\s*(\d{1,3})% (.*)$")]
    private static partial Regex StepLine();
}
