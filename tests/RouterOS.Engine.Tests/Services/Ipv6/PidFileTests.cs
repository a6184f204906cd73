using RouterOS.Engine.Services.Ipv6;

namespace RouterOS.Engine.Tests.Services.Ipv6;

/// <summary>dhcpcd's pid file is read while dhcpcd holds it locked, as after an engine was killed and its dhcpcd lives on.</summary>
public sealed class PidFileTests
{
    [Fact]
    public void A_pid_file_held_under_an_exclusive_lock_is_still_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"routeros-pidfile-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, "4242\n");
            // FileShare.None takes an exclusive flock, as dhcpcd holds its pid file.
            using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            Assert.Throws<IOException>(() => File.ReadAllText(path));

            Assert.Equal(4242, PidFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pid\n")]
    [InlineData("1\n")]
    public void A_file_without_a_pid_gives_none(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"routeros-pidfile-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        try
        {
            Assert.Null(PidFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void No_file_gives_none() => Assert.Null(PidFile.Read("/nonexistent/routeros/pid"));
}
