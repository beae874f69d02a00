using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Numbers;

namespace PartnerPortal.Data.Configurations;

public class VerificationRequestConfiguration : IEntityTypeConfiguration<VerificationRequest>
{
    public void Configure(EntityTypeBuilder<VerificationRequest> builder)
    {
        // A decision only applies to a request still Pending (two operators deciding at once: one wins).
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        builder.Property(r => r.RejectionReason).HasMaxLength(1000);
        builder.HasOne(r => r.Account).WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Numbers).WithOne().HasForeignKey(n => n.VerificationRequestId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.Status, r.SubmittedAt });
        builder.HasIndex(r => new { r.PartnerId, r.Status, r.SubmittedAt });
        builder.HasIndex(r => new { r.AccountId, r.SubmittedAt });
        // Account Verification without a status filter (newest first), and the webhook digest.
        builder.HasIndex(r => r.SubmittedAt);
        builder.HasIndex(r => new { r.PartnerId, r.SubmittedAt });
        builder.HasIndex(r => new { r.PartnerId, r.DecidedAt });
    }
}
