namespace RouterOS.Engine.Flows;

/// <summary>What one dump or one batch of events changed: flows added or changed (by id), flows gone.</summary>
public sealed class FlowChanges
{
    public HashSet<ulong> Upserted { get; } = [];
    public HashSet<ulong> Removed { get; } = [];

    /// <summary>Flows born (events or first seen in a dump), for the new-flows rate.</summary>
    public int Born { get; set; }

    public bool IsEmpty => Upserted.Count == 0 && Removed.Count == 0;

    public void Upsert(ulong id)
    {
        Removed.Remove(id);
        Upserted.Add(id);
    }

    public void Remove(ulong id)
    {
        Upserted.Remove(id);
        Removed.Add(id);
    }
}
