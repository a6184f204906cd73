namespace RouterOS.Api.Hosting;

/// <summary>The API's data directory: the store and the data protection keys, readable by the API's user only.</summary>
internal static class DataDirectory
{
    public static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        Directory.CreateDirectory(Path.Combine(full, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            // The keys decrypt the stored PPPoE passwords: nobody else may read them.
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            File.SetUnixFileMode(full, ownerOnly);
            File.SetUnixFileMode(Path.Combine(full, "keys"), ownerOnly);
        }
        return full;
    }
}
