using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Data.Configurations;

public class ProviderSettingsConfiguration : IEntityTypeConfiguration<ProviderSettings>
{
    public void Configure(EntityTypeBuilder<ProviderSettings> builder)
    {
        builder.Property(s => s.ProviderUrl).HasMaxLength(2000);
        builder.Property(s => s.Login).HasMaxLength(100);
        builder.Property(s => s.ProtectedPassword).HasMaxLength(2000);
        builder.Property(s => s.SenderName).HasMaxLength(30);
        builder.Property(s => s.ProtectedCallbackSecret).HasMaxLength(2000);
        builder.Property(s => s.LastTestResult).HasMaxLength(500);
        builder.Property(s => s.LastRefusedCallbackReason).HasMaxLength(200);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.AccountId).IsUnique();
    }
}
