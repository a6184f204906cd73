using RouterOS.Domain.Json;
using RouterOS.Domain.Tests.Support;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Tests;

public class ExampleConfigTests
{
    public static TheoryData<string> Examples => [.. ExampleConfigs.Names];

    [Fact]
    public void The_examples_folder_holds_the_home_router_the_vlan_trunk_edge_router_and_the_lab_routers() =>
        Assert.Equal(["home-router", "lab-router", "lab-router-pppoe", "vlan-trunk-edge"], ExampleConfigs.Names);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_reads_and_verifies_without_errors_or_warnings(string name)
    {
        var result = ConfigVerifier.Verify(ExampleConfigs.Load(name));

        Assert.True(result.Findings.IsEmpty, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_survives_a_write_and_read_unchanged(string name)
    {
        var config = ExampleConfigs.Load(name);

        var again = RouterConfigJson.Parse(RouterConfigJson.Write(config));

        Assert.Equal(config, again);
        Assert.Equal(RouterConfigJson.Write(config), RouterConfigJson.Write(again));
    }
}
