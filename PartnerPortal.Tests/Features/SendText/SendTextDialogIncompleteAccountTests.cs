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

public sealed class SendTextDialogIncompleteAccountTests : SendTextDialogTestBase
{
    private const string PromptSentence =
        "Complete Business Information is needed in order to use Quick Send SMS. Invalid data can result in the inability to acquire " +
        "and verify a number for your account. Please click the following link to update your Business Information:";

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
