using System.Diagnostics.Metrics;

namespace PartnerPortal.Domain.Delivery;

/// <summary>The <c>PartnerPortal.Delivery</c> meter: refused provider callbacks (per reason) and dispatcher outcomes.</summary>
public static class DeliveryMetrics
{
    public const string MeterName = "PartnerPortal.Delivery";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> CallbacksRefused =
        Meter.CreateCounter<long>("portal.provider.callbacks.refused", description: "Provider callbacks refused as unknown, forged, stale or replayed");

    public static readonly Counter<long> MessagesDispatched =
        Meter.CreateCounter<long>("portal.delivery.messages", description: "Dispatcher outcomes per message attempt");
}
