using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data;

/// <summary>
/// The send's reads, precompiled: on the busy path EF Core's per-call translation costs more than SQLite's work.
/// A recipient's opt-out is two scalar subqueries on the (account, phone) index: a subquery returning the row
/// (<c>FirstOrDefault()</c> of an entity-like projection) joins a ROW_NUMBER() over every opt-out of every account.
/// </summary>
public static class SendQueries
{
    public static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, Task<bool?>>> ApiEnabled = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, CancellationToken _) =>
            db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (bool?)a.Partner.SmsApiEnabled).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, Task<bool>>> PartnerApiEnabled = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int partnerId, CancellationToken _) =>
            db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.SmsApiEnabled).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<AccountRef?>>> AccountOfPartnerByExternalId = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int partnerId, string externalId, CancellationToken _) =>
            db.Accounts.AsNoTracking().Where(a => a.PartnerId == partnerId && a.ExternalId == externalId)
                .Select(a => new AccountRef(a.Id, a.PartnerId)).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, string, CancellationToken, Task<AccountRef?>>> AccountByExternalId = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, string externalId, CancellationToken _) =>
            db.Accounts.AsNoTracking().Where(a => a.ExternalId == externalId).Select(a => new AccountRef(a.Id, a.PartnerId)).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<int?>>> LocationByExternalId = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, string externalId, CancellationToken _) =>
            db.Locations.AsNoTracking().Where(l => l.AccountId == accountId && l.ExternalId == externalId).Select(l => (int?)l.Id).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, int, CancellationToken, Task<KnownRecipient?>>> RecipientById = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, int recipientId, CancellationToken _) =>
            db.Recipients.Where(r => r.Id == recipientId && r.AccountId == accountId).AsNoTracking()
                .Select(r => new KnownRecipient(r,
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => (DateTime?)o.OptedOutAt).FirstOrDefault(),
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => o.Keyword).FirstOrDefault()))
                .FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<KnownRecipient?>>> PatientByProviderId = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, string providerId, CancellationToken _) =>
            db.Recipients.Where(r => r.AccountId == accountId && r.ProviderId == providerId).AsNoTracking()
                .Select(r => new KnownRecipient(r,
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => (DateTime?)o.OptedOutAt).FirstOrDefault(),
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => o.Keyword).FirstOrDefault()))
                .FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<RecipientOptOut?>>> OptOut = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, string phone, CancellationToken _) =>
            db.OptOuts.AsNoTracking().Where(o => o.AccountId == accountId && o.Phone == phone)
                .Select(o => new RecipientOptOut(o.OptedOutAt, o.Keyword)).FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, Task<bool>>> HasProviderUrl = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, CancellationToken _) =>
            db.ProviderSettings.AsNoTracking().Any(s => s.AccountId == accountId && s.ProviderUrl != null && s.ProviderUrl != "")));

    public static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<KeyedMessage?>>> ByIdempotencyKey = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, string key, CancellationToken _) =>
            db.Messages.AsNoTracking().Where(m => m.AccountId == accountId && m.IdempotencyKey == key)
                .Select(m => new KeyedMessage(m.Id, m.Status, m.SegmentCount, m.Encoding, m.CreatedAt, m.RequestFingerprint, m.RecipientId, m.ScheduledFor))
                .FirstOrDefault()));

    public static readonly CompiledQuery<Func<ApplicationDbContext, long, int, CancellationToken, Task<MessageRecord?>>> MessageOfAccount = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, long id, int accountId, CancellationToken _) =>
            db.Messages.AsNoTracking().Where(m => m.Id == id && m.AccountId == accountId).Select(MessageRecord.Projection).FirstOrDefault()));

    /// <summary>
    /// An account with its partner, locations and their numbers, read-only, by two precompiled queries (the send pipeline's path: a compiled query skips EF Core's
    /// per-call translation, which costs more than SQLite's work here; one query joining locations to their account
    /// needs identity resolution, which costs more than the second query). Each query projects the entity and its
    /// reference side by side and the navigation is set here: an <c>Include</c> makes EF Core build its fix-up delegates
    /// again for every row. Not scoped: the caller checks the actor.
    /// </summary>
    public static async Task<Account?> AccountWithLocationsAsync(ApplicationDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var found = await AccountById.For(db)(db, accountId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var account = found.Account;
        account.Partner = found.Partner;
        await foreach (var row in LocationsOf.For(db)(db, accountId, cancellationToken))
        {
            row.Location.SmsNumber = row.SmsNumber;
            account.Locations.Add(row.Location);
        }

        return account;
    }

    private sealed record AccountRow(Account Account, Partner Partner);

    private sealed record LocationRow(Location Location, SmsNumber? SmsNumber);

    private static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, Task<AccountRow?>>> AccountById = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int id, CancellationToken _) =>
            db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => new AccountRow(a, a.Partner)).FirstOrDefault()));

    private static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, IAsyncEnumerable<LocationRow>>> LocationsOf = new(() =>
        EF.CompileAsyncQuery<ApplicationDbContext, int, CancellationToken, LocationRow>((db, accountId, _) =>
            db.Locations.AsNoTracking().Where(l => l.AccountId == accountId).OrderBy(l => l.Id).Select(l => new LocationRow(l, l.SmsNumber))));
}
