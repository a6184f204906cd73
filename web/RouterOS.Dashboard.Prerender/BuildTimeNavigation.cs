using Microsoft.AspNetCore.Components;

namespace RouterOS.Dashboard.Prerender;

/// <summary>The address a page is rendered at; a page that navigates while rendered at build time is a bug in it.</summary>
internal sealed class BuildTimeNavigation : NavigationManager
{
    public BuildTimeNavigation(Uri baseUri, Uri uri) => Initialize(baseUri.ToString(), uri.ToString());

    protected override void NavigateToCore(string uri, NavigationOptions options) =>
        throw new InvalidOperationException($"a page rendered at build time navigated to {uri}: it must render without a session");
}
