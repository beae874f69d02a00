using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data.Configurations;

public class OptOutConfiguration : IEntityTypeConfiguration<OptOut>
{
    public void Configure(EntityTypeBuilder<OptOut> builder)
    {
        builder.Property(o => o.Phone).HasMaxLength(20);
        builder.Property(o => o.Keyword).HasMaxLength(20);
        builder.Property(o => o.Reason).HasMaxLength(300);
        builder.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.AccountId, o.Phone }).IsUnique();
    }
}
