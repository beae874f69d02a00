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

public sealed class SendTextDialogTests : PortalTestContext
{
    private const string PromptSentence =
        "Complete Business Information is needed in order to use Quick Send SMS. Invalid data can result in the inability to acquire " +
        "and verify a number for your account. Please click the following link to update your Business Information:";

    private readonly int _partnerId;
    private readonly int _accountId;

    public SendTextDialogTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", null,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"),
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"),
            ("columbus", "Columbus", SmsNumberStatus.Pending, null),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null),
            ("hilliard", "Hilliard", SmsNumberStatus.Rejected, "+16145550199"));
        db.Recipients.AddRange(
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123" },
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Alex", LastName = "Morgan", Mobile = "+16145550126" });
        db.Templates.Add(new Template { AccountId = account.Id, Name = "Reminder", Body = "Hi {{firstName}}, see you tomorrow at {{practiceName}}." });
        db.SaveChanges();
        _partnerId = partner.Id;
        _accountId = account.Id;
        ActAs(TestActor.PracticeStaff(_partnerId, _accountId));
    }

    private sealed record Opened(IRenderedComponent<MudDialogProvider> Dialog, IRenderedComponent<MudPopoverProvider> Popovers, IDialogReference Reference);

    private async Task<Opened> OpenAsync(int? accountId = null)
    {
        var popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<SendTextDialog>("Send a Text Message",
            new DialogParameters<SendTextDialog> { { d => d.AccountId, accountId ?? _accountId } }));
        provider.WaitForAssertion(() => provider.Find("[data-testid=send-from]"));
        return new Opened(provider, popovers, reference);
    }

    private static string DisabledReason(Opened opened) => opened.Dialog.Find("[data-testid=send-disabled-reason]").TextContent.Trim();

    private static bool SendDisabled(Opened opened) => opened.Dialog.Find("[data-testid=send-button]").HasAttribute("disabled");

    private static void ChooseRecipient(Opened opened, string search, string name)
    {
        opened.Dialog.Find("input[data-testid=send-to]").Input(search);
        opened.Popovers.WaitForAssertion(() =>
            opened.Popovers.FindAll("[data-testid=recipient-option]").Should().Contain(o => o.TextContent.Contains(name)));
        opened.Popovers.FindAll("[data-testid=recipient-option]").First(o => o.TextContent.Contains(name))
            .Closest("[role=option]")!.Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=recipient-details]"));
    }

    private static IReadOnlyList<IElement> OpenSendFrom(Opened opened)
    {
        opened.Dialog.Find("input[data-testid=send-from]").Closest(".mud-input-control")!.MouseDown();
        opened.Popovers.WaitForAssertion(() => opened.Popovers.FindAll("[data-testid^=location-option]").Should().NotBeEmpty());
        return opened.Popovers.FindAll("[data-testid^=location-option]").Select(o => o.Closest("[role=option]")!).ToList();
    }

    private static void ChooseLocation(Opened opened, string name) =>
        OpenSendFrom(opened).First(o => o.TextContent.Contains(name)).Click();

    private static void Type(Opened opened, string text) => opened.Dialog.Find("textarea[data-testid=message-input]").Input(text);

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
    public async Task Message_CounterShowsEncodingCharactersSegmentsAndNonGsmCharacters_ReplaceFixesThem()
    {
        var opened = await OpenAsync();

        Type(opened, "Hi “Jordan” – see you");

        opened.Dialog.WaitForAssertion(() =>
            opened.Dialog.Find("[data-testid=counter-text]").TextContent.Should().MatchRegex(@"UCS-2\s·\s21 characters\s·\s1 segment"));
        opened.Dialog.Find("[data-testid=non-gsm-characters]").TextContent.Should().Contain("“").And.Contain("”").And.Contain("–");
        opened.Dialog.Find("[data-testid=replace-smart-characters]").Click();
        opened.Dialog.WaitForAssertion(() =>
            opened.Dialog.Find("[data-testid=counter-text]").TextContent.Should().MatchRegex(@"GSM-7\s·\s21 characters\s·\s1 segment"));
        opened.Dialog.FindAll("[data-testid=non-gsm-characters]").Should().BeEmpty();
        opened.Dialog.Find("textarea[data-testid=message-input]").GetAttribute("value").Should().Be("Hi \"Jordan\" - see you");
    }

    [Fact]
    public async Task Message_LongText_CountsSegments()
    {
        var opened = await OpenAsync();

        Type(opened, new string('a', 161));

        opened.Dialog.WaitForAssertion(() =>
            opened.Dialog.Find("[data-testid=counter-text]").TextContent.Should().MatchRegex(@"GSM-7\s·\s161 characters\s·\s2 segments"));
    }

    [Fact]
    public async Task Message_UrlShortener_BlockedWithRuleAndSendDisabled()
    {
        var opened = await OpenAsync();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");
        ChooseLocation(opened, "Dublin");

        Type(opened, "Book here: bit.ly/x");

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=lint-blocked]").TextContent
            .Should().Contain("\"bit.ly\"").And.Contain("carriers block public link shorteners"));
        SendDisabled(opened).Should().BeTrue();
        DisabledReason(opened).Should().Contain("blocked content");
    }

    [Fact]
    public async Task Message_Warning_NeedsOneConfirmationThenSends()
    {
        var opened = await OpenAsync();
        ChooseRecipient(opened, "Jordan", "Jordan Ellis");
        ChooseLocation(opened, "Dublin");

        Type(opened, "YOUR APPOINTMENT IS TOMORROW AT NINE");

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=lint-warning]").TextContent.Should().Contain("capital letters"));
        DisabledReason(opened).Should().Be("Confirm the warnings to send this message.");
        opened.Dialog.Find("input[data-testid=confirm-warnings]").Change(true);
        opened.Dialog.WaitForAssertion(() => SendDisabled(opened).Should().BeFalse());
        opened.Dialog.Find("[data-testid=send-button]").Click();

        var result = await opened.Reference.Result.WaitAsync(TimeSpan.FromSeconds(5));
        result!.Canceled.Should().BeFalse();
        using var db = Database.CreateDbContext();
        db.Messages.Single().Content.Should().Be("YOUR APPOINTMENT IS TOMORROW AT NINE");
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

    [Fact]
    public async Task IncompleteAccount_ShowsPromptWithExactWordingAndLink()
    {
        int lakeside = AddIncompleteAccount();
        ActAs(TestActor.PracticeStaff(_partnerId, lakeside));

        var opened = await OpenAsync(lakeside);

        opened.Dialog.Find("[data-testid=business-info-prompt]").TextContent.Should().Contain(PromptSentence);
        opened.Dialog.Find("[data-testid=update-business-info]").TextContent.Trim().Should().Be("Update Business Information");
        DisabledReason(opened).Should().Be("Complete the Business Information above before sending.");
    }

    [Fact]
    public async Task IncompleteAccount_FormAsksExactlyTheMissingFields_SubmitRequestsVerification()
    {
        int lakeside = AddIncompleteAccount();
        ActAs(TestActor.PracticeStaff(_partnerId, lakeside));
        var opened = await OpenAsync(lakeside);

        opened.Dialog.Find("[data-testid=update-business-info]").Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=business-info-form] input"));
        var fields = opened.Dialog.FindAll("[data-testid=business-info-form] input");
        fields.Select(f => f.GetAttribute("data-testid")).Should().Equal("business-field-address1");
        opened.Dialog.Find("[data-testid=business-info-form]").TextContent.Should().Contain("Street Address");

        opened.Dialog.Find("input[data-testid=business-field-address1]").Change("1 Lake Road");
        opened.Dialog.Find("[data-testid=submit-business-info]").Click();

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=verification-notice]").TextContent
            .Should().Contain("verification has been requested for Default Location").And.Contain("Verification usually takes 2–3 business days."));
        opened.Dialog.WaitForAssertion(() => opened.Dialog.FindAll("[data-testid=business-info-prompt]").Should().BeEmpty());
        var options = OpenSendFrom(opened);
        options.Single().TextContent.Should().Contain("SMS Pending").And.Contain("Number Pending");
        using var db = Database.CreateDbContext();
        db.Accounts.Single(a => a.Id == lakeside).Address1.Should().Be("1 Lake Road");
        db.VerificationRequests.Should().ContainSingle(r => r.AccountId == lakeside);
    }

    [Fact]
    public async Task IncompleteAccount_InvalidValue_ShownOnTheField()
    {
        int lakeside = AddIncompleteAccount(a => a.PostalCode = "ABC");
        ActAs(TestActor.PracticeStaff(_partnerId, lakeside));
        var opened = await OpenAsync(lakeside);
        opened.Dialog.Find("[data-testid=update-business-info]").Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("input[data-testid=business-field-postalCode]"));

        opened.Dialog.Find("input[data-testid=business-field-address1]").Change("1 Lake Road");
        opened.Dialog.Find("input[data-testid=business-field-postalCode]").Change("4411");
        opened.Dialog.Find("[data-testid=submit-business-info]").Click();

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=business-info-form]").TextContent
            .Should().Contain("is not a valid US ZIP code"));
        using var db = Database.CreateDbContext();
        db.VerificationRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task IncompleteAccount_PartnerProblems_NamedForThePartnerAdmin()
    {
        using (var db = Database.CreateDbContext())
        {
            db.Partners.Single().BusinessDetails.ContactEmail = "not-an-email";
            db.SaveChanges();
        }

        var opened = await OpenAsync();
        opened.Dialog.Find("[data-testid=update-business-info]").Click();

        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=partner-problems]").TextContent
            .Should().Contain("partner administrator").And.Contain("Contact Email"));
        opened.Dialog.FindAll("[data-testid=business-info-form] input").Should().BeEmpty();
    }

    private int AddIncompleteAccount(Action<Account>? change = null)
    {
        using var db = Database.CreateDbContext();
        var partner = db.Partners.Single(p => p.Id == _partnerId);
        return TestData.AddAccount(db, partner, "lakeside", a => { a.Address1 = null; change?.Invoke(a); }).Id;
    }
}
