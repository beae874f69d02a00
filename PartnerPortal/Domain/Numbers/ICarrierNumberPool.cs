using PartnerPortal.Data;

namespace PartnerPortal.Domain.Numbers;

/// <summary>Where approved locations get their texting numbers from (the carrier; simulated in this app).</summary>
public interface ICarrierNumberPool
{
    /// <summary>
    /// A new E.164 number with an area code of the account's state (or province), never one already stored
    /// in <paramref name="db"/> nor one of <paramref name="reserved"/> (numbers handed out in the same unit of work).
    /// </summary>
    Task<string> AcquireAsync(ApplicationDbContext db, string? countryCode, string? state, IReadOnlySet<string> reserved, CancellationToken cancellationToken);
}
