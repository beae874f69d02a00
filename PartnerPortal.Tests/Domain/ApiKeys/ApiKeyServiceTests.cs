using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Tests.TestSupport;

namespace PartnerPortal.Tests.Domain.ApiKeys;

public sealed class ApiKeyServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestActor _actor = new();
    private readonly FixedTimeProvider _clock = new();
    private readonly ApiKeyService _service;
    private readonly int _accountId;

    public ApiKeyServiceTests()
    {
        _service = NewService(new ApiKeyCache(_clock));
        using var db = _database.CreateDbContext();
        var partner = TestData.AddPartner(db, "northwind");
        _accountId = TestData.AddAccount(db, partner, "riverside").Id;
        _actor.Current = TestActor.PartnerAdmin(partner.Id);
    }

    public void Dispose() => _database.Dispose();

    private ApiKeyService NewService(ApiKeyCache cache) => new(_database, _actor, new AuditLog(_clock), _clock, cache);

    private async Task<CreatedApiKey> CreateKeyAsync() =>
        (await _service.CreateAsync("Practice management system", ApiKeyScope.Account, _accountId, CancellationToken.None)).Value!;

    private async Task RevokeInDatabaseAsync(int keyId)
    {
        // As another instance of the app would: straight in the database, not through this process's service.
        await using var db = _database.CreateDbContext();
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, _clock.GetUtcNow().UtcDateTime));
    }

    private async Task<DateTime?> LastUsedAtAsync(int keyId)
    {
        await using var db = _database.CreateDbContext();
        return await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync();
    }

    [Fact]
    public async Task AuthenticateAsync_ActiveKey_ReturnsItsScopeAndAccount()
    {
        var key = await CreateKeyAsync();

        var identity = await _service.AuthenticateAsync(key.Secret, CancellationToken.None);

        identity.Should().BeEquivalentTo(new { key.Id, Scope = ApiKeyScope.Account, AccountId = (int?)_accountId });
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRevokedElsewhere_IsRefusedOnceTheCacheLifetimeHasPassed()
    {
        var key = await CreateKeyAsync();
        (await _service.AuthenticateAsync(key.Secret, CancellationToken.None)).Should().NotBeNull();
        await RevokeInDatabaseAsync(key.Id);

        var withinLifetime = await _service.AuthenticateAsync(key.Secret, CancellationToken.None);
        _clock.Advance(ApiKeyCache.Lifetime);
        var afterLifetime = await _service.AuthenticateAsync(key.Secret, CancellationToken.None);

        withinLifetime.Should().NotBeNull("this process remembered the key for up to ApiKeyCache.Lifetime");
        afterLifetime.Should().BeNull();
    }

    [Fact]
    public async Task RevokeAsync_KeyInUse_IsRefusedAtOnceInThisProcess()
    {
        var key = await CreateKeyAsync();
        (await _service.AuthenticateAsync(key.Secret, CancellationToken.None)).Should().NotBeNull();

        (await _service.RevokeAsync(key.Id, CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _service.AuthenticateAsync(key.Secret, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_IsNotRememberedAsUnknown()
    {
        const string secret = "ik_live_created-after-a-first-failed-attempt";
        (await _service.AuthenticateAsync(secret, CancellationToken.None)).Should().BeNull();
        await using (var db = _database.CreateDbContext())
        {
            var partnerId = await db.Accounts.Where(a => a.Id == _accountId).Select(a => a.PartnerId).SingleAsync();
            await ApiKeyService.EnsureKeyAsync(db, partnerId, _accountId, ApiKeyScope.Account, "late", secret, TestData.Now, CancellationToken.None);
        }

        (await _service.AuthenticateAsync(secret, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task AuthenticateAsync_BusyKey_WritesLastUsedAtAtMostOnceAMinute()
    {
        var key = await CreateKeyAsync();
        var first = _clock.GetUtcNow().UtcDateTime;
        await _service.AuthenticateAsync(key.Secret, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await _service.AuthenticateAsync(key.Secret, CancellationToken.None);
        var afterHalfAMinute = await LastUsedAtAsync(key.Id);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await _service.AuthenticateAsync(key.Secret, CancellationToken.None);
        var afterAMinute = await LastUsedAtAsync(key.Id);

        afterHalfAMinute.Should().Be(first);
        afterAMinute.Should().Be(_clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Cache_SharedByServices_ServesTheSecondServiceWithoutTheDatabase()
    {
        var cache = new ApiKeyCache(_clock);
        var key = await CreateKeyAsync();
        (await NewService(cache).AuthenticateAsync(key.Secret, CancellationToken.None)).Should().NotBeNull();
        await RevokeInDatabaseAsync(key.Id);

        (await NewService(cache).AuthenticateAsync(key.Secret, CancellationToken.None)).Should().NotBeNull("the cache is the app's singleton");
        (await NewService(new ApiKeyCache(_clock)).AuthenticateAsync(key.Secret, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void Cache_RevocationDuringALookup_KeepsTheKeyOut()
    {
        // A lookup that read the key as active before a revocation committed must not put it back in the cache.
        var cache = new ApiKeyCache(_clock);
        var identity = new ApiKeyIdentity(7, "PMS", ApiKeyScope.Account, 1, 2);
        var before = cache.Revocations;

        cache.Forget(7);
        cache.Remember("hash-of-key-7", identity, before);

        cache.Find("hash-of-key-7").Should().BeNull();
        cache.Remember("hash-of-key-7", identity, cache.Revocations);
        cache.Find("hash-of-key-7").Should().Be(identity);
    }
}
