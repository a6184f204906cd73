using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Tests.Support.Fakes;

namespace RouterOS.Engine.Tests.Firmware;

/// <summary>Upgrades, reboot and factory reset over the real RAUC client, with RAUC's and systemctl's answers scripted.</summary>
public sealed class FirmwareManagerTests
{
    private static readonly byte[] Bundle = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];

    [Fact]
    public async Task Off_a_device_image_every_operation_says_why_and_runs_nothing()
    {
        using var bench = new FirmwareBench(withDataRoot: false);

        var info = await bench.Manager.InfoAsync();
        Assert.Equal("not a device image: the engine was given no data partition (--data-root)", info.NotDeviceImage);
        Assert.Equal(FirmwareManager.BuildVersion, info.Version);
        Assert.Null(info.Slots);
        var refusals = new[]
        {
            await Assert.ThrowsAsync<NotDeviceImageException>(() => bench.UploadAsync(Bundle)),
            await Assert.ThrowsAsync<NotDeviceImageException>(() => bench.InstallAsync("0123456789abcdef0123456789abcdef")),
            await Assert.ThrowsAsync<NotDeviceImageException>(bench.Manager.RebootAsync),
            await Assert.ThrowsAsync<NotDeviceImageException>(bench.Manager.FactoryResetAsync),
        };
        Assert.All(refusals, refusal => Assert.Equal(info.NotDeviceImage, refusal.Message));
        Assert.Empty(bench.Runner.Calls);
        Assert.False(File.Exists(Path.Combine(bench.DataRoot, ".factory-reset")));
    }

    [Fact]
    public async Task Without_raucs_system_configuration_it_is_not_a_device_image()
    {
        using var bench = new FirmwareBench(withSystemConf: false);

        var info = await bench.Manager.InfoAsync();

        Assert.Equal($"not a device image: there is no RAUC system configuration at {bench.SystemConf}", info.NotDeviceImage);
        await Assert.ThrowsAsync<NotDeviceImageException>(bench.Manager.RebootAsync);
        Assert.Empty(bench.Runner.Calls);
    }

    [Fact]
    public async Task The_booted_slot_runs_this_build_and_an_upgraded_slot_shows_its_bundle_version()
    {
        using var bench = new FirmwareBench();
        bench.Runner.On("rauc status", new CommandResult(0, ScriptedRunner.Sample("status-after-install.json"), ""));

        var info = await bench.Manager.InfoAsync();

        Assert.Null(info.NotDeviceImage);
        Assert.Equal(("A", "rootfs.1"), (info.Slots!.Booted, info.Slots.Primary));
        Assert.Equal([FirmwareManager.BuildVersion, "1.2.4"], info.Slots.Slots.Select(slot => slot.Version));
        Assert.Equal(["rauc status --detailed --output-format=json"], bench.Runner.Calls);
    }

    [Fact]
    public async Task On_an_image_the_version_is_the_images_release_not_the_assemblies()
    {
        using var bench = new FirmwareBench();
        File.WriteAllText(bench.ReleaseFile, "ROUTEROS_VERSION=0.1.0-abc\n");
        bench.Runner.On("rauc status", new CommandResult(0, ScriptedRunner.Sample("status-after-install.json"), ""));

        var info = await bench.Manager.InfoAsync();

        Assert.Equal("0.1.0-abc", info.Version);
        Assert.Equal(["0.1.0-abc", "1.2.4"], info.Slots!.Slots.Select(slot => slot.Version));
    }

    [Fact]
    public async Task A_good_bundle_is_checked_against_the_images_keyring_then_installed_with_raucs_progress()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        bench.Runner.OnPrinting("rauc install", ScriptedRunner.Sample("install-succeeded.stdout"), "", 0);

        var stored = await bench.UploadAsync(Bundle[..1000], Bundle[1000..]);
        var reports = await bench.InstallAsync(stored.Id);

        Assert.Equal(3000, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bundle)), stored.Sha256);
        var path = Path.Combine(bench.UploadDirectory, stored.Id + ".raucb");
        Assert.Equal(
            ["rauc status --detailed --output-format=json", $"rauc info --keyring={bench.Keyring} --output-format=json {path}", $"rauc install {path}"],
            bench.Runner.Calls);
        Assert.Equal(InstallPhase.Checking, reports[0].Phase);
        Assert.Contains(reports, report => report is { Phase: InstallPhase.Installing, Percent: 90, Message: "Copying image to rootfs.1" });
        var outcome = reports[^1];
        Assert.Equal((InstallPhase.Installed, 100), (outcome.Phase, outcome.Percent));
        Assert.StartsWith("version 1.2.3 installed into the other slot", outcome.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "the bundle is removed once installed: the data partition is small");
    }

    [Fact]
    public async Task A_bundle_for_another_architecture_is_refused_before_anything_is_written()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        bench.Runner.On("rauc info", new CommandResult(0, ScriptedRunner.Sample("info-arm.stdout"), ScriptedRunner.Sample("info-arm.stderr")));

        var reports = await bench.InstallAsync((await bench.UploadAsync(Bundle)).Id);

        Assert.Equal([InstallPhase.Checking, InstallPhase.Refused], reports.Select(report => report.Phase));
        Assert.Equal("nothing was written: the bundle is made for 'routeros-arm64' and this router is 'routeros-x86_64': a bundle for another architecture or product is never installed",
            reports[^1].Message);
        Assert.DoesNotContain(bench.Runner.Calls, call => call.StartsWith("rauc install", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(bench.UploadDirectory));
    }

    [Theory]
    [InlineData("info-unsigned.stderr", "the bundle is not signed")]
    [InlineData("info-other-key.stderr", "the bundle's signature does not match this router's keyring")]
    public async Task A_bundle_whose_signature_fails_is_refused_before_anything_is_written(string sample, string reason)
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        bench.Runner.On("rauc info", new CommandResult(1, "", ScriptedRunner.Sample(sample)));

        var reports = await bench.InstallAsync((await bench.UploadAsync(Bundle)).Id);

        Assert.Equal(InstallPhase.Refused, reports[^1].Phase);
        Assert.StartsWith($"nothing was written: {reason}", reports[^1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bench.Runner.Calls, call => call.StartsWith("rauc install", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_install_says_raucs_reason_and_that_the_running_slot_stays()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        bench.Runner.OnPrinting("rauc install", ScriptedRunner.Sample("install-failed.stdout"), ScriptedRunner.Sample("install-failed.stderr"), 1);

        var reports = await bench.InstallAsync((await bench.UploadAsync(Bundle)).Id);

        Assert.Equal(InstallPhase.Failed, reports[^1].Phase);
        Assert.Equal("the install failed: Failed mounting bundle: Failed to open /dev/mapper/control: No such file or directory; the router keeps booting the slot it runs from", reports[^1].Message);
    }

    [Fact]
    public async Task An_upload_over_the_cap_is_refused_and_leaves_nothing()
    {
        using var bench = new FirmwareBench(maxBundleBytes: 2048).WithFreshDevice();

        var refusal = await Assert.ThrowsAsync<BundleTooLargeException>(() => bench.UploadAsync(Bundle[..1024], Bundle[1024..]));

        Assert.Equal("the bundle is larger than the 2048 bytes this router takes; nothing was kept", refusal.Message);
        Assert.Empty(Directory.EnumerateFiles(bench.UploadDirectory));
        await Assert.ThrowsAsync<BundleRefusedException>(() => bench.UploadAsync([]));
    }

    [Fact]
    public async Task Only_an_id_the_engine_made_names_a_bundle()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        await bench.UploadAsync(Bundle);

        foreach (var id in new[] { "../../etc/shadow", "0123456789ABCDEF0123456789ABCDEF", "", "0123456789abcdef0123456789abcdef" })
            await Assert.ThrowsAsync<BundleRefusedException>(() => bench.InstallAsync(id));
        Assert.Empty(bench.Runner.Calls);
    }

    [Fact]
    public async Task A_new_upload_replaces_the_one_before()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        var first = await bench.UploadAsync(Bundle);

        var second = await bench.UploadAsync(Bundle[..10]);

        Assert.Equal([second.Id + ".raucb"], Directory.EnumerateFiles(bench.UploadDirectory).Select(Path.GetFileName));
        await Assert.ThrowsAsync<BundleRefusedException>(() => bench.InstallAsync(first.Id));
    }

    [Fact]
    public async Task While_an_install_runs_nothing_else_starts_and_the_install_ends_even_if_nobody_reads_on()
    {
        using var bench = new FirmwareBench().WithFreshDevice();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bench.Runner.OnPrinting("rauc install", ScriptedRunner.Sample("install-succeeded.stdout"), "", 0, release.Task);
        bench.Runner.On("systemctl reboot", new CommandResult(0, "", ""));
        var stored = await bench.UploadAsync(Bundle);

        using (var reader = new CancellationTokenSource())
        {
            await using var reports = bench.Manager.InstallAsync(stored.Id, reader.Token).GetAsyncEnumerator(reader.Token);
            while (await reports.MoveNextAsync() && reports.Current.Phase != InstallPhase.Installing)
            {
            }
            await Assert.ThrowsAsync<FirmwareBusyException>(bench.Manager.RebootAsync);
            await Assert.ThrowsAsync<FirmwareBusyException>(() => bench.UploadAsync(Bundle));
            await reader.CancelAsync(); // the reader goes away mid-install
        }
        release.SetResult();

        // The install ran on and freed the turn: a reboot is taken now.
        await Support.Poll.UntilAsync(() =>
        {
            try
            {
                // The scripted systemctl answers at once: this completes synchronously.
                bench.Manager.RebootAsync().GetAwaiter().GetResult();
                return true;
            }
            catch (FirmwareBusyException)
            {
                return false;
            }
        }, "the install to end and free its turn");
        Assert.Contains($"rauc install {Path.Combine(bench.UploadDirectory, stored.Id + ".raucb")}", bench.Runner.Calls);
        Assert.Empty(Directory.EnumerateFiles(bench.UploadDirectory));
    }

    [Fact]
    public async Task A_factory_reset_flags_the_data_partition_then_reboots()
    {
        using var bench = new FirmwareBench();
        var flag = Path.Combine(bench.DataRoot, ".factory-reset");
        bool? flaggedAtReboot = null;
        bench.Runner.On("systemctl reboot", (_, _) =>
        {
            flaggedAtReboot = File.Exists(flag);
            return Task.FromResult(new CommandResult(0, "", ""));
        });

        await bench.Manager.FactoryResetAsync();

        Assert.True(flaggedAtReboot);
        Assert.True(File.Exists(flag));
        Assert.Equal(["systemctl reboot"], bench.Runner.Calls);
    }

    [Fact]
    public async Task A_factory_reset_whose_reboot_is_refused_takes_its_flag_back()
    {
        using var bench = new FirmwareBench();
        bench.Runner.On("systemctl reboot", new CommandResult(1, "", "Failed to reboot system via logind: Access denied"));

        var fault = await Assert.ThrowsAsync<DeviceCommandException>(bench.Manager.FactoryResetAsync);

        Assert.Equal("the reboot was refused: systemctl reboot exited with 1: Failed to reboot system via logind: Access denied", fault.Message);
        Assert.False(File.Exists(Path.Combine(bench.DataRoot, ".factory-reset")));
    }
}
