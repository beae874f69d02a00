using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Domain.Accounts;

public enum CreatedThrough
{
    Portal,
    ApiUnversioned,
    Api11,
}

/// <summary>A practice of a partner.</summary>
public class Account
{
    public int Id { get; set; }
    public int PartnerId { get; set; }
    public Partner Partner { get; set; } = null!;

    /// <summary>The partner's own id of the practice (<c>accountId</c> in the APIs).</summary>
    public required string ExternalId { get; set; }
    public required string BusinessName { get; set; }
    public string? Address1 { get; set; }
    public string? Address2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }
    public string? WebsiteUrl { get; set; }
    public string? AlternativeWebsiteUrl { get; set; }

    /// <summary>The practice's phone in E.164, given in HELP replies.</summary>
    public string? PracticePhone { get; set; }
    public CreatedThrough CreatedThrough { get; set; }

    /// <summary>IANA time zone of the practice (null: from its state, see <see cref="AccountTimeZones"/>); "Send later" times are in it.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Quiet hours are on unless a partner admin switched them off (stored inverted so existing rows start on).</summary>
    public bool QuietHoursDisabled { get; set; }

    /// <summary>Start of the quiet period in the recipient's local time (null: 20:00).</summary>
    public TimeOnly? QuietHoursStart { get; set; }

    /// <summary>End of the quiet period in the recipient's local time (null: 08:00).</summary>
    public TimeOnly? QuietHoursEnd { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When a partner admin deactivated the account (null: active). A deactivated account keeps its history but cannot send.</summary>
    public DateTime? DeactivatedAt { get; set; }

    // Stored parts of the SMS Business Details rule, so lists and counts never evaluate it row by row,
    // and a partner-wide change is one set-based UPDATE (see AccountCompletenessStore).
    public bool AccountFieldsComplete { get; set; }
    public bool HasOwnWebsite { get; set; }
    public bool SmsDetailsComplete { get; set; }

    public List<Location> Locations { get; set; } = [];
}
