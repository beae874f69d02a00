using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(100);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(100);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        // The Audit Log page filters by partner, account, actor, action, entity and date, newest first
        // (keyset on Id): each filter has an index ending in Id, alone (Operators see all partners) and
        // after PartnerId (partner users always filter by their partner). A date range is turned into an
        // Id range by two seeks on (OccurredAt) (ids grow with time), so it narrows every one of them.
        // (Action, Id) and (EntityType, Id) also give the filter lists' values by a loose index scan.
        builder.HasIndex(e => new { e.PartnerId, e.Id });
        builder.HasIndex(e => new { e.AccountId, e.Id });
        builder.HasIndex(e => new { e.ActorId, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => new { e.EntityType, e.Id });
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.PartnerId, e.AccountId, e.Id });
        builder.HasIndex(e => new { e.PartnerId, e.ActorId, e.Id });
        builder.HasIndex(e => new { e.PartnerId, e.Action, e.Id });
        builder.HasIndex(e => new { e.PartnerId, e.EntityType, e.Id });
    }
}
