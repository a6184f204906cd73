using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Domain.Verification.Rules;

internal static class SchemaRules
{
    public static void Check(VerifyContext context)
    {
        if (context.Config.SchemaVersion != RouterConfig.CurrentSchemaVersion)
            context.Error("schemaVersion", RouterConfigJson.SchemaVersionMismatch(context.Config.SchemaVersion));
    }
}
