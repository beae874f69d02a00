using System.Net;
using System.Net.Sockets;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>Which resolved addresses a webhook may be sent to: public unicast only (SSRF protection).</summary>
public static class WebhookAddressRules
{
    /// <summary>False for loopback, private, link-local, unique-local, CGNAT, unspecified, multicast and reserved addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                    // 10.0.0.0/8 private
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)    // 100.64.0.0/10 carrier-grade NAT
                || b[0] == 127                                   // loopback
                || (b[0] == 169 && b[1] == 254)                  // link-local (cloud metadata)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)     // 172.16.0.0/12 private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0.0/24 IETF protocol assignments
                || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16 private
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // 198.18.0.0/15 benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6None)          // ::
                || address.IsIPv6LinkLocal                       // fe80::/10
                || address.IsIPv6SiteLocal                       // fec0::/10
                || address.IsIPv6Multicast                       // ff00::/8
                || (b[0] & 0xFE) == 0xFC                         // fc00::/7 unique local
                || address.IsIPv4MappedToIPv6);
        }

        return false;
    }
}
