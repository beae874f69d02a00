using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Domain.Accounts;

/// <summary>Maps entities onto the one SMS Business Details rule and keeps its stored parts current.</summary>
public static class AccountCompleteness
{
    public static AccountBusinessInfo ToInfo(this Account account) => new(
        account.BusinessName, account.Address1, account.Address2, account.City, account.State,
        account.PostalCode, account.CountryCode, account.WebsiteUrl, account.AlternativeWebsiteUrl);

    public static PartnerContactInfo ToContactInfo(this PartnerBusinessDetails details) => new(
        details.Website, details.ContactFirstName, details.ContactLastName, details.ContactEmail, details.ContactPhone);

    public static CompletenessResult Evaluate(Account account, PartnerBusinessDetails partner) =>
        SmsBusinessDetailsRule.Evaluate(account.ToInfo(), partner.ToContactInfo());

    /// <summary>The rule over values not stored yet (a form's answer is checked before it is saved).</summary>
    public static CompletenessResult Evaluate(AccountUpdate update, PartnerBusinessDetails partner) =>
        SmsBusinessDetailsRule.Evaluate(new AccountBusinessInfo(update.BusinessName, update.Address1, update.Address2, update.City, update.State,
            update.PostalCode, update.CountryCode, update.WebsiteUrl, update.AlternativeWebsiteUrl), partner.ToContactInfo());

    /// <summary>Stores the account's part of the rule and the overall result (after the account changed).</summary>
    public static void Refresh(Account account, PartnerBusinessDetails partner)
    {
        var info = account.ToInfo();
        var contact = partner.ToContactInfo();
        account.AccountFieldsComplete = SmsBusinessDetailsRule.AccountFieldsComplete(info);
        account.HasOwnWebsite = SmsBusinessDetailsRule.HasOwnValidWebsite(info);
        account.SmsDetailsComplete = account.AccountFieldsComplete
            && SmsBusinessDetailsRule.PartnerContactComplete(contact)
            && (account.HasOwnWebsite || SmsBusinessDetailsRule.PartnerWebsiteValid(contact));
    }
}

public static class CompletenessProblemExtensions
{
    /// <summary>The problem as a 4039 error naming the field, where to fix it and why.</summary>
    public static PartnerPortal.Domain.Common.Error ToError(this CompletenessProblem problem) => new(
        problem.Message,
        PartnerPortal.Domain.Common.ResultCodes.BusinessInfoInsufficient,
        problem.Field,
        problem.Where.ToString().ToLowerInvariant(),
        problem.Reason.ToString().ToLowerInvariant());
}
