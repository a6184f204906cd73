using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Hosting;
using RouterOS.Engine.Services;

namespace RouterOS.Engine.Firmware;

public static class FirmwareServices
{
    /// <summary>The firmware port on the real system: RAUC's command line and systemd, programs by absolute path.</summary>
    public static IServiceCollection AddFirmware(this IServiceCollection services, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var image = new DeviceImage(options.RaucSystemConf, options.DataRoot, HelperPrograms.System);
        services.AddSingleton(image);
        services.AddSingleton<ICommandRunner>(new ProcessCommandRunner(HelperPrograms.System));
        services.AddSingleton<IUpdateClient, RaucClient>();
        services.AddSingleton<IPowerControl, SystemdPower>();
        services.AddSingleton(new BundleUploads(() => image.UploadDirectory, options.MaxBundleBytes));
        services.AddSingleton<FirmwareManager>();
        return services;
    }
}
