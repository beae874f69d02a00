using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Data.Configurations;

public class MessageEventConfiguration : IEntityTypeConfiguration<MessageEvent>
{
    public void Configure(EntityTypeBuilder<MessageEvent> builder)
    {
        builder.Property(e => e.EventType).HasMaxLength(40);
        builder.Property(e => e.Status).HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        // Each status of a message is recorded once; each reply once.
        builder.HasIndex(e => new { e.MessageId, e.EventType, e.Status }).IsUnique().HasFilter("\"InboundMessageId\" IS NULL");
        builder.HasIndex(e => e.InboundMessageId).IsUnique().HasFilter("\"InboundMessageId\" IS NOT NULL");
        // The relay's queue, oldest first.
        builder.HasIndex(e => new { e.ProcessedAt, e.Id });
    }
}
