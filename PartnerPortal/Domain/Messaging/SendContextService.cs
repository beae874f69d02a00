using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>A location in the dialog's "Send From": only an approved number can be chosen.</summary>
public sealed record SendLocationOption(
    int Id,
    string Name,
    LocationKind Kind,
    bool IsDefault,
    string? Number,
    SmsNumberStatus Status,
    string? RejectionReason)
{
    public bool IsSelectable => Status == SmsNumberStatus.Approved && !string.IsNullOrEmpty(Number);
}

public sealed record SendTemplateOption(int Id, string Name, string Body);

public sealed record SendFormOption(int Id, string Name, string Url);

/// <summary>Everything the Send dialog needs about an account before the user types.</summary>
public sealed record SendContext(
    int AccountId,
    string BusinessName,
    CompletenessResult Completeness,
    IReadOnlyList<SendLocationOption> Locations,
    IReadOnlyList<SendTemplateOption> Templates,
    IReadOnlyList<SendFormOption> Forms,
    AccountTiming? Timing = null);

/// <summary>Reads what the Send dialog offers: completeness, locations with number status, templates and the partner's forms.</summary>
public sealed class SendContextService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor, QuietHoursOptions? quietHoursOptions = null)
{
    public async Task<Result<SendContext>> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor)
            .Include(a => a.Partner)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var locations = await db.Locations.AsNoTracking()
            .Where(l => l.AccountId == account.Id && l.DeactivatedAt == null)
            .OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Select(l => new SendLocationOption(
                l.Id, l.Name, l.Kind, l.IsDefault,
                l.SmsNumber == null ? null : l.SmsNumber.Number,
                l.SmsNumber == null ? SmsNumberStatus.NoNumber : l.SmsNumber.Status,
                l.SmsNumber == null ? null : l.SmsNumber.RejectionReason))
            .ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.AccountId == account.Id)
            .OrderBy(t => t.Name)
            .Select(t => new SendTemplateOption(t.Id, t.Name, t.Body))
            .ToListAsync(cancellationToken);
        var forms = await db.Forms.AsNoTracking()
            .Where(f => f.PartnerId == account.PartnerId)
            .OrderBy(f => f.Name)
            .Select(f => new SendFormOption(f.Id, f.Name, f.Url))
            .ToListAsync(cancellationToken);

        return Result<SendContext>.Ok(new SendContext(
            account.Id, account.BusinessName, AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails),
            locations, templates, forms, Timing(account)));
    }

    // Quiet hours as the pipeline applies them (off everywhere when the installation switched them off).
    private AccountTiming Timing(Account account)
    {
        var timing = AccountTiming.For(account);
        return (quietHoursOptions ?? QuietHoursOptions.Default).Enabled ? timing : timing with { Window = timing.Window with { Enabled = false } };
    }
}
