using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Numbers;

public sealed class NumberRequestServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly NumberRequestService _service;

    public NumberRequestServiceTests() =>
        _service = new NumberRequestService(_database, _actor, new AuditLog(new FixedTimeProvider()), new FixedTimeProvider());

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RequestAsync_AnotherPartnersAccount_IsNotFoundAndChangesNothing()
    {
        using var db = _database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        var contoso = TestData.AddPartner(db, "contoso");
        var contosoAccount = TestData.AddAccount(db, contoso, "contoso-main");
        _actor.Current = TestActor.PartnerAdmin(northwind.Id);

        var result = await _service.RequestAsync(contosoAccount.Id, null, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
        await using var check = _database.CreateDbContext();
        (await check.SmsNumbers.CountAsync()).Should().Be(0);
        (await check.VerificationRequests.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task RequestAsync_StaffOfAnotherAccount_IsNotFound()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var own = TestData.AddAccount(db, partner, "own");
        var other = TestData.AddAccount(db, partner, "other");
        _actor.Current = TestActor.PracticeStaff(partner.Id, own.Id);

        var result = await _service.RequestAsync(other.Id, null, CancellationToken.None);

        result.FirstError!.Code.Should().Be(ResultCodes.NotFound);
    }

    [Fact]
    public async Task RequestAsync_CompleteAccount_MakesNumbersPendingWithSnapshotAndAudit()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside");
        _actor.Current = TestActor.PartnerAdmin(partner.Id);

        var result = await _service.RequestAsync(account.Id, null, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        await using var check = _database.CreateDbContext();
        var number = await check.SmsNumbers.SingleAsync();
        number.Status.Should().Be(SmsNumberStatus.Pending);
        number.Number.Should().BeNull();
        var request = await check.VerificationRequests.SingleAsync();
        request.Id.Should().Be(result.Value!.VerificationRequestId);
        number.VerificationRequestId.Should().Be(request.Id);
        var snapshot = NumberRequestService.ReadSnapshot(request.SnapshotJson)!;
        snapshot.Address1.Should().Be("2 Elm Street");
        snapshot.Website.Should().Be("https://www.riverside.example");
        snapshot.ContactPhone.Should().Be("+16145550100");
        (await check.AuditEntries.SingleAsync()).Action.Should().Be("verification.requested");
    }

    [Fact]
    public async Task RequestAsync_IncompleteAccount_Refuses4039WithFieldsAndRequestsNothing()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "lakeside", a => a.Address1 = null);
        _actor.Current = TestActor.PartnerAdmin(partner.Id);

        var result = await _service.RequestAsync(account.Id, null, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Field == "address1" && e.Code == ResultCodes.BusinessInfoInsufficient);
        await using var check = _database.CreateDbContext();
        (await check.VerificationRequests.CountAsync()).Should().Be(0);
        (await check.AuditEntries.CountAsync()).Should().Be(0);
    }
}
