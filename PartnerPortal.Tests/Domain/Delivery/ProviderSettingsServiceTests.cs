using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>SMS Settings: validation sentences, the protected password, Test connection against a real https endpoint, audit.</summary>
public sealed class ProviderSettingsServiceTests : IAsyncLifetime
{
    private StubProvider _provider = null!;
    private DeliveryHarness _h = null!;
    private Partner _partner = null!;
    private Account _account = null!;

    public async Task InitializeAsync()
    {
        _provider = await StubProvider.StartAsync();
        _h = new DeliveryHarness(_provider.Certificate);
        (_partner, _account) = _h.AddAccount();
        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id);
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _provider.DisposeAsync();
    }

    private Task<Result<ProviderSettingsDetails>> SaveAsync(string? url, string? login = "api-user", string? password = "pa55word!", string? sender = "Riverside", bool auth = true) =>
        _h.Settings.SaveAsync(_account.Id, new ProviderSettingsInput(url, auth, login, password, sender), CancellationToken.None);

    [Theory]
    [InlineData("http://sms.example.com/messages")]
    [InlineData("sms.example.com/messages")]
    [InlineData("https://")]
    [InlineData("https://sms example.com")]
    [InlineData("ftp://sms.example.com")]
    public async Task Save_UrlNotHttpsAbsolute_Refused(string url)
    {
        var result = await SaveAsync(url);

        result.Errors.Should().ContainSingle(e => e.Field == "url").Which.Message.Should().Be(ProviderSettingsRules.UrlInvalid);
    }

    [Theory]
    [InlineData("api user")]
    [InlineData("api:user")]
    [InlineData("api/user")]
    [InlineData("apï")]
    public async Task Save_LoginWithOtherCharacters_RefusedWithTheSentence(string login)
    {
        var result = await SaveAsync("https://sms.example.com/messages", login: login);

        result.Errors.Should().ContainSingle(e => e.Field == "login").Which.Message
            .Should().Be("The login may contain only letters, digits and _ + . @ -");
    }

    [Fact]
    public async Task Save_ValidSettings_PasswordProtectedNeverReturnedAuditedWithout()
    {
        var result = await SaveAsync("https://sms.example.com/messages", login: "api_user+1.x@host-a", password: "pa55word!");

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        result.Value!.HasPassword.Should().BeTrue();
        result.Value.MessageType.Should().Be("NOTIFICATION");
        result.Value.ToString().Should().NotContain("pa55word!");
        using var db = _h.Db();
        var stored = db.ProviderSettings.Single();
        stored.ProtectedPassword.Should().NotBeNullOrEmpty().And.NotContain("pa55word!");
        _h.Secrets.UnprotectPassword(stored.ProtectedPassword).Should().Be("pa55word!");
        var entry = db.AuditEntries.Single(e => e.Action == "sms_settings.saved");
        entry.ChangesJson.Should().Contain("Provider URL").And.Contain("\"Password\"").And.NotContain("pa55word!");
        entry.Summary.Should().NotContain("pa55word!");
    }

    [Fact]
    public async Task Save_BlankPasswordLater_KeepsTheStoredOne()
    {
        await SaveAsync("https://sms.example.com/messages");

        var again = await SaveAsync("https://sms.example.com/v2/messages", password: "");

        again.Succeeded.Should().BeTrue();
        using var db = _h.Db();
        _h.Secrets.UnprotectPassword(db.ProviderSettings.Single().ProtectedPassword).Should().Be("pa55word!");
    }

    [Fact]
    public async Task Save_AuthenticationWithoutPassword_Refused()
    {
        var result = await SaveAsync("https://sms.example.com/messages", password: null);

        result.Errors.Should().ContainSingle(e => e.Field == "password").Which.Message.Should().Be(ProviderSettingsRules.PasswordRequired);
    }

    [Fact]
    public async Task Save_NoSenderName_TypeMarketing()
    {
        var result = await SaveAsync("https://sms.example.com/messages", sender: " ", auth: false, login: null, password: null);

        result.Value!.SenderName.Should().BeNull();
        result.Value.MessageType.Should().Be("MARKETING");
    }

    [Fact]
    public async Task Get_SupportAgentReadsMasked_OtherPartnerRefused()
    {
        // DESIGN §1: a SupportAgent reads SMS Settings without secrets and cannot change them.
        _h.Actor.Current = TestActor.SupportAgent(_partner.Id);
        var support = await _h.Settings.GetAsync(_account.Id, CancellationToken.None);
        _h.Actor.Current = TestActor.PartnerAdmin(_partner.Id + 1000);
        var other = await _h.Settings.GetAsync(_account.Id, CancellationToken.None);

        support.Value!.CanChange.Should().BeFalse();
        support.Value.CallbackSecret.Should().Be(ProviderSettingsService.MaskedSecret);
        other.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task Get_FirstTime_CreatesCallbackSecretShownOnThePage()
    {
        var first = await _h.Settings.GetAsync(_account.Id, CancellationToken.None);
        var second = await _h.Settings.GetAsync(_account.Id, CancellationToken.None);

        first.Value!.CallbackSecret.Should().StartWith(CallbackSignature.SecretPrefix).And.Be(second.Value!.CallbackSecret);
        first.Value.CallbackAccount.Should().Be(_account.Id.ToString());
        first.Value.ProviderUrl.Should().BeNull();
    }

    [Fact]
    public async Task TestConnection_RealEndpoint_ResultAndTimeKept()
    {
        var input = new ProviderSettingsInput(_provider.Url, true, "api-user", "pa55word!", "Riverside");

        var result = await _h.Settings.TestConnectionAsync(_account.Id, input, CancellationToken.None);

        result.Value!.Succeeded.Should().BeTrue(result.Value.Message);
        result.Value.Message.Should().StartWith("Connected: the provider answered HTTP 405");
        var details = await _h.Settings.GetAsync(_account.Id, CancellationToken.None);
        details.Value!.LastTestSucceeded.Should().BeTrue();
        details.Value.LastTestAt.Should().Be(_h.Now);
        details.Value.LastTestResult.Should().Be(result.Value.Message);
    }

    [Fact]
    public async Task TestConnection_NothingListening_FailureKept()
    {
        var input = new ProviderSettingsInput("https://127.0.0.1:1/sms", false, null, null, null);

        var result = await _h.Settings.TestConnectionAsync(_account.Id, input, CancellationToken.None);

        result.Value!.Succeeded.Should().BeFalse();
        result.Value.Message.Should().StartWith("Could not connect");
        using var db = _h.Db();
        (await db.ProviderSettings.SingleAsync()).LastTestSucceeded.Should().BeFalse();
    }

    [Fact]
    public async Task TestConnection_ChangedOriginWithBlankPassword_RefusedAndNothingSent()
    {
        (await SaveAsync("https://sms.example.com/messages")).Succeeded.Should().BeTrue();
        var input = new ProviderSettingsInput(_provider.Url, true, "api-user", null, "Riverside");

        var result = await _h.Settings.TestConnectionAsync(_account.Id, input, CancellationToken.None);

        result.Errors.Should().ContainSingle(e => e.Field == "password").Which.Message.Should().Be(ProviderSettingsRules.PasswordForNewAddress);
        (await _h.Settings.GetAsync(_account.Id, CancellationToken.None)).Value!.LastTestAt.Should().BeNull("no request was made");
    }

    [Fact]
    public async Task Save_ChangedOriginWithBlankPassword_Refused_SameOriginKeepsThePassword()
    {
        (await SaveAsync("https://sms.example.com/messages")).Succeeded.Should().BeTrue();

        var moved = await SaveAsync("https://collector.example.net/messages", password: null);
        var samePlace = await SaveAsync("https://sms.example.com/v2/messages", password: null);

        moved.Errors.Should().ContainSingle(e => e.Field == "password").Which.Message.Should().Be(ProviderSettingsRules.PasswordForNewAddress);
        samePlace.Value!.HasPassword.Should().BeTrue();
    }
}
