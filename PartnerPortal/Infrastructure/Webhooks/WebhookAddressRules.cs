using System.Net;
using System.Net.Sockets;

namespace PartnerPortal.Infrastructure.Webhooks;

/// <summary>Which resolved addresses a webhook may be sent to: public unicast only (SSRF protection).</summary>
public static class WebhookAddressRules
{
    /// <summary>False for loopback, private, link-local, unique-local, CGNAT, NAT64, unspecified, multicast and reserved addresses.</summary>
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
                || IsNat64(b)                                    // 64:ff9b::/96 and 64:ff9b:1::/48: a NAT64 gateway reaches any IPv4 address, private ones included
                || address.IsIPv4MappedToIPv6);
        }

        return false;
    }

    private static bool IsNat64(byte[] b) =>
        b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B
        && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0                        // 64:ff9b::/96 (well-known prefix)
            || (b[4] == 0x00 && b[5] == 0x01));                                 // 64:ff9b:1::/48 (local use)
}
