using System.Globalization;
using System.Net;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Flows;

/// <summary>A flow as the cache keeps it: the view, plus its addresses parsed and its searchable text built once.</summary>
public sealed class CachedFlow
{
    public CachedFlow(FlowView view)
    {
        View = view;
        Addresses = [.. new[] { view.Original.Source, view.Original.Destination, view.Reply.Source, view.Reply.Destination }
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null).OfType<IPAddress>().Distinct()];
        Text = string.Join(' ', view.Id.ToString(CultureInfo.InvariantCulture), view.ProtocolName,
            $"{view.Original.Source}:{view.Original.SourcePort}", $"{view.Original.Destination}:{view.Original.DestinationPort}",
            $"{view.Reply.Source}:{view.Reply.SourcePort}", $"{view.Reply.Destination}:{view.Reply.DestinationPort}",
            view.TcpState, view.Offload, view.Flowtable);
    }

    public FlowView View { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    public string Text { get; }
}
