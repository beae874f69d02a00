using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Partners;

public sealed class PartnerServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly PartnerService _service;
    private readonly Partner _northwind;
    private readonly Partner _contoso;

    public PartnerServiceTests()
    {
        _service = new PartnerService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        _contoso = TestData.AddPartner(db, "contoso-health");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetBusinessDetailsAsync_SupportAgent_ReadsItsPartnerWithoutEditing()
    {
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.GetBusinessDetailsAsync(default);

        result.Value!.Vendor.Should().Be("northwind-ehr");
        result.Value.ContactPhone.Should().Be("+16145550100");
        result.Value.Address.Should().Be("1 Main Street, Columbus, OH 43215, US");
        result.Value.CanEdit.Should().BeFalse();
    }

    [Fact]
    public async Task GetBusinessDetailsAsync_AnotherPartner_NotFound()
    {
        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _service.GetBusinessDetailsAsync(_northwind.Id, default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task GetBusinessDetailsAsync_PracticeStaff_NotFound()
    {
        _actor.Current = TestActor.PracticeStaff(_northwind.Id, 1);

        var result = await _service.GetBusinessDetailsAsync(default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_PhoneAsPeopleTypeIt_StoredInE164()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        _clock.Advance(TimeSpan.FromDays(1));

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { ContactPhone = "(614) 555-0123" }, default);

        result.Succeeded.Should().BeTrue();
        result.Value!.ContactPhone.Should().Be("+16145550123");
        await using var db = _database.CreateDbContext();
        var stored = (await db.Partners.SingleAsync(p => p.Id == _northwind.Id)).BusinessDetails;
        stored.ContactPhone.Should().Be("+16145550123");
        stored.LastUpdatedAt.Should().Be(_clock.Now.UtcDateTime);
        stored.LastUpdatedBy.Should().Be(_actor.Current.DisplayName);
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_CanadianPartner_PhoneReadForCanada()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        var update = await CurrentAsync() with
        {
            CountryCode = "ca", State = "on", PostalCode = "k1a 0b1", City = "Ottawa", ContactPhone = "613 555 0123",
        };

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, update, default);

        result.Succeeded.Should().BeTrue();
        result.Value!.Should().BeEquivalentTo(new { CountryCode = "CA", State = "ON", PostalCode = "K1A 0B1", ContactPhone = "+16135550123" });
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_InvalidPhone_RefusedWithTheReasonAndNothingSaved()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { ContactPhone = "555-01" }, default);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be(nameof(BusinessDetailsUpdate.ContactPhone));
        error.Message.Should().Contain("Contact Phone is not a valid US phone number");
        await using var db = _database.CreateDbContext();
        (await db.Partners.SingleAsync(p => p.Id == _northwind.Id)).BusinessDetails.ContactPhone.Should().Be("+16145550100");
        (await db.AuditEntries.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_InvalidOrMissingValues_OneErrorPerField()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        var update = await CurrentAsync() with
        {
            Website = "northwind.example", ContactEmail = "dana@", ContactFirstName = "  ", CountryCode = "USA",
        };

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, update, default);

        result.Errors.Select(e => (e.Field, e.Message)).Should().BeEquivalentTo(new[]
        {
            (nameof(BusinessDetailsUpdate.Website), "Website must be an absolute http(s) address such as https://example.com."),
            (nameof(BusinessDetailsUpdate.ContactEmail), "Contact Email must be an email address such as name@example.com."),
            (nameof(BusinessDetailsUpdate.ContactFirstName), "Contact First Name is required."),
            (nameof(BusinessDetailsUpdate.CountryCode), "Country must be a two-letter ISO 3166-1 code such as US."),
        });
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_SupportAgent_RefusedAndNothingSaved()
    {
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { Name = "Renamed" }, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        await using var db = _database.CreateDbContext();
        (await db.Partners.SingleAsync(p => p.Id == _northwind.Id)).BusinessDetails.Name.Should().Be("northwind-ehr");
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_AnotherPartnersAdmin_NotFound()
    {
        _actor.Current = TestActor.PartnerAdmin(_contoso.Id);

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, TestUpdate(), default);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_Saved_AuditEntryWithFieldChangesInTheChain()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { ContactPhone = "614-555-0199", LegalName = "Northwind, LLC" }, default);

        await using var db = _database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync();
        entry.Should().BeEquivalentTo(new
        {
            Action = "partner.business-details.updated",
            EntityType = "Partner",
            EntityId = _northwind.Id.ToString(),
            PartnerId = (int?)_northwind.Id,
            ActorId = _actor.Current.Id,
        });
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson!, JsonSerializerOptions.Web).Should().Equal(
            new FieldChange(nameof(BusinessDetailsUpdate.LegalName), "northwind-ehr, Inc.", "Northwind, LLC"),
            new FieldChange(nameof(BusinessDetailsUpdate.ContactPhone), "+16145550100", "+16145550199"));
        (await AuditLog.VerifyAsync(db, default)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_ContactCompleted_AccountsOfThatPartnerBecomeComplete()
    {
        int lakeside;
        using (var db = _database.CreateDbContext())
        {
            var partner = await db.Partners.SingleAsync(p => p.Id == _northwind.Id);
            partner.BusinessDetails.ContactPhone = null;
            await db.SaveChangesAsync();
            TestData.AddAccount(db, partner, "riverside");
            TestData.AddAccount(db, partner, "hilltop", a => a.WebsiteUrl = null);
            lakeside = TestData.AddAccount(db, partner, "lakeside", a => a.Address1 = null).Id;
            var other = await db.Partners.SingleAsync(p => p.Id == _contoso.Id);
            other.BusinessDetails.ContactPhone = null;
            await db.SaveChangesAsync();
            TestData.AddAccount(db, other, "contoso-main");
        }

        (await CompleteAccountsAsync()).Should().BeEmpty();
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var result = await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { ContactPhone = "(614) 555-0100" }, default);

        result.Succeeded.Should().BeTrue();
        (await CompleteAccountsAsync()).Should().BeEquivalentTo(["riverside", "hilltop"]);
        await using var verify = _database.CreateDbContext();
        (await verify.AuditEntries.SingleAsync()).Summary.Should().Contain("completeness changed for 2 accounts");
        (await verify.Accounts.SingleAsync(a => a.Id == lakeside)).SmsDetailsComplete.Should().BeFalse();
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_PartnerWebsiteFixed_OnlyAccountsWithoutTheirOwnWebsiteFlip()
    {
        using (var db = _database.CreateDbContext())
        {
            var partner = await db.Partners.SingleAsync(p => p.Id == _northwind.Id);
            partner.BusinessDetails.Website = "www.northwind.example";
            await db.SaveChangesAsync();
            TestData.AddAccount(db, partner, "riverside");
            TestData.AddAccount(db, partner, "hilltop", a => a.WebsiteUrl = null);
            TestData.AddAccount(db, partner, "bad-site", a => a.WebsiteUrl = "not a url");
        }

        (await CompleteAccountsAsync()).Should().BeEquivalentTo(["riverside"]);
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        await _service.UpdateBusinessDetailsAsync(_northwind.Id, await CurrentAsync() with { Website = "https://www.northwind.example" }, default);

        (await CompleteAccountsAsync()).Should().BeEquivalentTo(["riverside", "hilltop"]);
    }

    [Fact]
    public async Task UpdateBusinessDetailsAsync_StoredResultMatchesTheRuleForEveryAccount()
    {
        using (var db = _database.CreateDbContext())
        {
            var partner = await db.Partners.SingleAsync(p => p.Id == _northwind.Id);
            partner.BusinessDetails.ContactEmail = null;
            partner.BusinessDetails.Website = null;
            await db.SaveChangesAsync();
            TestData.AddAccount(db, partner, "complete");
            TestData.AddAccount(db, partner, "no-site", a => a.WebsiteUrl = null);
            TestData.AddAccount(db, partner, "alt-site", a => { a.WebsiteUrl = null; a.AlternativeWebsiteUrl = "https://alt.example"; });
            TestData.AddAccount(db, partner, "no-zip", a => a.PostalCode = null);
        }

        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        await _service.UpdateBusinessDetailsAsync(_northwind.Id, TestUpdate(), default);

        await using var verify = _database.CreateDbContext();
        var partnerDetails = (await verify.Partners.SingleAsync(p => p.Id == _northwind.Id)).BusinessDetails;
        foreach (var account in await verify.Accounts.Where(a => a.PartnerId == _northwind.Id).ToListAsync())
        {
            account.SmsDetailsComplete.Should().Be(AccountCompleteness.Evaluate(account, partnerDetails).IsComplete, account.ExternalId);
        }
    }

    private async Task<BusinessDetailsUpdate> CurrentAsync()
    {
        var actor = _actor.Current;
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);
        var current = (await _service.GetBusinessDetailsAsync(_northwind.Id, default)).Value!.ToUpdate();
        _actor.Current = actor;
        return current;
    }

    private static BusinessDetailsUpdate TestUpdate() => new(
        "Northwind EHR", "Northwind EHR, Inc.", "100 East Broad Street", "Suite 400", "Columbus", "OH", "43215", "US",
        "https://www.northwind-ehr.example", "Dana", "Whitfield", "dana@northwind.test", "(614) 555-0100");

    private async Task<List<string>> CompleteAccountsAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Accounts.Where(a => a.SmsDetailsComplete).Select(a => a.ExternalId).ToListAsync();
    }
}
