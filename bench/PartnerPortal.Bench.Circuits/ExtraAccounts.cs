using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Bench.Circuits;

/// <summary>
/// The accounts benchmark's data shape (bench/PartnerPortal.Bench/BenchData: about 30 % incomplete in different ways,
/// 10 % complete through the partner's website, completeness stored by the real rule), inserted for Northwind EHR so
/// its support agent's Accounts page lists all of them.
/// </summary>
internal static class ExtraAccounts
{
    private static readonly string[] Prefixes = ["Riverside", "Lakeside", "Hilltop", "Maple Street", "Oak Grove", "Cedar Park", "Pine Valley",
        "Sunrise", "Northgate", "Southpoint", "Westfield", "Eastwood", "Harbor", "Meadowbrook", "Willow Creek", "Stonebridge"];
    private static readonly string[] Specialties = ["Family Medicine", "Pediatrics", "Dermatology", "Cardiology", "Orthopedics", "Dental Care",
        "Eye Care", "Physical Therapy", "Urgent Care", "Internal Medicine"];
    private static readonly (string City, string State, string Zip)[] Cities = [("Columbus", "OH", "43215"), ("Cleveland", "OH", "44114"),
        ("Dayton", "OH", "45402"), ("Ann Arbor", "MI", "48104"), ("Indianapolis", "IN", "46204"), ("Pittsburgh", "PA", "15222")];

    public static int Insert(string databasePath, int count)
    {
        var random = new Random(20261125);
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        int partnerId;
        var partner = new PartnerBusinessDetails();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = """
                SELECT Id, BusinessDetails_Website, BusinessDetails_ContactFirstName, BusinessDetails_ContactLastName,
                       BusinessDetails_ContactEmail, BusinessDetails_ContactPhone FROM Partners WHERE Slug = 'northwind-ehr'
                """;
            using var reader = read.ExecuteReader();
            reader.Read();
            partnerId = reader.GetInt32(0);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            (partner.Website, partner.ContactFirstName, partner.ContactLastName, partner.ContactEmail, partner.ContactPhone) =
                (Text(1), Text(2), Text(3), Text(4), Text(5));
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Accounts (PartnerId, ExternalId, BusinessName, Address1, City, State, PostalCode, CountryCode,
                WebsiteUrl, CreatedThrough, CreatedAt, UpdatedAt, AccountFieldsComplete, HasOwnWebsite, SmsDetailsComplete)
            VALUES ($partner, $external, $name, $address1, $city, $state, $zip, 'US', $website, 'Api11', $created, $updated,
                $fieldsComplete, $ownWebsite, $complete)
            """;
        var p = new[] { "$partner", "$external", "$name", "$address1", "$city", "$state", "$zip", "$website", "$created", "$updated",
            "$fieldsComplete", "$ownWebsite", "$complete" }.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        for (var i = 0; i < count; i++)
        {
            var (city, state, zip) = Cities[random.Next(Cities.Length)];
            var name = $"{Prefixes[random.Next(Prefixes.Length)]} {Specialties[random.Next(Specialties.Length)]}";
            var account = new Account
            {
                PartnerId = partnerId, ExternalId = $"acct-{i:000000}", BusinessName = $"{name} {random.Next(1, 999)}",
                Address1 = $"{random.Next(1, 9999)} Commerce Avenue", City = city, State = state, PostalCode = zip, CountryCode = "US",
                WebsiteUrl = $"https://www.practice-{i}.example",
            };
            var roll = random.NextDouble();
            if (roll < 0.08) account.Address1 = null;
            else if (roll < 0.16) account.State = "XX";
            else if (roll < 0.23) account.PostalCode = null;
            else if (roll < 0.30) account.WebsiteUrl = "www.no-scheme.example";
            else if (roll < 0.40) account.WebsiteUrl = null;
            AccountCompleteness.Refresh(account, partner);

            var created = now.AddMinutes(-random.Next(0, 2_000_000));
            p["$partner"].Value = partnerId;
            p["$external"].Value = account.ExternalId;
            p["$name"].Value = account.BusinessName;
            p["$address1"].Value = (object?)account.Address1 ?? DBNull.Value;
            p["$city"].Value = account.City;
            p["$state"].Value = account.State;
            p["$zip"].Value = (object?)account.PostalCode ?? DBNull.Value;
            p["$website"].Value = (object?)account.WebsiteUrl ?? DBNull.Value;
            p["$created"].Value = Stamp(created);
            p["$updated"].Value = Stamp(created.AddMinutes(random.Next(0, 100_000)));
            p["$fieldsComplete"].Value = account.AccountFieldsComplete ? 1 : 0;
            p["$ownWebsite"].Value = account.HasOwnWebsite ? 1 : 0;
            p["$complete"].Value = account.SmsDetailsComplete ? 1 : 0;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return count;
    }

    public static int AccountId(string databasePath, string externalId)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT Id FROM Accounts WHERE ExternalId = $id";
        read.Parameters.AddWithValue("$id", externalId);
        return Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
