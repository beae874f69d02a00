using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Data.Configurations;

public class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(100);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.CorporateWebsite).HasMaxLength(500);
        builder.OwnsOne(p => p.BusinessDetails, details =>
        {
            details.Property(d => d.Name).HasMaxLength(200);
            details.Property(d => d.LegalName).HasMaxLength(200);
            details.Property(d => d.Address1).HasMaxLength(200);
            details.Property(d => d.Address2).HasMaxLength(200);
            details.Property(d => d.City).HasMaxLength(100);
            details.Property(d => d.State).HasMaxLength(50);
            details.Property(d => d.PostalCode).HasMaxLength(20);
            details.Property(d => d.CountryCode).HasMaxLength(2);
            details.Property(d => d.Website).HasMaxLength(500);
            details.Property(d => d.ContactFirstName).HasMaxLength(100);
            details.Property(d => d.ContactLastName).HasMaxLength(100);
            details.Property(d => d.ContactEmail).HasMaxLength(254);
            details.Property(d => d.ContactPhone).HasMaxLength(20);
            details.Property(d => d.LastUpdatedBy).HasMaxLength(200);
        });
        builder.Navigation(p => p.BusinessDetails).IsRequired();
    }
}
