using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Infrastructure.Carrier;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Numbers;

/// <summary>The real number services over an in-memory database, with a settable actor and clock.</summary>
public sealed class NumbersHarness : IDisposable
{
    public NumbersHarness(TestDatabase? database = null)
    {
        Database = database ?? new TestDatabase();
        AuditLog = new AuditLog(Clock);
        Requests = new NumberRequestService(Database, Actor, AuditLog, Clock);
        Numbers = new SmsNumberService(Database, Actor, Requests);
        Decisions = new VerificationDecisions(Database, AuditLog, Clock, new SimulatedCarrierPool());
        Verification = new VerificationService(Database, Actor, Decisions);
    }

    public TestDatabase Database { get; }
    public TestActor Actor { get; } = new();
    public FixedTimeProvider Clock { get; } = new();
    public AuditLog AuditLog { get; }
    public NumberRequestService Requests { get; }
    public SmsNumberService Numbers { get; }
    public VerificationDecisions Decisions { get; }
    public VerificationService Verification { get; }

    public ApplicationDbContext Db() => Database.CreateDbContext();

    public int LocationId(int accountId, string externalId)
    {
        using var db = Db();
        return db.Locations.Single(l => l.AccountId == accountId && l.ExternalId == externalId).Id;
    }

    public SmsNumber? NumberOf(int accountId, string externalId)
    {
        using var db = Db();
        return db.SmsNumbers.AsNoTracking().SingleOrDefault(n => n.Location.AccountId == accountId && n.Location.ExternalId == externalId);
    }

    public List<string> AuditActions()
    {
        using var db = Db();
        return db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToList();
    }

    /// <summary>Requests a number for one location as the partner's admin and returns the verification request id.</summary>
    public async Task<int> RequestAsync(int partnerId, int accountId, string locationExternalId)
    {
        var previous = Actor.Current;
        Actor.Current = TestActor.PartnerAdmin(partnerId);
        var result = await Numbers.AddNumberAsync(accountId, LocationId(accountId, locationExternalId), CancellationToken.None);
        Actor.Current = previous;
        result.Succeeded.Should().BeTrue(result.FirstError?.Message);
        return result.Value!.VerificationRequestId;
    }

    public void Dispose() => Database.Dispose();
}
