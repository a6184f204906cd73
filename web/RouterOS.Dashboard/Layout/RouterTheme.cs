using MudBlazor;

namespace RouterOS.Dashboard.Layout;

/// <summary>
/// The dashboard's colours. MudBlazor's default light palette puts white text on a bright green,
/// orange or pink (a "done" chip, a warning) and red text on white (a Revoke button) below the
/// 4.5:1 contrast WCAG 2.1 asks of normal text (axe: color-contrast). These darker shades of the
/// same hues pass it both as text on white and as a background behind white text.
/// </summary>
public static class RouterTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#c2185b",
            Tertiary = "#00796b",
            Info = "#0277bd",
            Success = "#2e7d32",
            Warning = "#a34a00",
            Error = "#c62828",
        },
    };
}
