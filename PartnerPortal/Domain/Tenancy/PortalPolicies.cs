using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Tenancy;

/// <summary>
/// The role table of DESIGN §1 as named capabilities, declared once. Pages, navigation and endpoints
/// use the names as authorization policies (registered from <see cref="RolesFor"/>); domain services
/// re-check the same table through <see cref="Actor.Can"/>.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Accounts, account pages (PHI hidden from Operators), business details, numbers, verification, audit log, reports.</summary>
    public const string ReadPartnerData = nameof(ReadPartnerData);

    /// <summary>An account's page (its information, numbers, message metadata): every role, each in its own scope.</summary>
    public const string ReadAccount = nameof(ReadAccount);

    /// <summary>Check the audit log's hash chain ("Verify integrity").</summary>
    public const string VerifyAuditIntegrity = nameof(VerifyAuditIntegrity);

    /// <summary>Users, the API key list, Webhooks and SMS Settings, read only (secrets masked).</summary>
    public const string ReadPartnerSettings = nameof(ReadPartnerSettings);

    /// <summary>Change a partner's users, keys, webhooks, provider settings, forms, PHI Directive, business details, accounts and locations.</summary>
    public const string AdministerPartner = nameof(AdministerPartner);

    /// <summary>Edit an account's information (name, address, websites, practice phone).</summary>
    public const string EditAccountInformation = nameof(EditAccountInformation);

    /// <summary>Send texts and request numbers.</summary>
    public const string SendTexts = nameof(SendTexts);

    /// <summary>Read message content, patients, opt-outs, templates and replies (PHI and practice data). Never Operators.</summary>
    public const string ReadMessages = nameof(ReadMessages);

    /// <summary>Edit the address book (patients, contacts) and templates.</summary>
    public const string ManagePracticeData = nameof(ManagePracticeData);

    /// <summary>The Inbox: read and answer patients' replies, review opt-outs.</summary>
    public const string UseInbox = nameof(UseInbox);

    /// <summary>Onboard partners: create, edit, switch SMS API activation, create a partner's first admin.</summary>
    public const string OnboardPartners = nameof(OnboardPartners);

    /// <summary>Approve or reject verification requests.</summary>
    public const string DecideVerification = nameof(DecideVerification);

    private static readonly IReadOnlyDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        [ReadPartnerData] = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent, PortalRoles.Operator],
        [ReadAccount] = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent, PortalRoles.PracticeStaff, PortalRoles.Operator],
        [VerifyAuditIntegrity] = [PortalRoles.PartnerAdmin, PortalRoles.Operator],
        [ReadPartnerSettings] = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent],
        [AdministerPartner] = [PortalRoles.PartnerAdmin],
        [EditAccountInformation] = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent],
        [SendTexts] = [PortalRoles.PartnerAdmin, PortalRoles.PracticeStaff],
        [ReadMessages] = [PortalRoles.PartnerAdmin, PortalRoles.SupportAgent, PortalRoles.PracticeStaff],
        [ManagePracticeData] = [PortalRoles.PartnerAdmin, PortalRoles.PracticeStaff],
        [UseInbox] = [PortalRoles.PartnerAdmin, PortalRoles.PracticeStaff],
        [OnboardPartners] = [PortalRoles.Operator],
        [DecideVerification] = [PortalRoles.Operator],
    };

    /// <summary>
    /// What API keys may do (they are not user roles, so they are not page policies): a Partner API key acts for its
    /// partner's accounts (account information, sends, message status); an Integration API key for its one account.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> KeyTable = new Dictionary<string, string[]>
    {
        [PortalRoles.PartnerApi] = [ReadAccount, EditAccountInformation, SendTexts, ReadMessages],
        [PortalRoles.IntegrationApi] = [ReadAccount, SendTexts, ReadMessages, ManagePracticeData],
    };

    /// <summary>The refusal of DESIGN §1 when the user or key lacks the right (code 4030, HTTP 403).</summary>
    public const string RefusalMessage = ResultCodes.Sentences.Forbidden;

    public static Error Refusal => new(RefusalMessage, ResultCodes.Forbidden);

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)Table.Keys;

    /// <summary>The user roles granted a capability.</summary>
    public static IReadOnlyList<string> RolesFor(string policy) =>
        Table.TryGetValue(policy, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy.");

    public static bool Allows(string policy, string? role) => role is not null && RolesFor(policy).Contains(role);

    /// <summary>True when an API key of <paramref name="keyRole"/> (<see cref="PortalRoles.PartnerApi"/> or <see cref="PortalRoles.IntegrationApi"/>) has the capability.</summary>
    public static bool AllowsKey(string policy, string? keyRole) =>
        keyRole is not null && KeyTable.TryGetValue(keyRole, out var policies) && policies.Contains(policy);
}
