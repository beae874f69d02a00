using System.Globalization;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.SecureText;

namespace PartnerPortal.Domain.Messaging;

/// <summary>What an accepted send stores (step 9): the Pending message, the patient it creates, and their audit entries.</summary>
internal static class SendRecords
{
    public static Message NewMessage(SendRequest request, Account account, Location location, Recipient? stored, RecipientFacts facts,
        NotifyMethod notify, string content, string? key, string? fingerprint, DateTime now, SendTiming timing, SecureTextOptions secureText)
    {
        var secure = request.Kind == MessageKind.SecureText;
        // What is texted: the content, or for a Secure Text the generic notice (its length does not depend on the token).
        var texted = secure
            ? notify is NotifyMethod.Sms or NotifyMethod.Both
                ? SecureNotice.Compose(0, account.BusinessName, secureText.LinkFor(new string('x', SecureLinkToken.Length))).SmsText
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

    public static Recipient NewPatient(int accountId, NewPatient patient, DateTime now) => new()
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

    public static AuditRecord PatientAdded(Recipient recipient, Account account) =>
        new("recipient.created", "Recipient", recipient.Id.ToString(CultureInfo.InvariantCulture),
            $"Patient #{recipient.Id} added to the address book of {account.BusinessName}", account.PartnerId, account.Id);

    public static AuditRecord Queued(Message m, SendRequest request, Account account, Location location, SendTiming timing) => new(
        "message.queued", "Message", m.Id.ToString(CultureInfo.InvariantCulture),
        $"{(m.Kind == MessageKind.SmsText ? "SMS Text" : "Secure Text")} #{m.Id} queued from {location.Name}" +
        $"{(m.RecipientId is { } to ? $" to recipient #{to}" : "")} ({m.SegmentCount} {(m.SegmentCount == 1 ? "segment" : "segments")})" +
        $"{(request.NewLinkFor is { } renewed ? $", a new link for Secure Text #{renewed}" : "")}" +
        (m.ScheduledFor is { } at
            ? $"; scheduled for {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({(timing.HeldByQuietHours ? "quiet hours" : "send later")})"
            : ""),
        account.PartnerId, account.Id);
}
