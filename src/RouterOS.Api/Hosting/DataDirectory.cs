using RouterOS.Files;

namespace RouterOS.Api.Hosting;

/// <summary>
/// The API's data directory: the store, and a keys subdirectory with the data protection keys and
/// the HTTPS certificate. Readable by the API's user only: the keys decrypt the stored PPPoE
/// passwords and the certificate's key lets one pose as the router; the store holds those
/// passwords (encrypted), the accounts' password hashes and the hashes of sessions and tokens.
/// </summary>
internal static class DataDirectory
{
    public const string Keys = "keys";

    public const string Database = "routeros.db";

    /// <summary>
    /// SQLite's files beside the database: the write-ahead log, its index and the rollback journal.
    /// SQLite creates each with the database file's own mode (os_unix.c: findCreateFileMode,
    /// unixOpenSharedMemory), so an owner-only database keeps them owner-only too.
    /// </summary>
    private static readonly string[] DatabaseCompanions = ["-wal", "-shm", "-journal"];

    /// <summary>Makes the directories and every file in them owner-only, whatever an earlier version or a restored backup left.</summary>
    /// <returns>The data directory's full path.</returns>
    public static string Prepare(string path)
    {
        var full = DurableFile.PrepareDirectory(path);
        var keys = DurableFile.PrepareDirectory(Path.Combine(full, Keys));
        foreach (var file in Directory.EnumerateFiles(keys))
            DurableFile.MakeOwnerOnly(file);
        var database = DatabasePath(full);
        CreateOwnerOnly(database);
        foreach (var companion in DatabaseCompanions)
            DurableFile.MakeOwnerOnly(database + companion);
        return full;
    }

    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, Database);

    /// <summary>
    /// An empty file is an empty SQLite database: made here owner-only before SQLite first opens it,
    /// it never exists with the umask's mode (SQLite's own default is 0644). An existing one is made owner-only.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        using (new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = DurableFile.OwnerOnly }))
        {
        }
        DurableFile.MakeOwnerOnly(path);
    }
}
