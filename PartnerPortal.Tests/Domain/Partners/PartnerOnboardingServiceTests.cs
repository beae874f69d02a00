using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.Partners;

public sealed class PartnerOnboardingServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly PartnerOnboardingService _service;
    private readonly Partner _northwind;

    public PartnerOnboardingServiceTests()
    {
        _service = new PartnerOnboardingService(_database, _actor, new AuditLog(_clock), _clock);
        using var db = _database.CreateDbContext();
        _northwind = TestData.AddPartner(db, "northwind-ehr");
        TestData.AddAccount(db, _northwind, "riverside");
        TestData.AddAccount(db, _northwind, "lakeside", a => a.Address1 = null);
        TestData.AddAccount(db, _northwind, "hilltop", a => a.PostalCode = null);
        _actor.Current = TestActor.Operator();
    }

    public void Dispose() => _database.Dispose();

    private static BusinessDetailsUpdate OakDetails(string? contactPhone = "(614) 555-0142") => new(
        "Oak Health", "Oak Health LLC", "1 Oak Street", null, "Columbus", "oh", "43215", "us", "https://www.oak-health.example",
        "Olive", "Oakley", "olive@oak-health.example", contactPhone);

    private static PartnerInput Oak(string slug = "oak-health", string? contactPhone = "(614) 555-0142") =>
        new(slug, "Oak Health", "https://oak-health.example", OakDetails(contactPhone));

    private List<AuditEntry> Audit(string action)
    {
        using var db = _database.CreateDbContext();
        return db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToList();
    }

    [Fact]
    public async Task CreateAsync_Operator_CreatesPartnerWithCleanBusinessDetailsAndAuditsIt()
    {
        var result = await _service.CreateAsync(Oak(), smsApiEnabled: false, default);

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
        result.Value!.Slug.Should().Be("oak-health");
        result.Value.SmsApiEnabled.Should().BeFalse();
        result.Value.IsActive.Should().BeTrue();
        result.Value.BusinessDetails.ContactPhone.Should().Be("+16145550142");
        result.Value.BusinessDetails.State.Should().Be("OH");
        var entry = Audit("partner.created").Should().ContainSingle().Subject;
        entry.PartnerId.Should().Be(result.Value.Id);
        entry.ChangesJson.Should().Contain("oak-health").And.Contain("Contact Phone");
    }

    [Fact]
    public async Task CreateAsync_InvalidBusinessDetails_FieldErrorsAsTheBusinessDetailsFormAndNothingSaved()
    {
        var input = Oak() with { BusinessDetails = OakDetails() with { Website = "oak-health.example", ContactEmail = "olive", ContactFirstName = null } };

        var result = await _service.CreateAsync(input, smsApiEnabled: false, default);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            [nameof(BusinessDetailsUpdate.Website), nameof(BusinessDetailsUpdate.ContactEmail), nameof(BusinessDetailsUpdate.ContactFirstName)]);
        result.Errors.Select(e => e.Message).Should().Equal(PartnerBusinessDetailsRules.Validate(input.BusinessDetails).Errors.Select(e => e.Message));
        using var db = _database.CreateDbContext();
        db.Partners.Should().NotContain(p => p.Slug == "oak-health");
    }

    [Theory]
    [InlineData("Oak Health")]
    [InlineData("oak--health")]
    [InlineData("-oak")]
    [InlineData("")]
    public async Task CreateAsync_BadSlug_RefusedOnTheSlug(string slug)
    {
        var result = await _service.CreateAsync(Oak(slug), smsApiEnabled: false, default);

        result.Errors.Should().ContainSingle(e => e.Field == nameof(PartnerInput.Slug));
    }

    [Fact]
    public async Task CreateAsync_TakenSlug_Refused()
    {
        var result = await _service.CreateAsync(Oak("northwind-ehr"), smsApiEnabled: false, default);

        result.Errors.Should().ContainSingle().Which.Message.Should().Be("A partner with slug northwind-ehr already exists.");
    }

    [Fact]
    public async Task CreateAsync_PartnerAdmin_Refused4030AndNothingWritten()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var result = await _service.CreateAsync(Oak(), smsApiEnabled: true, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        Audit("partner.created").Should().BeEmpty();
    }

    [Fact]
    public async Task ListAsync_Operator_CountsCompleteAndIncompleteAccountsAndSearches()
    {
        await _service.CreateAsync(Oak(), smsApiEnabled: false, default);

        var all = await _service.ListAsync(null, default);
        var searched = await _service.ListAsync("OAK", default);

        var northwind = all.Value!.Single(p => p.Slug == "northwind-ehr");
        (northwind.CompleteAccounts, northwind.IncompleteAccounts).Should().Be((1, 2));
        all.Value!.Single(p => p.Slug == "oak-health").Should().Match<PartnerSummary>(p => p.CompleteAccounts == 0 && !p.HasAdmin && !p.SmsApiEnabled);
        searched.Value!.Select(p => p.Slug).Should().Equal("oak-health");
    }

    [Fact]
    public async Task ListAsync_SupportAgent_Refused4030()
    {
        _actor.Current = TestActor.SupportAgent(_northwind.Id);

        var result = await _service.ListAsync(null, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
    }

    [Fact]
    public async Task SetSmsApiEnabledAsync_On_SwitchedAndAuditedBeforeAfter()
    {
        var created = (await _service.CreateAsync(Oak(), smsApiEnabled: false, default)).Value!;

        var result = await _service.SetSmsApiEnabledAsync(created.Id, true, default);

        result.Value!.SmsApiEnabled.Should().BeTrue();
        var entry = Audit("partner.sms_api_switched").Should().ContainSingle().Subject;
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            .Should().Equal(new FieldChange("SMS API", "Off", "On"));
    }

    [Fact]
    public async Task SetSmsApiEnabledAsync_PartnerAdmin_Refused4030()
    {
        _actor.Current = TestActor.PartnerAdmin(_northwind.Id);

        var result = await _service.SetSmsApiEnabledAsync(_northwind.Id, false, default);

        result.FirstError!.Code.Should().Be(ResultCodes.Forbidden);
        using var db = _database.CreateDbContext();
        db.Partners.Single(p => p.Id == _northwind.Id).SmsApiEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task SetActiveAsync_Deactivate_StatusChangedAndAudited()
    {
        var result = await _service.SetActiveAsync(_northwind.Id, false, default);

        result.Value!.IsActive.Should().BeFalse();
        Audit("partner.deactivated").Should().ContainSingle();
        (await _service.SetActiveAsync(_northwind.Id, true, default)).Value!.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateAsync_InvalidWebsite_RefusedOnTheField()
    {
        var profile = (await _service.GetAsync(_northwind.Id, default)).Value!;

        var result = await _service.UpdateAsync(_northwind.Id, profile.ToInput() with
        {
            BusinessDetails = profile.BusinessDetails.ToUpdate() with { Website = "not a url" },
        }, default);

        result.Errors.Should().ContainSingle(e => e.Field == nameof(BusinessDetailsUpdate.Website));
    }

    [Fact]
    public async Task UpdateAsync_DisplayName_ChangedSlugKeptAndAudited()
    {
        var profile = (await _service.GetAsync(_northwind.Id, default)).Value!;

        var result = await _service.UpdateAsync(_northwind.Id, profile.ToInput() with { DisplayName = "Northwind EHR Inc.", Slug = "ignored" }, default);

        result.Value!.DisplayName.Should().Be("Northwind EHR Inc.");
        result.Value.Slug.Should().Be("northwind-ehr");
        Audit("partner.updated").Should().ContainSingle().Which.ChangesJson.Should().Contain("Northwind EHR Inc.");
    }

    [Fact]
    public async Task UpdateAsync_PartnerContactCompleted_AccountsBecomeComplete()
    {
        using (var db = _database.CreateDbContext())
        {
            db.Partners.Where(p => p.Id == _northwind.Id).ExecuteUpdate(s => s.SetProperty(p => p.BusinessDetails.ContactPhone, (string?)null));
            db.Accounts.Where(a => a.PartnerId == _northwind.Id).ExecuteUpdate(s => s.SetProperty(a => a.SmsDetailsComplete, false));
        }

        var profile = (await _service.GetAsync(_northwind.Id, default)).Value!;
        var result = await _service.UpdateAsync(_northwind.Id, profile.ToInput() with
        {
            BusinessDetails = profile.BusinessDetails.ToUpdate() with { ContactPhone = "+16145550100" },
        }, default);

        result.Succeeded.Should().BeTrue();
        using var check = _database.CreateDbContext();
        check.Accounts.Where(a => a.SmsDetailsComplete).Select(a => a.ExternalId).Should().Equal("riverside");
        Audit("partner.updated").Single().Summary.Should().EndWith("SMS Business Details completeness changed for 1 account");
    }
}
