namespace PartnerPortal.Api;

/// <summary>The Partner API (<c>/api/io</c>, partner-scoped keys, <c>successful/responseCode/responseMessage</c> envelope).</summary>
public static class PartnerApiEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        _ = group;
    }
}
