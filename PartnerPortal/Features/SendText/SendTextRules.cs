using System.Globalization;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;

namespace PartnerPortal.Features.SendText;

/// <summary>The dialog's pre-checks: the same rules as the send pipeline, worded as the reason the send button is disabled.</summary>
public static class SendTextRules
{
    public const string CompleteBusinessInfo = "Complete the Business Information above before sending.";
    public const string ConfirmWarnings = "Confirm the warnings to send this message.";

    public static string? DisabledReason(SendContext? context, RecipientSummary? recipient, MessageKind kind, NotifyMethod notify,
        int locationId, string? content, bool confirmedWarnings)
    {
        if (context is null)
        {
            return "Loading…";
        }

        if (!context.Completeness.IsComplete)
        {
            return CompleteBusinessInfo;
        }

        if (recipient is null)
        {
            return SendRefusals.ChooseRecipient;
        }

        if (RecipientRequirements.Explain(recipient.Facts, kind, notify) is { } missing)
        {
            return missing;
        }

        var text = content ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return SendRefusals.EnterMessage;
        }

        var preview = MessagePreview.Of(text);
        if (preview.IsTooLong)
        {
            return $"The message is {preview.Segments} segments long; at most {MessagePreview.MaxSegments} segments can be sent.";
        }

        if (preview.IsBlocked)
        {
            return "This message contains blocked content (see above) and cannot be sent.";
        }

        if (TemplateVariables.HasKnownVariables(text))
        {
            return "The message still has template variables such as {{firstName}}; choose the recipient or edit them.";
        }

        if (preview.HasWarnings && !confirmedWarnings)
        {
            return ConfirmWarnings;
        }

        if (recipient.IsOptedOut && (kind == MessageKind.SmsText || notify is NotifyMethod.Sms or NotifyMethod.Both))
        {
            return $"{recipient.DisplayName} opted out on {recipient.OptedOutAt!.Value.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}; the patient must reply START.";
        }

        if (context.Locations.FirstOrDefault(l => l.Id == locationId) is not { IsSelectable: true })
        {
            return SendRefusals.ChooseLocation;
        }

        return null;
    }

    /// <summary>What the dialog says after "Add Number" on a Send From row.</summary>
    public static string NumberRequestedNotice(string locationName) =>
        $"A number was requested for {locationName} and verification has been requested. {VerificationTiming.Note}";

    /// <summary>What the dialog says after a send answered 4035 (the first text of a location without a number requests one).</summary>
    public const string VerificationRequestedNotice = "Verification of this location's number has been requested. " + VerificationTiming.Note;

    /// <summary>What the dialog says after the missing business information was submitted.</summary>
    public static string VerificationNotice(MissingInfoOutcome outcome)
    {
        if (outcome.VerificationRequested)
        {
            return $"Your Business Information was saved and verification has been requested for {string.Join(", ", outcome.RequestedLocations)}. " +
                $"{VerificationTiming.Note} You can send texts once the number is approved (SMS Approved).";
        }

        return outcome.RemainingProblems.Count > 0
            ? "Your Business Information was saved. Your partner administrator still needs to complete the partner's Business Details before verification can be requested."
            : "Your Business Information was saved.";
    }
}
