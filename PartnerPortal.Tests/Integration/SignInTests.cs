using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

public sealed partial class SignInTests(SignInTests.AppFixture fixture) : IClassFixture<SignInTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    private HttpClient NewClient() => fixture.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task LoginPage_IsServed()
    {
        var response = await NewClient().GetAsync("/Account/Login");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Log in").And.Contain("Input.Password");
    }

    [Fact]
    public async Task Home_Anonymous_RedirectsToLogin()
    {
        var response = await NewClient().GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Register_SelfRegistration_IsNotOffered()
    {
        var response = await NewClient().GetAsync("/Account/Register");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Login_DemoUserWithRightPassword_SignsInAndReachesHome()
    {
        var client = NewClient();

        var response = await PostLoginAsync(client, "support@northwind.test", DemoDataSeeder.DemoPassword);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().NotContain("Login");
        var home = await client.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().Contain("Sydney Support (Northwind)");
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        const string email = "lockout-victim@northwind.test";
        using (var scope = fixture.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var created = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, DemoDataSeeder.DemoPassword);
            created.Succeeded.Should().BeTrue();
        }

        var client = NewClient();
        for (var i = 0; i < 4; i++)
        {
            var failed = await PostLoginAsync(client, email, "not-the-password-at-all");
            failed.StatusCode.Should().Be(HttpStatusCode.OK, $"attempt {i + 1} has a wrong password and shows the form again");
        }

        var fifth = await PostLoginAsync(client, email, "not-the-password-at-all");
        fifth.StatusCode.Should().Be(HttpStatusCode.OK, "the fifth failure locks the account, answered like any failure");

        var locked = await PostLoginAsync(client, email, DemoDataSeeder.DemoPassword);

        locked.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account answers like a wrong password: nothing tells that the user exists");
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Invalid login attempt.");
        using var check = fixture.Services.CreateScope();
        var userManager = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await userManager.IsLockedOutAsync((await userManager.FindByEmailAsync(email))!)).Should().BeTrue();
    }

    [Fact]
    public void PasswordPolicy_IsLengthOverCompositionWithStrongHashing()
    {
        var identity = fixture.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var hasher = fixture.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;

        identity.Password.RequiredLength.Should().BeGreaterThanOrEqualTo(12);
        identity.Password.RequireDigit.Should().BeFalse();
        identity.Password.RequireUppercase.Should().BeFalse();
        identity.Password.RequireNonAlphanumeric.Should().BeFalse();
        identity.Lockout.MaxFailedAccessAttempts.Should().Be(5);
        hasher.IterationCount.Should().BeGreaterThanOrEqualTo(210_000);
    }

    [Fact]
    public async Task CreateUser_ShortPassword_IsRefusedWithTheLengthRule()
    {
        using var scope = fixture.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "short@x.test", Email = "short@x.test" }, "Sh0rt!pw");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Code == "PasswordTooShort");
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class HealthTests(HealthTests.AppFixture fixture) : IClassFixture<HealthTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    [Fact]
    public async Task Healthz_MigratedDatabase_IsHealthy()
    {
        var response = await fixture.CreateClient().GetAsync("/healthz");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
