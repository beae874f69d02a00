using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Data.Configurations;

public class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.ExternalId).HasMaxLength(100);
        builder.Property(a => a.BusinessName).HasMaxLength(200);
        builder.Property(a => a.Address1).HasMaxLength(200);
        builder.Property(a => a.Address2).HasMaxLength(200);
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.State).HasMaxLength(50);
        builder.Property(a => a.PostalCode).HasMaxLength(20);
        builder.Property(a => a.CountryCode).HasMaxLength(10);
        builder.Property(a => a.WebsiteUrl).HasMaxLength(500);
        builder.Property(a => a.AlternativeWebsiteUrl).HasMaxLength(500);
        builder.Property(a => a.PracticePhone).HasMaxLength(20);
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        builder.Property(a => a.CreatedThrough).HasConversion<string>().HasMaxLength(20);

        builder.HasOne(a => a.Partner).WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.PartnerId, a.ExternalId }).IsUnique();
        // The Accounts page of a partner: filter by completeness, sort by name (or account id, city, updated),
        // keyset on (sort key, Id). HasOwnWebsite at the end makes the completeness counts index-only.
        builder.HasIndex(a => new { a.PartnerId, a.SmsDetailsComplete, a.BusinessName, a.Id, a.HasOwnWebsite });
        builder.HasIndex(a => new { a.PartnerId, a.BusinessName, a.Id });
        builder.HasIndex(a => new { a.PartnerId, a.City, a.Id });
        builder.HasIndex(a => new { a.PartnerId, a.UpdatedAt, a.Id });
        // The same list over all partners (Operator and System scope).
        builder.HasIndex(a => new { a.SmsDetailsComplete, a.BusinessName, a.Id });
        builder.HasIndex(a => new { a.BusinessName, a.Id });
    }
}
