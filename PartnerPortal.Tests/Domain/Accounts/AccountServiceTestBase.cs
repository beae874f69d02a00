using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Accounts;

public abstract class AccountServiceTestBase : IDisposable
{
    protected readonly TestDatabase _database = new();
    protected readonly TestActor _actor = new();
    protected readonly FixedTimeProvider _clock = new();
    protected readonly AccountService _service;
    protected readonly Partner _northwind;
    protected readonly Partner _contoso;

    protected AccountServiceTestBase()
    {
        _service = new AccountService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        _contoso = TestData.AddPartner(db, "contoso-health");
    }

    public void Dispose() => _database.Dispose();

    /// <summary>
    /// A database of its own that records every query's plan (SQLite), with Northwind and the accounts <paramref name="seed"/>
    /// adds, and an account service acting as Northwind's support agent; the seeding's queries are not recorded.
    /// </summary>
    protected (TestDatabase Database, AccountService Service) RecordingPlansAsSupportAgent(Action<ApplicationDbContext, Partner> seed)
    {
        var database = TestDatabase.RecordingPlans();
        int partnerId;
        using (var setup = database.CreateDbContext())
        {
            var partner = TestData.AddPartner(setup, "northwind-ehr");
            partnerId = partner.Id;
            seed(setup, partner);
        }

        var service = new AccountService(database, new TestActor { Current = TestActor.SupportAgent(partnerId) }, new AuditLog(_clock), _clock);
        database.Plans!.Clear();
        return (database, service);
    }

    /// <summary>Riverside (complete), Lakeside (no street address), Hilltop (no website: partner's), state-xx (invalid state).</summary>
    protected Dictionary<string, int> AddDemoLikeAccounts()
    {
        using var db = _database.CreateDbContext();
        return new Dictionary<string, int>
        {
            ["riverside"] = TestData.AddAccount(db, _northwind, "riverside", a => a.BusinessName = "Riverside Family Medicine").Id,
            ["lakeside"] = TestData.AddAccount(db, _northwind, "lakeside", a => { a.BusinessName = "Lakeside Pediatrics"; a.Address1 = null; }).Id,
            ["hilltop"] = TestData.AddAccount(db, _northwind, "hilltop", a => { a.BusinessName = "Hilltop Dermatology"; a.WebsiteUrl = null; }).Id,
            ["state-xx"] = TestData.AddAccount(db, _northwind, "state-xx", a => a.State = "XX").Id,
        };
    }
}
