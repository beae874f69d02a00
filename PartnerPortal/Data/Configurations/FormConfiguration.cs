using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Data.Configurations;

public class FormConfiguration : IEntityTypeConfiguration<Form>
{
    public void Configure(EntityTypeBuilder<Form> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(100);
        builder.Property(f => f.Url).HasMaxLength(500);
        builder.HasOne<Partner>().WithMany().HasForeignKey(f => f.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PartnerId, f.Name });
    }
}
