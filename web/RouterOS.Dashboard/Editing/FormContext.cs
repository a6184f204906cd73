using Microsoft.AspNetCore.Components;

namespace RouterOS.Dashboard.Editing;

/// <summary>What a list section hands its form: the item to edit (null: a new one) and how to say it is done.</summary>
public sealed record FormContext<T>(T? Existing, EventCallback<string?> Closed) where T : class;
