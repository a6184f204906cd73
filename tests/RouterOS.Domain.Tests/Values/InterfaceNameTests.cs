using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class InterfaceNameTests
{
    [Theory]
    [InlineData("eth0")]
    [InlineData("br-lan")]
    [InlineData("eth4.100.200")]
    [InlineData("a")]
    [InlineData("abcdefghijklmno")] // 15 bytes: the most IFNAMSIZ leaves room for
    [InlineData("wlan_ü")]
    public void Accepts_names_the_kernel_accepts(string text)
    {
        Assert.True(InterfaceName.TryParse(text, out var name, out var problem), problem);
        Assert.Equal(text, name.Value);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData(".", "not a valid interface name")]
    [InlineData("..", "not a valid interface name")]
    [InlineData("abcdefghijklmnop", "16 bytes long")]
    [InlineData("ethüüüüüüü", "17 bytes long")] // 10 characters, but ü is two bytes in UTF-8
    [InlineData("eth/0", "contains '/'")]
    [InlineData("eth:0", "contains ':'")]
    [InlineData("eth%d", "contains '%'")]
    [InlineData("eth 0", "whitespace")]
    [InlineData("eth\t0", "whitespace")]
    [InlineData("eth\u00010", "control characters")]
    [InlineData("eth0;reboot", "contains ';'")]
    [InlineData("eth0$(id)", "contains '$'")]
    [InlineData("eth\"0", "contains '\"'")]
    [InlineData("eth{0}", "contains '{'")]
    [InlineData("eth#0", "contains '#'")]
    public void Refuses_names_the_kernel_refuses_or_would_rewrite(string? text, string expected)
    {
        Assert.False(InterfaceName.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_lone_surrogate_which_has_no_UTF8_form()
    {
        Assert.False(InterfaceName.TryParse("eth" + (char)0xD800, out _, out var problem));
        Assert.Contains("valid Unicode", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_only_the_validation_exception() =>
        Assert.Throws<ConfigValidationException>(() => InterfaceName.Parse("bad/name"));

    [Fact]
    public void Compares_by_value() => Assert.Equal(InterfaceName.Parse("eth0"), InterfaceName.Parse("eth0"));
}
