using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Data.Configurations;

public class ProviderCallbackReceiptConfiguration : IEntityTypeConfiguration<ProviderCallbackReceipt>
{
    public void Configure(EntityTypeBuilder<ProviderCallbackReceipt> builder)
    {
        builder.Property(r => r.SignatureHash).HasMaxLength(64);
        builder.HasIndex(r => r.SignatureHash).IsUnique();
        builder.HasIndex(r => r.ReceivedAt);
    }
}
