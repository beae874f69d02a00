using System.Collections.Concurrent;

namespace PartnerPortal.Domain.ApiKeys;

/// <summary>
/// Who recently presented keys are, for <see cref="Lifetime"/>, so a busy integration does not cost a
/// database read per request. Only keys that were found active are kept (an unknown key is looked up
/// each time and cannot fill the cache). Revoking a key in this process forgets it at once; another
/// instance of the app stops accepting it within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _revocations;

    /// <summary>Taken before a key is looked up and given to <see cref="Remember"/>, which then refuses to keep a key
    /// read before a revocation that happened meanwhile (its lookup may have seen the key still active).</summary>
    public long Revocations => Interlocked.Read(ref _revocations);

    /// <summary>The identity of the key with this hash, when it was found active less than <see cref="Lifetime"/> ago.</summary>
    public ApiKeyIdentity? Find(string hash)
    {
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() < entry.Until)
        {
            return entry.Identity;
        }

        _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        return null;
    }

    public void Remember(string hash, ApiKeyIdentity identity, long revocationsBeforeLookup)
    {
        if (Revocations != revocationsBeforeLookup)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_entries.Count > SweepAbove)
        {
            foreach (var stale in _entries.Where(e => e.Value.Until <= now))
            {
                _entries.TryRemove(stale);
            }
        }

        _entries[hash] = new Entry(identity, now + Lifetime);
        if (Revocations != revocationsBeforeLookup)
        {
            _entries.TryRemove(hash, out _); // a revocation raced this lookup
        }
    }

    /// <summary>Forgets the key with this id (it was revoked).</summary>
    public void Forget(int keyId)
    {
        Interlocked.Increment(ref _revocations);
        foreach (var entry in _entries.Where(e => e.Value.Identity.Id == keyId))
        {
            _entries.TryRemove(entry);
        }
    }

    private sealed record Entry(ApiKeyIdentity Identity, DateTimeOffset Until);
}
