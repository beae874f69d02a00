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

public abstract class SendTextDialogTestBase : PortalTestContext
{
    protected readonly int _partnerId;
    protected readonly int _accountId;

    protected SendTextDialogTestBase()
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

    protected sealed record Opened(IRenderedComponent<MudDialogProvider> Dialog, IRenderedComponent<MudPopoverProvider> Popovers, IDialogReference Reference);

    protected async Task<Opened> OpenAsync(int? accountId = null)
    {
        var popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<SendTextDialog>("Send a Text Message",
            new DialogParameters<SendTextDialog> { { d => d.AccountId, accountId ?? _accountId } }));
        provider.WaitForAssertion(() => provider.Find("[data-testid=send-from]"));
        return new Opened(provider, popovers, reference);
    }

    protected static string DisabledReason(Opened opened) => opened.Dialog.Find("[data-testid=send-disabled-reason]").TextContent.Trim();

    protected static bool SendDisabled(Opened opened) => opened.Dialog.Find("[data-testid=send-button]").HasAttribute("disabled");

    protected static void ChooseRecipient(Opened opened, string search, string name)
    {
        opened.Dialog.Find("input[data-testid=send-to]").Input(search);
        opened.Popovers.WaitForAssertion(() =>
            opened.Popovers.FindAll("[data-testid=recipient-option]").Should().Contain(o => o.TextContent.Contains(name)));
        opened.Popovers.FindAll("[data-testid=recipient-option]").First(o => o.TextContent.Contains(name))
            .Closest("[role=option]")!.Click();
        opened.Dialog.WaitForAssertion(() => opened.Dialog.Find("[data-testid=recipient-details]"));
    }

    protected static IReadOnlyList<IElement> OpenSendFrom(Opened opened)
    {
        opened.Dialog.Find("input[data-testid=send-from]").Closest(".mud-input-control")!.MouseDown();
        opened.Popovers.WaitForAssertion(() => opened.Popovers.FindAll("[data-testid^=location-option]").Should().NotBeEmpty());
        return opened.Popovers.FindAll("[data-testid^=location-option]").Select(o => o.Closest("[role=option]")!).ToList();
    }

    protected static void ChooseLocation(Opened opened, string name) =>
        OpenSendFrom(opened).First(o => o.TextContent.Contains(name)).Click();

    protected static void Type(Opened opened, string text) => opened.Dialog.Find("textarea[data-testid=message-input]").Input(text);
}
