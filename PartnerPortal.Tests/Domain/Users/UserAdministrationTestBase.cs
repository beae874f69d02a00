using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Users;

public abstract class UserAdministrationTestBase : IAsyncLifetime
{
    protected readonly TestDatabase _database = new();
    protected readonly TestActor _actor = new();
    protected readonly ServiceProvider _services;
    protected int _northwindId;
    protected int _contosoId;
    protected int _riversideId;
    protected int _contosoMainId;
    protected string _adminId = "";
    protected string _supportId = "";
    protected string _contosoUserId = "";

    protected UserAdministrationTestBase()
    {
        _services = UserServices.Build(_database, _actor, services => services.AddScoped<UserAccessService>());
    }

    public async Task InitializeAsync()
    {
        await using (var db = _database.CreateDbContext())
        {
            var northwind = TestData.AddPartner(db, "northwind");
            var contoso = TestData.AddPartner(db, "contoso");
            (_northwindId, _contosoId) = (northwind.Id, contoso.Id);
            _riversideId = TestData.AddAccount(db, northwind, "riverside").Id;
            _contosoMainId = TestData.AddAccount(db, contoso, "contoso-main").Id;
        }

        await TestIdentity.EnsureRolesAsync(_services);
        _adminId = await TestIdentity.AddUserAsync(_services, "admin@northwind.test", PortalRoles.PartnerAdmin, _northwindId, displayName: "Avery Admin");
        _supportId = await TestIdentity.AddUserAsync(_services, "support@northwind.test", PortalRoles.SupportAgent, _northwindId, displayName: "Sydney Support");
        _contosoUserId = await TestIdentity.AddUserAsync(_services, "support@contoso.test", PortalRoles.SupportAgent, _contosoId);
        ActAsNorthwindAdmin();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    protected void ActAsNorthwindAdmin() =>
        _actor.Current = new Actor(ActorKind.User, _adminId, "Avery Admin", PortalRoles.PartnerAdmin, _northwindId, null, "127.0.0.1");

    protected UserAdministrationService Service => _services.GetRequiredService<UserAdministrationService>();

    protected UserAccessService Access => _services.GetRequiredService<UserAccessService>();

    protected async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected Task<ApplicationUser> FindUserAsync(string id) =>
        WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!);

    protected Task<IList<string>> RolesOfAsync(string id) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync((await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!));

    protected Task<System.Security.Claims.ClaimsPrincipal> SignedInPrincipalAsync(string id) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(
            (await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!));

    protected Task<bool> IsStillValidAsync(System.Security.Claims.ClaimsPrincipal principal) =>
        WithScopeAsync(sp => sp.GetRequiredService<UserAccessValidator>().IsStillValidAsync(principal));

    protected async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
    }
}
