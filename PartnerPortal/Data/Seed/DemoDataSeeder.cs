using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Data.Seed;

/// <summary>
/// Development demo data (issue #2). Idempotent: each partner, account and user is created only when
/// missing. The external ids are the <c>accountId</c>/<c>locationId</c> values the APIs use.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    UserManager<ApplicationUser> userManager,
    AuditLog auditLog,
    NumberRequestService numberRequests,
    InboundService inbound,
    TimeProvider time,
    ProviderSecrets providerSecrets)
{
    public const string DemoPassword = "Portal-Demo-2026!";
    public const string DemoPartnerKey = "pk_demo_northwind";
    public const string DemoContosoKey = "pk_demo_contoso";
    public const string DemoIntegrationKey = "vox-demo-riverside";

    /// <summary>Riverside's provider callback secret in the demo, so a signed inbound reply can be tried with curl (README).</summary>
    public const string DemoRiversideCallbackSecret = "cb_demo_riverside";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var northwind = await DemoAccounts.EnsurePartnerAsync(db, "northwind-ehr", "Northwind EHR", smsApiEnabled: true, new PartnerBusinessDetails
        {
            Name = "Northwind EHR",
            LegalName = "Northwind EHR, Inc.",
            Address1 = "100 East Broad Street",
            Address2 = "Suite 400",
            City = "Columbus",
            State = "OH",
            PostalCode = "43215",
            CountryCode = "US",
            Website = "https://www.northwind-ehr.example",
            ContactFirstName = "Dana",
            ContactLastName = "Whitfield",
            ContactEmail = "dana.whitfield@northwind.test",
            ContactPhone = "+16145550100",
            LastUpdatedAt = now,
            LastUpdatedBy = "Demo data",
        }, cancellationToken);
        var contoso = await DemoAccounts.EnsurePartnerAsync(db, "contoso-health", "Contoso Health", smsApiEnabled: false, new PartnerBusinessDetails
        {
            Name = "Contoso Health",
            LegalName = "Contoso Health LLC",
            Address1 = "1 Contoso Way",
            City = "Seattle",
            State = "WA",
            PostalCode = "98101",
            CountryCode = "US",
            Website = "https://www.contoso-health.example",
            ContactFirstName = "Sam",
            ContactLastName = "Rivera",
            ContactEmail = "sam.rivera@contoso.test",
            ContactPhone = "+12065550111",
            LastUpdatedAt = now,
            LastUpdatedBy = "Demo data",
        }, cancellationToken);

        var riverside = await DemoAccounts.EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "riverside", BusinessName = "Riverside Family Medicine",
            Address1 = "455 Riverside Drive", City = "Columbus", State = "OH", PostalCode = "43215", CountryCode = "US",
            WebsiteUrl = "https://www.riversidefamily.example",
        }, [
            DemoAccounts.Loc("default", "Default Location", isDefault: true, "+14065550120", SmsNumberStatus.Approved),
            DemoAccounts.Loc("ann-arbor", "Ann Arbor (Northern Office)", isDefault: false, "+17045550127", SmsNumberStatus.Approved),
            DemoAccounts.Loc("columbus", "Columbus", isDefault: false, null, SmsNumberStatus.NoNumber),
            DemoAccounts.Loc("dublin", "Dublin", isDefault: false, "+12195550114", SmsNumberStatus.Approved),
            DemoAccounts.Loc("powell", "Powell", isDefault: false, null, SmsNumberStatus.NoNumber),
            DemoAccounts.Loc("worthington", "Worthington", isDefault: false, "+12295550109", SmsNumberStatus.Approved),
        ], now, cancellationToken);
        await DemoAccounts.EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "lakeside", BusinessName = "Lakeside Pediatrics",
            City = "Cleveland", State = "OH", PostalCode = "44114", CountryCode = "US",
            WebsiteUrl = "https://www.lakesidepediatrics.example",
        }, [DemoAccounts.Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], now, cancellationToken);
        await DemoAccounts.EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "hilltop", BusinessName = "Hilltop Dermatology",
            Address1 = "12 Hilltop Road", City = "Dayton", State = "OH", PostalCode = "45402", CountryCode = "US",
        }, [DemoAccounts.Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], now, cancellationToken);
        await DemoAccounts.EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "maple", BusinessName = "Maple Street Clinic",
            Address1 = "88 Maple Street", City = "Toledo", State = "OH", PostalCode = "43604", CountryCode = "US",
            WebsiteUrl = "https://www.maplestreetclinic.example",
        }, [DemoAccounts.Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], now, cancellationToken);

        await DemoAccounts.AddGeneratedAsync(db, northwind, now, cancellationToken);

        var contosoMain = await DemoAccounts.EnsureAccountAsync(db, contoso, new Account
        {
            ExternalId = "contoso-main", BusinessName = "Contoso Main Street Clinic",
            Address1 = "500 Pine Street", City = "Seattle", State = "WA", PostalCode = "98101", CountryCode = "US",
            WebsiteUrl = "https://www.contoso-main.example",
        }, [DemoAccounts.Loc("default", "Default Location", isDefault: true, "+12065550150", SmsNumberStatus.Approved)], now, cancellationToken);

        await DemoAccounts.EnsureRecipientsAsync(db, riverside, now, cancellationToken);
        await EnsureColumbusPendingAsync(db, riverside.Id, cancellationToken);
        await MessagingDemoData.AddAsync(db, northwind, riverside, now, cancellationToken);
        await ReportsDemoData.AddAsync(db, northwind, contoso, now, cancellationToken);
        await InboxDemoData.EnsureQueuesAsync(db, riverside.Id, InboxDemoData.RiversideQueues, cancellationToken);
        await InboxDemoData.EnsureQueuesAsync(db, contosoMain.Id, InboxDemoData.ContosoQueues, cancellationToken);
        await SaveSeededAsync(db, "Demo partners, accounts, locations and queues created", cancellationToken);
        var repliesDue = await InboxDemoData.AddSentTextsAsync(db, riverside.Id, now, cancellationToken);
        await SaveSeededAsync(db, "Demo texts for the Inbox created", cancellationToken);

        await EnsureUserAsync("admin@northwind.test", "Avery Admin (Northwind)", PortalRoles.PartnerAdmin, northwind.Id, null);
        await EnsureUserAsync("support@northwind.test", "Sydney Support (Northwind)", PortalRoles.SupportAgent, northwind.Id, null);
        await EnsureUserAsync("staff@riverside.test", "Riley Staff (Riverside)", PortalRoles.PracticeStaff, northwind.Id, riverside.Id);
        await EnsureUserAsync("operator@vendor.test", "Olivia Operator (Vendor)", PortalRoles.Operator, null, null);
        await EnsureUserAsync("admin@contoso.test", "Casey Admin (Contoso)", PortalRoles.PartnerAdmin, contoso.Id, null);
        await ApiKeyService.EnsureKeyAsync(db, northwind.Id, null, ApiKeyScope.Partner, "Demo Partner API key", DemoPartnerKey, now, cancellationToken);
        await ApiKeyService.EnsureKeyAsync(db, contoso.Id, null, ApiKeyScope.Partner, "Demo Partner API key", DemoContosoKey, now, cancellationToken);
        await ApiKeyService.EnsureKeyAsync(db, northwind.Id, riverside.Id, ApiKeyScope.Account, "vox-demo", DemoIntegrationKey, now, cancellationToken);
        await EnsureDemoCallbackSecretAsync(db, northwind.Id, riverside.Id, now, cancellationToken);
        if (repliesDue)
        {
            // After the users: the replies notify Riverside's staff, as live ones do.
            await InboxDemoData.ReceiveRepliesAsync(db, inbound, riverside.Id, cancellationToken);
        }
    }

    private async Task SaveSeededAsync(ApplicationDbContext db, string summary, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            auditLog.Add(db, Actor.System("Demo data"), new AuditRecord("demo.seeded", "System", null, summary));
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }
    }

    /// <summary>Riverside's callback secret is the fixed <see cref="DemoRiversideCallbackSecret"/> (demo data only, so never in production).</summary>
    private async Task EnsureDemoCallbackSecretAsync(ApplicationDbContext db, int partnerId, int riversideId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = await providerSecrets.EnsureAsync(db, riversideId, now, cancellationToken);
        if (providerSecrets.UnprotectCallbackSecret(settings.ProtectedCallbackSecret) == DemoRiversideCallbackSecret)
        {
            return;
        }

        settings.ProtectedCallbackSecret = providerSecrets.ProtectCallbackSecret(DemoRiversideCallbackSecret);
        settings.UpdatedAt = now;
        auditLog.Add(db, Actor.System("Demo data"), new AuditRecord("provider.callback_secret_set", "ProviderSettings", riversideId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Riverside's provider callback secret set to the demo value (demo data)", partnerId, riversideId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
    }

    /// <summary>Riverside's Columbus location waits for verification: a real request, so an operator can decide it.</summary>
    private async Task EnsureColumbusPendingAsync(ApplicationDbContext db, int riversideId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Partner).Include(a => a.Locations).ThenInclude(l => l.SmsNumber)
            .FirstAsync(a => a.Id == riversideId, cancellationToken);
        var columbus = account.Locations.Single(l => l.ExternalId == "columbus");
        if (columbus.SmsNumber is not null)
        {
            return;
        }

        var requested = numberRequests.RequestWithin(db, Actor.System("Demo data"), account, [columbus.Id]);
        if (!requested.Succeeded)
        {
            throw new InvalidOperationException($"Demo data: Columbus could not be requested: {requested.FirstError!.Message}");
        }

        await auditLog.SaveChangesAsync(db, cancellationToken);
    }

    private async Task EnsureUserAsync(string email, string displayName, string role, int? partnerId, int? accountId)
    {
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PartnerId = partnerId,
            AccountId = accountId,
        };
        var created = await userManager.CreateAsync(user, DemoPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await userManager.AddToRoleAsync(user, role);
    }
}
