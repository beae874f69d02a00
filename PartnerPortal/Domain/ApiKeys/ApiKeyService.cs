using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.ApiKeys;

public sealed record ApiKeySummary(
    int Id, string Name, ApiKeyScope Scope, string Prefix, int? AccountId, string? AccountName, string? AccountExternalId,
    DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record ApiKeyAccountChoice(int Id, string Name, string ExternalId);

/// <summary>A new key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Prefix, string Secret);

/// <summary>Who a presented key is.</summary>
public sealed record ApiKeyIdentity(int Id, string Name, ApiKeyScope Scope, int PartnerId, int? AccountId);

public sealed class ApiKeyService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time,
    ApiKeyCache cache)
{
    public const int PrefixLength = 10;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        // SupportAgents read the list (never a secret: only the prefix is kept); admins change it.
        if (!actor.Can(PortalPolicies.ReadPartnerSettings) || actor.PartnerId is null || actor.AccountId is not null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.PartnerId == actor.PartnerId)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(
                k.Id, k.Name, k.Scope, k.Prefix, k.AccountId,
                db.Accounts.Where(a => a.Id == k.AccountId).Select(a => a.BusinessName).FirstOrDefault(),
                db.Accounts.Where(a => a.Id == k.AccountId).Select(a => a.ExternalId).FirstOrDefault(),
                k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The actor's accounts whose name or account id contains <paramref name="text"/> (for choosing an Integration API key's account).</summary>
    public async Task<IReadOnlyList<ApiKeyAccountChoice>> FindAccountsAsync(string? text, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = db.Accounts.AsNoTracking().VisibleTo(actor);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = $"%{text.Trim().ToLowerInvariant()}%";
            accounts = accounts.Where(a => EF.Functions.Like(a.BusinessName.ToLower(), pattern) || EF.Functions.Like(a.ExternalId.ToLower(), pattern));
        }

        return await accounts.OrderBy(a => a.BusinessName).Take(20)
            .Select(a => new ApiKeyAccountChoice(a.Id, a.BusinessName, a.ExternalId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a key of the actor's partner (PartnerAdmin only). Account keys need one of the partner's accounts.</summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(string name, ApiKeyScope scope, int? accountId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.IsPartnerAdmin)
        {
            return PortalPolicies.Refusal;
        }

        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Error.ForField("name", "Name is required (at most 100 characters).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string? accountName = null;
        if (scope == ApiKeyScope.Account)
        {
            accountName = await db.Accounts.VisibleTo(actor).Where(a => a.Id == accountId).Select(a => a.BusinessName).FirstOrDefaultAsync(cancellationToken);
            if (accountName is null)
            {
                return Error.ForField("accountId", "Choose one of your accounts for an Integration API key.");
            }
        }
        else
        {
            accountId = null;
        }

        var secret = NewSecret(scope);
        var key = Store(db, actor.PartnerId!.Value, accountId, scope, name, secret, actor.DisplayName, time.GetUtcNow().UtcDateTime);
        auditLog.Add(db, actor, new AuditRecord("apikey.created", "ApiKey", key.Prefix,
            $"API key '{name}' ({(scope == ApiKeyScope.Partner ? "Partner API" : $"Integration API for {accountName}")}) created",
            AccountId: accountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<CreatedApiKey>.Ok(new CreatedApiKey(key.Id, key.Name, key.Prefix, secret));
    }

    public async Task<Result> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = actor.IsPartnerAdmin
            ? await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.PartnerId == actor.PartnerId, cancellationToken)
            : null;
        if (key is null)
        {
            return Result.Fail(Error.NotFound("The API key"));
        }

        if (key.RevokedAt is not null)
        {
            return Result.Ok();
        }

        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        key.RevokedBy = actor.DisplayName;
        auditLog.Add(db, actor, new AuditRecord("apikey.revoked", "ApiKey", key.Prefix, $"API key '{key.Name}' revoked", AccountId: key.AccountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        cache.Forget(key.Id);
        return Result.Ok();
    }

    /// <summary>
    /// Finds the active key for a presented secret (null when unknown or revoked) and notes its use. A key found
    /// active is remembered for <see cref="ApiKeyCache.Lifetime"/>; its last use is written at most once a minute.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }

        var hash = HashOf(presented);
        if (cache.Find(hash) is { } known)
        {
            return known;
        }

        var revocations = cache.Revocations;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Scope, k.PartnerId, k.AccountId, k.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            // At most one write a minute per key, so busy keys do not turn every request into a write.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        var identity = new ApiKeyIdentity(key.Id, key.Name, key.Scope, key.PartnerId, key.AccountId);
        cache.Remember(hash, identity, revocations);
        return identity;
    }

    /// <summary>Stores a key with a known secret (demo keys); does nothing when it exists.</summary>
    public static async Task EnsureKeyAsync(ApplicationDbContext db, int partnerId, int? accountId, ApiKeyScope scope, string name, string secret,
        DateTime now, CancellationToken cancellationToken)
    {
        var hash = HashOf(secret);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, cancellationToken))
        {
            return;
        }

        Store(db, partnerId, accountId, scope, name, secret, "Demo data", now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiKey Store(ApplicationDbContext db, int partnerId, int? accountId, ApiKeyScope scope, string name, string secret,
        string createdBy, DateTime now)
    {
        var key = new ApiKey
        {
            PartnerId = partnerId,
            AccountId = accountId,
            Scope = scope,
            Name = name,
            Prefix = secret[..Math.Min(PrefixLength, secret.Length)],
            Hash = HashOf(secret),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(key);
        return key;
    }

    private static string NewSecret(ApiKeyScope scope)
    {
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');
        return (scope == ApiKeyScope.Partner ? "pk_live_" : "ik_live_") + random;
    }
}
