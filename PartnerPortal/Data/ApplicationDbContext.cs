using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Webhooks;

namespace PartnerPortal.Data;

public class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
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
    public DbSet<Domain.Privacy.PhiDirective> PhiDirectives => Set<Domain.Privacy.PhiDirective>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }
}
