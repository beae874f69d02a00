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

public sealed class UserAdministrationServiceTests : UserAdministrationTestBase
{
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
}
