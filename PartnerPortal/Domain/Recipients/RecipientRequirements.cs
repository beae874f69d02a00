using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Domain.Recipients;

/// <summary>What the send pipeline knows about a recipient (from the address book or given inline by an API).</summary>
/// <param name="Kind">Patient or Contact; null for a bare phone number given by an API (only the mobile rule applies).</param>
public sealed record RecipientFacts(
    RecipientKind? Kind,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    string? Mobile,
    string? Email)
{
    public static RecipientFacts Of(Recipient recipient) => new(
        recipient.Kind, recipient.FirstName, recipient.LastName, recipient.DateOfBirth, recipient.Mobile, recipient.Email);

    /// <summary>"Jordan Ellis", or "This recipient" when there is no name.</summary>
    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())) is { Length: > 0 } name
            ? name
            : "This recipient";
}

/// <summary>
/// The recipient rules of DESIGN §4 step 2, shared by the pipeline and the Send dialog (which names the
/// missing items and disables its send button with the same sentence).
/// </summary>
public static class RecipientRequirements
{
    public const string DateOfBirth = "a date of birth";
    public const string CellPhoneOrEmail = "a cell phone or email";
    public const string FirstName = "a first name";
    public const string LastName = "a last name";
    public const string ValidMobile = "a valid mobile number";
    public const string EmailAddress = "a valid email address";

    /// <summary>
    /// The missing items, in rule order: a Patient needs a date of birth and a cell phone or email; a
    /// Contact needs first and last name and a cell phone or email; a Secure Text also needs a date of
    /// birth and a last name (its link page asks for them); anything texted (an SMS Text, or a
    /// Secure Text notified by SMS) needs a valid mobile; a Secure Text notified by email needs an email.
    /// </summary>
    public static IReadOnlyList<string> Missing(RecipientFacts recipient, MessageKind kind, NotifyMethod notifyMethod,
        bool dateOfBirthOptional = false)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var missing = new List<string>();
        var hasMobile = !string.IsNullOrWhiteSpace(recipient.Mobile);
        var hasEmail = !string.IsNullOrWhiteSpace(recipient.Email);
        switch (recipient.Kind)
        {
            case RecipientKind.Patient:
                // The Integration API may text a patient without one (seed 003); a Secure Text still needs it (below).
                if (recipient.DateOfBirth is null && !(dateOfBirthOptional && kind == MessageKind.SmsText))
                {
                    missing.Add(DateOfBirth);
                }

                break;
            case RecipientKind.Contact:
                if (string.IsNullOrWhiteSpace(recipient.FirstName))
                {
                    missing.Add(FirstName);
                }

                if (string.IsNullOrWhiteSpace(recipient.LastName))
                {
                    missing.Add(LastName);
                }

                break;
        }

        if (recipient.Kind is not null && !hasMobile && !hasEmail)
        {
            missing.Add(CellPhoneOrEmail);
        }

        // The Secure Text link page asks for the date of birth and the last name.
        if (kind == MessageKind.SecureText)
        {
            if (recipient.DateOfBirth is null && !missing.Contains(DateOfBirth))
            {
                missing.Add(DateOfBirth);
            }

            if (string.IsNullOrWhiteSpace(recipient.LastName) && !missing.Contains(LastName))
            {
                missing.Add(LastName);
            }
        }

        var texted = kind == MessageKind.SmsText || notifyMethod is NotifyMethod.Sms or NotifyMethod.Both;
        var emailed = kind == MessageKind.SecureText && notifyMethod is NotifyMethod.Email or NotifyMethod.Both;
        if (texted && !BusinessFieldValidators.IsE164(recipient.Mobile?.Trim()) && !missing.Contains(CellPhoneOrEmail))
        {
            missing.Add(ValidMobile);
        }

        if (emailed && !BusinessFieldValidators.IsEmail(recipient.Email) && !missing.Contains(CellPhoneOrEmail))
        {
            missing.Add(EmailAddress);
        }

        return missing;
    }

    /// <summary>One sentence naming what is missing, e.g. "Alex Morgan is missing a date of birth."; null when nothing is.</summary>
    public static string? Explain(RecipientFacts recipient, MessageKind kind, NotifyMethod notifyMethod, bool dateOfBirthOptional = false)
    {
        var missing = Missing(recipient, kind, notifyMethod, dateOfBirthOptional);
        if (missing.Count == 0)
        {
            return null;
        }

        var why = missing.Contains(ValidMobile) && missing.Contains(EmailAddress)
            ? " (the notice is sent by SMS and by email)"
            : missing.Contains(ValidMobile)
                ? kind == MessageKind.SmsText ? " (an SMS Text is sent to a mobile number)" : " (the notice is sent by SMS)"
                : missing.Contains(EmailAddress) ? " (the notice is sent by email)" : "";
        return $"{recipient.DisplayName} is missing {JoinItems(missing)}{why}.";
    }

    private static string JoinItems(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
