using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace RouterOS.Dashboard.Tests.Support;

/// <summary>Finds a MudBlazor field by its test id, wherever the component put the id (on the input or around it).</summary>
public static class Fields
{
    public static IElement Input<T>(IRenderedComponent<T> component, string testId) where T : IComponent =>
        component.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    /// <summary>What the field shows: its label, value, and the error or helper text under it.</summary>
    public static string Text<T>(IRenderedComponent<T> component, string testId) where T : IComponent =>
        Input(component, testId).Closest(".mud-input-control")?.TextContent ?? "";

    /// <summary>Types into a field: an input event per keystroke is what Immediate fields listen to.</summary>
    public static void Type<T>(IRenderedComponent<T> component, string testId, string text) where T : IComponent =>
        Input(component, testId).Input(text);
}
