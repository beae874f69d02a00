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
    TimeProvider time,
    ProviderSecrets providerSecrets)
{
    public const string DemoPassword = "Portal-Demo-2026!";
    public const string DemoPartnerKey = "pk_demo_northwind";
    public const string DemoContosoKey = "pk_demo_contoso";
    public const string DemoIntegrationKey = "vox-demo-riverside";

    /// <summary>Riverside's provider callback secret in the demo, so a signed inbound reply can be tried with curl (README).</summary>
    public const string DemoRiversideCallbackSecret = "cb_demo_riverside";

    private static readonly string[] Cities =
    [
        "Columbus|OH|43215", "Cleveland|OH|44114", "Dayton|OH|45402", "Toledo|OH|43604", "Akron|OH|44308",
        "Ann Arbor|MI|48104", "Detroit|MI|48226", "Indianapolis|IN|46204", "Pittsburgh|PA|15222", "Louisville|KY|40202",
    ];

    private static readonly string[] Specialties =
    [
        "Cardiology", "Orthopedics", "Family Practice", "Dental Care", "Eye Care", "Physical Therapy", "Pediatrics",
        "Women's Health", "Dermatology", "Urgent Care", "Allergy Clinic", "Sports Medicine",
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var northwind = await EnsurePartnerAsync(db, "northwind-ehr", "Northwind EHR", smsApiEnabled: true, new PartnerBusinessDetails
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
        var contoso = await EnsurePartnerAsync(db, "contoso-health", "Contoso Health", smsApiEnabled: false, new PartnerBusinessDetails
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

        var riverside = await EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "riverside", BusinessName = "Riverside Family Medicine",
            Address1 = "455 Riverside Drive", City = "Columbus", State = "OH", PostalCode = "43215", CountryCode = "US",
            WebsiteUrl = "https://www.riversidefamily.example",
        }, [
            Loc("default", "Default Location", isDefault: true, "+14065550120", SmsNumberStatus.Approved),
            Loc("ann-arbor", "Ann Arbor (Northern Office)", isDefault: false, "+17045550127", SmsNumberStatus.Approved),
            Loc("columbus", "Columbus", isDefault: false, null, SmsNumberStatus.NoNumber),
            Loc("dublin", "Dublin", isDefault: false, "+12195550114", SmsNumberStatus.Approved),
            Loc("powell", "Powell", isDefault: false, null, SmsNumberStatus.NoNumber),
            Loc("worthington", "Worthington", isDefault: false, "+12295550109", SmsNumberStatus.Approved),
        ], cancellationToken);
        await EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "lakeside", BusinessName = "Lakeside Pediatrics",
            City = "Cleveland", State = "OH", PostalCode = "44114", CountryCode = "US",
            WebsiteUrl = "https://www.lakesidepediatrics.example",
        }, [Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], cancellationToken);
        await EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "hilltop", BusinessName = "Hilltop Dermatology",
            Address1 = "12 Hilltop Road", City = "Dayton", State = "OH", PostalCode = "45402", CountryCode = "US",
        }, [Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], cancellationToken);
        await EnsureAccountAsync(db, northwind, new Account
        {
            ExternalId = "maple", BusinessName = "Maple Street Clinic",
            Address1 = "88 Maple Street", City = "Toledo", State = "OH", PostalCode = "43604", CountryCode = "US",
            WebsiteUrl = "https://www.maplestreetclinic.example",
        }, [Loc("default", "Default Location", isDefault: true, null, SmsNumberStatus.NoNumber)], cancellationToken);

        for (var i = 0; i < 24; i++)
        {
            var (city, state, zip) = Split(Cities[i % Cities.Length]);
            var name = $"{city} {Specialties[i % Specialties.Length]}";
            var slug = $"{city.ToLowerInvariant().Replace(' ', '-')}-{Specialties[i % Specialties.Length].ToLowerInvariant().Replace(' ', '-').Replace("'", "")}";
            var account = new Account
            {
                ExternalId = slug, BusinessName = name,
                Address1 = $"{100 + i * 7} Commerce Avenue", City = city, State = state, PostalCode = zip, CountryCode = "US",
                WebsiteUrl = $"https://www.{slug}.example",
            };
            // Every third one is incomplete in a different way, so the filter and the fix list show variety.
            switch (i % 6)
            {
                case 1: account.PostalCode = null; break;
                case 3: account.State = "XX"; break;
                case 5: account.WebsiteUrl = "www.no-scheme.example"; break;
            }

            await EnsureAccountAsync(db, northwind, account,
                [Loc("default", "Default Location", isDefault: true, i % 2 == 0 ? $"+1614555{2000 + i:0000}" : null,
                    i % 2 == 0 ? SmsNumberStatus.Approved : SmsNumberStatus.NoNumber)], cancellationToken);
        }

        var contosoMain = await EnsureAccountAsync(db, contoso, new Account
        {
            ExternalId = "contoso-main", BusinessName = "Contoso Main Street Clinic",
            Address1 = "500 Pine Street", City = "Seattle", State = "WA", PostalCode = "98101", CountryCode = "US",
            WebsiteUrl = "https://www.contoso-main.example",
        }, [Loc("default", "Default Location", isDefault: true, "+12065550150", SmsNumberStatus.Approved)], cancellationToken);

        await EnsureRecipientsAsync(db, riverside, now, cancellationToken);
        await EnsureColumbusPendingAsync(db, riverside.Id, cancellationToken);
        await MessagingDemoData.AddAsync(db, northwind, riverside, now, cancellationToken);
        await ReportsDemoData.AddAsync(db, northwind, contoso, now, cancellationToken);

        if (db.ChangeTracker.HasChanges())
        {
            auditLog.Add(db, Actor.System("Demo data"), new AuditRecord("demo.seeded", "System", null, "Demo partners, accounts and locations created"));
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }

        await EnsureUserAsync("admin@northwind.test", "Avery Admin (Northwind)", PortalRoles.PartnerAdmin, northwind.Id, null);
        await EnsureUserAsync("support@northwind.test", "Sydney Support (Northwind)", PortalRoles.SupportAgent, northwind.Id, null);
        await EnsureUserAsync("staff@riverside.test", "Riley Staff (Riverside)", PortalRoles.PracticeStaff, northwind.Id, riverside.Id);
        await EnsureUserAsync("operator@vendor.test", "Olivia Operator (Vendor)", PortalRoles.Operator, null, null);
        await EnsureUserAsync("admin@contoso.test", "Casey Admin (Contoso)", PortalRoles.PartnerAdmin, contoso.Id, null);
        await ApiKeyService.EnsureKeyAsync(db, northwind.Id, null, ApiKeyScope.Partner, "Demo Partner API key", DemoPartnerKey, now, cancellationToken);
        await ApiKeyService.EnsureKeyAsync(db, contoso.Id, null, ApiKeyScope.Partner, "Demo Partner API key", DemoContosoKey, now, cancellationToken);
        await ApiKeyService.EnsureKeyAsync(db, northwind.Id, riverside.Id, ApiKeyScope.Account, "vox-demo", DemoIntegrationKey, now, cancellationToken);
        await EnsureDemoCallbackSecretAsync(db, northwind.Id, riverside.Id, now, cancellationToken);
        _ = contosoMain;
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

    private static (string City, string State, string Zip) Split(string value)
    {
        var parts = value.Split('|');
        return (parts[0], parts[1], parts[2]);
    }

    private static Location Loc(string externalId, string name, bool isDefault, string? number, SmsNumberStatus status) => new()
    {
        ExternalId = externalId,
        Name = name,
        IsDefault = isDefault,
        Kind = LocationKind.Location,
        SmsNumber = status == SmsNumberStatus.NoNumber ? null : new SmsNumber { Number = number, Status = status },
    };

    private async Task<Partner> EnsurePartnerAsync(ApplicationDbContext db, string slug, string name, bool smsApiEnabled,
        PartnerBusinessDetails details, CancellationToken cancellationToken)
    {
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (partner is null)
        {
            partner = new Partner { Slug = slug, DisplayName = name, SmsApiEnabled = smsApiEnabled, BusinessDetails = details, CorporateWebsite = details.Website };
            db.Partners.Add(partner);
            await db.SaveChangesAsync(cancellationToken);
        }

        return partner;
    }

    private async Task<Account> EnsureAccountAsync(ApplicationDbContext db, Partner partner, Account template,
        IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        var existing = await db.Accounts.FirstOrDefaultAsync(a => a.PartnerId == partner.Id && a.ExternalId == template.ExternalId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.GetUtcNow().UtcDateTime;
        template.PartnerId = partner.Id;
        template.CreatedThrough = CreatedThrough.Portal;
        template.CreatedAt = now;
        template.UpdatedAt = now;
        for (var i = 0; i < locations.Count; i++)
        {
            locations[i].SortOrder = i;
            if (locations[i].SmsNumber is { } number)
            {
                number.UpdatedAt = now;
            }

            template.Locations.Add(locations[i]);
        }

        AccountCompleteness.Refresh(template, partner.BusinessDetails);
        db.Accounts.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    private static async Task EnsureRecipientsAsync(ApplicationDbContext db, Account account, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Recipients.AnyAsync(r => r.AccountId == account.Id, cancellationToken))
        {
            return;
        }

        Recipient Patient(string first, string last, DateOnly dob, string? mobile, string? email, string providerId) => new()
        {
            AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = first, LastName = last, DateOfBirth = dob,
            Mobile = mobile, Email = email, ProviderId = providerId, CreatedAt = now, UpdatedAt = now,
        };

        db.Recipients.AddRange(
            Patient("Jordan", "Ellis", new DateOnly(1984, 3, 12), "+16145550123", "jordan.ellis@example.com", "P-1001"),
            Patient("Maria", "Gonzalez", new DateOnly(1990, 7, 4), "+16145550124", null, "P-1002"),
            Patient("Wei", "Chen", new DateOnly(1975, 11, 30), null, "wei.chen@example.com", "P-1003"),
            Patient("Tom", "Baker", new DateOnly(2001, 1, 15), "+16145550000", null, "P-1004"),
            new Recipient
            {
                AccountId = account.Id, Kind = RecipientKind.Contact, FirstName = "Priya", LastName = "Natarajan",
                Mobile = "+16145550125", Email = "priya@labpartners.example", CreatedAt = now, UpdatedAt = now,
            },
            new Recipient
            {
                AccountId = account.Id, Kind = RecipientKind.Patient, FirstName = "Alex", LastName = "Morgan",
                Mobile = "+16145550126", ProviderId = "P-1005", CreatedAt = now, UpdatedAt = now,
            });
        await db.SaveChangesAsync(cancellationToken);
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
