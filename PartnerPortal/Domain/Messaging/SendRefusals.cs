namespace PartnerPortal.Domain.Messaging;

/// <summary>The fixed sentences of DESIGN §6 the send pipeline answers with.</summary>
public static class SendRefusals
{
    public const string ApiNotEnabled = "Unauthorized - API not enabled for the request's access rights.";
    public const string NoProvider = "No SMS provider is configured for this account.";
    public const string NumberNotVerified = "SMS number not verified; verification has been requested.";
    public const string BusinessInfoInsufficient = "On file account business information is insufficient for verification";
    public const string IdempotencyConflict = "This Idempotency-Key was already used with a different request.";
    public const string ChooseRecipient = "Choose who to send the text to.";
    public const string ChooseLocation = "Select an SMS Approved Location to send from.";
    public const string EnterMessage = "Enter a message.";
    public const string AccountDeactivated = "This account is deactivated and cannot send texts; a partner admin can reactivate it.";
    public const string PartnerDeactivated = "This vendor is deactivated and its accounts cannot send texts.";
    public const string ChooseQueue = "Choose one of the account's queues, or none.";
    public const string NeedsConfirmation = "This message needs your confirmation before it is sent:";
}
