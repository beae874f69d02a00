using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Bench;

/// <summary>
/// Bulk-inserts the benchmark data with raw SQL in one transaction. Each account's stored
/// completeness parts are computed with the real rule (<see cref="AccountCompleteness.Refresh"/>),
/// exactly as the portal stores them. Deterministic (fixed random seed).
/// </summary>
internal static class BenchData
{
    public const int MeasuredPartnerId = 42;

    private static readonly string[] Prefixes =
    [
        "Riverside", "Lakeside", "Hilltop", "Maple Street", "Oak Grove", "Cedar Park", "Pine Valley", "Sunrise", "Northgate",
        "Southpoint", "Westfield", "Eastwood", "Harbor", "Meadowbrook", "Willow Creek", "Stonebridge", "Clearwater", "Brookside",
        "Fairview", "Greenfield", "Highland", "Lincoln", "Madison", "Parkview", "Summit", "Valley", "Bayview", "Crestview",
        "Elmwood", "Foxhill", "Glenwood", "Heritage", "Ironwood", "Juniper", "Kingsley", "Lakeshore", "Millbrook", "Newport",
    ];

    private static readonly string[] Specialties =
    [
        "Family Medicine", "Pediatrics", "Dermatology", "Cardiology", "Orthopedics", "Dental Care", "Eye Care", "Physical Therapy",
        "Women's Health", "Urgent Care", "Allergy Clinic", "Sports Medicine", "Internal Medicine", "Chiropractic", "Podiatry",
    ];

    private static readonly (string City, string State, string Zip)[] Cities =
    [
        ("Columbus", "OH", "43215"), ("Cleveland", "OH", "44114"), ("Dayton", "OH", "45402"), ("Toledo", "OH", "43604"),
        ("Ann Arbor", "MI", "48104"), ("Detroit", "MI", "48226"), ("Indianapolis", "IN", "46204"), ("Pittsburgh", "PA", "15222"),
        ("Louisville", "KY", "40202"), ("Chicago", "IL", "60601"), ("Madison", "WI", "53703"), ("Seattle", "WA", "98101"),
        ("Denver", "CO", "80202"), ("Austin", "TX", "78701"), ("Atlanta", "GA", "30303"), ("Boston", "MA", "02108"),
    ];

    public sealed record Seeded(int Partners, int Accounts, int Incomplete);

    public static Seeded Seed(string connectionString, int partnerCount, int accountsPerPartner)
    {
        var random = new Random(20261125);
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();

        var partnerDetails = new Dictionary<int, PartnerBusinessDetails>();
        using (var insertPartner = connection.CreateCommand())
        {
            insertPartner.Transaction = transaction;
            insertPartner.CommandText = """
                INSERT INTO Partners (Id, Slug, DisplayName, CorporateWebsite, SmsApiEnabled,
                    BusinessDetails_Name, BusinessDetails_LegalName, BusinessDetails_Address1, BusinessDetails_City,
                    BusinessDetails_State, BusinessDetails_PostalCode, BusinessDetails_CountryCode, BusinessDetails_Website,
                    BusinessDetails_ContactFirstName, BusinessDetails_ContactLastName, BusinessDetails_ContactEmail,
                    BusinessDetails_ContactPhone, BusinessDetails_LastUpdatedAt, BusinessDetails_LastUpdatedBy)
                VALUES ($id, $slug, $name, $website, 1, $name, $legal, '1 Main Street', 'Columbus', 'OH', '43215', 'US',
                    $website, 'Dana', 'Whitfield', $email, '+16145550100', $now, 'Benchmark')
                """;
            var id = insertPartner.Parameters.Add("$id", SqliteType.Integer);
            var slug = insertPartner.Parameters.Add("$slug", SqliteType.Text);
            var name = insertPartner.Parameters.Add("$name", SqliteType.Text);
            var legal = insertPartner.Parameters.Add("$legal", SqliteType.Text);
            var website = insertPartner.Parameters.Add("$website", SqliteType.Text);
            var email = insertPartner.Parameters.Add("$email", SqliteType.Text);
            insertPartner.Parameters.AddWithValue("$now", now);
            for (var p = 1; p <= partnerCount; p++)
            {
                id.Value = p;
                slug.Value = $"partner-{p:000}";
                name.Value = $"Partner {p:000} EHR";
                legal.Value = $"Partner {p:000} EHR, Inc.";
                website.Value = $"https://www.partner-{p:000}.example";
                email.Value = $"contact@partner-{p:000}.example";
                insertPartner.ExecuteNonQuery();
                partnerDetails[p] = new PartnerBusinessDetails
                {
                    Website = (string)website.Value, ContactFirstName = "Dana", ContactLastName = "Whitfield",
                    ContactEmail = (string)email.Value, ContactPhone = "+16145550100",
                };
            }
        }

        var incomplete = 0;
        using (var insertAccount = connection.CreateCommand())
        {
            insertAccount.Transaction = transaction;
            insertAccount.CommandText = """
                INSERT INTO Accounts (PartnerId, ExternalId, BusinessName, Address1, City, State, PostalCode, CountryCode,
                    WebsiteUrl, CreatedThrough, CreatedAt, UpdatedAt, AccountFieldsComplete, HasOwnWebsite, SmsDetailsComplete)
                VALUES ($partner, $external, $name, $address1, $city, $state, $zip, 'US', $website, 'Api11', $created, $updated,
                    $fieldsComplete, $ownWebsite, $complete)
                """;
            var parameters = new[]
            {
                "$partner", "$external", "$name", "$address1", "$city", "$state", "$zip", "$website", "$created", "$updated",
                "$fieldsComplete", "$ownWebsite", "$complete",
            }.ToDictionary(n => n, n => insertAccount.Parameters.Add(new SqliteParameter { ParameterName = n }));

            var total = partnerCount * accountsPerPartner;
            for (var i = 0; i < total; i++)
            {
                // Partners interleave, as accounts arrive over time from all of them.
                var partnerId = i % partnerCount + 1;
                var (city, state, zip) = Cities[random.Next(Cities.Length)];
                var name = $"{Prefixes[random.Next(Prefixes.Length)]} {Specialties[random.Next(Specialties.Length)]}";
                var account = new Account
                {
                    PartnerId = partnerId,
                    ExternalId = $"acct-{i:000000}",
                    BusinessName = random.Next(4) == 0 ? $"{name} {random.Next(1, 99)}" : name,
                    Address1 = $"{random.Next(1, 9999)} Commerce Avenue",
                    City = city,
                    State = state,
                    PostalCode = zip,
                    CountryCode = "US",
                    WebsiteUrl = $"https://www.practice-{i}.example",
                };

                // About 30% incomplete in different ways; another 10% complete through the partner's website.
                var roll = random.NextDouble();
                if (roll < 0.08) account.Address1 = null;
                else if (roll < 0.16) account.State = "XX";
                else if (roll < 0.23) account.PostalCode = null;
                else if (roll < 0.30) account.WebsiteUrl = "www.no-scheme.example";
                else if (roll < 0.40) account.WebsiteUrl = null;

                AccountCompleteness.Refresh(account, partnerDetails[partnerId]);
                if (!account.SmsDetailsComplete)
                {
                    incomplete++;
                }

                var created = now.AddMinutes(-random.Next(0, 2_000_000));
                parameters["$partner"].Value = partnerId;
                parameters["$external"].Value = account.ExternalId;
                parameters["$name"].Value = account.BusinessName;
                parameters["$address1"].Value = (object?)account.Address1 ?? DBNull.Value;
                parameters["$city"].Value = account.City;
                parameters["$state"].Value = account.State;
                parameters["$zip"].Value = (object?)account.PostalCode ?? DBNull.Value;
                parameters["$website"].Value = (object?)account.WebsiteUrl ?? DBNull.Value;
                parameters["$created"].Value = Stamp(created);
                parameters["$updated"].Value = Stamp(created.AddMinutes(random.Next(0, 100_000)));
                parameters["$fieldsComplete"].Value = account.AccountFieldsComplete ? 1 : 0;
                parameters["$ownWebsite"].Value = account.HasOwnWebsite ? 1 : 0;
                parameters["$complete"].Value = account.SmsDetailsComplete ? 1 : 0;
                insertAccount.ExecuteNonQuery();
            }

            transaction.Commit();
            return new Seeded(partnerCount, total, incomplete);
        }
    }

    // EF Core's SQLite text form of a DateTime.
    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
