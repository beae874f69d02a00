using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Users;

public sealed class UserAdministrationServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly ServiceProvider _services;
    private int _northwindId;
    private int _contosoId;
    private int _riversideId;
    private int _contosoMainId;
    private string _adminId = "";
    private string _supportId = "";
    private string _contosoUserId = "";

    public UserAdministrationServiceTests()
    {
        var services = new ServiceCollection();
        services.AddTestIdentity(_database);
        services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(_database);
        services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        services.AddSingleton<ICurrentActor>(_actor);
        services.AddSingleton<AuditLog>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<UserAccessService>();
        _services = services.BuildServiceProvider();
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

    private void ActAsNorthwindAdmin() =>
        _actor.Current = new Actor(ActorKind.User, _adminId, "Avery Admin", PortalRoles.PartnerAdmin, _northwindId, null, "127.0.0.1");

    private UserAdministrationService Service => _services.GetRequiredService<UserAdministrationService>();

    private UserAccessService Access => _services.GetRequiredService<UserAccessService>();

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<ApplicationUser> FindUserAsync(string id) =>
        WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!);

    private Task<IList<string>> RolesOfAsync(string id) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync((await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!));

    private Task<System.Security.Claims.ClaimsPrincipal> SignedInPrincipalAsync(string id) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(
            (await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(id))!));

    private Task<bool> IsStillValidAsync(System.Security.Claims.ClaimsPrincipal principal) =>
        WithScopeAsync(sp => sp.GetRequiredService<UserAccessValidator>().IsStillValidAsync(principal));

    private async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task ListAsync_PartnerAdmin_SeesOnlyItsPartnersUsersWithRoles()
    {
        var result = await Service.ListAsync(CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Value!.Select(u => (u.Email, u.Role)).Should().BeEquivalentTo(
            [("admin@northwind.test", PortalRoles.PartnerAdmin), ("support@northwind.test", PortalRoles.SupportAgent)]);
        result.Value!.Single(u => u.Id == _adminId).IsCurrentUser.Should().BeTrue();
    }

    [Fact]
    public async Task ListAsync_SupportAgent_ReadsTheList()
    {
        // DESIGN §1: SupportAgents read Users; changes stay with admins (PermissionRefusalTests).
        _actor.Current = TestActor.SupportAgent(_northwindId);

        var result = await Service.ListAsync(CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task CreateAsync_DisplayNameLongerThanItsColumn_RefusedOnTheFieldAndNothingCreated()
    {
        var result = await Service.CreateAsync(new NewUserRequest("long@riverside.test", new string('R', 201), PortalRoles.PracticeStaff, _riversideId, "a-long-enough-password"), CancellationToken.None);

        result.FirstError!.Field.Should().Be("DisplayName");
        result.FirstError.Message.Should().Be("The display name must be at most 200 characters.");
        (await AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_PracticeStaffWithAccount_CreatesUserAndAuditsWithoutPassword()
    {
        var result = await Service.CreateAsync(new NewUserRequest("riley@riverside.test", "Riley Staff", PortalRoles.PracticeStaff, _riversideId, "a-long-enough-password"), CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Value!.PasswordWasGenerated.Should().BeFalse();
        var user = await FindUserAsync(result.Value.User.Id);
        user.PartnerId.Should().Be(_northwindId);
        user.AccountId.Should().Be(_riversideId);
        user.EmailConfirmed.Should().BeTrue();
        (await RolesOfAsync(user.Id)).Should().Equal(PortalRoles.PracticeStaff);
        var entry = (await AuditEntriesAsync()).Single();
        entry.Action.Should().Be("user.created");
        entry.PartnerId.Should().Be(_northwindId);
        entry.AccountId.Should().Be(_riversideId);
        entry.ChangesJson.Should().Contain("PracticeStaff").And.Contain("riverside Clinic").And.NotContain("a-long-enough-password");
        entry.Summary.Should().NotContain("a-long-enough-password");
    }

    [Fact]
    public async Task CreateAsync_WithoutPassword_GeneratesOneThatSignsIn()
    {
        var result = await Service.CreateAsync(new NewUserRequest("new@northwind.test", "New Agent", PortalRoles.SupportAgent), CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Value!.PasswordWasGenerated.Should().BeTrue();
        result.Value.InitialPassword.Length.Should().BeGreaterThanOrEqualTo(12);
        var valid = await WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(result.Value.User.Id))!, result.Value.InitialPassword);
        });
        valid.Should().BeTrue();
        (await AuditEntriesAsync()).Single().ChangesJson.Should().NotContain(result.Value.InitialPassword);
    }

    [Fact]
    public async Task CreateAsync_OperatorRole_IsRefusedAndNothingIsWritten()
    {
        var result = await Service.CreateAsync(new NewUserRequest("op@northwind.test", "Sneaky", PortalRoles.Operator, null, "a-long-enough-password"), CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.FirstError!.Field.Should().Be("Role");
        (await WithScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("op@northwind.test"))).Should().BeNull();
        (await AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_PracticeStaffWithoutAccount_NeedsAnAccount()
    {
        var result = await Service.CreateAsync(new NewUserRequest("staff@northwind.test", "Staff", PortalRoles.PracticeStaff, null, "a-long-enough-password"), CancellationToken.None);

        result.FirstError.Should().Be(Error.ForField("AccountId", "Practice staff need an account."));
    }

    [Fact]
    public async Task CreateAsync_PracticeStaffWithAnotherPartnersAccount_IsNotFound()
    {
        var result = await Service.CreateAsync(new NewUserRequest("staff@northwind.test", "Staff", PortalRoles.PracticeStaff, _contosoMainId, "a-long-enough-password"), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        result.FirstError.Field.Should().Be("AccountId");
    }

    [Fact]
    public async Task CreateAsync_ShortPassword_ReportsThePasswordFieldAndRollsBack()
    {
        var result = await Service.CreateAsync(new NewUserRequest("short@northwind.test", "Short", PortalRoles.SupportAgent, null, "too-short"), CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Field == "Password");
        (await WithScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("short@northwind.test"))).Should().BeNull();
        (await AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_TakenEmail_ReportsTheEmailField()
    {
        var result = await Service.CreateAsync(new NewUserRequest("support@contoso.test", "Copy", PortalRoles.SupportAgent, null, "a-long-enough-password"), CancellationToken.None);

        result.Errors.Should().Contain(e => e.Field == "Email");
        (await AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ChangeRoleAsync_SupportAgentToPracticeStaff_ChangesRoleAccountAndEndsOpenSessions()
    {
        var principal = await SignedInPrincipalAsync(_supportId);
        (await IsStillValidAsync(principal)).Should().BeTrue();

        var result = await Access.ChangeRoleAsync(_supportId, PortalRoles.PracticeStaff, _riversideId, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        (await RolesOfAsync(_supportId)).Should().Equal(PortalRoles.PracticeStaff);
        (await FindUserAsync(_supportId)).AccountId.Should().Be(_riversideId);
        (await IsStillValidAsync(principal)).Should().BeFalse("the security stamp changed with the role");
        var entry = (await AuditEntriesAsync()).Single();
        entry.Action.Should().Be("user.role_changed");
        AuditQueryService.ParseChanges(entry.ChangesJson).Should().BeEquivalentTo(
            [new FieldChange("Role", PortalRoles.SupportAgent, PortalRoles.PracticeStaff), new FieldChange("Account", null, "riverside Clinic")]);
    }

    [Fact]
    public async Task ChangeRoleAsync_AnotherPartnersUser_IsNotFoundAndUnchanged()
    {
        var result = await Access.ChangeRoleAsync(_contosoUserId, PortalRoles.PartnerAdmin, null, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        (await RolesOfAsync(_contosoUserId)).Should().Equal(PortalRoles.SupportAgent);
        (await AuditEntriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ChangeRoleAsync_ToOperator_IsRefused()
    {
        var result = await Access.ChangeRoleAsync(_supportId, PortalRoles.Operator, null, CancellationToken.None);

        result.FirstError!.Message.Should().Be("The Operator role cannot be granted here.");
        (await RolesOfAsync(_supportId)).Should().Equal(PortalRoles.SupportAgent);
    }

    [Fact]
    public async Task ChangeRoleAsync_OwnRole_IsRefused()
    {
        var result = await Access.ChangeRoleAsync(_adminId, PortalRoles.SupportAgent, null, CancellationToken.None);

        result.FirstError!.Message.Should().Be("You cannot change your own role.");
        (await RolesOfAsync(_adminId)).Should().Equal(PortalRoles.PartnerAdmin);
    }

    [Fact]
    public async Task DisableAsync_User_CannotSignInAndLosesOpenSessions()
    {
        var principal = await SignedInPrincipalAsync(_supportId);

        var result = await Access.DisableAsync(_supportId, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        var user = await FindUserAsync(_supportId);
        user.IsDisabled.Should().BeTrue();
        (await WithScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().IsLockedOutAsync(user))).Should().BeTrue();
        (await IsStillValidAsync(principal)).Should().BeFalse();
        var entry = (await AuditEntriesAsync()).Single();
        entry.Action.Should().Be("user.disabled");
        AuditQueryService.ParseChanges(entry.ChangesJson).Should().Equal(new FieldChange("Status", "Enabled", "Disabled"));
    }

    [Fact]
    public async Task EnableAsync_DisabledUser_CanSignInAgain()
    {
        await Access.DisableAsync(_supportId, CancellationToken.None);

        var result = await Access.EnableAsync(_supportId, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        var user = await FindUserAsync(_supportId);
        user.IsDisabled.Should().BeFalse();
        (await WithScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().IsLockedOutAsync(user))).Should().BeFalse();
        (await AuditEntriesAsync()).Select(e => e.Action).Should().Equal("user.disabled", "user.enabled");
    }

    [Fact]
    public async Task DisableAsync_Self_IsRefused()
    {
        var result = await Access.DisableAsync(_adminId, CancellationToken.None);

        result.FirstError!.Message.Should().Be("You cannot disable yourself.");
        (await FindUserAsync(_adminId)).IsDisabled.Should().BeFalse();
    }

    [Fact]
    public async Task DisableAsync_AnotherPartnersUser_IsNotFound()
    {
        var result = await Access.DisableAsync(_contosoUserId, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        (await FindUserAsync(_contosoUserId)).IsDisabled.Should().BeFalse();
    }
}
