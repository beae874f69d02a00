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

public sealed class UserAdministrationAccessTests : UserAdministrationTestBase
{
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
