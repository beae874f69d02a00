using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Features.SendText;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Features.SendText;

/// <summary>The Send dialog tells when a text held by quiet hours goes out, before sending (the clock is 12:00 UTC, 7:00 in Ohio).</summary>
public sealed class SendTimingTests : PortalTestContext
{
    private readonly int _accountId;

    public SendTimingTests()
    {
        using var db = Database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", a => a.QuietHoursDisabled = false,
            ("default", "Default Location", SmsNumberStatus.Approved, "+16145550100"));
        db.Recipients.AddRange(
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis", DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123" },
            new Recipient { AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Kai", LastName = "Akana", DateOfBirth = new DateOnly(1990, 1, 2), Mobile = "+18085550123" });
        db.SaveChanges();
        _accountId = account.Id;
        ActAs(TestActor.PracticeStaff(partner.Id, account.Id));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialog, IRenderedComponent<MudPopoverProvider> Popovers)> OpenWithRecipientAsync(string name)
    {
        var popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SendTextDialog>("Send a Text Message",
            new DialogParameters<SendTextDialog> { { d => d.AccountId, _accountId } }));
        provider.WaitForAssertion(() => provider.Find("[data-testid=send-from]"));
        provider.Find("input[data-testid=send-to]").Input(name);
        popovers.WaitForAssertion(() => popovers.FindAll("[data-testid=recipient-option]").Should().Contain(o => o.TextContent.Contains(name)));
        popovers.FindAll("[data-testid=recipient-option]").First(o => o.TextContent.Contains(name)).Closest("[role=option]")!.Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=recipient-details]"));
        return (provider, popovers);
    }

    [Fact]
    public async Task Recipient_InsideQuietHours_ToldWhenItWillBeSentBeforeSending()
    {
        var (dialog, _) = await OpenWithRecipientAsync("Jordan");

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=send-timing]").TextContent.Trim()
            .Should().Be("This text will be sent at 8:00 AM (the recipient's time)."));
    }

    [Fact]
    public async Task Recipient_InHawaii_ToldInTheirOwnTime()
    {
        // 12:00 UTC is 2:00 in Honolulu: 8:00 there is 18:00 UTC.
        var (dialog, _) = await OpenWithRecipientAsync("Kai");

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=send-timing]").TextContent.Trim()
            .Should().Be("This text will be sent at 8:00 AM (the recipient's time)."));
    }

    [Fact]
    public async Task Recipient_QuietHoursOff_NoNotice()
    {
        using (var db = Database.CreateDbContext())
        {
            db.Accounts.Where(a => a.Id == _accountId).ExecuteUpdate(s => s.SetProperty(a => a.QuietHoursDisabled, true));
        }

        var (dialog, _) = await OpenWithRecipientAsync("Jordan");

        dialog.FindAll("[data-testid=send-timing]").Should().BeEmpty();
    }
}
