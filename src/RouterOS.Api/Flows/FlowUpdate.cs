using RouterOS.Api.Contracts;
using RouterOS.Domain.Flows;

namespace RouterOS.Api.Flows;

/// <summary>One message of the engine's flow stream.</summary>
/// <param name="Reset">Forget every flow first.</param>
/// <param name="Complete">The last message of one update.</param>
public sealed record FlowUpdate(bool Reset, IReadOnlyList<FlowView> Upserts, IReadOnlyList<ulong> Removed, FlowTotals? Totals, bool Complete);
