using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Data;

/// <summary>
/// The portal's database. SQLite (the embedded default) uses this type and the migrations in
/// <c>Data/Migrations</c>; PostgreSQL uses <see cref="Postgres.PostgresApplicationDbContext"/> and its own set.
/// </summary>
public class ApplicationDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider-specific subclass with its own migrations.</summary>
    protected ApplicationDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<SmsNumber> SmsNumbers => Set<SmsNumber>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<VerificationRequest> VerificationRequests => Set<VerificationRequest>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<OptOut> OptOuts => Set<OptOut>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Form> Forms => Set<Form>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ProviderSettings> ProviderSettings => Set<ProviderSettings>();
    public DbSet<MessageAttempt> MessageAttempts => Set<MessageAttempt>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<OptOutReview> OptOutReviews => Set<OptOutReview>();
    public DbSet<ProviderCallbackReceipt> ProviderCallbackReceipts => Set<ProviderCallbackReceipt>();
    public DbSet<Domain.Privacy.PhiDirective> PhiDirectives => Set<Domain.Privacy.PhiDirective>();
    public DbSet<Domain.Inbox.InboxThread> InboxThreads => Set<Domain.Inbox.InboxThread>();
    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();
    public DbSet<MessageEvent> MessageEvents => Set<MessageEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }
}
