using RouterOS.Domain.Editing;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Editing;

/// <summary>
/// Writes what <see cref="Renumbering"/> carried along as ordinary edits of the candidate (each
/// DHCP server, port forward and the DNS section that changed), so the plan shows them one by one.
/// </summary>
public static class CarryAlong
{
    public static async Task<SaveOutcome> SaveAsync(ConfigEditor editor, RouterConfig before, RouterConfig carried)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(carried);
        var outcome = await SaveChangedAsync(editor, ConfigLists.DhcpServers, before, carried);
        if (outcome.Ok)
            outcome = await SaveChangedAsync(editor, ConfigLists.PortForwards, before, carried);
        if (outcome.Ok && !carried.DnsOrDefault.Equals(before.DnsOrDefault))
            outcome = await editor.SaveSettingAsync(ConfigSettings.Dns, carried.DnsOrDefault);
        return outcome;
    }

    private static async Task<SaveOutcome> SaveChangedAsync<T>(ConfigEditor editor, ConfigList<T> list, RouterConfig before, RouterConfig carried) where T : class
    {
        foreach (var item in list.Get(carried))
        {
            if (list.Find(before, list.Key(item)) is { } old && old.Equals(item))
                continue;
            var outcome = await editor.SaveAsync(list, item);
            if (!outcome.Ok)
                return outcome;
        }
        return SaveOutcome.Saved;
    }
}
