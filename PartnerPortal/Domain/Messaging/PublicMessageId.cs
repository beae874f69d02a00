using System.Globalization;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// A message's id as the Integration API shows it (DESIGN §6: ids are strings). The one place that turns a stored
/// id into its public form, used by the API's answers and the message webhooks alike.
/// </summary>
public static class PublicMessageId
{
    public static string Of(long messageId) => messageId.ToString(CultureInfo.InvariantCulture);
}
