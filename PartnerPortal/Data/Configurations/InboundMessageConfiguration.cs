using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Recipients;

namespace PartnerPortal.Data.Configurations;

public class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.Property(m => m.FromNumber).HasMaxLength(20);
        builder.Property(m => m.ToNumber).HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(2000);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Keyword).HasMaxLength(20);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Location>().WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.AccountId, m.ProviderMessageId }).IsUnique();
        // The recipient's thread, and the opt-out/opt-in history of the account page.
        builder.HasIndex(m => new { m.AccountId, m.FromNumber, m.ReceivedAt });
        builder.HasIndex(m => new { m.AccountId, m.Action, m.ReceivedAt });
        builder.HasOne<Domain.Inbox.InboxThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Domain.Messaging.Message>().WithMany().HasForeignKey(m => m.InReplyToMessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.ThreadId, m.ReceivedAt });
    }
}
