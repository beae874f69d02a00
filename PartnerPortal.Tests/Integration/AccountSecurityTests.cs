using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Infrastructure.Hosting;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>
/// Issue 15 item 3 over HTTP: the unused Identity pages and endpoints are gone, "Forgot password" sends a working reset
/// link through the app's e-mail sender, and no answer tells whether an e-mail or a user exists.
/// </summary>
public sealed partial class AccountSecurityTests(AccountSecurityTests.AppFixture fixture) : IClassFixture<AccountSecurityTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory
    {
        public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"partnerportal-mail-{Guid.NewGuid():N}");

        public AppFixture()
        {
            Settings["Email:PickupDirectory"] = MailFolder;
            Settings["SecureText:PublicBaseUrl"] = "https://portal.example";
        }
    }

    private HttpClient NewClient() => fixture.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/Account/Register")]
    [InlineData("/Account/RegisterConfirmation?email=admin@northwind.test")]
    [InlineData("/Account/ResendEmailConfirmation")]
    [InlineData("/Account/ExternalLogin")]
    [InlineData("/Account/Manage/ExternalLogins")]
    [InlineData("/Account/Manage/Passkeys")]
    [InlineData("/Account/Manage/PersonalData")]
    [InlineData("/Account/Manage/DeletePersonalData")]
    [InlineData("/Account/Manage/SetPassword")]
    public async Task RemovedTemplatePage_NotFound(string path)
    {
        var client = NewClient();
        await SignInAsync(client, "support@northwind.test", DemoDataSeeder.DemoPassword);

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("admin@northwind.test");
    }

    [Theory]
    [InlineData("/Account/PasskeyRequestOptions?username=admin@northwind.test")]
    [InlineData("/Account/PasskeyCreationOptions")]
    [InlineData("/Account/PerformExternalLogin")]
    [InlineData("/Account/Manage/DownloadPersonalData")]
    [InlineData("/Account/Manage/LinkExternalLogin")]
    public async Task RemovedTemplateEndpoint_Gone(string path)
    {
        var client = NewClient();
        await SignInAsync(client, "support@northwind.test", DemoDataSeeder.DemoPassword);

        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["provider"] = "x" }));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("challenge").And.NotContain("admin@northwind.test");
    }

    [Fact]
    public async Task ForgotPassword_KnownEmail_SendsAWorkingResetLinkToThePublicAddress()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        var answer = await PostFormAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "staff@riverside.test" });

        answer.Headers.Location!.ToString().Should().Contain("Account/ForgotPasswordConfirmation");
        var mail = MailTo("staff@riverside.test");
        var link = ResetLinkPattern().Match(mail).Value;
        link.Should().StartWith("https://portal.example/Account/ResetPassword?code=", "the link never follows the request's Host header");
        var reset = NewClient();
        var pathAndQuery = new Uri(link).PathAndQuery;
        var page = await reset.GetStringAsync(pathAndQuery);
        var code = WebUtility.HtmlDecode(CodePattern().Match(page).Groups[1].Value);
        var done = await PostFormAsync(reset, pathAndQuery, "reset-password", new()
        {
            ["Input.Code"] = code, ["Input.Email"] = "staff@riverside.test",
            ["Input.Password"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        done.Headers.Location!.ToString().Should().Contain("Account/ResetPasswordConfirmation");

        var signedIn = await SignInAsync(NewClient(), "staff@riverside.test", "a brand new passphrase");
        signedIn.Headers.Location!.ToString().Should().NotContain("Login");
    }

    [Fact]
    public async Task ForgotPassword_UnknownEmail_SameAnswerAndNoMail()
    {
        var known = await PostFormAsync(NewClient(), "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "support@northwind.test" });
        var unknown = await PostFormAsync(NewClient(), "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "nobody@northwind.test" });

        unknown.StatusCode.Should().Be(known.StatusCode);
        unknown.Headers.Location.Should().Be(known.Headers.Location);
        Directory.GetFiles(fixture.MailFolder, "*.eml").Select(File.ReadAllText).Should().NotContain(m => m.Contains("nobody@northwind.test"));
    }

    [Fact]
    public async Task ResetPassword_UnknownEmailOrWrongCode_SameAnswer()
    {
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("not-a-token"u8.ToArray());
        async Task<string?> TryAsync(string email)
        {
            var client = NewClient();
            var answer = await PostFormAsync(client, $"/Account/ResetPassword?code={code}", "reset-password", new()
            {
                ["Input.Code"] = "not-a-token", ["Input.Email"] = email,
                ["Input.Password"] = "another new passphrase", ["Input.ConfirmPassword"] = "another new passphrase",
            });
            return answer.Headers.Location?.ToString();
        }

        var known = await TryAsync("admin@northwind.test");
        var unknown = await TryAsync("nobody@northwind.test");

        known.Should().Contain("Account/InvalidPasswordReset").And.Be(unknown);
    }

    [Fact]
    public async Task ConfirmEmail_UnknownUserId_SameAnswerAsAWrongCode()
    {
        string userId;
        using (var scope = fixture.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            userId = (await users.FindByEmailAsync("admin@northwind.test"))!.Id;
        }

        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("wrong"u8.ToArray());
        using var known = await NewClient().GetAsync($"/Account/ConfirmEmail?userId={userId}&code={code}");
        using var unknown = await NewClient().GetAsync($"/Account/ConfirmEmail?userId={Guid.NewGuid()}&code={code}");

        unknown.StatusCode.Should().Be(known.StatusCode);
        var knownText = await known.Content.ReadAsStringAsync();
        var unknownText = await unknown.Content.ReadAsStringAsync();
        knownText.Should().Contain("Error confirming your email.");
        unknownText.Should().Contain("Error confirming your email.").And.NotContain("Error loading user");
    }

    [Fact]
    public async Task Login_UnknownEmailAndLockedAccount_AnswerLikeAWrongPassword()
    {
        const string email = "locked-enum@northwind.test";
        using (var scope = fixture.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, DemoDataSeeder.DemoPassword)).Succeeded.Should().BeTrue();
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var wrong = await SignInAsync(NewClient(), "admin@northwind.test", "not-the-password-at-all");
        var unknown = await SignInAsync(NewClient(), "nobody-at-all@northwind.test", "not-the-password-at-all");
        var locked = await SignInAsync(NewClient(), email, DemoDataSeeder.DemoPassword);

        foreach (var answer in new[] { wrong, unknown, locked })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            (await answer.Content.ReadAsStringAsync()).Should().Contain("Invalid login attempt.").And.NotContain("locked out");
        }
    }

    [Fact]
    public async Task KeyRing_StoredEncryptedWithTheCertificate()
    {
        fixture.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();

        keys.Should().NotBeEmpty().And.OnlyContain(xml => xml!.Contains("<encryptedSecret") && !xml.Contains("<masterKey"));
    }

    private string MailTo(string email)
    {
        var mail = Directory.GetFiles(fixture.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains($"To: {email}"));
        // Quoted-printable: join soft line breaks and decode =XX.
        var joined = mail.Replace("=\r\n", "").Replace("=\n", "");
        return Regex.Replace(joined, "=([0-9A-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLinkPattern();

    [GeneratedRegex("name=\"Input.Code\" value=\"([^\"]*)\"")]
    private static partial Regex CodePattern();
}

/// <summary>Issue 15 item 4: outside Development the app does not start without a key-encryption certificate.</summary>
public sealed class KeyRingStartupTests
{
    [Fact]
    public async Task Production_WithoutCertificate_RefusesToStartNamingTheSetting()
    {
        await using var app = new PortalAppFactory().WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var start = () => app.Services;

        start.Should().Throw<Exception>().Where(e => Flatten(e).Contains(KeyRingProtection.MissingMessage));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
