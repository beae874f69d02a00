using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// The one send pipeline of DESIGN §4 for the Send dialog and both APIs. Checks, in order, the first
/// failure winning: (0) the actor may send texts at all (4030); (1) API only: the partner's SMS API activation (4015); (2) the recipient rules (4000);
/// (3) the content: empty, over 10 segments (4000), blocked (4045), unconfirmed warnings (4000);
/// (4) opt-out (4050); (5) SMS Business Details completeness (4039 + the problems); (6) the sender
/// number: Pending → 4035, none → a number and a verification are requested in the same save, then
/// 4035, Rejected → 4039 with the reason; (7) no provider URL while the simulated provider is off (4060); (8) quiet hours
/// and "Send later" (<see cref="QuietHours"/>) set <see cref="Message.ScheduledFor"/>; (9) the message is stored Pending
/// with its audit entry in one transaction. Nothing is sent to a provider here: the dispatcher sends Pending messages
/// (once ScheduledFor has passed).
/// </summary>
public sealed class SendService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    NumberRequestService numberRequests,
    SecureTextOptions secureTextOptions,
    TimeProvider time,
    MessageGroupCommit? groupCommit = null,
    IOptions<DeliveryOptions>? deliveryOptions = null,
    QuietHoursOptions? quietHoursOptions = null)
{
    /// <summary>The counter and lint of a text (the dialog's live counter and <c>POST /messages/preview</c>).</summary>
    public static MessagePreview Preview(string? content) => MessagePreview.Of(content);

    public Task<Result<SendOutcome>> SendAsync(SendRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, known: null, shared: null, cancellationToken);

    /// <summary>
    /// An address-book entry with its opt-out, read in one query (<paramref name="recipients"/> filtered by the caller).
    /// The opt-out's fields are two scalar subqueries on the (account, phone) index: a subquery returning the row
    /// (<c>FirstOrDefault()</c> of an entity-like projection) joins a ROW_NUMBER() over every opt-out of every account.
    /// </summary>
    internal static IQueryable<KnownRecipient> WithOptOut(ApplicationDbContext db, IQueryable<Recipient> recipients) =>
        recipients.AsNoTracking().Select(r => new KnownRecipient(r,
            db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => (DateTime?)o.OptedOutAt).FirstOrDefault(),
            db.OptOuts.Where(o => o.AccountId == r.AccountId && o.Phone == r.Mobile).Select(o => o.Keyword).FirstOrDefault()));

    /// <summary>
    /// The pipeline for a caller that has already read the recipient of <see cref="SendRequest.RecipientId"/> as
    /// <see cref="WithOptOut"/> does (the Integration API finds patients by providerId), so it is not read twice, and
    /// that may hand over its context (<paramref name="shared"/>), open or not: the pipeline reads through it and
    /// closes its connection before waiting for the group commit, so no connection is held while a send waits.
    /// </summary>
    internal async Task<Result<SendOutcome>> SendAsync(SendRequest request, KnownRecipient? known, ApplicationDbContext? shared,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = await currentActor.GetAsync(cancellationToken);
        // 0. Permission (DESIGN §1, 4030): the very first check, before anything is read or written.
        if (!actor.Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        await using var owned = shared is null ? await dbFactory.CreateDbContextAsync(cancellationToken) : null;
        var db = shared ?? owned!;
        // Opened once for the reads below, unless the caller handed it over open: either way one close before the group
        // commit releases it (and the caller's own close is then a no-op).
        await using var connection = db.Database.GetDbConnection().State == System.Data.ConnectionState.Open
            ? (ConnectionScope?)null
            : await ConnectionScope.OpenAsync(db, cancellationToken);

        // Read without tracking (only a location without a number needs the tracked graph: see SenderRefusalAsync),
        // by id; CanSend is the tenancy check.
        var account = await AccountLoading.ReadWithLocationsAsync(db, request.AccountId, cancellationToken);
        if (account is null || !CanSend(actor, account))
        {
            return Error.NotFound("The account");
        }

        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        var fingerprint = key is null ? null : Fingerprint(request);
        if (key is not null && await ReplayAsync(db, account.Id, key, fingerprint!, cancellationToken) is { } replay)
        {
            return replay;
        }

        // 1. API activation.
        if (request.ViaApi && !account.Partner.SmsApiEnabled)
        {
            return new Error(SendRefusals.ApiNotEnabled, ResultCodes.ApiNotEnabled);
        }

        // A deactivated account (or vendor) keeps its history, but nothing new is sent from it.
        if (account.DeactivatedAt is not null || account.Partner.DeactivatedAt is not null)
        {
            return new Error(account.DeactivatedAt is not null ? SendRefusals.AccountDeactivated : SendRefusals.PartnerDeactivated,
                ResultCodes.AccountDeactivated);
        }

        // 2. Recipient.
        Recipient? stored = null;
        RecipientOptOut? storedOptOut = null;
        RecipientFacts facts;
        if (request.RecipientId is { } recipientId)
        {
            // The address-book entry and its opt-out (checked in step 4) in one read.
            var found = known is { } given && given.Recipient.Id == recipientId && given.Recipient.AccountId == account.Id
                ? given
                : await WithOptOut(db, db.Recipients.Where(r => r.Id == recipientId && r.AccountId == account.Id))
                    .FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Error.NotFound("The recipient");
            }

            stored = found.Recipient;
            storedOptOut = found.OptOut;
            facts = RecipientFacts.Of(stored);
        }
        else if (request.CreatePatient is { } patient)
        {
            facts = new RecipientFacts(RecipientKind.Patient, patient.FirstName, patient.LastName, patient.DateOfBirth, patient.Mobile, patient.Email);
        }
        else if (request.Recipient is { } inline)
        {
            facts = new RecipientFacts(inline.Kind, inline.FirstName, inline.LastName, inline.DateOfBirth, inline.Mobile?.Trim(), inline.Email?.Trim());
        }
        else
        {
            return Error.ForField("recipient", SendRefusals.ChooseRecipient);
        }

        var notify = request.Kind == MessageKind.SecureText ? request.NotifyMethod : NotifyMethod.Sms;
        if (RecipientRequirements.Explain(facts, request.Kind, notify, request.PatientDateOfBirthOptional) is { } missing)
        {
            return Error.ForField("recipient", missing);
        }

        if (request.Kind == MessageKind.SecureText && stored is null)
        {
            return Error.ForField("recipient",
                "A Secure Text needs a recipient from the address book, because its link asks for their date of birth and last name.");
        }

        // 3. Content.
        var content = request.Content ?? "";
        if (ContentRefusal(content, request.ConfirmedWarnings) is { } contentRefusal)
        {
            return Result<SendOutcome>.Fail(contentRefusal);
        }

        // "Send later": a time to come, not too far ahead.
        var now = time.GetUtcNow().UtcDateTime;
        if (SendAtRefusal(request.SendAt, now) is { } sendAtRefusal)
        {
            return sendAtRefusal;
        }

        // 4. Opt-out (whatever is texted goes to the mobile).
        var texted = request.Kind == MessageKind.SmsText || notify is NotifyMethod.Sms or NotifyMethod.Both;
        var toNumber = texted ? facts.Mobile : null;
        if (toNumber is not null)
        {
            var optOut = stored is not null
                ? storedOptOut
                : await db.OptOuts.AsNoTracking().Where(o => o.AccountId == account.Id && o.Phone == toNumber)
                    .Select(o => new RecipientOptOut(o.OptedOutAt, o.Keyword)).FirstOrDefaultAsync(cancellationToken);
            if (optOut is not null)
            {
                return new Error(
                    $"{facts.DisplayName} opted out of texts from {account.BusinessName} on " +
                    $"{optOut.OptedOutAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)} ({OptOut.Describe(optOut.Keyword)}). " +
                    "The patient must reply START to receive texts again.",
                    ResultCodes.OptedOut, "recipient");
            }
        }

        // 5. SMS Business Details.
        var completeness = AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails);
        if (!completeness.IsComplete)
        {
            return Result<SendOutcome>.Fail(InsufficientBusinessInfo(completeness));
        }

        // 6. Sender number.
        var location = request.LocationId is { } locationId
            ? account.Locations.FirstOrDefault(l => l.Id == locationId)
            : request.ViaApi
                ? account.Locations.Where(l => l.DeactivatedAt is null).OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).FirstOrDefault()
                : null;
        if (location is null)
        {
            return request.LocationId is null ? Error.ForField("location", SendRefusals.ChooseLocation) : Error.NotFound("The location");
        }

        if (location.DeactivatedAt is not null)
        {
            return Error.ForField("location", $"{location.Name} is deactivated; choose another location to send from.");
        }

        if (await SenderRefusalAsync(db, actor, account, location, cancellationToken) is { } senderRefusal)
        {
            return senderRefusal;
        }

        if (request.QueueLocationId is { } queueId && !account.Locations.Any(l => l.Id == queueId && l.Kind == LocationKind.Queue))
        {
            return Error.ForField("queue", SendRefusals.ChooseQueue);
        }

        // 7. Provider: without a provider URL the simulated provider must be on, else the text could never leave (4060).
        if (texted && await HasNoProviderAsync(db, account.Id, cancellationToken))
        {
            return new Error(SendRefusals.NoProvider, ResultCodes.NoProvider);
        }

        // 8. Quiet hours in the recipient's time, and "Send later".
        var timing = (quietHoursOptions ?? QuietHoursOptions.Default).Enabled
            ? QuietHours.Decide(AccountTiming.For(account), toNumber, now, request.SendAt)
            : QuietHours.Decide(AccountTiming.For(account) with { Window = QuietWindow.For(account) with { Enabled = false } }, toNumber, now, request.SendAt);

        // 9. Store as Pending with the audit entry, in one transaction (with other sends' when group commit is on).
        var message = NewMessage(request, account, location, stored, facts, notify, content, key, fingerprint, now, timing);
        AuditRecord Queued(Message m) => new(
            "message.queued", "Message", m.Id.ToString(CultureInfo.InvariantCulture),
            $"{(m.Kind == MessageKind.SmsText ? "SMS Text" : "Secure Text")} #{m.Id} queued from {location.Name}" +
            $"{(m.RecipientId is { } to ? $" to recipient #{to}" : "")} ({m.SegmentCount} {(m.SegmentCount == 1 ? "segment" : "segments")})" +
            $"{(request.NewLinkFor is { } renewed ? $", a new link for Secure Text #{renewed}" : "")}" +
            (m.ScheduledFor is { } at
                ? $"; scheduled for {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({(timing.HeldByQuietHours ? "quiet hours" : "send later")})"
                : ""),
            account.PartnerId, account.Id);
        try
        {
            if (request.CreatePatient is { } newPatient)
            {
                // The patient exists only if the message does: one transaction for both and their audit entries.
                await auditLog.InTransactionAsync(db, async () =>
                {
                    var recipient = NewRecipient(account.Id, newPatient, message.CreatedAt);
                    db.Recipients.Add(recipient);
                    await db.SaveChangesAsync(cancellationToken);
                    message.RecipientId = recipient.Id;
                    db.Messages.Add(message);
                    await db.SaveChangesAsync(cancellationToken);
                    auditLog.Add(db, actor, new AuditRecord("recipient.created", "Recipient", recipient.Id.ToString(CultureInfo.InvariantCulture),
                        $"Patient #{recipient.Id} added to the address book of {account.BusinessName}", account.PartnerId, account.Id));
                    auditLog.Add(db, actor, Queued(message));
                }, cancellationToken);
            }
            else if (groupCommit is not null)
            {
                await db.Database.CloseConnectionAsync(); // not held while the batch commits (see PooledContextTests)
                await groupCommit.StoreAsync(message, actor, Queued);
            }
            else
            {
                await auditLog.InTransactionAsync(db, async () =>
                {
                    db.Messages.Add(message);
                    await db.SaveChangesAsync(cancellationToken);
                    auditLog.Add(db, actor, Queued(message));
                }, cancellationToken);
            }
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Another request with the same Idempotency-Key won the race: answer as it was answered.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await ReplayAsync(again, account.Id, key, fingerprint!, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        return Result<SendOutcome>.Ok(new SendOutcome(
            message.Id, message.Status, message.SegmentCount, message.Encoding, message.Encoding == SegmentCalculator.Ucs2, message.CreatedAt,
            RecipientId: message.RecipientId, ScheduledFor: message.ScheduledFor));
    }

    /// <summary>The refusal of a "Send later" time in the past or more than <see cref="QuietHours.MaxAhead"/> ahead (field <c>sendAt</c>).</summary>
    public static Error? SendAtRefusal(DateTime? sendAt, DateTime now)
    {
        if (sendAt is not { } at)
        {
            return null;
        }

        if (at < now - QuietHours.PastTolerance)
        {
            return Error.ForField("sendAt", "The send time is in the past. Choose a time to come, or send now.");
        }

        return at > now + QuietHours.MaxAhead
            ? Error.ForField("sendAt", $"The send time is too far ahead: a text can be scheduled at most {QuietHours.MaxAhead.TotalDays:0} days ahead.")
            : null;
    }

    private static Recipient NewRecipient(int accountId, NewPatient patient, DateTime now) => new()
    {
        AccountId = accountId,
        Kind = RecipientKind.Patient,
        FirstName = patient.FirstName,
        LastName = patient.LastName,
        DateOfBirth = patient.DateOfBirth,
        Mobile = patient.Mobile,
        Email = patient.Email,
        ProviderId = patient.ProviderId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Step 3 on its own: the refusals of <paramref name="content"/>, or null when it may be sent.</summary>
    public static IReadOnlyList<Error>? ContentRefusal(string content, bool confirmedWarnings)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return [Error.ForField("content", SendRefusals.EnterMessage)];
        }

        var preview = MessagePreview.Of(content);
        if (preview.IsTooLong)
        {
            return [Error.ForField("content",
                $"The message is {preview.Segments} segments long; at most {MessagePreview.MaxSegments} segments can be sent. Please shorten it.")];
        }

        if (preview.IsBlocked)
        {
            // 4045 names every finding the preview shows, the blocking ones first (see ContentFinding).
            return preview.Blocked.Concat(preview.Warnings).Select(ContentFinding).ToList();
        }

        if (preview.HasWarnings && !confirmedWarnings)
        {
            return preview.Warnings.Select(f => Error.ForField("content", $"{SendRefusals.NeedsConfirmation} {f.Message}")).ToList();
        }

        return null;
    }

    /// <summary>A content finding as an error of a 4045 answer: <see cref="Error.Source"/> carries its rule, <see cref="Error.Reason"/> its words.</summary>
    public static Error ContentFinding(LintFinding finding) =>
        new(finding.Message, ResultCodes.ContentBlocked, "content", Source: finding.Rule, Reason: finding.Text);

    /// <summary>
    /// The 4039 answer: a headline naming the fields, then one error per problem (its <see cref="Error.Field"/> is the
    /// <c>missingFields</c> key; <see cref="Error.Source"/> and <see cref="Error.Reason"/> say where to fix it and why).
    /// </summary>
    public static IReadOnlyList<Error> InsufficientBusinessInfo(Completeness.CompletenessResult completeness)
    {
        var labels = string.Join(", ", completeness.Problems.Select(p => p.Label).Distinct());
        var errors = new List<Error> { new($"{SendRefusals.BusinessInfoInsufficient}: {labels}.", ResultCodes.BusinessInfoInsufficient) };
        errors.AddRange(completeness.Problems.Select(p => p.ToError()));
        return errors;
    }

    /// <summary>True when the account has no provider URL and the simulated provider is off (read only then: the usual case costs nothing).</summary>
    private async Task<bool> HasNoProviderAsync(ApplicationDbContext db, int accountId, CancellationToken cancellationToken) =>
        deliveryOptions?.Value.SimulatedProvider.Enabled == false
        && !await db.ProviderSettings.AsNoTracking()
            .AnyAsync(s => s.AccountId == accountId && s.ProviderUrl != null && s.ProviderUrl != "", cancellationToken);

    private static bool CanSend(Actor actor, Account account) =>
        actor.CanEditAccount(account.PartnerId, account.Id)
        || (actor.Kind == ActorKind.ApiKey && actor.CanReadAccount(account.PartnerId, account.Id));

    private async Task<Error?> SenderRefusalAsync(ApplicationDbContext db, Actor actor, Account account, Location location, CancellationToken cancellationToken)
    {
        var number = location.SmsNumber;
        switch (number?.Status ?? SmsNumberStatus.NoNumber)
        {
            case SmsNumberStatus.Approved when !string.IsNullOrEmpty(number!.Number):
                return null;
            case SmsNumberStatus.Approved:
            case SmsNumberStatus.Pending:
                return new Error(SendRefusals.NumberNotVerified, ResultCodes.NumberNotVerified, "location");
            case SmsNumberStatus.Rejected:
                return new Error(
                    $"{SendRefusals.BusinessInfoInsufficient}: the SMS number of {location.Name} was rejected: {number!.RejectionReason ?? "no reason was given"}.",
                    ResultCodes.BusinessInfoInsufficient, "location");
            default:
                // The first SMS of a location without a number requests one (and its verification), on the tracked graph.
                var tracked = await db.Accounts.VisibleTo(actor).WithLocationsAsync(db, account.Id, cancellationToken);
                if (tracked is null)
                {
                    return Error.NotFound("The account");
                }

                var requested = numberRequests.RequestWithin(db, actor, tracked, [location.Id]);
                if (!requested.Succeeded)
                {
                    return requested.FirstError;
                }

                await auditLog.SaveChangesAsync(db, cancellationToken);
                await numberRequests.AnnounceRequestedAsync(account.Id, cancellationToken);
                return new Error(SendRefusals.NumberNotVerified, ResultCodes.NumberNotVerified, "location");
        }
    }

    private Message NewMessage(SendRequest request, Account account, Location location, Recipient? stored, RecipientFacts facts,
        NotifyMethod notify, string content, string? key, string? fingerprint, DateTime now, SendTiming timing)
    {
        var secure = request.Kind == MessageKind.SecureText;
        // What is texted: the content, or for a Secure Text the generic notice (its length does not depend on the token).
        var texted = secure
            ? notify is NotifyMethod.Sms or NotifyMethod.Both
                ? SecureNotice.Compose(0, account.BusinessName, secureTextOptions.LinkFor(new string('x', SecureLinkToken.Length))).SmsText
                : null
            : content;
        var counted = texted is null ? null : SegmentCalculator.Calculate(texted);
        return new Message
        {
            AccountId = account.Id,
            LocationId = location.Id,
            SenderNumber = location.SmsNumber?.Number,
            RecipientId = stored?.Id,
            ToNumber = texted is null ? null : facts.Mobile,
            ToEmail = secure && notify is NotifyMethod.Email or NotifyMethod.Both ? facts.Email : null,
            Kind = request.Kind,
            Type = MessageType.Notification,
            NotifyMethod = secure ? notify : null,
            Content = content,
            Encoding = counted?.Encoding ?? SegmentCalculator.Gsm7,
            SegmentCount = counted?.Segments ?? 0,
            Status = MessageStatus.Pending,
            IdempotencyKey = key,
            RequestFingerprint = fingerprint,
            Provider = string.IsNullOrWhiteSpace(request.Provider) ? null : request.Provider.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            SecureLinkExpiresAt = secure ? (timing.ScheduledFor ?? now) + SecureTextOptions.LinkLifetime : null,
            ScheduledFor = timing.ScheduledFor,
            RequestedSendAt = request.SendAt is { } asked && asked > now ? asked : null,
            QueueLocationId = request.QueueLocationId,
        };
    }

    private static async Task<Result<SendOutcome>?> ReplayAsync(ApplicationDbContext db, int accountId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var existing = await db.Messages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.IdempotencyKey == key)
            .Select(m => new { m.Id, m.Status, m.SegmentCount, m.Encoding, m.CreatedAt, m.RequestFingerprint, m.RecipientId, m.ScheduledFor })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestFingerprint == fingerprint
            ? Result<SendOutcome>.Ok(new SendOutcome(existing.Id, existing.Status, existing.SegmentCount, existing.Encoding,
                existing.Encoding == SegmentCalculator.Ucs2, existing.CreatedAt, Replayed: true, RecipientId: existing.RecipientId, ScheduledFor: existing.ScheduledFor))
            : Result<SendOutcome>.Fail(new Error(SendRefusals.IdempotencyConflict, ResultCodes.IdempotencyConflict));
    }

    private static string Fingerprint(SendRequest request)
    {
        var json = JsonSerializer.Serialize(request with { IdempotencyKey = null, ConfirmedWarnings = false });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}

/// <summary>An address-book entry as the send pipeline reads it: with the opt-out of its mobile, if any.</summary>
internal sealed record KnownRecipient(Recipient Recipient, DateTime? OptedOutAt, string? OptOutKeyword)
{
    public RecipientOptOut? OptOut => OptedOutAt is { } at ? new RecipientOptOut(at, OptOutKeyword ?? "") : null;
}

internal sealed record RecipientOptOut(DateTime OptedOutAt, string Keyword);
