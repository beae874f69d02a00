using System.Data;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Data.Seed;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Tenancy;
using PartnerPortal.Infrastructure.Identity;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Integration;

/// <summary>
/// The app's contexts are pooled, and a pooled context keeps EF Core's count of explicit connection opens from one
/// lease to the next: a service that opens a connection for several commands and returns without closing it leaves
/// that context's connection open for good (on PostgreSQL, a server connection per pooled context). After the paths
/// that open explicitly (an Integration API send, refused or stored, and the Accounts page), every pooled context must
/// come back with a balanced count: opened and closed once, it is closed.
/// </summary>
public sealed class PooledContextTests(PooledContextTests.AppFixture fixture) : IClassFixture<PooledContextTests.AppFixture>
{
    public sealed class AppFixture : PortalAppFactory;

    [Fact]
    public async Task ContextsAfterSendsAndAccountLists_CloseTheirConnectionAgain()
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataSeeder.DemoIntegrationKey);
        async Task<int> SendAsync(string json) =>
            (int)(await client.PostAsync("/api/v1/integration/messages/send", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode;

        var stored = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync("""{"providerId":"P-1001","content":"Your appointment is tomorrow."}""")));
        var refused = await SendAsync("""{"providerId":"P-1001","content":"Get 50% off your refill at bit.ly/x"}""");
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(Actor.System("test"));
            (await scope.ServiceProvider.GetRequiredService<AccountService>().ListAsync(new AccountQuery(), CancellationToken.None)).TotalCount
                .Should().BePositive();
        }

        stored.Should().OnlyContain(status => status == 200);
        refused.Should().Be(422);
        var factory = fixture.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        var leased = new List<ApplicationDbContext>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                // Held at once, so each is another pooled instance (the ones the requests above returned first).
                var db = await factory.CreateDbContextAsync();
                leased.Add(db);
                await db.Database.OpenConnectionAsync();
                await db.Database.CloseConnectionAsync();
                db.Database.GetDbConnection().State.Should().Be(ConnectionState.Closed, $"pooled context {i} was returned with an unbalanced open");
            }
        }
        finally
        {
            foreach (var db in leased)
            {
                await db.DisposeAsync();
            }
        }
    }
}
