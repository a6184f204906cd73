using System.Collections.Concurrent;

namespace RouterOS.Engine.Services;

/// <summary>
/// Where the programs the engine runs (dnsmasq, busybox for udhcpc, pppd and what starts it,
/// nsenter) are: looked for in a fixed list of system directories and run by that absolute path,
/// never found through $PATH. The engine runs as root, and the PATH of whatever started it (a
/// shell, a unit file, a container's environment) may name a directory someone else can write.
/// </summary>
/// <remarks>
/// Each program found is remembered: it is looked up once. One that is missing is looked for again
/// at its next start, so installing it later needs no restart of the engine.
/// </remarks>
public sealed class HelperPrograms
{
    /// <summary>Root's own directories, in the order a Debian root's PATH has them.</summary>
    public static IReadOnlyList<string> SystemDirectories { get; } = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The engine's programs, from <see cref="SystemDirectories"/>.</summary>
    public static HelperPrograms System { get; } = new(SystemDirectories);

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly ConcurrentDictionary<string, string> _found = new(StringComparer.Ordinal);

    /// <param name="directories">Absolute paths, searched in order (tests give their own).</param>
    public HelperPrograms(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        if (directories.FirstOrDefault(directory => !Path.IsPathFullyQualified(directory)) is { } relative)
            throw new ArgumentException($"'{relative}' is not an absolute directory: helper programs are found only by absolute path", nameof(directories));
        Directories = directories;
    }

    public IReadOnlyList<string> Directories { get; }

    /// <summary>The absolute path of the executable <paramref name="name"/> in the first directory that has it.</summary>
    /// <exception cref="MissingProgramException">No directory has it.</exception>
    public string Resolve(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            throw new ArgumentException($"'{name}' is not a program's name", nameof(name));
        if (_found.TryGetValue(name, out var known))
            return known;
        foreach (var directory in Directories)
        {
            var candidate = Path.Combine(directory, name);
            // File.Exists follows links (/sbin/ip -> /bin/ip) and is false for a directory.
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & AnyExecute) != 0)
                return _found.GetOrAdd(name, candidate);
        }
        throw new MissingProgramException(name, Directories);
    }

    /// <summary>Whether <paramref name="name"/> is installed (for checks that only report).</summary>
    public bool Has(string name)
    {
        try
        {
            Resolve(name);
            return true;
        }
        catch (MissingProgramException)
        {
            return false;
        }
    }
}

/// <summary>A program the engine needs is in none of the directories it runs programs from.</summary>
public sealed class MissingProgramException : Exception
{
    public MissingProgramException() { }

    public MissingProgramException(string message) : base(message) { }

    public MissingProgramException(string message, Exception innerException) : base(message, innerException) { }

    public MissingProgramException(string program, IReadOnlyList<string> directories)
        : base($"{program} is not installed: it is in none of {string.Join(", ", directories ?? [])} " +
            "(the engine runs programs only from these directories, never through $PATH)")
    {
        Program = program;
    }

    public string Program { get; } = "";
}
