using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Data.Configurations;

public class MessageAttemptConfiguration : IEntityTypeConfiguration<MessageAttempt>
{
    public void Configure(EntityTypeBuilder<MessageAttempt> builder)
    {
        builder.Property(a => a.Result).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.Dispatcher).HasMaxLength(200);
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.MessageId, a.Number }).IsUnique();
    }
}
