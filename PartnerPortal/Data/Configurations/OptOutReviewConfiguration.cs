using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Data.Configurations;

public class OptOutReviewConfiguration : IEntityTypeConfiguration<OptOutReview>
{
    public void Configure(EntityTypeBuilder<OptOutReview> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(20);
        builder.Property(r => r.Rule).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InboundMessage>().WithMany().HasForeignKey(r => r.InboundMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.InboundMessageId).IsUnique();
        // The account's queue (open first, newest first) and Home's count of open reviews.
        builder.HasIndex(r => new { r.AccountId, r.Status, r.CreatedAt });
    }
}
