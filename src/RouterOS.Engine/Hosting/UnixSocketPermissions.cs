using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static Tmds.Linux.LibC;

namespace RouterOS.Engine.Hosting;

/// <summary>The socket is the engine's only door: mode 0660, group of the API's user, in a 0750 directory.</summary>
internal static unsafe class UnixSocketPermissions
{
    public static void PrepareDirectory(string socketPath, string group)
    {
        var directory = Path.GetDirectoryName(socketPath)!;
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        SetGroup(directory, group);
        if (File.Exists(socketPath))
        {
            // A socket left by a killed engine: nothing listens on it any more.
            File.Delete(socketPath);
        }
    }

    public static void Restrict(string socketPath, string group)
    {
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        SetGroup(socketPath, group);
    }

    private static void SetGroup(string path, string group)
    {
        var gid = GroupId(group) ?? throw new InvalidOperationException($"there is no group '{group}' (create it, or pass --group)");
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* pointer = bytes)
        {
            if (chown(pointer, uint.MaxValue, gid) < 0)
            {
                throw new IOException($"chown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    private static uint? GroupId(string group) =>
        File.ReadLines("/etc/group")
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length > 2 && fields[0] == group)
            .Select(fields => (uint?)uint.Parse(fields[2], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
