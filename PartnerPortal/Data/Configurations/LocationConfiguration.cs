using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;

namespace PartnerPortal.Data.Configurations;

public class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.ExternalId).HasMaxLength(100);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(l => l.Account).WithMany(a => a.Locations).HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.AccountId, l.ExternalId }).IsUnique();
        builder.HasOne(l => l.SmsNumber).WithOne(n => n.Location).HasForeignKey<SmsNumber>(n => n.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SmsNumberConfiguration : IEntityTypeConfiguration<SmsNumber>
{
    public void Configure(EntityTypeBuilder<SmsNumber> builder)
    {
        builder.Property(n => n.Number).HasMaxLength(20);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.RejectionReason).HasMaxLength(500);
        builder.HasIndex(n => n.LocationId).IsUnique();
        builder.HasIndex(n => n.Status);
        builder.HasIndex(n => n.Number).IsUnique();
    }
}
