using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// The Integration API's messaging for an account-scoped key: finds (or creates) the patient by
/// <c>providerId</c>, resolves a practice template, then goes through the one <see cref="SendService"/>.
/// </summary>
public sealed class IntegrationMessagingService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    SendService sendService,
    TemplateService templates,
    IMessageStore store)
{
    public const int MaxPageSize = 100;

    public async Task<Result<MessageRecord>> SendAsync(PatientTextRequest input, CancellationToken cancellationToken)
    {
        // DESIGN §4: permission and API activation first, before validation and before anything is written.
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.AccountId is not { } accountId)
        {
            return Error.NotFound("The account");
        }

        if (!actor.IsAccountApiKey && !actor.Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        // The busy path (a known patient, inline content) reads here and in the send pipeline through one session.
        // Any other path releases its connection first: it calls services with contexts of their own, and must not hold
        // one connection while asking for another.
        await using var session = await store.OpenSendAsync(cancellationToken);
        var enabled = await session.ApiEnabledAsync(accountId, cancellationToken);
        if (enabled is null)
        {
            return Error.NotFound("The account");
        }

        if (enabled == false)
        {
            return SmsApiActivation.Refusal;
        }

        var errors = input.Validate(out var dateOfBirth);
        if (errors.Count > 0)
        {
            return Result<MessageRecord>.Fail(errors);
        }

        var providerId = input.ProviderId!.Trim();
        var known = await session.PatientByProviderIdAsync(accountId, providerId, cancellationToken);
        if (known is null || input.TemplateId is not null)
        {
            await session.ReleaseAsync();
        }

        NewPatient? newPatient = null;
        if (known is null)
        {
            if (input.NewPatientRefusals() is { Count: > 0 } missing)
            {
                return Result<MessageRecord>.Fail(missing);
            }

            // Stored with the message, in its transaction: a refused send leaves no patient behind.
            newPatient = new NewPatient(providerId, input.FirstName!.Trim(), input.LastName!.Trim(), input.MobileNumber!.Trim(),
                string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(), dateOfBirth);
        }

        var content = input.Content;
        if (input.TemplateId is { } templateId)
        {
            var resolved = await FromTemplateAsync(actor, accountId, templateId, known, newPatient, cancellationToken);
            if (!resolved.Succeeded)
            {
                return Result<MessageRecord>.Fail(resolved.Errors);
            }

            content = resolved.Value;
        }

        var sent = await sendService.SendAsync(new SendRequest
        {
            AccountId = accountId,
            RecipientId = known?.Recipient.Id,
            CreatePatient = newPatient,
            PatientDateOfBirthOptional = true,
            Kind = MessageKind.SmsText,
            Content = content!,
            ViaApi = true,
            // An integration cannot click "confirm": warnings are reported by /messages/preview and do not block.
            ConfirmedWarnings = true,
            IdempotencyKey = input.IdempotencyKey,
            Provider = input.Provider,
            SendAt = input.SendAt,
        }, known, session, cancellationToken);
        if (!sent.Succeeded)
        {
            return Result<MessageRecord>.Fail(sent.Errors);
        }

        // The message was just stored as sent here: answer from it without reading it back.
        var outcome = sent.Value!;
        return Result<MessageRecord>.Ok(new MessageRecord(
            outcome.MessageId, accountId, outcome.RecipientId ?? known?.Recipient.Id, outcome.Status.ToString(), outcome.Segments, content!,
            string.IsNullOrWhiteSpace(input.Provider) ? null : input.Provider.Trim(), null, null, null, outcome.CreatedAt, outcome.CreatedAt,
            outcome.ScheduledFor));
    }

    public async Task<Result<MessageRecord>> GetAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        // Integration API keys belong to one account: the busy path is the store's read by the primary key.
        MessageRecord? message;
        if (actor.AccountId is { } accountId && actor.Kind == ActorKind.ApiKey)
        {
            message = await store.FindAsync(messageId, accountId, cancellationToken);
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            message = await Scoped(db, actor).Where(m => m.Id == messageId).Select(MessageRecord.Projection).FirstOrDefaultAsync(cancellationToken);
        }

        return message is null ? Error.NotFound("The message") : Result<MessageRecord>.Ok(message);
    }

    /// <summary>The template's body with the patient's and the practice's names filled in; 4040 for another account's template.</summary>
    private async Task<Result<string>> FromTemplateAsync(Actor actor, int accountId, int templateId, KnownRecipient? known, NewPatient? newPatient,
        CancellationToken cancellationToken)
    {
        var list = await templates.ListAsync(accountId, cancellationToken);
        var template = list.Value?.FirstOrDefault(t => t.Id == templateId);
        if (template is null)
        {
            return new Error("The template was not found.", ResultCodes.NotFound, "practiceTemplateId");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var practiceName = await db.Accounts.AsNoTracking().VisibleTo(actor).Where(a => a.Id == accountId)
            .Select(a => a.BusinessName).FirstOrDefaultAsync(cancellationToken);
        var (firstName, lastName) = known is null
            ? (newPatient!.FirstName, newPatient.LastName)
            : (known.Recipient.FirstName, known.Recipient.LastName);
        return Result<string>.Ok(TemplateVariables.Resolve(template.Body, new TemplateValues(firstName, lastName, practiceName)));
    }

    public async Task<Result<MessageRecordPage>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        if (page < 1)
        {
            return Error.ForField("page", "page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Error.ForField("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        // (page - 1) × pageSize must fit an OFFSET: an overflow became a negative OFFSET, which PostgreSQL refuses (a 500).
        if ((long)(page - 1) * pageSize > int.MaxValue)
        {
            return Error.ForField("page", "page is too large.");
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = Scoped(db, actor);
        var count = await messages.CountAsync(cancellationToken);
        var data = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(MessageRecord.Projection)
            .ToListAsync(cancellationToken);
        return Result<MessageRecordPage>.Ok(new MessageRecordPage(data, count));
    }

    // By the account's index: an account key's own account (when the actor may see it), else the visible accounts'
    // ids as an IN list. (A correlated EXISTS per message made SQLite read every message of every account.)
    private static IQueryable<Message> Scoped(ApplicationDbContext db, Actor actor)
    {
        var messages = db.Messages.AsNoTracking();
        var visible = db.Accounts.VisibleTo(actor);
        return actor.AccountId is { } accountId
            ? messages.Where(m => m.AccountId == accountId && visible.Any(a => a.Id == accountId))
            : messages.Where(m => visible.Select(a => a.Id).Contains(m.AccountId));
    }
}
