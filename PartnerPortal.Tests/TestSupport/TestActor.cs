using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>A settable <see cref="ICurrentActor"/>: tests say who is acting.</summary>
public sealed class TestActor : ICurrentActor
{
    public Actor Current { get; set; } = Actor.System("Test");

    public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Current);

    public static Actor PartnerAdmin(int partnerId) =>
        new(ActorKind.User, $"admin-{partnerId}", $"Admin of {partnerId}", PortalRoles.PartnerAdmin, partnerId, null, "127.0.0.1");

    public static Actor SupportAgent(int partnerId) =>
        new(ActorKind.User, $"support-{partnerId}", $"Support of {partnerId}", PortalRoles.SupportAgent, partnerId, null, "127.0.0.1");

    public static Actor PracticeStaff(int partnerId, int accountId) =>
        new(ActorKind.User, $"staff-{accountId}", $"Staff of {accountId}", PortalRoles.PracticeStaff, partnerId, accountId, "127.0.0.1");

    public static Actor Operator() =>
        new(ActorKind.User, "operator", "Operator", PortalRoles.Operator, null, null, "127.0.0.1");
}
