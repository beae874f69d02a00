using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;

namespace PartnerPortal.Data.Configurations;

public class PhiDirectiveConfiguration : IEntityTypeConfiguration<PhiDirective>
{
    public void Configure(EntityTypeBuilder<PhiDirective> builder)
    {
        // One directive per partner.
        builder.HasKey(d => d.PartnerId);
        builder.Property(d => d.PartnerId).ValueGeneratedNever();
        builder.Property(d => d.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Partner>().WithOne().HasForeignKey<PhiDirective>(d => d.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
