using System.Text.Json;
using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Reads `rauc info --keyring=K --output-format=json BUNDLE` (RAUC 1.8): the manifest as JSON on
/// success; on failure, exit code 1 and the reason on standard error, which is put in plain words
/// here. Samples: tests/RouterOS.Engine.Tests/Firmware/Samples.
/// </summary>
public static class RaucBundleInfo
{
    public static BundleCheck Read(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ExitCode != 0)
            return BundleCheck.Refused(Explain(result.Error));
        try
        {
            using var document = JsonDocument.Parse(result.Output);
            var root = document.RootElement;
            return new BundleCheck(RaucStatusJson.Text(root, "compatible"), RaucStatusJson.Text(root, "version"), null);
        }
        catch (JsonException)
        {
            return BundleCheck.Refused("the bundle's manifest could not be read (rauc info did not answer with its JSON)");
        }
    }

    /// <summary>Why rauc refused a bundle, from what it wrote to standard error.</summary>
    public static string Explain(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("rauc-Message:", StringComparison.Ordinal)).ToList();
        string? After(string marker) =>
            lines.FirstOrDefault(line => line.Contains(marker, StringComparison.Ordinal)) is { } line ? line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim() : null;

        // rauc_bundle.c: a file whose last 8 bytes (the signature's size) are zero carries no signature.
        if (After("Signature size is 0") is not null)
            return "the bundle is not signed: this router installs only bundles signed with the key its image trusts";
        if (After("signature verification failed:") is { } why)
            return $"the bundle's signature does not match this router's keyring: it was signed with another key, or changed after it was signed ({why})";
        if (After("No such file") is not null)
            return "the bundle could not be read: the uploaded file is gone";
        if (After("Invalid bundle format:") is { } format)
            return $"the file is not a RAUC bundle, or it is damaged: it cannot be read ({format})";
        var last = lines.LastOrDefault();
        return last is null ? "rauc refused the bundle and gave no reason" : $"rauc refused the bundle: {last}";
    }
}
