using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>A row of an account's message list; never the content (a Secure Text's content is PHI behind its link).</summary>
public sealed record MessageSummary(
    long Id,
    DateTime CreatedAt,
    DateTime? SentAt,
    string? RecipientName,
    string? To,
    string? LocationName,
    MessageKind Kind,
    NotifyMethod? NotifyMethod,
    MessageStatus Status,
    int Segments,
    string? ErrorReason);

public sealed record MessageListPage(IReadOnlyList<MessageSummary> Items, int TotalCount);

/// <summary>Reads an account's messages for the account page and a practice user's Home.</summary>
public sealed class MessageService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public const int MaxPageSize = 100;

    /// <summary>The account's messages, newest first, one page (0-based) at a time.</summary>
    public async Task<Result<MessageListPage>> ListAsync(int accountId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Messages.AsNoTracking().Where(m => m.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, page) * size)
            .Take(size)
            .Select(m => new MessageSummary(
                m.Id,
                m.CreatedAt,
                m.SentAt,
                m.Recipient == null ? null : ((m.Recipient.FirstName ?? "") + " " + (m.Recipient.LastName ?? "")).Trim(),
                m.ToNumber ?? m.ToEmail,
                m.Location == null ? null : m.Location.Name,
                m.Kind,
                m.NotifyMethod,
                m.Status,
                m.SegmentCount,
                m.ErrorReason))
            .ToListAsync(cancellationToken);
        return Result<MessageListPage>.Ok(new MessageListPage(items, total));
    }
}
