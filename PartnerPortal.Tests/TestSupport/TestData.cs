using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>Builders for domain tests: a complete partner, complete or incomplete accounts, locations.</summary>
public static class TestData
{
    public static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public static PartnerBusinessDetails CompleteDetails(string name) => new()
    {
        Name = name, LegalName = $"{name}, Inc.", Address1 = "1 Main Street", City = "Columbus", State = "OH",
        PostalCode = "43215", CountryCode = "US", Website = "https://www.partner.example",
        ContactFirstName = "Dana", ContactLastName = "Whitfield", ContactEmail = "dana@partner.test", ContactPhone = "+16145550100",
        LastUpdatedAt = Now, LastUpdatedBy = "Test",
    };

    public static Partner AddPartner(ApplicationDbContext db, string slug, bool smsApiEnabled = true)
    {
        var partner = new Partner { Slug = slug, DisplayName = slug, SmsApiEnabled = smsApiEnabled, BusinessDetails = CompleteDetails(slug) };
        db.Partners.Add(partner);
        db.SaveChanges();
        return partner;
    }

    /// <summary>A complete account with a Default Location (no number) unless told otherwise.</summary>
    public static Account AddAccount(ApplicationDbContext db, Partner partner, string externalId, Action<Account>? change = null,
        params (string ExternalId, string Name, SmsNumberStatus Status, string? Number)[] locations)
    {
        var account = new Account
        {
            PartnerId = partner.Id, ExternalId = externalId, BusinessName = $"{externalId} Clinic",
            Address1 = "2 Elm Street", City = "Columbus", State = "OH", PostalCode = "43215", CountryCode = "US",
            WebsiteUrl = $"https://www.{externalId}.example", CreatedAt = Now, UpdatedAt = Now,
            // Now (12:00 UTC) is 7:00 in Ohio: tests that are not about quiet hours send at once (QuietHoursTests turn them on).
            QuietHoursDisabled = true,
        };
        change?.Invoke(account);
        if (locations.Length == 0)
        {
            locations = [("default", "Default Location", SmsNumberStatus.NoNumber, null)];
        }

        for (var i = 0; i < locations.Length; i++)
        {
            var (locationId, name, status, number) = locations[i];
            account.Locations.Add(new Location
            {
                ExternalId = locationId, Name = name, IsDefault = i == 0, SortOrder = i,
                SmsNumber = status == SmsNumberStatus.NoNumber ? null : new SmsNumber { Status = status, Number = number, UpdatedAt = Now },
            });
        }

        AccountCompleteness.Refresh(account, partner.BusinessDetails);
        db.Accounts.Add(account);
        db.SaveChanges();
        return account;
    }
}
