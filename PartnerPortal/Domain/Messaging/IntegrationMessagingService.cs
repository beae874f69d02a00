using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// What the Integration API's <c>POST /messages/send</c> carries, its public ids already decoded by the API:
/// <see cref="PracticeTemplateId"/> is 0 for an id that names no template of the account (answered 4040 in its turn).
/// </summary>
public sealed record IntegrationSendInput(
    string? ProviderId,
    string? Content,
    int? PracticeTemplateId,
    string? Provider,
    string? FirstName,
    string? LastName,
    string? MobileNumber,
    string? Email,
    string? DateOfBirth,
    string? IdempotencyKey,
    DateTime? SendAt = null);

/// <summary>A message as the Integration API shows it (internal ids; the API turns them into public ids).</summary>
public sealed record IntegrationMessageDetails(
    long MessageId,
    int AccountId,
    int? PatientId,
    string Status,
    int SmsCount,
    string Content,
    string? Provider,
    string? ErrorReason,
    DateTime? SentOn,
    DateTime? DeliveredAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ScheduledFor = null);

public sealed record IntegrationMessagePage(IReadOnlyList<IntegrationMessageDetails> Data, int Count);

/// <summary>
/// The Integration API's messaging for an account-scoped key: finds (or creates) the patient by
/// <c>providerId</c>, resolves a practice template, then goes through the one <see cref="SendService"/>.
/// </summary>
public sealed class IntegrationMessagingService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    SendService sendService,
    TemplateService templates,
    ApiContexts? apiContexts = null)
{
    public const int MaxPageSize = 100;

    public async Task<Result<IntegrationMessageDetails>> SendAsync(IntegrationSendInput input, CancellationToken cancellationToken)
    {
        // DESIGN §4: permission and API activation first, before validation and before anything is written.
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.AccountId is not { } accountId)
        {
            return Error.NotFound("The account");
        }

        if (!actor.IsAccountApiKey && !actor.Can(PortalPolicies.SendTexts))
        {
            return new Error("You do not have permission to do this.", ResultCodes.Forbidden);
        }

        await using var lease = await RentAsync(cancellationToken);
        var db = lease.Db;
        // The busy path (a known patient, inline content) reads here and in the send pipeline through one open
        // connection, which the pipeline closes before it waits for the group commit. Any other path closes it first:
        // it calls services with contexts of their own, and must not hold one connection while asking for another.
        // (A context of ApiContexts on SQLite keeps its own connection open for good: closing it does nothing.)
        await using var connection = await ConnectionScope.OpenAsync(db, cancellationToken);
        var enabled = await ApiEnabled.For(db)(db, accountId, cancellationToken);
        if (enabled is null)
        {
            return Error.NotFound("The account");
        }

        if (enabled == false)
        {
            return new Error(SendRefusals.ApiNotEnabled, ResultCodes.ApiNotEnabled);
        }

        var errors = Validate(input, out var dateOfBirth);
        if (errors.Count > 0)
        {
            return Result<IntegrationMessageDetails>.Fail(errors);
        }

        var providerId = input.ProviderId!.Trim();
        var known = await PatientByProviderId.For(db)(db, accountId, providerId, cancellationToken);
        if (known is null || input.PracticeTemplateId is not null)
        {
            await connection.CloseAsync();
        }

        NewPatient? newPatient = null;
        if (known is null)
        {
            // Seed 003: a new patient needs a name and a mobile; a date of birth only for Secure Text.
            var missing = new List<Error>();
            if (string.IsNullOrWhiteSpace(input.FirstName)) missing.Add(Error.ForField("firstName", "firstName is required to create a new patient."));
            if (string.IsNullOrWhiteSpace(input.LastName)) missing.Add(Error.ForField("lastName", "lastName is required to create a new patient."));
            if (string.IsNullOrWhiteSpace(input.MobileNumber)) missing.Add(Error.ForField("mobileNumber", "mobileNumber is required to create a new patient."));
            if (missing.Count > 0)
            {
                return Result<IntegrationMessageDetails>.Fail(missing);
            }

            // Stored with the message, in its transaction: a refused send leaves no patient behind.
            newPatient = new NewPatient(providerId, input.FirstName!.Trim(), input.LastName!.Trim(), input.MobileNumber!.Trim(),
                string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(), dateOfBirth);
        }

        var content = input.Content;
        if (input.PracticeTemplateId is { } templateId)
        {
            var list = await templates.ListAsync(accountId, cancellationToken);
            var template = list.Value?.FirstOrDefault(t => t.Id == templateId);
            if (template is null)
            {
                return new Error("The template was not found.", ResultCodes.NotFound, "practiceTemplateId");
            }

            var practiceName = await db.Accounts.AsNoTracking().VisibleTo(actor).Where(a => a.Id == accountId)
                .Select(a => a.BusinessName).FirstOrDefaultAsync(cancellationToken);
            var (firstName, lastName) = known is null
                ? (newPatient!.FirstName, newPatient.LastName)
                : (known.Recipient.FirstName, known.Recipient.LastName);
            content = TemplateVariables.Resolve(template.Body, new TemplateValues(firstName, lastName, practiceName));
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
        }, known, db, cancellationToken);
        if (!sent.Succeeded)
        {
            return Result<IntegrationMessageDetails>.Fail(sent.Errors);
        }

        // The message was just stored as sent here: answer from it without reading it back.
        var outcome = sent.Value!;
        return Result<IntegrationMessageDetails>.Ok(new IntegrationMessageDetails(
            outcome.MessageId, accountId, outcome.RecipientId ?? known?.Recipient.Id, outcome.Status.ToString(), outcome.Segments, content!,
            string.IsNullOrWhiteSpace(input.Provider) ? null : input.Provider.Trim(), null, null, null, outcome.CreatedAt, outcome.CreatedAt,
            outcome.ScheduledFor));
    }

    public async Task<Result<IntegrationMessageDetails>> GetAsync(long messageId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var lease = await RentAsync(cancellationToken);
        var db = lease.Db;
        // Integration API keys belong to one account: the busy path is a precompiled query on the primary key.
        var message = actor.AccountId is { } accountId && actor.Kind == ActorKind.ApiKey
            ? await OneOfAccount.For(db)(db, messageId, accountId, cancellationToken)
            : await Scoped(db, actor).Where(m => m.Id == messageId).Select(Projection).FirstOrDefaultAsync(cancellationToken);
        return message is null ? Error.NotFound("The message") : Result<IntegrationMessageDetails>.Ok(message);
    }

    // The API's contexts when the app has them (prepared statements kept on SQLite), else a pooled one.
    private async ValueTask<ContextLease> RentAsync(CancellationToken cancellationToken) =>
        apiContexts is null
            ? new ContextLease(await dbFactory.CreateDbContextAsync(cancellationToken), null)
            : new ContextLease(null, await apiContexts.RentAsync(cancellationToken));

    private readonly struct ContextLease(ApplicationDbContext? owned, ApiContexts.Lease? lease) : IAsyncDisposable
    {
        public ApplicationDbContext Db => lease?.Db ?? owned!;

        public ValueTask DisposeAsync() => lease?.DisposeAsync() ?? owned!.DisposeAsync();
    }

    public async Task<Result<IntegrationMessagePage>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
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
            .Select(Projection)
            .ToListAsync(cancellationToken);
        return Result<IntegrationMessagePage>.Ok(new IntegrationMessagePage(data, count));
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

    private static readonly System.Linq.Expressions.Expression<Func<Message, IntegrationMessageDetails>> Projection = m =>
        new IntegrationMessageDetails(m.Id, m.AccountId, m.RecipientId, m.Status.ToString(), m.SegmentCount,
            m.Kind == MessageKind.SecureText ? "" : m.Content, m.Provider, m.ErrorReason, m.SentAt, m.DeliveredAt, m.CreatedAt, m.UpdatedAt, m.ScheduledFor);

    // The account's partner's SMS API activation (null: no such account), checked before anything else.
    private static readonly CompiledQuery<Func<ApplicationDbContext, int, CancellationToken, Task<bool?>>> ApiEnabled = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, CancellationToken _) =>
            db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (bool?)a.Partner.SmsApiEnabled).FirstOrDefault()));

    // The patient with the opt-out of their mobile, as SendService.WithOptOut reads it, precompiled for the busy path.
    private static readonly CompiledQuery<Func<ApplicationDbContext, int, string, CancellationToken, Task<KnownRecipient?>>> PatientByProviderId = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, int accountId, string providerId, CancellationToken _) =>
            db.Recipients.AsNoTracking().Where(r => r.AccountId == accountId && r.ProviderId == providerId)
                .Select(r => new KnownRecipient(r,
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => (DateTime?)o.OptedOutAt).FirstOrDefault(),
                    db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => o.Keyword).FirstOrDefault()))
                .FirstOrDefault()));

    private static readonly CompiledQuery<Func<ApplicationDbContext, long, int, CancellationToken, Task<IntegrationMessageDetails?>>> OneOfAccount = new(() =>
        EF.CompileAsyncQuery((ApplicationDbContext db, long id, int accountId, CancellationToken _) =>
            db.Messages.AsNoTracking().Where(m => m.Id == id && m.AccountId == accountId)
                .Select(Projection).FirstOrDefault()));

    private static List<Error> Validate(IntegrationSendInput input, out DateOnly? dateOfBirth)
    {
        var errors = new List<Error>();
        dateOfBirth = null;
        if (string.IsNullOrWhiteSpace(input.ProviderId))
        {
            errors.Add(Error.ForField("providerId", "providerId is required."));
        }

        var hasContent = !string.IsNullOrEmpty(input.Content);
        if (hasContent == (input.PracticeTemplateId is not null))
        {
            errors.Add(Error.ForField("content", "Give exactly one of content or practiceTemplateId."));
        }

        if (!string.IsNullOrWhiteSpace(input.MobileNumber) && !BusinessFieldValidators.IsE164(input.MobileNumber.Trim()))
        {
            errors.Add(Error.ForField("mobileNumber", "mobileNumber must be a valid mobile number in E.164 form, e.g. +16145550123."));
        }

        if (!string.IsNullOrWhiteSpace(input.Email) && !BusinessFieldValidators.IsEmail(input.Email))
        {
            errors.Add(Error.ForField("email", "email is not a valid email address."));
        }

        if (!string.IsNullOrWhiteSpace(input.DateOfBirth))
        {
            if (DateOnly.TryParseExact(input.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob)
                && dob.Year >= 1900)
            {
                dateOfBirth = dob;
            }
            else
            {
                errors.Add(Error.ForField("dateOfBirth", "dateOfBirth must be a date in the form yyyy-MM-dd."));
            }
        }

        if (input.FirstName?.Trim() is { Length: > 100 })
        {
            errors.Add(Error.ForField("firstName", "firstName must be at most 100 characters."));
        }

        if (input.LastName?.Trim() is { Length: > 100 })
        {
            errors.Add(Error.ForField("lastName", "lastName must be at most 100 characters."));
        }

        if (input.ProviderId?.Trim() is { Length: > 100 })
        {
            errors.Add(Error.ForField("providerId", "providerId must be at most 100 characters."));
        }

        if (input.Provider is { Length: > 100 })
        {
            errors.Add(Error.ForField("provider", "provider must be at most 100 characters."));
        }

        return errors;
    }
}
