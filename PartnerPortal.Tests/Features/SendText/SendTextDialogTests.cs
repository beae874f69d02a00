using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Features.SendText;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.SendText;

public sealed class SendTextDialogTests : SendTextDialogTestBase
{
    [Fact]
    public async Task SendFrom_EveryLocationWithNumberAndBadge_OnlyApprovedSelectable()
    {
        var opened = await OpenAsync();

        opened.Dialog.Find("input[data-testid=send-from]").GetAttribute("value").Should().Be("-- Please Select Location --");
        opened.Dialog.Markup.Should().Contain("Select an SMS Approved Location below.");
        var options = OpenSendFrom(opened);

        string Row(string name) => options.Single(o => o.TextContent.Contains(name)).TextContent.Replace("\n", " ");
        bool Disabled(string name) => options.Single(o => o.TextContent.Contains(name)).GetAttribute("aria-disabled") == "true";
        // Seed 000's form: national format for US numbers, "Number Pending", "No Number" with an inline "Add Number".
        Row("Default Location").Should().Contain("(614) 555-0100").And.Contain("SMS Approved");
        Row("Dublin").Should().Contain("(219) 555-0114").And.Contain("SMS Approved");
        Row("Columbus").Should().Contain("Number Pending").And.Contain("SMS Pending");
        Row("Powell").Should().Contain("No Number").And.Contain("Add Number").And.NotContain("SMS ");
        Row("Hilliard").Should().Contain("(614) 555-0199").And.Contain("SMS Rejected");
        Disabled("Dublin").Should().BeFalse();
        Disabled("Default Location").Should().BeFalse();
        Disabled("Columbus").Should().BeTrue();
        Disabled("Powell").Should().BeTrue();
        Disabled("Hilliard").Should().BeTrue();
        options.Where(o => o.QuerySelector("[data-testid=add-number]") is not null).Select(o => o.TextContent)
            .Should().ContainSingle().Which.Should().Contain("Powell");
        opened.Dialog.FindAll("[data-testid=locations-without-number]").Should().BeEmpty();
    }

    [Fact]
    public async Task SendFrom_AddNumberOnTheNoNumberRow_RequestsItAndSaysHowLongVerificationTakes()
    {
        var opened = await OpenAsync();
        var powell = OpenSendFrom(opened).Single(o => o.TextContent.Contains("Powell"));

        powell.QuerySelector("[data-testid=add-number]")!.Click();

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=verification-notice]").TextContent.Trim()
            .Should().Be("A number was requested for Powell and verification has been requested. Verification usually takes 2–3 business days."));
        using var db = Database.CreateDbContext();
        db.SmsNumbers.Single(n => n.Location.ExternalId == "powell" && n.Location.AccountId == _accountId).Status.Should().Be(SmsNumberStatus.Pending);
        opened.Dialog.Find("input[data-testid=send-from]").GetAttribute("value").Should().Be("-- Please Select Location --");
    }

    [Fact]
    public void SendFromNumberText_NonUsNumber_ShownInE164()
    {
        var canadian = new SendLocationOption(1, "Toronto", LocationKind.Location, false, "+14165550123", SmsNumberStatus.Approved, null);
        var british = new SendLocationOption(2, "London", LocationKind.Location, false, "+442071838750", SmsNumberStatus.Approved, null);
        var us = new SendLocationOption(3, "Helena", LocationKind.Location, false, "+14065550120", SmsNumberStatus.Approved, null);

        SendFromSelect.NumberText(us).Should().Be("(406) 555-0120");
        SendFromSelect.NumberText(british).Should().Be("+442071838750");
        SendFromSelect.NumberText(canadian).Should().Be("+14165550123");
    }

    [Fact]
    public async Task IWantToSendA_WhatsTheDifference_ExplainsBothKinds()
    {
        var opened = await OpenAsync();

        opened.Dialog.Markup.Should().Contain("I want to send a");
        opened.Dialog.FindAll("[data-testid=kind-difference]").Should().BeEmpty();
        opened.Dialog.Find("[data-testid=kind-difference-link]").TextContent.Trim().Should().Be("What's the difference?");
        opened.Dialog.Find("[data-testid=kind-difference-link]").Click();

        var explanation = opened.Dialog.Find("[data-testid=kind-difference]").TextContent;
        explanation.Should().Contain("Secure Text: the patient gets a notice with a link; the content stays in the portal")
            .And.Contain("SMS Text: the content itself is sent in the text message");
    }

    [Fact]
    public async Task SecureText_NotifyMethod_SmsEmailOrBothWithTheDifference()
    {
        var opened = await OpenAsync();
        opened.Dialog.FindAll("[data-testid=message-kind] label").First(l => l.TextContent.Contains("Secure Text")).QuerySelector("input")!.Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=notify-method]"));

        opened.Dialog.FindAll("[data-testid=notify-method] label").Select(l => l.TextContent.Trim()).Should().Equal("SMS", "Email", "SMS and Email");
        opened.Dialog.Find("[data-testid=notify-difference-link]").Click();
        opened.Dialog.Find("[data-testid=notify-difference]").TextContent.Should()
            .Contain("never the content").And.Contain("SMS and Email to both");
    }

    [Fact]
    public async Task SecureText_NotifyBoth_StoresOneMessageToMobileAndEmail()
    {
        using (var db = Database.CreateDbContext())
        {
            db.Recipients.Single(r => r.FirstName == "Jordan").Email = "jordan@example.com";
            db.SaveChanges();
        }

        var opened = await OpenAsync();
        opened.Dialog.FindAll("[data-testid=message-kind] label").First(l => l.TextContent.Contains("Secure Text")).QuerySelector("input")!.Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=notify-method]"));
        opened.Dialog.FindAll("[data-testid=notify-method] label").First(l => l.TextContent.Contains("SMS and Email")).QuerySelector("input")!.Click();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");
        ChooseLocation(opened, "Dublin");
        Type(opened, "Your biopsy results are normal.");

        opened.Dialog.WaitForAssertion(() => SendDisabled(opened).Should().BeFalse());
        opened.Dialog.Find("[data-testid=send-button]").Click();

        opened.Dialog.WaitForAssertion(() =>
        {
            using var db = Database.CreateDbContext();
            db.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
            {
                Kind = MessageKind.SecureText, NotifyMethod = (NotifyMethod?)NotifyMethod.Both, ToNumber = "+16145550123", ToEmail = "jordan@example.com",
            });
        });
    }

    [Fact]
    public async Task Open_NothingChosen_SendDisabledWithReasonAndLabels()
    {
        var opened = await OpenAsync();

        SendDisabled(opened).Should().BeTrue();
        DisabledReason(opened).Should().Be("Choose who to send the text to.");
        opened.Dialog.Find("[data-testid=send-button]").TextContent.Trim().Should().Be("Send SMS Text");
        opened.Dialog.Find("[data-testid=discard]").TextContent.Trim().Should().Be("Discard");
        opened.Dialog.Markup.Should().Contain("Secure Text").And.Contain("SMS Text").And.Contain("Send to")
            .And.Contain("Template").And.Contain("Form").And.Contain("Message");
        opened.Dialog.Markup.Should().NotContain("Notify method");
    }

    [Fact]
    public async Task SecureText_ShowsNotifyMethodAndSecureButton()
    {
        var opened = await OpenAsync();

        opened.Dialog.FindAll("[data-testid=message-kind] label").First(l => l.TextContent.Contains("Secure Text")).QuerySelector("input")!.Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=send-button]").TextContent.Trim().Should().Be("Send Secure Text"));

        opened.Dialog.Markup.Should().Contain("Notify method");
        opened.Dialog.Find("[data-testid=notify-method]").TextContent.Should().Contain("SMS").And.Contain("Email");
    }

    [Fact]
    public async Task RecipientWithoutDateOfBirth_NamedAndSendDisabledWithTheReason()
    {
        var opened = await OpenAsync();

        ChooseRecipient(opened, "Alex", "Alex Morgan");

        opened.Dialog.Find("[data-testid=recipient-missing]").TextContent.Trim().Should().Be("Alex Morgan is missing a date of birth.");
        DisabledReason(opened).Should().Be("Alex Morgan is missing a date of birth.");
        SendDisabled(opened).Should().BeTrue();
    }

    [Fact]
    public async Task Send_RecipientLocationAndMessage_StoresPendingAndCloses()
    {
        var opened = await OpenAsync();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");
        ChooseLocation(opened, "Dublin");
        Type(opened, "Your results are ready.");

        opened.Dialog.WaitForAssertion(() => opened.Dialog.FindAll("[data-testid=send-disabled-reason]").Should().BeEmpty());
        opened.Dialog.Find("[data-testid=send-button]").Click();

        var result = await opened.Reference.Result.WaitAsync(TimeSpan.FromSeconds(5));
        result!.Data.Should().BeOfType<long>();
        using var db = Database.CreateDbContext();
        var message = db.Messages.Single();
        message.Status.Should().Be(MessageStatus.Pending);
        message.SenderNumber.Should().Be("+12195550114");
    }

    [Fact]
    public async Task Send_NoProviderWhileSimulatedProviderOff_ShowsThe4060RefusalAndStoresNothing()
    {
        Services.PostConfigure<PartnerPortal.Domain.Delivery.DeliveryOptions>(o => o.SimulatedProvider.Enabled = false);
        var opened = await OpenAsync();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");
        ChooseLocation(opened, "Dublin");
        Type(opened, "Your results are ready.");
        opened.Dialog.WaitForAssertion(() => SendDisabled(opened).Should().BeFalse());

        opened.Dialog.Find("[data-testid=send-button]").Click();

        opened.Dialog.WaitForAssertion(() =>
            opened.Dialog.Find("[data-testid=send-error]").TextContent.Trim().Should().Be("No SMS provider is configured for this account."));
        using var db = Database.CreateDbContext();
        db.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Template_FillsMessageWithVariablesResolvedForTheRecipient()
    {
        var opened = await OpenAsync();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");

        opened.Dialog.Find("input[data-testid=template-select]").Closest(".mud-input-control")!.MouseDown();
        opened.Popovers.WaitForAssertion(() => opened.Popovers.FindAll("[role=option]").Should().Contain(o => o.TextContent.Contains("Reminder")));
        opened.Popovers.FindAll("[role=option]").First(o => o.TextContent.Contains("Reminder")).Click();

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("textarea[data-testid=message-input]").GetAttribute("value")
            .Should().Be("Hi Jordan, see you tomorrow at riverside Clinic."));
    }
}
