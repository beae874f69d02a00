using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Features.AuditLog;

/// <summary>The Audit Log's filter form. Dates are whole UTC days, both ends included.</summary>
public sealed class AuditFilterFormModel : IValidatableObject
{
    public DateTime? FromDate { get; set; }
    public DateTime? ToDate { get; set; }

    [StringLength(200)]
    public string? Actor { get; set; }

    public AuditAccountOption? Account { get; set; }
    public string? Action { get; set; }
    public string? EntityType { get; set; }

    /// <summary>Operators only: one partner's entries.</summary>
    public int? PartnerId { get; set; }

    public AuditFilter ToFilter() => new(
        From: FromDate is { } from ? DateTime.SpecifyKind(from.Date, DateTimeKind.Utc) : null,
        To: ToDate is { } to ? DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc) : null,
        Actor: string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
        AccountId: Account?.Id,
        Action: string.IsNullOrWhiteSpace(Action) ? null : Action,
        EntityType: string.IsNullOrWhiteSpace(EntityType) ? null : EntityType,
        PartnerId: PartnerId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FromDate is { } from && ToDate is { } to && to.Date < from.Date)
        {
            yield return new ValidationResult("The end date is before the start date.", [nameof(ToDate)]);
        }
    }
}
