using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Bench;

/// <summary>Hand-written SQL: the reference query for the EF/raw ratio and the untimed set-up steps.</summary>
internal static class RawSql
{
    public static async Task<List<AccountSummary>> FirstIncompletePageAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Accounts WHERE SmsDetailsComplete = $complete";
        count.Parameters.AddWithValue("$complete", false);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        await using var page = connection.CreateCommand();
        page.CommandText = """
            SELECT Id, ExternalId, BusinessName, City, State, SmsDetailsComplete,
                   NOT HasOwnWebsite AND (WebsiteUrl IS NULL OR trim(WebsiteUrl) = '')
                       AND (AlternativeWebsiteUrl IS NULL OR trim(AlternativeWebsiteUrl) = ''),
                   UpdatedAt
            FROM Accounts
            WHERE SmsDetailsComplete = $complete
            ORDER BY BusinessName, Id
            LIMIT $take
            """;
        page.Parameters.AddWithValue("$complete", false);
        page.Parameters.AddWithValue("$take", 50);
        var items = new List<AccountSummary>(50);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new AccountSummary(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetBoolean(5), reader.GetBoolean(6), reader.GetDateTime(7)));
        }

        return total >= 0 ? items : [];
    }

    /// <summary>Untimed: the partner loses its contact phone, so its accounts become incomplete again.</summary>
    public static async Task BreakPartnerContactAsync(string connectionString, int partnerId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE Partners SET BusinessDetails_ContactPhone = NULL WHERE Id = $id;
            UPDATE Accounts SET SmsDetailsComplete = 0 WHERE PartnerId = $id;
            """;
        command.Parameters.AddWithValue("$id", partnerId);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> CompleteCountAsync(string connectionString, int partnerId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Accounts WHERE PartnerId = $id AND SmsDetailsComplete = 1";
        command.Parameters.AddWithValue("$id", partnerId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
