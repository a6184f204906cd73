using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services;

/// <summary>The engine runs its helper programs by absolute path from fixed directories, never through $PATH.</summary>
public sealed class HelperProgramsTests
{
    [Fact]
    public void A_program_is_found_by_absolute_path_in_the_first_listed_directory_that_has_it()
    {
        using var first = new ProgramDirectory("both");
        using var second = new ProgramDirectory("both", "tool");
        var programs = new HelperPrograms([first.Path, second.Path]);

        Assert.Equal(Path.Combine(first.Path, "both"), programs.Resolve("both"));
        Assert.Equal(Path.Combine(second.Path, "tool"), programs.Resolve("tool"));
    }

    [Fact]
    public void A_missing_program_is_an_error_that_names_it_and_every_directory_searched()
    {
        using var listed = new ProgramDirectory();
        using var elsewhere = new ProgramDirectory("pppd");
        listed.Install("pppd-not-executable", mode: UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.Combine(listed.Path, "a-directory"));
        var programs = new HelperPrograms([listed.Path, "/nonexistent/sbin"]);

        var missing = Assert.Throws<MissingProgramException>(() => programs.Resolve("pppd"));

        Assert.Equal("pppd", missing.Program);
        Assert.Contains($"pppd is not installed: it is in none of {listed.Path}, /nonexistent/sbin", missing.Message, StringComparison.Ordinal);
        Assert.Throws<MissingProgramException>(() => programs.Resolve("pppd-not-executable"));
        Assert.Throws<MissingProgramException>(() => programs.Resolve("a-directory"));
        Assert.False(programs.Has("pppd"));
    }

    [Fact]
    public void A_program_found_is_remembered_and_a_missing_one_is_found_once_installed()
    {
        using var directory = new ProgramDirectory("dnsmasq");
        var found = directory.Programs.Resolve("dnsmasq");
        Assert.Throws<MissingProgramException>(() => directory.Programs.Resolve("busybox"));

        File.Delete(found);
        var busybox = directory.Install("busybox");

        Assert.Equal(found, directory.Programs.Resolve("dnsmasq"));
        Assert.Equal(busybox, directory.Programs.Resolve("busybox"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../bin/sh")]
    [InlineData("/bin/sh")]
    [InlineData("..")]
    public void Only_a_plain_name_is_looked_up(string name) =>
        Assert.Throws<ArgumentException>(() => HelperPrograms.System.Resolve(name));

    [Fact]
    public void Only_absolute_directories_are_searched()
    {
        Assert.Throws<ArgumentException>(() => new HelperPrograms(["/usr/sbin", "bin"]));
        Assert.All(HelperPrograms.SystemDirectories, directory => Assert.True(Path.IsPathFullyQualified(directory)));
        Assert.DoesNotContain(HelperPrograms.SystemDirectories, directory => directory.Contains("local", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_program_the_engine_starts_is_named_by_absolute_path_from_the_directories()
    {
        using var directory = new ProgramDirectory("unshare", "sh", "mount", "pppd", "busybox", "dnsmasq", "nsenter");
        var programs = directory.Programs;
        string In(string name) => Path.Combine(directory.Path, name);
        var uplink = new PppoeUplink(InterfaceName.Parse("ppp-wan"), InterfaceName.Parse("wan0"), PlainText.Parse("alice"), Secret.Parse("secret"));
        var client = new DhcpClient(InterfaceName.Parse("wan0"));

        var pppd = PppdCommand.Spec(uplink, "/state/ppp/ppp-wan", programs);
        var udhcpc = UplinkDhcpClient.Spec("udhcpc on wan0", client, "/state/hook.sh", "router", programs);
        var dnsmasq = new LanServices(null, "/state", TimeProvider.System, NullLogger.Instance, programs).Spec();

        Assert.Equal(In("unshare"), pppd.Program);
        // unshare starts sh, which mounts and becomes pppd: each by its path, none through sh's PATH.
        Assert.Equal(["--mount", "--propagation", "private", "--", In("sh"), "-c"], pppd.Arguments.Take(6));
        Assert.Equal(["/state/ppp/ppp-wan", In("mount"), In("pppd")], pppd.Arguments.Skip(7).Take(3));
        Assert.Equal(In("busybox"), udhcpc.Program);
        Assert.Equal(In("dnsmasq"), dnsmasq.Program);
        foreach (var spec in new[] { pppd, udhcpc, dnsmasq })
        {
            var start = SupervisedProcess.StartInfo(spec, "router-ns", programs);
            Assert.Equal(In("nsenter"), start.FileName);
            Assert.Equal(["--net=/run/netns/router-ns", "--", spec.Program], start.ArgumentList.Take(3));
            Assert.Equal(spec.Program, SupervisedProcess.StartInfo(spec, null, programs).FileName);
        }
    }

    [Fact]
    public void A_spec_that_names_a_program_without_its_path_is_refused()
    {
        var spec = new ProcessSpec("dnsmasq", "dnsmasq", [], TimeSpan.Zero, TimeSpan.Zero);

        var error = Assert.Throws<ArgumentException>(() => SupervisedProcess.StartInfo(spec, null, HelperPrograms.System));

        Assert.Contains("'dnsmasq' is not an absolute path", error.Message, StringComparison.Ordinal);
    }
}
