using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Infrastructure.Hosting;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary><c>create-partner</c> goes through the Partners page's service: same checks, audit, and the SMS API flag.</summary>
public sealed class AdminCommandsTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await AdminCommands.RunAsync(_app.Services, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task CreatePartner_WithBusinessDetailsAndSmsApiOn_CreatedSwitchedOnAndAudited()
    {
        var (code, output) = await RunAsync("create-partner", "--slug", "oak-health", "--name", "Oak Health", "--sms-api", "on",
            "--website", "https://www.oak-health.example", "--contact-first-name", "Olive", "--contact-last-name", "Oakley",
            "--contact-email", "olive@oak-health.example", "--contact-phone", "(614) 555-0142");

        (code, output.Trim()).Should().Be((0, "Partner 'oak-health' created; SMS API on."));
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var partner = await db.Partners.SingleAsync(p => p.Slug == "oak-health");
        (partner.SmsApiEnabled, partner.BusinessDetails.ContactPhone).Should().Be((true, "+16145550142"));
        (await db.AuditEntries.SingleAsync(e => e.Action == "partner.created" && e.PartnerId == partner.Id)).ActorName.Should().Be("Command line");
    }

    [Fact]
    public async Task CreatePartner_InvalidContactEmail_ReportedPerOptionAndNothingCreated()
    {
        var (code, output) = await RunAsync("create-partner", "--slug", "elm-health", "--name", "Elm Health",
            "--website", "https://www.elm-health.example", "--contact-first-name", "Eli", "--contact-last-name", "Elm",
            "--contact-email", "eli", "--contact-phone", "(614) 555-0143");

        code.Should().Be(1);
        output.Trim().Should().Be("--contact-email: Contact Email must be an email address such as name@example.com.");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        (await db.Partners.AnyAsync(p => p.Slug == "elm-health")).Should().BeFalse();
    }
}
