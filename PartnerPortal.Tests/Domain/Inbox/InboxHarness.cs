using PartnerPortal.Domain.Common;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Inbox;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Notifications;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure.Webhooks;
using PartnerPortal.Tests.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Inbox;

/// <summary>
/// Two-way texting over the delivery harness (file database, hand-moved clock): the real send pipeline, inbound
/// endpoint with Inbox filing, Inbox and notification services, webhook subscriptions, the event relay and the
/// delivery worker (trusting only the given certificates). Users are stored with their roles, for the fan-out.
/// </summary>
public sealed class InboxHarness : IDisposable
{
    public const string Jordan = "+16145550123";
    public const string DefaultNumber = "+16145550100";
    public const string DublinNumber = "+12195550114";

    private readonly ServiceProvider _http;
    private int _inboundIds;

    public InboxHarness(params X509Certificate2[] trusted)
    {
        Delivery = new DeliveryHarness(trusted.FirstOrDefault());
        var h = Delivery;
        Notifications = new NotificationPublisher(h.Database, Live, h.Clock);
        Filing = new InboxFiling(Notifications, Live);
        Inbound = new InboundService(h.Database, h.AuditLog, h.Clock, new OptOutReviewQueue(h.AuditLog, Notifications), Filing);
        Callbacks = new ProviderCallbackService(h.Database, h.Secrets, Inbound, Options.Create(h.Options), h.Clock);
        NumberRequests = new NumberRequestService(h.Database, h.Actor, h.AuditLog, h.Clock, Notifications);
        Send = new SendService(h.Database, h.Actor, h.AuditLog, NumberRequests, new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, h.Clock,
            new MessageStore(h.Database, h.AuditLog));
        Inbox = new InboxService(h.Database, h.Actor, Send, h.AuditLog, Live, h.Clock);
        Bell = new NotificationService(h.Database, h.Actor, Live, h.Clock);

        var webhookOptions = Options.Create(new WebhookOptions { AllowPrivateAddresses = true });
        var validator = new WebhookUrlValidator(webhookOptions);
        Webhooks = new WebhookService(h.Database, h.Actor, h.AuditLog, h.Clock, validator, h.DataProtection, Signal);
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = WebhookHttp.CreateHandler(allowPrivateAddresses: true);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && trusted.Any(t => t.GetCertHashString() == certificate.GetCertHashString());
                return handler;
            });
        _http = services.BuildServiceProvider();
        Worker = new WebhookDeliveryWorker(h.Database, _http.GetRequiredService<IHttpClientFactory>(), h.DataProtection, validator,
            h.AuditLog, h.Clock, webhookOptions, Signal, NullLogger<WebhookDeliveryWorker>.Instance);
        Relay = new MessageEventRelay(h.Database, Notifications, Signal, h.AuditLog, h.Clock, webhookOptions, NullLogger<MessageEventRelay>.Instance);

        (Partner, Account) = h.AddAccount();
        using var db = h.Db();
        Dublin = db.Locations.Single(l => l.AccountId == Account.Id && l.ExternalId == "dublin").Id;
        Default = db.Locations.Single(l => l.AccountId == Account.Id && l.ExternalId == "default").Id;
        var queue = new Location { AccountId = Account.Id, ExternalId = "billing", Name = "Billing", Kind = LocationKind.Queue, SortOrder = 5 };
        var other = new Location { AccountId = Account.Id, ExternalId = "refills", Name = "Refills", Kind = LocationKind.Queue, SortOrder = 6 };
        db.Locations.AddRange(queue, other);
        db.SaveChanges();
        (BillingQueue, RefillsQueue) = (queue.Id, other.Id);
        h.Actor.Current = TestActor.PracticeStaff(Partner.Id, Account.Id);
    }

    public DeliveryHarness Delivery { get; }
    public LiveUpdates Live { get; } = new();
    public NotificationPublisher Notifications { get; }
    public InboxFiling Filing { get; }
    public InboundService Inbound { get; }
    public ProviderCallbackService Callbacks { get; }
    public NumberRequestService NumberRequests { get; }
    public SendService Send { get; }
    public InboxService Inbox { get; }
    public NotificationService Bell { get; }
    public WebhookDeliverySignal Signal { get; } = new();
    public WebhookService Webhooks { get; }
    public WebhookDeliveryWorker Worker { get; }
    public MessageEventRelay Relay { get; }
    public Partner Partner { get; }
    public Account Account { get; }
    public int Default { get; }
    public int Dublin { get; }
    public int BillingQueue { get; }
    public int RefillsQueue { get; }

    public TestActor Actor => Delivery.Actor;
    public FixedTimeProvider Clock => Delivery.Clock;
    public DateTime Now => Delivery.Now;

    public ApplicationDbContext Db() => Delivery.Db();

    /// <summary>Sends an SMS Text to <paramref name="to"/> from <paramref name="locationId"/> as the account's staff; returns its id.</summary>
    public async Task<long> SendAsync(int locationId, string to = Jordan, int? queue = null, string content = "Your appointment is tomorrow at 9am.")
    {
        var previous = Actor.Current;
        Actor.Current = TestActor.PracticeStaff(Partner.Id, Account.Id);
        var sent = await Send.SendAsync(new SendRequest
        {
            AccountId = Account.Id, LocationId = locationId, Recipient = new InlineRecipient(to), Content = content, QueueLocationId = queue,
        }, CancellationToken.None);
        Actor.Current = previous;
        sent.Succeeded.Should().BeTrue(sent.FirstError?.Message);
        Clock.Advance(TimeSpan.FromMinutes(1));
        return sent.Value!.MessageId;
    }

    /// <summary>A signed inbound text through the provider's endpoint, as the provider sends it.</summary>
    public async Task<Result<InboundCallbackResult>> ReceiveAsync(string text, string from = Jordan, string to = DefaultNumber)
    {
        var previous = Actor.Current;
        Actor.Current = TestActor.PartnerAdmin(Partner.Id);
        var secret = (await Delivery.Settings.GetAsync(Account.Id, CancellationToken.None)).Value!.CallbackSecret;
        Actor.Current = previous;
        var json = JsonSerializer.Serialize(new { id = $"in-{++_inboundIds}", from, to, text });
        var timestamp = CallbackSignature.ToUnixSeconds(Now);
        var answer = await Callbacks.HandleInboundAsync(
            new ProviderCallbackRequest(Account.Id.ToString(), timestamp.ToString(), CallbackSignature.Sign(secret, timestamp, json), json),
            CancellationToken.None);
        answer.Succeeded.Should().BeTrue(answer.FirstError?.Message);
        Clock.Advance(TimeSpan.FromMinutes(1));
        return answer;
    }

    /// <summary>A signed status callback (<c>SENT</c>, <c>DELIVERED</c>, <c>FAILED</c>) as the provider sends it.</summary>
    public async Task<Result<StatusCallbackResult>> StatusCallbackAsync(long messageId, string status)
    {
        var previous = Actor.Current;
        Actor.Current = TestActor.PartnerAdmin(Partner.Id);
        var secret = (await Delivery.Settings.GetAsync(Account.Id, CancellationToken.None)).Value!.CallbackSecret;
        Actor.Current = previous;
        var json = JsonSerializer.Serialize(new { retId = messageId.ToString(), status });
        var timestamp = CallbackSignature.ToUnixSeconds(Now);
        return await Callbacks.HandleStatusAsync(
            new ProviderCallbackRequest(Account.Id.ToString(), timestamp.ToString(), CallbackSignature.Sign(secret, timestamp, json), json),
            CancellationToken.None);
    }

    /// <summary>Stores a user with its role (and partner/account), enabled unless told otherwise; returns its id.</summary>
    public string AddUser(string role, int? partnerId, int? accountId, bool disabled = false)
    {
        using var db = Db();
        var roleRow = db.Roles.FirstOrDefault(r => r.Name == role);
        if (roleRow is null)
        {
            roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(roleRow);
        }

        var id = Guid.NewGuid().ToString();
        db.Users.Add(new ApplicationUser
        {
            Id = id, UserName = $"{id}@test", NormalizedUserName = $"{id}@TEST", Email = $"{id}@test", DisplayName = role,
            PartnerId = partnerId, AccountId = accountId, IsDisabled = disabled,
        });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roleRow.Id });
        db.SaveChanges();
        return id;
    }

    public List<Notification> NotificationsOf(string userId)
    {
        using var db = Db();
        return db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToList();
    }

    public List<InboundMessage> InboundMessages()
    {
        using var db = Db();
        return db.InboundMessages.AsNoTracking().OrderBy(m => m.Id).ToList();
    }

    public List<InboxThread> Threads()
    {
        using var db = Db();
        return db.InboxThreads.AsNoTracking().OrderBy(t => t.Id).ToList();
    }

    public static Actor StaffUser(string userId, int partnerId, int accountId) =>
        new(PartnerPortal.Domain.Audit.ActorKind.User, userId, "Staff", PortalRoles.PracticeStaff, partnerId, accountId);

    public void Dispose()
    {
        _http.Dispose();
        Delivery.Dispose();
    }
}
