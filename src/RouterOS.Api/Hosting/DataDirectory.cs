namespace RouterOS.Api.Hosting;

/// <summary>
/// The API's data directory: the store, and a keys subdirectory with the data protection keys and
/// the HTTPS certificate. Readable by the API's user only: the keys decrypt the stored PPPoE
/// passwords and the certificate's key lets one pose as the router.
/// </summary>
internal static class DataDirectory
{
    public const string Keys = "keys";

    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        var keys = Path.Combine(full, Keys);
        Directory.CreateDirectory(full);
        Directory.CreateDirectory(keys);
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            File.SetUnixFileMode(full, ownerOnly);
            File.SetUnixFileMode(keys, ownerOnly);
            // Key files an earlier version (or a restored backup) left readable by others.
            foreach (var file in Directory.EnumerateFiles(keys))
                File.SetUnixFileMode(file, DurableFile.OwnerOnly);
        }
        return full;
    }
}
