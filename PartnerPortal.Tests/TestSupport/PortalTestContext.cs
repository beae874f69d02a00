using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartnerPortal.Data;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain;
using PartnerPortal.Infrastructure;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// The shared bUnit context: MudBlazor registered once, the real domain services over an in-memory
/// database, a settable actor and clock; fakes only at the edges.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        var configuration = TestHost.Configuration();
        Services.AddSingleton(configuration);
        Services.AddPortalDomain();
        Services.AddPortalInfrastructure(configuration, TestHost.Environment);
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // As in Development: accounts without a provider URL use the simulated provider (else sends are refused with 4060).
        Services.PostConfigure<PartnerPortal.Domain.Delivery.DeliveryOptions>(o => o.SimulatedProvider.Enabled = true);
        Services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(Database);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Actor);
        Services.AddSingleton<ICurrentActor>(Actor);
        Authorization = this.AddAuthorization();
    }

    protected TestDatabase Database { get; } = new();
    protected TestActor Actor { get; } = new();
    protected FixedTimeProvider Clock { get; } = new();
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Acts as <paramref name="actor"/> in both the domain services and the authorization state.</summary>
    protected void ActAs(Actor actor)
    {
        Actor.Current = actor;
        Authorization.SetAuthorized(actor.DisplayName);
        if (actor.Role is not null)
        {
            Authorization.SetRoles(actor.Role);
            // Pages and AuthorizeView use the named policies of DESIGN §1: the role's policies are granted.
            Authorization.SetPolicies(PortalPolicies.All.Where(p => PortalPolicies.Allows(p, actor.Role)).ToArray());
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services (KeyInterceptorService, PointerEventsNoneService) are only IAsyncDisposable: xUnit 2
    // disposes the context asynchronously here first, then calls Dispose(), which finds it already disposed.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}
