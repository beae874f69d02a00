using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Webhooks;

public sealed class WebhookUrlValidationTests
{
    private static WebhookUrlValidator Validator(bool allowPrivate) => new(Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivate }));

    [Theory]
    [InlineData("http://hooks.example.com/portal", "https://")]
    [InlineData("ftp://hooks.example.com/portal", "https://")]
    [InlineData("hooks.example.com/portal", "absolute URL")]
    [InlineData("", "Enter the URL")]
    [InlineData("https://user:secret@93.184.215.14/hook", "user name or password")]
    public async Task Validate_NotAnHttpsUrl_Refused(string url, string expected)
    {
        var result = await Validator(allowPrivate: true).ValidateAsync(url, CancellationToken.None);

        result.FirstError!.Field.Should().Be("url");
        result.FirstError.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    public async Task Validate_PrivateAddressNotAllowed_Refused(string url)
    {
        var result = await Validator(allowPrivate: false).ValidateAsync(url, CancellationToken.None);

        result.FirstError!.Message.Should().Be(WebhookUrlValidator.PrivateAddressMessage);
    }

    [Fact]
    public async Task Validate_PrivateAddressAllowedByConfiguration_Accepted()
    {
        var result = await Validator(allowPrivate: true).ValidateAsync("https://127.0.0.1:8443/hook", CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Validate_PublicAddress_Accepted()
    {
        var result = await Validator(allowPrivate: false).ValidateAsync("https://93.184.215.14/hook", CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void IsPublic_Address_Classified(string address, bool expected)
    {
        WebhookAddressRules.IsPublic(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Fact]
    public async Task Subscribe_HttpUrl_RefusedAsFieldErrorAndNothingStored()
    {
        using var h = new WebhookHarness(allowPrivateAddresses: false);
        using (var db = h.Numbers.Db())
        {
            h.Numbers.Actor.Current = TestActor.PartnerAdmin(TestData.AddPartner(db, "northwind").Id);
        }

        var result = await h.Service.SubscribeAsync("http://hooks.example.com/portal", CancellationToken.None);

        result.FirstError!.Field.Should().Be("url");
        using var check = h.Numbers.Db();
        check.WebhookSubscriptions.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscribe_PrivateAddressWhenNotAllowed_Refused()
    {
        using var h = new WebhookHarness(allowPrivateAddresses: false);
        using (var db = h.Numbers.Db())
        {
            h.Numbers.Actor.Current = TestActor.PartnerAdmin(TestData.AddPartner(db, "northwind").Id);
        }

        var result = await h.Service.SubscribeAsync("https://192.168.0.10/hook", CancellationToken.None);

        result.FirstError!.Message.Should().Be(WebhookUrlValidator.PrivateAddressMessage);
    }

    [Fact]
    public async Task Subscribe_SupportAgent_RefusedInService()
    {
        using var h = new WebhookHarness();
        using (var db = h.Numbers.Db())
        {
            h.Numbers.Actor.Current = TestActor.SupportAgent(TestData.AddPartner(db, "northwind").Id);
        }

        var result = await h.Service.SubscribeAsync("https://127.0.0.1/hook", CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task Subscribe_Admin_SecretReturnedOnceAndStoredProtected()
    {
        using var h = new WebhookHarness();
        using (var db = h.Numbers.Db())
        {
            h.Numbers.Actor.Current = TestActor.PartnerAdmin(TestData.AddPartner(db, "northwind").Id);
        }

        var result = await h.Service.SubscribeAsync("https://127.0.0.1/hook", CancellationToken.None);

        result.Value!.Secret.Should().StartWith(WebhookSignature.SecretPrefix);
        using var check = h.Numbers.Db();
        var stored = check.WebhookSubscriptions.Single();
        stored.ProtectedSecret.Should().NotContain(result.Value.Secret[WebhookSignature.SecretPrefix.Length..]);
        h.DataProtection.CreateProtector(WebhookService.SecretPurpose).Unprotect(stored.ProtectedSecret).Should().Be(result.Value.Secret);
        check.AuditEntries.Should().ContainSingle(e => e.Action == "webhook.subscribed" && e.EntityId == stored.Id.ToString())
            .Which.Summary.Should().NotContain(result.Value.Secret);
    }
}
