using RouterOS.Domain.Json;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Tests.Support;

/// <summary>Verifies configuration snippets and asserts on findings by path.</summary>
public static class VerifyAssert
{
    /// <summary>Reads the body of a configuration object (schemaVersion is added) and verifies it.</summary>
    public static VerifyResult Verify(string body)
    {
        var json = $$"""{ "schemaVersion": 1, {{body}} }""";
        var read = RouterConfigJson.Read(json);
        Assert.True(read.IsSuccess, $"test configuration did not read: {read.Error}");
        return ConfigVerifier.Verify(read.Config!);
    }

    public static void HasError(VerifyResult result, string path, string fragment) => Has(result, Severity.Error, path, fragment);

    public static void HasWarning(VerifyResult result, string path, string fragment) => Has(result, Severity.Warning, path, fragment);

    /// <summary>No error anywhere, and nothing at all at or under <paramref name="pathPrefix"/>.</summary>
    public static void CleanAt(VerifyResult result, string pathPrefix)
    {
        Assert.True(result.IsValid, result.ToString());
        var here = result.Findings.Where(f => f.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(here.Count == 0, $"expected nothing at {pathPrefix}, found:{Environment.NewLine}{string.Join(Environment.NewLine, here)}");
    }

    private static void Has(VerifyResult result, Severity severity, string path, string fragment)
    {
        var match = result.Findings.Any(f => f.Severity == severity && f.Path == path && f.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match, $"expected {severity} at {path} containing \"{fragment}\"; found:{Environment.NewLine}{result}");
    }
}
