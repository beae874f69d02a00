using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.ApiKeys;

/// <summary>
/// DESIGN §4/§6: an API key's partner must have its SMS API activated (4015) before an SMS request is validated or
/// its ids are looked up, so a client learns the one thing it must fix first and nothing is written.
/// </summary>
public sealed class SmsApiActivation(IDbContextFactory<ApplicationDbContext> dbFactory, ICurrentActor currentActor)
{
    /// <summary>4015 when the acting key's partner has no SMS API activation; null otherwise (users and the system are not API requests).</summary>
    public async Task<Error?> RefusalAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.Kind != ActorKind.ApiKey)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enabled = actor.PartnerId is { } partnerId
            && await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.SmsApiEnabled).FirstOrDefaultAsync(cancellationToken);
        return enabled ? null : Refusal;
    }

    public static Error Refusal { get; } = new(ResultCodes.Sentences.ApiNotEnabled, ResultCodes.ApiNotEnabled);
}
