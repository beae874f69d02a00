using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Notifications;

namespace PartnerPortal.Data.Configurations;

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Text).HasMaxLength(300);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // The bell: a user's newest notifications, and the unread count.
        builder.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}
