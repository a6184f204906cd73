using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using RouterOS.Files;

namespace RouterOS.Api.Hosting;

/// <summary>
/// The data protection keys (they decrypt the stored PPPoE passwords) as files in the keys
/// directory, like the framework's own repository and readable by it, but each written owner-only
/// and durably (<see cref="DurableFile"/>): a power cut during key rotation must not lose the key
/// the store's secrets are encrypted with.
/// </summary>
internal sealed class DurableXmlRepository(string directory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal).Select(path => XElement.Load(path))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = IsSafeFileName(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        element.Save(buffer);
        DurableFile.Write(Path.Combine(directory, name + ".xml"), buffer.ToArray());
    }

    private static bool IsSafeFileName(string name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
