using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Data.Seed;

/// <summary>The demo's partners, accounts, locations and Riverside's address book (idempotent: each is created only when missing).</summary>
public static class DemoAccounts
{
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

    /// <summary>24 more Northwind accounts in ten cities; every third one incomplete in its own way.</summary>
    public static async Task AddGeneratedAsync(ApplicationDbContext db, Partner northwind, DateTime now, CancellationToken cancellationToken)
    {
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
                    i % 2 == 0 ? SmsNumberStatus.Approved : SmsNumberStatus.NoNumber)], now, cancellationToken);
        }
    }

    private static (string City, string State, string Zip) Split(string value)
    {
        var parts = value.Split('|');
        return (parts[0], parts[1], parts[2]);
    }

    public static Location Loc(string externalId, string name, bool isDefault, string? number, SmsNumberStatus status) => new()
    {
        ExternalId = externalId,
        Name = name,
        IsDefault = isDefault,
        Kind = LocationKind.Location,
        SmsNumber = status == SmsNumberStatus.NoNumber ? null : new SmsNumber { Number = number, Status = status },
    };

    public static async Task<Partner> EnsurePartnerAsync(ApplicationDbContext db, string slug, string name, bool smsApiEnabled,
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

    public static async Task<Account> EnsureAccountAsync(ApplicationDbContext db, Partner partner, Account template,
        IReadOnlyList<Location> locations, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Accounts.FirstOrDefaultAsync(a => a.PartnerId == partner.Id && a.ExternalId == template.ExternalId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

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

    public static async Task EnsureRecipientsAsync(ApplicationDbContext db, Account account, DateTime now, CancellationToken cancellationToken)
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
}
