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

public sealed class SendTextDialogMessageTests : SendTextDialogTestBase
{
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
}
