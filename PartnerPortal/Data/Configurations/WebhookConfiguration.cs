using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Data.Configurations;

public class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.EventType).HasMaxLength(100);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(1000);
        builder.Property(s => s.DisabledReason).HasMaxLength(500);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        // Two instances running the same digest: only one of them moves LastNotifiedAt.
        builder.Property(s => s.LastNotifiedAt).IsConcurrencyToken();
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Deliveries).WithOne(d => d.Subscription).HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PartnerId, s.CreatedAt });
        builder.HasOne<Domain.Accounts.Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.EventId).HasMaxLength(64);
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => d.EventId).IsUnique();
        // The worker's due query and the Webhooks page's newest-first list.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        // A message's events go to one subscriber in order: the worker holds back one while an earlier one is pending.
        builder.HasIndex(d => new { d.SubscriptionId, d.MessageId, d.Status });
    }
}
