using PartnerPortal.Api;
using PartnerPortal.Components;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Features.AuditLog;
using PartnerPortal.Infrastructure;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddPortalData(builder.Configuration)
    .AddPortalDomain()
    .AddPortalInfrastructure(builder.Configuration, builder.Environment)
    .AddPortalApi()
    .AddPortalUi();

var app = builder.Build();

if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(app.Services, args, Console.Out);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    var seed = app.Configuration.GetValue("Portal:SeedDemoData", app.Environment.IsDevelopment());
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seed, CancellationToken.None);
}

app.UsePortalForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();
app.UseAuthentication();
app.UsePortalRequiredMfa();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapPortalApis();
app.MapPortalDelivery();
app.MapAuditLogExport();
app.MapHealthChecks("/healthz");

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
