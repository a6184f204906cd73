using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Http;

/// <summary>
/// The API never returns a password: it shows <see cref="RedactedSecretConverter.Placeholder"/>
/// instead. Sending that placeholder back means "keep the password it has", so a configuration
/// read with GET can be sent back with PUT unchanged; for an uplink that has no password yet it
/// is an error.
/// </summary>
public static class SecretPlaceholders
{
    public static RouterConfig KeepExisting(RouterConfig incoming, RouterConfig current)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(current);
        var pppoe = incoming.Pppoe.Select(uplink =>
        {
            if (uplink.Password.Reveal() != RedactedSecretConverter.Placeholder)
                return uplink;
            var existing = current.Pppoe.FirstOrDefault(p => p.Name == uplink.Name)
                ?? throw new BadRequestException(ConfigFinding.Error(ConfigPath.Item("pppoe", uplink.Name).Field("password"),
                    $"{RedactedSecretConverter.Placeholder} keeps an existing password, and {uplink.Name} has none yet: send the password"));
            return uplink with { Password = existing.Password };
        });
        return incoming with { Pppoe = [.. pppoe] };
    }
}
