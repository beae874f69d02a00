using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Delivery;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Numbers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Privacy;
using PartnerPortal.Domain.Recipients;
using PartnerPortal.Domain.Templates;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Domain.Users;
using PartnerPortal.Domain.Webhooks;
using PartnerPortal.Infrastructure;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Tenancy;

/// <summary>
/// DESIGN §1 re-checked by the domain services, not only the UI: each change a role may not make is refused with
/// 4030 "You do not have permission to do this." and leaves nothing behind; Operators read metadata, never PHI.
/// </summary>
public abstract class PermissionRefusalTestBase : IAsyncLifetime
{
    protected readonly TestDatabase _database = new();
    protected readonly TestActor _actor = new();
    protected readonly ServiceProvider _services;
    protected readonly Partner _partner;
    protected readonly Account _account;
    protected readonly int _approved;
    protected readonly int _noNumber;
    protected readonly int _patient;
    protected readonly int _template;
    protected readonly long _message;

    protected PermissionRefusalTestBase()
    {
        _services = WithSimulatedProvider(enabled: true);

        using var db = _database.CreateDbContext();
        _partner = TestData.AddPartner(db, "northwind");
        _account = TestData.AddAccount(db, _partner, "riverside", null,
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"),
            ("powell", "Powell", SmsNumberStatus.NoNumber, null));
        _approved = db.Locations.Single(l => l.ExternalId == "dublin").Id;
        _noNumber = db.Locations.Single(l => l.ExternalId == "powell").Id;
        var patient = new Recipient
        {
            AccountId = _account.Id, Kind = RecipientKind.Patient, FirstName = "Jordan", LastName = "Ellis",
            DateOfBirth = new DateOnly(1984, 3, 12), Mobile = "+16145550123", CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Recipients.Add(patient);
        var template = new Template { AccountId = _account.Id, Name = "Reminder", Body = "See you soon", CreatedAt = TestData.Now, UpdatedAt = TestData.Now };
        db.Templates.Add(template);
        db.SaveChanges();
        var message = new Message
        {
            AccountId = _account.Id, LocationId = _approved, RecipientId = patient.Id, ToNumber = "+16145550123", Kind = MessageKind.SmsText,
            Content = "Your biopsy results are ready", Encoding = SegmentCalculator.Gsm7, SegmentCount = 1, Status = MessageStatus.Delivered,
            CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        };
        db.Messages.Add(message);
        db.InboundMessages.Add(new InboundMessage
        {
            AccountId = _account.Id, FromNumber = "+16145550123", ToNumber = "+12195550114", Text = "Thanks, see you Tuesday",
            ReceivedAt = TestData.Now, ProviderMessageId = "in-1",
        });
        db.SaveChanges();
        (_patient, _template, _message) = (patient.Id, template.Id, message.Id);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The group commit is only IAsyncDisposable.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    protected T Service<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    protected void ActAs(Actor actor) => _actor.Current = actor;

    protected Actor Support => TestActor.SupportAgent(_partner.Id);

    protected static void ShouldBeRefused(Result result)
    {
        result.Succeeded.Should().BeFalse();
        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        result.FirstError.Message.Should().Be("You do not have permission to do this.");
    }

    protected (int Messages, int Recipients, int Audit, int Verifications) Counts()
    {
        using var db = _database.CreateDbContext();
        return (db.Messages.Count(), db.Recipients.Count(), db.AuditEntries.Count(), db.VerificationRequests.Count());
    }

    protected SendRequest Text(int location) => new()
    {
        AccountId = _account.Id, LocationId = location, RecipientId = _patient, Content = "Your appointment is tomorrow at 9am.",
    };

    protected ServiceProvider WithSimulatedProvider(bool enabled)
    {
        var configuration = TestHost.Configuration();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddPortalDomain();
        services.AddPortalInfrastructure(configuration, TestHost.Environment);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IDbContextFactory<ApplicationDbContext>>(_database);
        services.AddSingleton<TimeProvider>(new FixedTimeProvider());
        services.AddSingleton<ICurrentActor>(_actor);
        services.PostConfigure<DeliveryOptions>(o => o.SimulatedProvider.Enabled = enabled);
        return services.BuildServiceProvider();
    }
}
