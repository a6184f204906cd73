using Microsoft.JSInterop;

namespace RouterOS.Dashboard.Prerender;

/// <summary>
/// There is no browser at build time. Components reach JavaScript only after their first render in
/// a browser (OnAfterRender, which a static render never runs) and when they are disposed, which
/// they expect to fail once the page is gone: the call fails as it does then, disconnected.
/// </summary>
internal sealed class NoJavaScript : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new JSDisconnectedException($"no browser at build time ({identifier})");

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);
}
