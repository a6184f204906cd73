namespace RouterOS.Engine.Kernel.Ports;

/// <summary>The router namespace's /proc/sys settings. The real one is <see cref="ProcSysctl"/>.</summary>
public interface ISysctl
{
    /// <param name="name">Path under /proc/sys, e.g. net/ipv4/ip_forward.</param>
    void Write(string name, string value);
}
