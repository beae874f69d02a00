using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data.Configurations;

public class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.SenderNumber).HasMaxLength(20);
        builder.Property(m => m.ToNumber).HasMaxLength(20);
        builder.Property(m => m.ToEmail).HasMaxLength(254);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.NotifyMethod).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Content).HasMaxLength(4000);
        builder.Property(m => m.Encoding).HasMaxLength(10);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ErrorCode).HasMaxLength(50);
        builder.Property(m => m.ErrorReason).HasMaxLength(1000);
        builder.Property(m => m.ProviderReference).HasMaxLength(200);
        builder.Property(m => m.Provider).HasMaxLength(100);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.RequestFingerprint).HasMaxLength(64);
        builder.Property(m => m.SecureTokenHash).HasMaxLength(64);
        builder.Property(m => m.SecureTokenProtected).HasMaxLength(500);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);

        builder.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Location).WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Recipient).WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Location>().WithMany().HasForeignKey(m => m.QueueLocationId).OnDelete(DeleteBehavior.SetNull);

        // The account's messages, newest first (account page, Integration API list).
        builder.HasIndex(m => new { m.AccountId, m.CreatedAt, m.Id });
        // The dispatcher claims Pending messages in id order; it skips those scheduled for later (quiet hours, "Send later")
        // from the index, without reading their rows.
        builder.HasIndex(m => new { m.Status, m.Id, m.ScheduledFor });
        // The account's scheduled texts (Pending with a time), soonest first.
        builder.HasIndex(m => new { m.AccountId, m.ScheduledFor }, "IX_Messages_Scheduled")
            .HasFilter("\"ScheduledFor\" IS NOT NULL AND \"Status\" = 'Pending'");
        builder.HasIndex(m => new { m.AccountId, m.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.HasIndex(m => m.SecureTokenHash).IsUnique().HasFilter("\"SecureTokenHash\" IS NOT NULL");
        // The account's message list filters (status, location) with its date range.
        builder.HasIndex(m => new { m.AccountId, m.Status, m.CreatedAt });
        builder.HasIndex(m => new { m.AccountId, m.LocationId, m.CreatedAt });
        // A recipient's thread on the message page.
        builder.HasIndex(m => new { m.AccountId, m.ToNumber, m.CreatedAt });
        // Reports: per account and month, covering (no table lookups) for the figures they aggregate.
        builder.HasIndex(m => new { m.AccountId, m.CreatedAt, m.Status, m.SentAt, m.SegmentCount }, "IX_Messages_Report");
        // The PHI Directive's daily redaction: only content not yet redacted, so the index shrinks as content goes.
        builder.HasIndex(m => new { m.AccountId, m.CreatedAt }, "IX_Messages_Unredacted").HasFilter("\"ContentRedactedAt\" IS NULL");
    }
}
