using RouterOS.Domain.Flows;

namespace RouterOS.Api.Contracts;

/// <summary>An answer to a flow query: the rows asked for, how many matched, and the totals.</summary>
/// <param name="Connected">False while the engine's flow stream is down (the rows are the last known).</param>
/// <param name="NextCursor">Send it as <c>cursor</c> (with the same filter) for the page after this one; null on the last page.</param>
public sealed record FlowPage(int Matching, int Total, IReadOnlyList<FlowView> Rows, FlowTotals? Totals, bool Connected, string? NextCursor = null);

/// <summary>A browser's query on the flows hub (the same parameters as GET /api/v1/flows).</summary>
public sealed record FlowSubscribeRequest(string? Filter = null, string? Sort = null, string? Order = null, int? Offset = null, int? Limit = null);

/// <summary>What the flows hub sends a browser: only the rows it displays, as changes against what it was sent last.</summary>
/// <param name="Reset">Forget the rows held: <see cref="Upserts"/> are all of them (first update, or a new query).</param>
/// <param name="Upserts">Rows new to the page or changed since the last update.</param>
/// <param name="Removed">Rows no longer on the page.</param>
/// <param name="Order">The page's rows in display order.</param>
/// <param name="Matching">How many flows match the filter (the page shows at most the query's limit).</param>
/// <param name="Connected">False while the engine's flow stream is down.</param>
public sealed record FlowPageDelta(bool Reset, IReadOnlyList<FlowView> Upserts, IReadOnlyList<ulong> Removed, IReadOnlyList<ulong> Order, int Matching, int Total, FlowTotals? Totals, bool Connected);
