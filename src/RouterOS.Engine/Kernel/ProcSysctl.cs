using RouterOS.Engine.Kernel.Ports;

namespace RouterOS.Engine.Kernel;

/// <summary>
/// /proc/sys of the router's namespace. /proc/sys/net is the namespace of the thread that opens
/// it, so this is used on the router namespace's thread only.
/// </summary>
public sealed class ProcSysctl : ISysctl
{
    public void Write(string name, string value) => File.WriteAllText($"/proc/sys/{name}", value);
}
