using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Forms;

public sealed class FormServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FormService _service;
    private readonly int _partnerId;

    public FormServiceTests()
    {
        var clock = new FixedTimeProvider();
        _service = new FormService(_database, _actor, new AuditLog(clock), clock);
        using var db = _database.CreateDbContext();
        _partnerId = TestData.AddPartner(db, "northwind").Id;
        _actor.Current = TestActor.PartnerAdmin(_partnerId);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AddAsync_HttpsLink_ListedForThePartner()
    {
        var added = await _service.AddAsync(new FormInput("New Patient Intake", "https://forms.example.com/intake"), CancellationToken.None);

        added.Succeeded.Should().BeTrue();
        _actor.Current = TestActor.SupportAgent(_partnerId);
        (await _service.ListAsync(CancellationToken.None)).Value!.Should().ContainSingle(f => f.Name == "New Patient Intake");
    }

    [Theory]
    [InlineData("http://forms.example.com/intake")]
    [InlineData("forms.example.com/intake")]
    [InlineData("https://localhost/intake")]
    public async Task AddAsync_NotAnHttpsLink_RefusedForTheField(string url)
    {
        var result = await _service.AddAsync(new FormInput("Intake", url), CancellationToken.None);

        result.FirstError!.Field.Should().Be("url");
    }

    [Fact]
    public async Task AddAsync_SupportAgent_Refused()
    {
        _actor.Current = TestActor.SupportAgent(_partnerId);

        var result = await _service.AddAsync(new FormInput("Intake", "https://forms.example.com/intake"), CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        using var db = _database.CreateDbContext();
        db.Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task ListAsync_AnotherPartnersForms_NotShown()
    {
        await _service.AddAsync(new FormInput("Intake", "https://forms.example.com/intake"), CancellationToken.None);
        using (var db = _database.CreateDbContext())
        {
            _actor.Current = TestActor.PartnerAdmin(TestData.AddPartner(db, "contoso").Id);
        }

        (await _service.ListAsync(CancellationToken.None)).Value.Should().BeEmpty();
    }
}
