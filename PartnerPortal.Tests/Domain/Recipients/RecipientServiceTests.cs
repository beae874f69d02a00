using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Recipients;

public sealed class RecipientServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly RecipientService _service;
    private readonly Partner _partner;
    private readonly Account _account;

    public RecipientServiceTests()
    {
        _service = new RecipientService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside");
        _actor.Current = TestActor.PracticeStaff(_partner.Id, _account.Id);
    }

    public void Dispose() => _database.Dispose();

    private static RecipientInput Jordan(string? mobile = "(614) 555-0123") =>
        new(RecipientKind.Patient, "Jordan", "Ellis", new DateOnly(1984, 3, 12), mobile, "jordan@example.com", "P-1001");

    [Fact]
    public async Task AddAsync_MobileAsTyped_StoredAsE164AndAuditedWithoutPhi()
    {
        var result = await _service.AddAsync(_account.Id, Jordan(), CancellationToken.None);

        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        result.Value!.Mobile.Should().Be("+16145550123");
        result.Value.DateOfBirth.Should().Be(new DateOnly(1984, 3, 12));
        using var db = _database.CreateDbContext();
        var entry = db.AuditEntries.Single(e => e.Action == "recipient.created");
        entry.Summary.Should().NotContain("Jordan").And.NotContain("Ellis").And.NotContain("555");
    }

    [Fact]
    public async Task AddAsync_InvalidMobile_RefusedForTheField()
    {
        var result = await _service.AddAsync(_account.Id, Jordan("12"), CancellationToken.None);

        result.FirstError!.Field.Should().Be("mobile");
    }

    [Fact]
    public async Task UpdateAsync_ChangedFields_AuditNamesFieldsNotValues()
    {
        var added = await _service.AddAsync(_account.Id, Jordan(), CancellationToken.None);

        var updated = await _service.UpdateAsync(_account.Id, added.Value!.Id,
            Jordan("+1 614 555 0124") with { LastName = "Ellis-Park" }, CancellationToken.None);

        updated.Value!.Mobile.Should().Be("+16145550124");
        using var db = _database.CreateDbContext();
        var entry = db.AuditEntries.Single(e => e.Action == "recipient.updated");
        entry.Summary.Should().Contain("Last Name").And.Contain("Mobile").And.NotContain("Ellis-Park").And.NotContain("0124");
        entry.ChangesJson.Should().BeNull();
    }

    [Fact]
    public async Task SearchAsync_ByNameOrDigits_FindsAndShowsOptOut()
    {
        var added = await _service.AddAsync(_account.Id, Jordan(), CancellationToken.None);
        await _service.AddAsync(_account.Id, new RecipientInput(RecipientKind.Contact, "Priya", "Natarajan", null, "+16145550125", null), CancellationToken.None);
        using (var db = _database.CreateDbContext())
        {
            db.OptOuts.Add(new OptOut { AccountId = _account.Id, Phone = "+16145550123", Keyword = "STOP", OptedOutAt = TestData.Now });
            db.SaveChanges();
        }

        var byName = await _service.SearchAsync(_account.Id, "jordan ell", 0, 20, CancellationToken.None);
        var byDigits = await _service.SearchAsync(_account.Id, "555-0125", 0, 20, CancellationToken.None);
        var all = await _service.SearchAsync(_account.Id, null, 0, 20, CancellationToken.None);

        byName.Value!.Items.Should().ContainSingle().Which.Id.Should().Be(added.Value!.Id);
        byName.Value.Items[0].IsOptedOut.Should().BeTrue();
        byName.Value.Items[0].OptOutKeyword.Should().Be("STOP");
        byDigits.Value!.Items.Should().ContainSingle().Which.LastName.Should().Be("Natarajan");
        all.Value!.TotalCount.Should().Be(2);
        all.Value.Items.Select(r => r.LastName).Should().Equal("Ellis", "Natarajan");
    }

    [Fact]
    public async Task SearchAsync_AnotherAccount_NotFound()
    {
        int other;
        using (var db = _database.CreateDbContext())
        {
            other = TestData.AddAccount(db, _partner, "lakeside").Id;
        }

        var result = await _service.SearchAsync(other, null, 0, 20, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task AddAsync_Operator_Refused4030()
    {
        _actor.Current = TestActor.Operator();

        var result = await _service.AddAsync(_account.Id, Jordan(), CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }
}
