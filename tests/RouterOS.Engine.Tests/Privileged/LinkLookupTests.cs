using RouterOS.Engine.Kernel;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>The single-link lookup the applier uses after creating a link, against the host kernel (root only).</summary>
public sealed class LinkLookupTests
{
    [Fact]
    public void A_link_is_found_by_name_and_a_missing_one_is_null()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var scratch = new TestNamespace();
        scratch.AddPort("lan0");
        var expected = int.Parse(scratch.Exec("cat", "/sys/class/net/lan0/ifindex").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var kernel = new RouterKernel(scratch.Name);

        var (found, missing) = kernel.Run(session => (session.Rtnetlink.IndexOf("lan0"), session.Rtnetlink.IndexOf("nosuchdev0")));

        Assert.Equal(expected, found);
        Assert.Null(missing);
    }
}
