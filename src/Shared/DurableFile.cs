using System.Runtime.InteropServices;

namespace RouterOS.Files;

/// <summary>
/// Files that hold secrets and must survive a power cut: the engine's state (the configuration
/// with the PPPoE password) and the API's keys. One source file compiled into both (src/Shared):
/// neither may reference the other, and Domain stays free of I/O.
/// </summary>
/// <remarks>
/// A write leaves either the old file or the new one, never a torn or empty one: a temporary file
/// beside it (owner-only from its creation, so no other user can open it in between), flushed to
/// disk, renamed over, and the directory flushed so the rename itself is on disk too.
/// </remarks>
internal static partial class DurableFile
{
    /// <summary>rw-------: files with secrets.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------: the directories they live in.</summary>
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Deletes the file (none: nothing to do) and flushes its directory, so the deletion is on disk too.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
            return;
        File.Delete(path);
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Creates the directory owner-only, or makes an existing one so: an earlier version, a restored
    /// backup or a hand-made directory may have left it open to others.
    /// </summary>
    /// <returns>Its full path.</returns>
    public static string PrepareDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }
        Directory.CreateDirectory(full, OwnerOnlyDirectory);
        File.SetUnixFileMode(full, OwnerOnlyDirectory);
        RemoveInterruptedWrites(full);
        return full;
    }

    /// <summary>
    /// Deletes the temporary files of writes that a crash or power cut stopped before their rename:
    /// each directory has one writing process, which calls this at its start, so no write is under way.
    /// </summary>
    private static void RemoveInterruptedWrites(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            // Only names Write makes: NAME.<32 hex digits>.tmp, never a file someone else put here.
            var stem = Path.GetFileNameWithoutExtension(file);
            var dot = stem.LastIndexOf('.');
            if (dot > 0 && stem.Length - dot - 1 == 32 && Guid.TryParseExact(stem[(dot + 1)..], "N", out _))
                File.Delete(file);
        }
    }

    /// <summary>Takes group and others' access away from a file written before files were made owner-only; no file, nothing to do.</summary>
    public static void MakeOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
            return;
        File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary>fsync(2) of a directory: makes the names in it (a rename, a new file) durable.</summary>
    /// <remarks>.NET will not open a directory, so this is open(2), fsync(2) and close(2) themselves.</remarks>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
            throw new IOException($"cannot open {directory} to flush it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"fsync of {directory} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>O_RDONLY, include/uapi/asm-generic/fcntl.h.</summary>
    private const int ReadOnly = 0;

    /// <summary>O_CLOEXEC (02000000), include/uapi/asm-generic/fcntl.h; arm64 keeps the generic value.</summary>
    private const int CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
