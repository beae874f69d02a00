using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Delivery;

/// <summary>The account message list's server-side filters: status, date range (UTC days, inclusive) and location.</summary>
public sealed class MessageListFilterTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly MessageService _service;
    private readonly int _accountId;
    private readonly int _dublin;
    private readonly int _columbus;

    public MessageListFilterTests()
    {
        _service = new MessageService(_database, _actor);
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var account = TestData.AddAccount(db, partner, "riverside", null,
            ("dublin", "Dublin", SmsNumberStatus.Approved, "+12195550114"), ("columbus", "Columbus", SmsNumberStatus.Approved, "+16145550188"));
        _accountId = account.Id;
        _dublin = db.Locations.Single(l => l.ExternalId == "dublin").Id;
        _columbus = db.Locations.Single(l => l.ExternalId == "columbus").Id;
        Add(db, _dublin, MessageStatus.Delivered, TestData.Now.AddDays(-3));
        Add(db, _dublin, MessageStatus.Failed, TestData.Now.AddDays(-1));
        Add(db, _columbus, MessageStatus.Delivered, TestData.Now);
        db.SaveChanges();
        _actor.Current = TestActor.PracticeStaff(partner.Id, account.Id);
    }

    public void Dispose() => _database.Dispose();

    private void Add(PartnerPortal.Data.ApplicationDbContext db, int locationId, MessageStatus status, DateTime at) => db.Messages.Add(new Message
    {
        AccountId = _accountId, LocationId = locationId, ToNumber = "+16145550123", Kind = MessageKind.SmsText, Content = "Hello",
        Encoding = "GSM-7", SegmentCount = 1, Status = status, CreatedAt = at, UpdatedAt = at,
    });

    private async Task<IReadOnlyList<MessageSummary>> ListAsync(MessageListFilter filter) =>
        (await _service.ListAsync(_accountId, 0, 25, filter, CancellationToken.None)).Value!.Items;

    [Fact]
    public async Task List_ByStatus_OnlyThatStatus()
    {
        (await ListAsync(new MessageListFilter(Status: MessageStatus.Delivered))).Should().HaveCount(2).And.OnlyContain(m => m.Status == MessageStatus.Delivered);
    }

    [Fact]
    public async Task List_ByDateRange_BothDaysIncluded()
    {
        var day = DateOnly.FromDateTime(TestData.Now);

        var items = await ListAsync(new MessageListFilter(From: day.AddDays(-1), To: day));

        items.Select(m => m.Status).Should().Equal(MessageStatus.Delivered, MessageStatus.Failed);
    }

    [Fact]
    public async Task List_ByLocation_OnlyThatLocation()
    {
        (await ListAsync(new MessageListFilter(LocationId: _columbus))).Should().ContainSingle().Which.LocationName.Should().Be("Columbus");
    }

    [Fact]
    public async Task ListLocations_OtherAccountsUser_NotFound()
    {
        _actor.Current = TestActor.PracticeStaff(_actor.Current.PartnerId!.Value, _accountId + 1);

        var result = await _service.ListLocationsAsync(_accountId, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
    }
}
