using MudBlazor;

namespace PartnerPortal.Components.Layout;

public static class PortalTheme
{
    // Status colours dark enough for WCAG 2.1 AA (at least 4.5:1) both as text on white (outlined and text chips) and
    // behind white text (filled chips): MudBlazor's defaults (#00c853, #ff9800, #f44336, #2196f3) are 2.2-3.7:1.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            AppbarBackground = "#1f5f8b",
            Secondary = "#ad1457",
            Success = "#2e7d32",
            Warning = "#9c5700",
            Error = "#c62828",
            Info = "#1565c0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
