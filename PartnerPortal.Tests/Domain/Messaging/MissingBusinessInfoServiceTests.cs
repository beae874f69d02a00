using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Messaging;

public sealed class MissingBusinessInfoServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly MissingBusinessInfoService _service;
    private readonly Partner _partner;
    private readonly Account _account;

    public MissingBusinessInfoServiceTests()
    {
        var auditLog = new AuditLog(_clock);
        _service = new MissingBusinessInfoService(_database, _actor, auditLog, new NumberRequestService(_database, _actor, auditLog, _clock), _clock);
        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "lakeside", a => { a.Address1 = null; a.PostalCode = "ABC"; });
        _actor.Current = TestActor.PracticeStaff(_partner.Id, _account.Id);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetFormAsync_IncompleteAccount_AsksForExactlyTheMissingAndInvalidFields()
    {
        var form = await _service.GetFormAsync(_account.Id, CancellationToken.None);

        form.Value!.Fields.Select(f => f.Field).Should().Equal("address1", "postalCode");
        form.Value.Fields[1].CurrentValue.Should().Be("ABC");
        form.Value.PartnerProblems.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_ValidValues_SavesAuditsAndRequestsVerification()
    {
        var result = await _service.SubmitAsync(_account.Id,
            new Dictionary<string, string?> { ["address1"] = "1 Lake Road", ["postalCode"] = "44114", ["city"] = "Elsewhere" },
            CancellationToken.None);

        result.Value!.VerificationRequested.Should().BeTrue();
        result.Value.RequestedLocations.Should().Equal("Default Location");
        using var db = _database.CreateDbContext();
        var account = db.Accounts.Single(a => a.Id == _account.Id);
        account.Address1.Should().Be("1 Lake Road");
        account.City.Should().Be("Columbus", "only the asked fields are written");
        account.SmsDetailsComplete.Should().BeTrue();
        db.SmsNumbers.Single().Status.Should().Be(SmsNumberStatus.Pending);
        db.VerificationRequests.Should().ContainSingle(r => r.AccountId == _account.Id);
        db.AuditEntries.Single(e => e.Action == "account.updated").ChangesJson.Should().Contain("1 Lake Road");
        db.AuditEntries.Should().ContainSingle(e => e.Action == "verification.requested");
    }

    [Fact]
    public async Task SubmitAsync_StillInvalid_FieldErrorAndNothingSaved()
    {
        var result = await _service.SubmitAsync(_account.Id,
            new Dictionary<string, string?> { ["address1"] = "1 Lake Road", ["postalCode"] = "4411" }, CancellationToken.None);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("postalCode");
        using var db = _database.CreateDbContext();
        db.Accounts.Single(a => a.Id == _account.Id).Address1.Should().BeNull();
        db.VerificationRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_PartnerContactIncomplete_SavesButNamesPartnerProblems()
    {
        using (var db = _database.CreateDbContext())
        {
            var partner = db.Partners.Single();
            partner.BusinessDetails.ContactPhone = null;
            db.SaveChanges();
        }

        var result = await _service.SubmitAsync(_account.Id,
            new Dictionary<string, string?> { ["address1"] = "1 Lake Road", ["postalCode"] = "44114" }, CancellationToken.None);

        result.Value!.VerificationRequested.Should().BeFalse();
        result.Value.RemainingProblems.Should().ContainSingle(p => p.Field == "contactPhone");
    }

    [Fact]
    public async Task SubmitAsync_AnotherAccount_NotFound()
    {
        int other;
        using (var db = _database.CreateDbContext())
        {
            other = TestData.AddAccount(db, _partner, "riverside", a => a.Address1 = null).Id;
        }

        var result = await _service.SubmitAsync(other, new Dictionary<string, string?> { ["address1"] = "x" }, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }
}
