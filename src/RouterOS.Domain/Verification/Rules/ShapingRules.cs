using RouterOS.Domain.Model;

namespace RouterOS.Domain.Verification.Rules;

internal static class ShapingRules
{
    public static void Check(VerifyContext context)
    {
        foreach (var shaper in context.Config.Shaping)
        {
            var path = ConfigPath.Item("shaping", shaper.Device);
            context.RequireInRange(path.Field("egressKbitPerSecond"), shaper.EgressKbitPerSecond, TrafficShaper.MinKbitPerSecond, TrafficShaper.MaxKbitPerSecond, "kbit/s");
            context.RequireDevice(path.Field("device"), shaper.Device);
        }
    }
}
