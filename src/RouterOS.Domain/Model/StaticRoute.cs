using System.Text.Json.Serialization;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Model;

/// <summary>
/// A static route. It goes through a gateway, out of a device, or both (a gateway on a
/// point-to-point link needs the device). 0.0.0.0/0 or ::/0 is the default route.
/// </summary>
/// <param name="Metric">RTA_PRIORITY: lower wins among routes to the same destination.</param>
public sealed record StaticRoute(
    Cidr Destination,
    IpAddress? Gateway = null,
    InterfaceName? Device = null,
    int Metric = 0,
    PlainText? Description = null)
{
    /// <summary>The key that identifies this route in paths and diffs.</summary>
    [JsonIgnore]
    public string Key => Metric == 0 ? Destination.ToString() : $"{Destination} metric {Metric}";
}
