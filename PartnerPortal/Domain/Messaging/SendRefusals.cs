namespace PartnerPortal.Domain.Messaging;

/// <summary>The send pipeline's own sentences, shared with the Send dialog (DESIGN §6's fixed ones are <see cref="Common.ResultCodes.Sentences"/>).</summary>
public static class SendRefusals
{
    public const string ChooseRecipient = "Choose who to send the text to.";
    public const string ChooseLocation = "Select an SMS Approved Location to send from.";
    public const string EnterMessage = "Enter a message.";
    public const string AccountDeactivated = "This account is deactivated and cannot send texts; a partner admin can reactivate it.";
    public const string PartnerDeactivated = "This vendor is deactivated and its accounts cannot send texts.";
    public const string ChooseQueue = "Choose one of the account's queues, or none.";
    public const string NeedsConfirmation = "This message needs your confirmation before it is sent:";
}
