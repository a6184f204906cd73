using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class TextValueTests
{
    [Theory]
    [InlineData("ft")]
    [InlineData("lan-to-wan")]
    [InlineData("Zone_1")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32
    public void ObjectName_accepts_identifiers(string text) => Assert.True(ObjectName.TryParse(text, out _, out _));

    [Theory]
    [InlineData("")]
    [InlineData("1ft")]
    [InlineData("-ft")]
    [InlineData("ft table")]
    [InlineData("ft;drop")]
    [InlineData("ft\"")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33
    public void ObjectName_refuses_what_would_break_an_nft_identifier(string text) =>
        Assert.False(ObjectName.TryParse(text, out _, out _));

    [Theory]
    [InlineData("router", "router", true)]
    [InlineData("Router", "router", true)]
    [InlineData("Staff.Example", "staff.example", false)]
    public void DnsName_lowers_case_and_knows_single_labels(string text, string stored, bool isSingleLabel)
    {
        var name = DnsName.Parse(text);
        Assert.Equal(stored, name.Value);
        Assert.Equal(isSingleLabel, name.IsSingleLabel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-router")]
    [InlineData("router-")]
    [InlineData("a..b")]
    [InlineData("under_score")]
    [InlineData("sp ace")]
    [InlineData("toolonglabel-toolonglabel-toolonglabel-toolonglabel-toolonglabel")]
    public void DnsName_refuses_what_RFC_1123_refuses(string text) => Assert.False(DnsName.TryParse(text, out _, out _));

    [Fact]
    public void PlainText_refuses_control_characters_and_overlong_text()
    {
        Assert.True(PlainText.TryParse("customer@isp.example", out _, out _));
        Assert.False(PlainText.TryParse("a\nb", out _, out _));
        Assert.False(PlainText.TryParse(new string('x', 256), out _, out _));
        Assert.False(PlainText.TryParse("", out _, out _));
    }

    [Fact]
    public void Secret_never_shows_itself_in_text()
    {
        var secret = Secret.Parse("hunter2");
        Assert.Equal("(secret)", secret.ToString());
        Assert.Equal("(secret)", $"{secret}");
        Assert.Equal("hunter2", secret.Reveal());
    }

    [Fact]
    public void Secret_compares_by_value_and_refuses_newlines()
    {
        Assert.Equal(Secret.Parse("same"), Secret.Parse("same"));
        Assert.NotEqual(Secret.Parse("same"), Secret.Parse("other"));
        Assert.False(Secret.TryParse("line\nbreak", out _, out var problem));
        Assert.Contains("newline", problem, StringComparison.Ordinal);
    }
}
