using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Domain.Tests.Support;

/// <summary>The example configurations shipped in examples/, copied next to the test assembly.</summary>
public static class ExampleConfigs
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    public static RouterConfig Load(string name) => RouterConfigJson.Parse(Text(name));
}
