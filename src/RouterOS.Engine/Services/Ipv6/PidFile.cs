using System.Globalization;
using System.Text;
using static Tmds.Linux.LibC;

namespace RouterOS.Engine.Services.Ipv6;

/// <summary>
/// Reads a pid file that its daemon holds locked. dhcpcd keeps an exclusive flock on its pid file
/// while it runs, and .NET's file API takes a shared flock on every file it opens, so File.Read*
/// fails with "being used by another process" exactly when the daemon is alive. open(2) and
/// read(2) take no lock.
/// </summary>
internal static unsafe class PidFile
{
    /// <summary>The pid written in <paramref name="path"/>; null when there is no such file or it holds no pid.</summary>
    public static int? Read(string path)
    {
        var name = Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* pointer = name)
            fd = open(pointer, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return null;
        try
        {
            var buffer = stackalloc byte[32];
            var length = (int)read(fd, buffer, 32);
            if (length <= 0)
                return null;
            var text = Encoding.ASCII.GetString(buffer, length).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
        }
        finally
        {
            // A read-only descriptor: close(2) failing loses nothing.
            _ = close(fd);
        }
    }
}
