using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Data.Configurations;

public class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.FirstName).HasMaxLength(100);
        builder.Property(r => r.LastName).HasMaxLength(100);
        builder.Property(r => r.Mobile).HasMaxLength(20);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.ProviderId).HasMaxLength(100);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AccountId, r.LastName, r.FirstName });
        builder.HasIndex(r => new { r.AccountId, r.ProviderId });
        builder.HasIndex(r => new { r.AccountId, r.Mobile });
    }
}
