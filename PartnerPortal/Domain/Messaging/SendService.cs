using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// The one send pipeline of DESIGN §4 for the Send dialog and both APIs: its checks in DESIGN's order, the first failure
/// winning (4030, 4015, 4000, 4045, 4050, 4039, 4035, 4060; <see cref="SendChecks"/> holds those that need no database),
/// then quiet hours and "Send later" (<see cref="QuietHours"/>), then the message stored Pending with its audit entry in one
/// transaction through <see cref="IMessageStore"/>. Nothing is sent here: the dispatcher sends Pending messages when due.
/// </summary>
public sealed class SendService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    NumberRequestService numberRequests,
    SecureTextOptions secureTextOptions,
    TimeProvider time,
    IMessageStore store,
    IOptions<DeliveryOptions>? deliveryOptions = null,
    QuietHoursOptions? quietHoursOptions = null)
{
    /// <summary>The counter and lint of a text (the dialog's live counter and <c>POST /messages/preview</c>).</summary>
    public static MessagePreview Preview(string? content) => MessagePreview.Of(content);

    public async Task<Result<SendOutcome>> SendAsync(SendRequest request, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenSendAsync(cancellationToken);
        return await SendAsync(request, known: null, session, cancellationToken);
    }

    /// <summary>
    /// The pipeline on a caller's <paramref name="session"/> (the Integration API reads the patient by providerId first,
    /// as <paramref name="known"/>, so it is not read twice).
    /// </summary>
    internal async Task<Result<SendOutcome>> SendAsync(SendRequest request, KnownRecipient? known, ISendSession session,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = await currentActor.GetAsync(cancellationToken);
        // 0. Permission (DESIGN §1, 4030): the very first check, before anything is read or written.
        if (!actor.Can(PortalPolicies.SendTexts))
        {
            return PortalPolicies.Refusal;
        }

        var account = await session.AccountAsync(request.AccountId, cancellationToken);
        if (account is null || !SendChecks.CanSend(actor, account))
        {
            return Error.NotFound("The account");
        }

        var key = Idempotency.Normalize(request.IdempotencyKey);
        var fingerprint = key is null ? null : Fingerprint(request);
        if (key is not null && await ReplayAsync(session, account.Id, key, fingerprint!, cancellationToken) is { } replay)
        {
            return replay;
        }

        // 1. API activation.
        if (request.ViaApi && !account.Partner.SmsApiEnabled)
        {
            return SmsApiActivation.Refusal;
        }

        if (SendChecks.DeactivatedRefusal(account) is { } deactivated)
        {
            return deactivated;
        }

        // 2. Recipient.
        var recipient = await RecipientAsync(request, known, session, account, cancellationToken);
        if (!recipient.Succeeded)
        {
            return Result<SendOutcome>.Fail(recipient.Errors);
        }

        var (stored, storedOptOut, facts) = recipient.Value!;
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

        // 3. Content, and "Send later": a time to come, not too far ahead.
        var content = request.Content ?? "";
        if (SendChecks.ContentRefusal(content, request.ConfirmedWarnings) is { } contentRefusal)
        {
            return Result<SendOutcome>.Fail(contentRefusal);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (SendChecks.SendAtRefusal(request.SendAt, now) is { } sendAtRefusal)
        {
            return sendAtRefusal;
        }

        // 4. Opt-out (whatever is texted goes to the mobile).
        var texted = request.Kind == MessageKind.SmsText || notify is NotifyMethod.Sms or NotifyMethod.Both;
        var toNumber = texted ? facts.Mobile : null;
        if (toNumber is not null
            && (stored is not null ? storedOptOut : await session.OptOutAsync(account.Id, toNumber, cancellationToken)) is { } optOut)
        {
            return SendChecks.OptedOut(facts.DisplayName, account, optOut);
        }

        // 5. SMS Business Details.
        var completeness = AccountCompleteness.Evaluate(account, account.Partner.BusinessDetails);
        if (!completeness.IsComplete)
        {
            return Result<SendOutcome>.Fail(SendChecks.InsufficientBusinessInfo(completeness));
        }

        // 6. Sender number.
        var location = SendChecks.SenderLocation(account, request.LocationId, request.ViaApi);
        if (SendChecks.LocationRefusal(location, request.LocationId) is { } locationRefusal)
        {
            return locationRefusal;
        }

        if (await SenderRefusalAsync(session, actor, account, location!, cancellationToken) is { } senderRefusal)
        {
            return senderRefusal;
        }

        if (request.QueueLocationId is { } queueId && !account.Locations.Any(l => l.Id == queueId && l.Kind == LocationKind.Queue))
        {
            return Error.ForField("queue", SendRefusals.ChooseQueue);
        }

        // 7. Provider: without a provider URL the simulated provider must be on, else the text could never leave (4060).
        // Read only then: the usual case costs nothing.
        if (texted && deliveryOptions?.Value.SimulatedProvider.Enabled == false && !await session.HasProviderUrlAsync(account.Id, cancellationToken))
        {
            return new Error(ResultCodes.Sentences.NoProvider, ResultCodes.NoProvider);
        }

        // 8. Quiet hours in the recipient's time, and "Send later".
        var timing = (quietHoursOptions ?? QuietHoursOptions.Default).Enabled
            ? QuietHours.Decide(AccountTiming.For(account), toNumber, now, request.SendAt)
            : QuietHours.Decide(AccountTiming.For(account) with { Window = QuietWindow.For(account) with { Enabled = false } }, toNumber, now, request.SendAt);

        // 9. Store as Pending with the audit entry, in one transaction.
        var message = SendRecords.NewMessage(request, account, location!, stored, facts, notify, content, key, fingerprint, now, timing, secureTextOptions);
        var patient = request.CreatePatient is { } newPatient ? SendRecords.NewPatient(account.Id, newPatient, message.CreatedAt) : null;
        try
        {
            await session.StoreAsync(new NewMessage(message, actor, m => SendRecords.Queued(m, request, account, location!, timing),
                patient, r => SendRecords.PatientAdded(r, account)), cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Another request with the same Idempotency-Key won the race: answer as it was answered.
            await using var again = await store.OpenSendAsync(cancellationToken);
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

    private sealed record Addressee(Recipient? Stored, RecipientOptOut? StoredOptOut, RecipientFacts Facts);

    /// <summary>Step 2: who is texted, from the address book (with the opt-out of its mobile, in one read) or given inline.</summary>
    private static async Task<Result<Addressee>> RecipientAsync(SendRequest request, KnownRecipient? known, ISendSession session, Account account,
        CancellationToken cancellationToken)
    {
        if (request.RecipientId is { } recipientId)
        {
            var found = known is { } given && given.Recipient.Id == recipientId && given.Recipient.AccountId == account.Id
                ? given
                : await session.RecipientAsync(account.Id, recipientId, cancellationToken);
            return found is null
                ? Error.NotFound("The recipient")
                : Result<Addressee>.Ok(new Addressee(found.Recipient, found.OptOut, RecipientFacts.Of(found.Recipient)));
        }

        if (request.CreatePatient is { } patient)
        {
            return Result<Addressee>.Ok(new Addressee(null, null,
                new RecipientFacts(RecipientKind.Patient, patient.FirstName, patient.LastName, patient.DateOfBirth, patient.Mobile, patient.Email)));
        }

        return request.Recipient is { } inline
            ? Result<Addressee>.Ok(new Addressee(null, null,
                new RecipientFacts(inline.Kind, inline.FirstName, inline.LastName, inline.DateOfBirth, inline.Mobile?.Trim(), inline.Email?.Trim())))
            : Error.ForField("recipient", SendRefusals.ChooseRecipient);
    }

    private async Task<Error?> SenderRefusalAsync(ISendSession session, Actor actor, Account account, Location location, CancellationToken cancellationToken)
    {
        var number = location.SmsNumber;
        switch (number?.Status ?? SmsNumberStatus.NoNumber)
        {
            case SmsNumberStatus.Approved when !string.IsNullOrEmpty(number!.Number):
                return null;
            case SmsNumberStatus.Approved:
            case SmsNumberStatus.Pending:
                return new Error(ResultCodes.Sentences.NumberNotVerified, ResultCodes.NumberNotVerified, "location");
            case SmsNumberStatus.Rejected:
                return new Error(
                    $"{ResultCodes.Sentences.BusinessInfoInsufficient}: the SMS number of {location.Name} was rejected: {number!.RejectionReason ?? "no reason was given"}.",
                    ResultCodes.BusinessInfoInsufficient, "location");
            default:
                // The first SMS of a location without a number requests one (and its verification), on the tracked graph
                // of a context of its own: the send's connection is let go first.
                await session.ReleaseAsync();
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
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
                }

                await numberRequests.AnnounceRequestedAsync(account.Id, cancellationToken);
                return new Error(ResultCodes.Sentences.NumberNotVerified, ResultCodes.NumberNotVerified, "location");
        }
    }

    private static async Task<Result<SendOutcome>?> ReplayAsync(ISendSession session, int accountId, string key, string fingerprint,
        CancellationToken cancellationToken) =>
        await session.ByIdempotencyKeyAsync(accountId, key, cancellationToken) switch
        {
            null => null,
            { } m when m.RequestFingerprint == fingerprint => Result<SendOutcome>.Ok(new SendOutcome(m.Id, m.Status, m.SegmentCount, m.Encoding,
                m.Encoding == SegmentCalculator.Ucs2, m.CreatedAt, Replayed: true, RecipientId: m.RecipientId, ScheduledFor: m.ScheduledFor)),
            _ => Result<SendOutcome>.Fail(Idempotency.Conflict),
        };

    private static string Fingerprint(SendRequest request) =>
        Idempotency.Fingerprint(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request with { IdempotencyKey = null, ConfirmedWarnings = false })));
}
