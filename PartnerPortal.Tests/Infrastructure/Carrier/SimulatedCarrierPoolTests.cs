using PartnerPortal.Domain.Accounts;
using PartnerPortal.Infrastructure.Carrier;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Infrastructure.Carrier;

public sealed class SimulatedCarrierPoolTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SimulatedCarrierPool _pool = new();

    [Theory]
    [InlineData("US", "OH", "614")]
    [InlineData("US", "WA", "206")]
    [InlineData("CA", "ON", "416")]
    public async Task Acquire_State_NumberInAnAreaCodeOfThatState(string country, string state, string expectedFirstAreaCode)
    {
        using var db = _database.CreateDbContext();

        var number = await _pool.AcquireAsync(db, country, state, new HashSet<string>(), CancellationToken.None);

        number.Should().MatchRegex(@"^\+1\d{10}$");
        SimulatedCarrierPool.AreaCodesFor(country, state).Should().Contain(number[2..5]).And.StartWith(expectedFirstAreaCode);
    }

    [Fact]
    public async Task Acquire_FictionalBlockAllButOneTaken_ReturnsTheFreeOneNeverAStoredOne()
    {
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        var taken = Enumerable.Range(100, 99).Select(line => ("loc" + line, "Location " + line, SmsNumberStatus.Approved, (string?)$"+1614555{line:0000}")).ToArray();
        TestData.AddAccount(db, partner, "big", null, taken);
        var reserved = new HashSet<string>();

        var number = await _pool.AcquireAsync(db, "US", "OH", reserved, CancellationToken.None);

        number.Should().Be("+16145550199");
        reserved.Add(number);
        var next = await _pool.AcquireAsync(db, "US", "OH", reserved, CancellationToken.None);
        next.Should().StartWith("+1614555").And.NotBe(number);
        taken.Select(t => t.Item4).Should().NotContain(next);
    }

    public void Dispose() => _database.Dispose();
}
