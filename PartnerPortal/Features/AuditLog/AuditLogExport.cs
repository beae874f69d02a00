using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;

namespace PartnerPortal.Features.AuditLog;

/// <summary>
/// <c>GET /audit-log/export.csv</c>: the filtered audit entries as a CSV download, for the Audit Log's
/// "Export CSV" link. Authorized by the sign-in cookie with the page's policy; the service scopes the rows.
/// </summary>
public static class AuditLogExport
{
    public const string Path = "/audit-log/export.csv";

    public static IEndpointConventionBuilder MapAuditLogExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(PortalPolicies.ReadPartnerData)
            .ExcludeFromDescription();

    /// <summary>The export link for <paramref name="filter"/> (relative, so it works under any base path).</summary>
    public static string UrlFor(AuditFilter filter)
    {
        var query = new Dictionary<string, string?>();
        if (filter.From is { } from)
        {
            query["from"] = from.ToString("O", CultureInfo.InvariantCulture);
        }

        if (filter.To is { } to)
        {
            query["to"] = to.ToString("O", CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query["actor"] = filter.Actor.Trim();
        }

        if (filter.AccountId is { } accountId)
        {
            query["account"] = accountId.ToString(CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query["action"] = filter.Action;
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query["entity"] = filter.EntityType;
        }

        if (filter.PartnerId is { } partnerId)
        {
            query["partner"] = partnerId.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(Path.TrimStart('/'), query);
    }

    private static async Task ExportAsync(HttpContext http, CurrentActor currentActor, AuditQueryService audit, TimeProvider time)
    {
        currentActor.Set(ActorFactory.FromPrincipal(http.User, http.Connection.RemoteIpAddress?.ToString()));
        var query = http.Request.Query;
        var filter = new AuditFilter(
            From: ParseDate(query["from"]),
            To: ParseDate(query["to"]),
            Actor: query["actor"].FirstOrDefault(),
            AccountId: ParseInt(query["account"]),
            Action: query["action"].FirstOrDefault(),
            EntityType: query["entity"].FirstOrDefault(),
            PartnerId: ParseInt(query["partner"]));

        var fileName = $"audit-log-{time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.CacheControl = "no-store";
        // UTF-8 with a byte order mark, so spreadsheets read names and arrows correctly.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        var result = await audit.ExportCsvAsync(filter, writer, http.RequestAborted);
        if (!result.Succeeded)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    private static DateTime? ParseDate(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
