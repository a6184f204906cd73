using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Engine.Tests.Support;

internal static class Configs
{
    public static RouterConfig Parse(string json) => RouterConfigJson.Parse(json);

    /// <summary>A small router for the host kernel: LAN bridge, WAN port, addresses, a route, zones with masquerade.</summary>
    public const string LabRouter = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
      "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" } ] } ],
      "addresses": [
        { "device": "br-lan", "address": "192.168.1.1/24" },
        { "device": "wan0", "address": "203.0.113.2/24" }
      ],
      "routes": [ { "destination": "0.0.0.0/0", "gateway": "203.0.113.1" } ],
      "firewall": {
        "zones": [
          { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
          { "name": "wan", "interfaces": [ "wan0" ], "input": "drop", "masquerade": true, "mssClamping": true }
        ],
        "forwardings": [ { "from": "lan", "to": "wan" } ]
      }
    }
    """;
}
