using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

public sealed class AccessRevocationTests(AccessRevocationTests.AppFixture fixture) : IClassFixture<AccessRevocationTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private async Task<(IServiceScope Scope, ApplicationUser User, System.Security.Claims.ClaimsPrincipal Principal)> SignedInAsync(string email)
    {
        var scope = fixture.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        (await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded.Should().BeTrue();
        await users.AddToRoleAsync(user, "SupportAgent");
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>().CreateUserPrincipalAsync(user);
        return (scope, user, principal);
    }

    [Fact]
    public async Task IsStillValidAsync_UnchangedUser_KeepsAccess()
    {
        var (scope, _, principal) = await SignedInAsync("unchanged@northwind.test");
        using var _ = scope;

        (await scope.ServiceProvider.GetRequiredService<UserAccessValidator>().IsStillValidAsync(principal)).Should().BeTrue();
    }

    [Fact]
    public async Task IsStillValidAsync_DisabledUser_LosesAccess()
    {
        var (scope, user, principal) = await SignedInAsync("disabled@northwind.test");
        using var _ = scope;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        user.IsDisabled = true;
        await users.UpdateAsync(user);

        (await scope.ServiceProvider.GetRequiredService<UserAccessValidator>().IsStillValidAsync(principal)).Should().BeFalse();
    }

    [Fact]
    public async Task IsStillValidAsync_DemotedUserWithNewSecurityStamp_LosesAccess()
    {
        var (scope, user, principal) = await SignedInAsync("demoted@northwind.test");
        using var _ = scope;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await users.RemoveFromRoleAsync(user, "SupportAgent");
        await users.UpdateSecurityStampAsync(user);

        (await scope.ServiceProvider.GetRequiredService<UserAccessValidator>().IsStillValidAsync(principal)).Should().BeFalse();
    }

    [Fact]
    public void RevalidationInterval_LetsAccessEndWithinAMinute()
    {
        UserAccessValidator.RevalidationInterval.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        fixture.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>()
            .Value.ValidationInterval.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }
}
