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

/// <summary>Filters of the account's message list; <see cref="From"/> and <see cref="To"/> are UTC days, both included.</summary>
public sealed record MessageListFilter(MessageStatus? Status = null, DateOnly? From = null, DateOnly? To = null, int? LocationId = null);

/// <summary>A location offered by the message list's location filter.</summary>
public sealed record MessageLocationOption(int Id, string Name);

/// <summary>Reads an account's messages for the account page and a practice user's Home.</summary>
public sealed class MessageService(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    public const int MaxPageSize = 100;

    /// <summary>The account's messages, newest first, one page (0-based) at a time.</summary>
    public Task<Result<MessageListPage>> ListAsync(int accountId, int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(accountId, page, pageSize, null, cancellationToken);

    /// <summary>The account's messages matching <paramref name="filter"/>, newest first, one page (0-based) at a time.</summary>
    public async Task<Result<MessageListPage>> ListAsync(int accountId, int page, int pageSize, MessageListFilter? filter, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Messages.AsNoTracking().Where(m => m.AccountId == accountId);
        if (filter?.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter?.LocationId is { } locationId)
        {
            query = query.Where(m => m.LocationId == locationId);
        }

        if (filter?.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.CreatedAt >= start);
        }

        if (filter?.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.CreatedAt < end);
        }

        var total = await query.CountAsync(cancellationToken);
        // Vendor staff (Operators) get metadata only: no patient name, number or address (DESIGN §1).
        var phi = actor.Can(PortalPolicies.ReadMessages);
        var items = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, page) * size)
            .Take(size)
            .Select(m => new MessageSummary(
                m.Id,
                m.CreatedAt,
                m.SentAt,
                !phi || m.Recipient == null ? null : ((m.Recipient.FirstName ?? "") + " " + (m.Recipient.LastName ?? "")).Trim(),
                phi ? m.ToNumber ?? m.ToEmail : null,
                m.Location == null ? null : m.Location.Name,
                m.Kind,
                m.NotifyMethod,
                m.Status,
                m.SegmentCount,
                m.ErrorReason))
            .ToListAsync(cancellationToken);
        return Result<MessageListPage>.Ok(new MessageListPage(items, total));
    }

    /// <summary>The account's locations, for the message list's location filter.</summary>
    public async Task<Result<IReadOnlyList<MessageLocationOption>>> ListLocationsAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().VisibleTo(actor)
            .Where(l => l.AccountId == accountId)
            .OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Select(l => new MessageLocationOption(l.Id, l.Name))
            .ToListAsync(cancellationToken);
        if (locations.Count == 0 && !await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        return Result<IReadOnlyList<MessageLocationOption>>.Ok(locations);
    }
}
