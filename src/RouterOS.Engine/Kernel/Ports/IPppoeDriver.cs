namespace RouterOS.Engine.Kernel.Ports;

/// <summary>Whether the kernel's PPPoE driver is there. The real one is <see cref="PppoeDriver"/>.</summary>
public interface IPppoeDriver
{
    /// <summary>True when a PPPoE socket opens and /dev/ppp exists (ppp_generic and pppoe loaded).</summary>
    bool Available();
}
