using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;
using static RouterOS.Engine.Tests.Support.Fakes.ScriptedRunner;

namespace RouterOS.Engine.Tests.Firmware;

/// <summary>What RAUC 1.8 really prints (Samples/README.md says how each was made), read into slots, bundles and progress.</summary>
public sealed class RaucOutputTests
{
    [Fact]
    public void A_fresh_device_booted_from_A_with_B_never_written()
    {
        var status = RaucStatusJson.Parse(Sample("status-fresh.json"));

        Assert.Equal(("routeros-x86_64", "A", "rootfs.0"), (status.Compatible, status.Booted, status.Primary));
        Assert.Equal(
            [new SlotInfo("rootfs.0", "A", "booted", null, "good"), new SlotInfo("rootfs.1", "B", "inactive", null, "bad")],
            status.Slots);
    }

    [Fact]
    public void After_an_install_the_other_slot_is_primary_and_holds_the_bundle_version()
    {
        var status = RaucStatusJson.Parse(Sample("status-after-install.json"));

        Assert.Equal(("A", "rootfs.1"), (status.Booted, status.Primary));
        Assert.Equal(new SlotInfo("rootfs.1", "B", "inactive", "1.2.4", "good"), status.Slots[1]);
        Assert.Null(status.Slots[0].Version);
    }

    [Fact]
    public void Booted_from_B()
    {
        var status = RaucStatusJson.Parse(Sample("status-booted-b.json"));

        Assert.Equal("B", status.Booted);
        Assert.Equal(("booted", "1.2.4"), (status.Slots[1].State, status.Slots[1].Version));
        Assert.Equal("inactive", status.Slots[0].State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"compatible\":\"x\"}")]
    [InlineData("rauc-Message: not json")]
    public void Anything_else_than_the_status_json_is_a_fault_in_plain_words(string output)
    {
        var fault = Assert.Throws<DeviceCommandException>(() => RaucStatusJson.Parse(output));

        Assert.StartsWith("rauc status answered something that is not its JSON status", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_bundle_gives_its_compatible_and_version()
    {
        Assert.Equal(new BundleCheck("routeros-x86_64", "1.2.3", null), RaucBundleInfo.Read(new CommandResult(0, Sample("info-good.stdout"), Sample("info-good.stderr"))));
        Assert.Equal(new BundleCheck("routeros-arm64", "1.2.3", null), RaucBundleInfo.Read(new CommandResult(0, Sample("info-arm.stdout"), Sample("info-arm.stderr"))));
    }

    [Theory]
    [InlineData("info-unsigned.stderr", "the bundle is not signed: this router installs only bundles signed with the key its image trusts")]
    [InlineData("info-altered-signature.stderr", "the bundle's signature does not match this router's keyring: it was signed with another key, or changed after it was signed (error:02000068:rsa routines::bad signature)")]
    [InlineData("info-other-key.stderr", "the bundle's signature does not match this router's keyring: it was signed with another key, or changed after it was signed (Verify error: self-signed certificate)")]
    [InlineData("info-plain-payload-altered.stderr", "the bundle's signature does not match this router's keyring: it was signed with another key, or changed after it was signed (error:1700009E:CMS routines::verification failure)")]
    [InlineData("info-garbage.stderr", "the file is not a RAUC bundle, or it is damaged: it cannot be read (Signature size (13011281215167351653) exceeds bundle size)")]
    public void A_refused_bundle_is_explained_in_plain_words(string sample, string reason) =>
        Assert.Equal(BundleCheck.Refused(reason), RaucBundleInfo.Read(new CommandResult(1, "", Sample(sample))));

    [Fact]
    public void An_unknown_refusal_keeps_raucs_own_last_words() =>
        Assert.Equal("rauc refused the bundle: something new", RaucBundleInfo.Explain("rauc-Message: 03:10:00.055: Reading bundle: /x\nsomething new\n"));

    [Fact]
    public void Install_progress_is_read_step_by_step()
    {
        var steps = Sample("install-succeeded.stdout").Split('\n').Select(RaucInstallOutput.Step).OfType<InstallStep>().ToList();

        Assert.Equal(18, steps.Count);
        Assert.Equal(new InstallStep(0, "Installing"), steps[0]);
        Assert.Equal(new InstallStep(90, "Copying image to rootfs.1"), steps[14]);
        Assert.Equal(new InstallStep(100, "Installing done."), steps[^1]);
        Assert.Null(RaucInstallOutput.Step("Installing `/tmp/rauc-samples/plain.raucb` succeeded"));
    }

    [Fact]
    public void A_failed_install_is_explained_by_raucs_last_error() =>
        Assert.Equal("Failed mounting bundle: Failed to open /dev/mapper/control: No such file or directory",
            RaucInstallOutput.FailureReason(new CommandResult(1, Sample("install-failed.stdout"), Sample("install-failed.stderr"))));
}
