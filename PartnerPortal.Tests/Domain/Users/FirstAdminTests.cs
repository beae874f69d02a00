using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Users;

/// <summary>"Create first admin" on the Partners page: Operators only, once, with a one-time password.</summary>
public sealed class FirstAdminTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly ServiceProvider _services;
    private int _oakId;
    private int _northwindId;

    public FirstAdminTests()
    {
        _services = UserServices.Build(_database, _actor, services => services.AddScoped<PartnerOnboardingService>());
    }

    public async Task InitializeAsync()
    {
        await using (var db = _database.CreateDbContext())
        {
            _oakId = TestData.AddPartner(db, "oak-health", smsApiEnabled: false).Id;
            _northwindId = TestData.AddPartner(db, "northwind").Id;
        }

        await TestIdentity.EnsureRolesAsync(_services);
        await TestIdentity.AddUserAsync(_services, "admin@northwind.test", PortalRoles.PartnerAdmin, _northwindId);
        _actor.Current = TestActor.Operator();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private UserAdministrationService Service => _services.GetRequiredService<UserAdministrationService>();

    [Fact]
    public async Task CreateFirstAdminAsync_Operator_PartnerAdminWhoseOneTimePasswordSignsIn()
    {
        var result = await Service.CreateFirstAdminAsync(_oakId, "ada@oak-health.example", "Ada Oak", default);

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        result.Value!.PasswordWasGenerated.Should().BeTrue();
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("ada@oak-health.example"))!;
        (user.PartnerId, user.AccountId).Should().Be((_oakId, (int?)null));
        (await users.GetRolesAsync(user)).Should().Equal(PortalRoles.PartnerAdmin);
        (await users.CheckPasswordAsync(user, result.Value.InitialPassword)).Should().BeTrue();
        await using var db = _database.CreateDbContext();
        var entry = db.AuditEntries.Single(e => e.Action == "user.created");
        entry.PartnerId.Should().Be(_oakId);
        entry.ChangesJson.Should().NotContain(result.Value.InitialPassword);
    }

    [Fact]
    public async Task CreateFirstAdminAsync_PartnerAlreadyHasAnAdmin_Refused()
    {
        var result = await Service.CreateFirstAdminAsync(_northwindId, "second@northwind.test", null, default);

        result.FirstError!.Message.Should().Be("northwind already has an admin; its admins add further users on Users.");
    }

    [Fact]
    public async Task CreateFirstAdminAsync_AfterCreation_PartnersListShowsItHasAnAdmin()
    {
        await Service.CreateFirstAdminAsync(_oakId, "ada@oak-health.example", null, default);

        var list = await _services.GetRequiredService<PartnerOnboardingService>().ListAsync(null, default);

        list.Value!.Single(p => p.Slug == "oak-health").HasAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task CreateFirstAdminAsync_PartnerAdmin_Refused4030()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var result = await Service.CreateFirstAdminAsync(_oakId, "ada@oak-health.example", null, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }
}
