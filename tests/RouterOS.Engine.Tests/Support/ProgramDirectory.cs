using RouterOS.Engine.Services;

namespace RouterOS.Engine.Tests.Support;

/// <summary>A directory of stand-in programs, and the engine's lookup of programs confined to it.</summary>
internal sealed class ProgramDirectory : IDisposable
{
    public ProgramDirectory(params string[] names)
    {
        foreach (var name in names)
            Install(name);
        Programs = new HelperPrograms([Path]);
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("routeros-programs-").FullName;

    /// <summary>Finds programs in <see cref="Path"/> only.</summary>
    public HelperPrograms Programs { get; }

    /// <summary>An executable shell script; by default it does nothing.</summary>
    public string Install(string name, string script = "exit 0", UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, $"#!/bin/sh\n{script}\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
