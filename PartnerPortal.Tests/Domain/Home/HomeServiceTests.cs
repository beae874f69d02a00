using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Home;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Home;

public sealed class HomeServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly int _northwindId;
    private readonly int _contosoId;
    private readonly int _riversideId;

    public HomeServiceTests()
    {
        using var db = _database.CreateDbContext();
        var northwind = TestData.AddPartner(db, "northwind");
        var contoso = TestData.AddPartner(db, "contoso");
        _northwindId = northwind.Id;
        _contosoId = contoso.Id;
        _riversideId = TestData.AddAccount(db, northwind, "riverside", null,
            ("default", "Default", SmsNumberStatus.Approved, "+16145550199"), ("columbus", "Columbus", SmsNumberStatus.Pending, null)).Id;
        TestData.AddAccount(db, northwind, "lakeside", a => a.Address1 = null);
        TestData.AddAccount(db, northwind, "hilltop", a => a.PostalCode = "ABC");
        TestData.AddAccount(db, contoso, "contoso-main", a => a.City = null, ("default", "Default", SmsNumberStatus.Pending, null));
    }

    public void Dispose() => _database.Dispose();

    private Task<HomeSummary> SummaryAsync() => new HomeService(_database, _actor).GetSummaryAsync(CancellationToken.None);

    [Fact]
    public async Task GetSummaryAsync_PartnerAdmin_CountsOnlyItsPartner()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwindId);

        var summary = await SummaryAsync();

        summary.Should().BeEquivalentTo(new HomeSummary("northwind", 3, 2, 1, 0, 1));
    }

    [Fact]
    public async Task GetSummaryAsync_OtherPartnerAdmin_SeesOwnCounts()
    {
        _actor.Current = TestActor.PartnerAdmin(_contosoId);

        var summary = await SummaryAsync();

        summary.Should().BeEquivalentTo(new HomeSummary("contoso", 1, 1, 1, 0, 0));
    }

    [Fact]
    public async Task GetSummaryAsync_PracticeStaff_CountsOnlyItsAccount()
    {
        _actor.Current = TestActor.PracticeStaff(_northwindId, _riversideId);

        var summary = await SummaryAsync();

        summary.Should().BeEquivalentTo(new HomeSummary("riverside Clinic", 1, 0, 1, 0, 1));
    }

    [Fact]
    public async Task GetSummaryAsync_Operator_CountsAllPartners()
    {
        _actor.Current = TestActor.Operator();

        var summary = await SummaryAsync();

        summary.Should().BeEquivalentTo(new HomeSummary("All partners", 4, 3, 2, 0, 1));
    }
}
