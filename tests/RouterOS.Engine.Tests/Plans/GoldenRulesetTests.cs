using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>
/// The whole table for a reference configuration that uses every firewall feature, compared line
/// for line with a checked-in file, and the same text loaded into a kernel. A change to the
/// generator shows up here as a diff to review; to accept one, run the test with
/// UPDATE_SNAPSHOTS=1, which rewrites the file in the source tree, and commit it.
/// </summary>
public sealed class GoldenRulesetTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Plans", "Golden");

    private static RulesetText Reference() =>
        RulesetGenerator.Generate(Configs.Parse(File.ReadAllText(Path.Combine(Directory, "firewall-reference.json"))));

    [Fact]
    public void The_reference_configuration_verifies_without_findings()
    {
        var config = Configs.Parse(File.ReadAllText(Path.Combine(Directory, "firewall-reference.json")));

        Assert.Empty(ConfigVerifier.Verify(config).Findings);
    }

    [Fact]
    public void The_reference_firewall_generates_exactly_the_checked_in_ruleset()
    {
        var actual = Reference().Table;
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SourcePath("firewall-reference.nft"), actual);
        }

        var expected = File.ReadAllText(Path.Combine(Directory, "firewall-reference.nft"));

        Assert.Equal(expected.Split('\n'), actual.Split('\n'));
    }

    [Fact]
    public async Task The_reference_ruleset_loads_into_a_kernel_through_libnftables()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var scratch = new TestNamespace();
        using var kernel = new RouterKernel(scratch.Name);
        var text = Reference();

        var result = await kernel.RunAsync(session => session.Nft.RunScript(text.ReplaceCommand));

        Assert.True(result.Succeeded, result.Error);
        var listed = scratch.Exec("nft", "list", "table", "inet", "routeros");
        Assert.Contains("counter pf_nas", listed, StringComparison.Ordinal);
        Assert.Contains("dnat ip to", listed, StringComparison.Ordinal);
        Assert.Contains("snat ip to 203.0.113.8/29 persistent", listed, StringComparison.Ordinal);
        Assert.Contains("ip6 dscp set cs1", listed, StringComparison.Ordinal);
    }

    /// <summary>The file in the source tree (the build copies it next to the test assembly).</summary>
    private static string SourcePath(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Golden", name);
}
