using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Data.Configurations;

public class InboxThreadConfiguration : IEntityTypeConfiguration<InboxThread>
{
    public void Configure(EntityTypeBuilder<InboxThread> builder)
    {
        builder.Property(t => t.Phone).HasMaxLength(20);
        builder.Property(t => t.LastReplyPreview).HasMaxLength(200);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(t => t.RecipientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Location>().WithMany().HasForeignKey(t => t.LocationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Location>().WithMany().HasForeignKey(t => t.QueueLocationId).OnDelete(DeleteBehavior.SetNull);
        // One thread per patient number of an account (two replies racing: the loser joins the winner's thread).
        builder.HasIndex(t => new { t.AccountId, t.Phone }).IsUnique();
        // The list: unread first, latest first; and its queue and location filters.
        builder.HasIndex(t => new { t.AccountId, t.IsUnread, t.LastActivityAt, t.Id });
        builder.HasIndex(t => new { t.AccountId, t.QueueLocationId, t.IsUnread, t.LastActivityAt });
        builder.HasIndex(t => new { t.AccountId, t.LocationId, t.IsUnread, t.LastActivityAt });
    }
}
