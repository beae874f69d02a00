using System.Globalization;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>The send pipeline's checks that need no database (DESIGN §4), each answering its refusal or null.</summary>
public static class SendChecks
{
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
    public static IReadOnlyList<Error> InsufficientBusinessInfo(CompletenessResult completeness)
    {
        var labels = string.Join(", ", completeness.Problems.Select(p => p.Label).Distinct());
        var errors = new List<Error> { new($"{ResultCodes.Sentences.BusinessInfoInsufficient}: {labels}.", ResultCodes.BusinessInfoInsufficient) };
        errors.AddRange(completeness.Problems.Select(p => p.ToError()));
        return errors;
    }

    public static Error OptedOut(string displayName, Account account, RecipientOptOut optOut) => new(
        $"{displayName} opted out of texts from {account.BusinessName} on " +
        $"{optOut.OptedOutAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)} ({OptOut.Describe(optOut.Keyword)}). " +
        "The patient must reply START to receive texts again.",
        ResultCodes.OptedOut, "recipient");

    /// <summary>A deactivated account (or vendor) keeps its history, but nothing new is sent from it.</summary>
    public static Error? DeactivatedRefusal(Account account) =>
        account.DeactivatedAt is null && account.Partner.DeactivatedAt is null
            ? null
            : new Error(account.DeactivatedAt is not null ? SendRefusals.AccountDeactivated : SendRefusals.PartnerDeactivated,
                ResultCodes.AccountDeactivated);

    /// <summary>The tenancy check: who edits the account may send from it, and so may an API key that reads it.</summary>
    public static bool CanSend(Actor actor, Account account) =>
        actor.CanEditAccount(account.PartnerId, account.Id)
        || (actor.Kind == ActorKind.ApiKey && actor.CanReadAccount(account.PartnerId, account.Id));

    /// <summary>The location to send from: the chosen one, else for an API the Default Location (the first active one).</summary>
    public static Location? SenderLocation(Account account, int? locationId, bool viaApi) =>
        locationId is { } id
            ? account.Locations.FirstOrDefault(l => l.Id == id)
            : viaApi
                ? account.Locations.Where(l => l.DeactivatedAt is null).OrderByDescending(l => l.IsDefault).ThenBy(l => l.SortOrder).FirstOrDefault()
                : null;

    public static Error? LocationRefusal(Location? location, int? locationId) =>
        location is null
            ? locationId is null ? Error.ForField("location", SendRefusals.ChooseLocation) : Error.NotFound("The location")
            : location.DeactivatedAt is not null
                ? Error.ForField("location", $"{location.Name} is deactivated; choose another location to send from.")
                : null;
}
