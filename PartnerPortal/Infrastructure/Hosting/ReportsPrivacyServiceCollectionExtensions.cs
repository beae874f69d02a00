using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Reports;
using PartnerPortal.Infrastructure.Privacy;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>Registrations of the Reports page and the PHI Directive (issue 8).</summary>
public static class ReportsPrivacyServiceCollectionExtensions
{
    /// <summary>Texting reports per account and month.</summary>
    public static IServiceCollection AddPortalReports(this IServiceCollection services)
    {
        services.AddScoped<ReportService>();
        return services;
    }

    /// <summary>The PHI Directive and its daily content redaction (<c>Privacy</c> section: <c>RedactionTimeUtc</c>).</summary>
    public static IServiceCollection AddPortalPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().Configure<IServiceProvider>((options, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(PrivacyOptions.Section).Bind(options));
        services.AddScoped<PhiDirectiveService>();
        services.AddSingleton<ContentRedactionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentRedactionJob>());
        return services;
    }
}
