using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>An account's quiet hours and time zone as the account page shows them.</summary>
public sealed record AccountTimingDetails(bool Enabled, TimeOnly Start, TimeOnly End, string TimeZoneId, bool TimeZoneFromState, bool CanEdit);

/// <summary>A partner admin's change of quiet hours and time zone (null time zone: the state's).</summary>
public sealed record AccountTimingInput(bool Enabled, TimeOnly Start, TimeOnly End, string? TimeZone);

/// <summary>Quiet hours and time zone of an account: read by its readers, changed by its partner's admins (audited).</summary>
public sealed class AccountTimingService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog)
{
    public async Task<Result<AccountTimingDetails>> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        var window = QuietWindow.For(account);
        return Result<AccountTimingDetails>.Ok(new AccountTimingDetails(
            window.Enabled, window.Start, window.End,
            AccountTimeZones.IdFor(account.TimeZone, account.State, account.CountryCode),
            !AccountTimeZones.IsKnown(account.TimeZone),
            actor.Can(PortalPolicies.AdministerPartner) && actor.CanAdministerPartner(account.PartnerId)));
    }

    public async Task<Result<AccountTimingDetails>> UpdateAsync(int accountId, AccountTimingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        if (!actor.Can(PortalPolicies.AdministerPartner) || !actor.CanAdministerPartner(account.PartnerId))
        {
            return PortalPolicies.Refusal;
        }

        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone.Trim();
        if (zone is not null && !AccountTimeZones.IsKnown(zone))
        {
            return Error.ForField("timeZone", "Choose a time zone from the list (an IANA name such as America/Chicago).");
        }

        if (input.Enabled && input.Start == input.End)
        {
            return Error.ForField("quietHoursEnd", "Quiet hours need an end different from their start.");
        }

        var before = Snapshot(account);
        account.QuietHoursDisabled = !input.Enabled;
        account.QuietHoursStart = input.Start == QuietWindow.DefaultStart ? null : input.Start;
        account.QuietHoursEnd = input.End == QuietWindow.DefaultEnd ? null : input.End;
        account.TimeZone = zone;
        var changes = AuditLog.Diff(before, Snapshot(account));
        if (changes.Count > 0)
        {
            auditLog.Add(db, actor, new AuditRecord("account.quiet_hours_changed", "Account", account.Id.ToString(CultureInfo.InvariantCulture),
                $"Quiet hours of {account.BusinessName}: {QuietWindow.For(account).Describe()}, time zone " +
                $"{AccountTimeZones.IdFor(account.TimeZone, account.State, account.CountryCode)}", account.PartnerId, account.Id, changes));
            await auditLog.SaveChangesAsync(db, cancellationToken);
        }

        return await GetAsync(accountId, cancellationToken);
    }

    private static Dictionary<string, string?> Snapshot(Account account)
    {
        var window = QuietWindow.For(account);
        return new Dictionary<string, string?>
        {
            ["Quiet hours"] = window.Enabled ? "On" : "Off",
            ["Quiet hours start"] = window.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Quiet hours end"] = window.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Time zone"] = account.TimeZone ?? $"{AccountTimeZones.IdFor(null, account.State, account.CountryCode)} (from the state)",
        };
    }
}
