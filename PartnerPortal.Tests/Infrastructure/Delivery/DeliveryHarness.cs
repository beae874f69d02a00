using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.SecureText;
using PartnerPortal.Infrastructure.Delivery;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Delivery;

/// <summary>A notice email sender that keeps what it was asked to send.</summary>
public sealed class RecordingEmailSender : INoticeEmailSender
{
    public List<NoticeEmail> Sent { get; } = [];

    public Task SendAsync(NoticeEmail email, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add(email);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The real delivery services over a file database (SQLite in a temp folder; PostgreSQL when the suite runs on it) with a hand-moved clock: SMS Settings, callbacks, inbound
/// keywords and as many dispatchers as a test wants (each a new instance, as in another process). The
/// provider client is the production one (connect-time address check, no retries) trusting only the stub's certificate.
/// </summary>
public sealed class DeliveryHarness : IDisposable
{
    private readonly ServiceProvider _http;

    public DeliveryHarness(X509Certificate2? trustedCertificate = null, Action<DeliveryOptions>? configure = null)
    {
        Options = new DeliveryOptions { AllowPrivateAddresses = true, Concurrency = 8, BatchSize = 20 };
        Options.SimulatedProvider.Enabled = false;
        configure?.Invoke(Options);
        AuditLog = new AuditLog(Clock);
        Secrets = new ProviderSecrets(DataProtection);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var services = new ServiceCollection();
        services.AddHttpClient(DeliveryHttp.ProviderClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = DeliveryHttp.CreateProviderHandler(allowPrivateAddresses: true);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    trustedCertificate is not null && certificate?.GetCertHashString() == trustedCertificate.GetCertHashString();
                return handler;
            });
        services.AddHttpClient(DeliveryHttp.SimulatedClient).ConfigurePrimaryHttpMessageHandler(DeliveryHttp.CreateSimulatedHandler);
        _http = services.BuildServiceProvider();
        HttpClients = _http.GetRequiredService<IHttpClientFactory>();
        Inbound = new InboundService(Database, AuditLog, Clock, new OptOutReviewQueue(AuditLog));
        Callbacks = new ProviderCallbackService(Database, Secrets, Inbound, options, Clock);
        Settings = new ProviderSettingsService(Database, Actor, AuditLog, Secrets, new HttpProviderConnectionTester(HttpClients, Clock), options, Clock);
        SecureLinks = new SecureLinkService(Database, new FixedCurrentActor(MessageDispatcher.SystemActor), AuditLog, Clock,
            new SecureTextOptions { PublicBaseUrl = "https://portal.example" }, Emails, DataProtection);
    }

    /// <summary>A temporary SQLite file (one connection per context), or a PostgreSQL database when the suite runs on one.</summary>
    public TestDatabase Database { get; } = TestDatabase.FileBacked();
    public FixedTimeProvider Clock { get; } = new();
    public TestActor Actor { get; } = new();
    public DeliveryOptions Options { get; }
    public AuditLog AuditLog { get; }
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();
    public ProviderSecrets Secrets { get; }
    public IHttpClientFactory HttpClients { get; }
    public InboundService Inbound { get; }
    public ProviderCallbackService Callbacks { get; }
    public ProviderSettingsService Settings { get; }
    public SecureLinkService SecureLinks { get; }
    public RecordingEmailSender Emails { get; } = new();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public ApplicationDbContext Db() => Database.CreateDbContext();

    /// <summary>A new dispatcher over the same database, as another process would have.</summary>
    public MessageDispatcher NewDispatcher() => new(Database, HttpClients, Secrets, SecureLinks,
        new SimulatedProviderAddress(Microsoft.Extensions.Options.Options.Create(Options), new ServiceCollection().BuildServiceProvider()),
        Clock, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<MessageDispatcher>.Instance);

    /// <summary>Northwind's Riverside: Default Location +16145550100 and Dublin +12195550114, both approved.</summary>
    public (Partner Partner, Account Account) AddAccount(string externalId = "riverside", string defaultNumber = "+16145550100", string dublinNumber = "+12195550114")
    {
        using var db = Db();
        var partner = db.Partners.FirstOrDefault(p => p.Slug == "northwind") ?? TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, externalId, a => a.BusinessName = "Riverside Family Medicine",
            ("default", "Default Location", SmsNumberStatus.Approved, defaultNumber),
            ("dublin", "Dublin", SmsNumberStatus.Approved, dublinNumber));
        return (partner, account);
    }

    /// <summary>Saves the account's SMS Settings through the real service, as the partner's administrator.</summary>
    public async Task<ProviderSettingsDetails> ConfigureAsync(Partner partner, int accountId, string url, string? senderName = "Riverside",
        string? login = "riverside-api", string? password = "s3cret-pass")
    {
        var previous = Actor.Current;
        Actor.Current = TestActor.PartnerAdmin(partner.Id);
        var saved = await Settings.SaveAsync(accountId, new ProviderSettingsInput(url, login is not null, login, password, senderName), CancellationToken.None);
        Actor.Current = previous;
        saved.Succeeded.Should().BeTrue(saved.FirstError?.Message);
        return saved.Value!;
    }

    /// <summary>Adds <paramref name="count"/> Pending SMS Texts to +1614555xxxx numbers; returns their ids.</summary>
    public List<long> AddPending(int accountId, int count, string content = "Your appointment is tomorrow at 9am.", Func<int, string>? to = null)
    {
        using var db = Db();
        var location = db.Locations.Include(l => l.SmsNumber).First(l => l.AccountId == accountId && l.IsDefault);
        var counted = SegmentCalculator.Calculate(content);
        var messages = Enumerable.Range(0, count).Select(i => new Message
        {
            AccountId = accountId, LocationId = location.Id, SenderNumber = location.SmsNumber!.Number,
            ToNumber = to?.Invoke(i) ?? $"+1614555{1000 + (i % 9000):0000}", Kind = MessageKind.SmsText, Type = MessageType.Notification,
            Content = content, Encoding = counted.Encoding, SegmentCount = counted.Segments, Status = MessageStatus.Pending,
            CreatedAt = Now, UpdatedAt = Now,
        }).ToList();
        db.Messages.AddRange(messages);
        db.SaveChanges();
        return messages.Select(m => m.Id).ToList();
    }

    public Message Message(long id)
    {
        using var db = Db();
        return db.Messages.AsNoTracking().Single(m => m.Id == id);
    }

    public List<Message> Messages()
    {
        using var db = Db();
        return db.Messages.AsNoTracking().OrderBy(m => m.Id).ToList();
    }

    public List<MessageAttempt> Attempts(long messageId)
    {
        using var db = Db();
        return db.MessageAttempts.AsNoTracking().Where(a => a.MessageId == messageId).OrderBy(a => a.Number).ToList();
    }

    public void Dispose()
    {
        _http.Dispose();
        Database.Dispose();
    }
}
