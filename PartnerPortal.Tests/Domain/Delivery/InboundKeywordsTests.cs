using PartnerPortal.Domain.Delivery;

namespace PartnerPortal.Tests.Domain.Delivery;

public sealed class InboundKeywordsTests
{
    [Theory]
    [InlineData("STOP", "STOP")]
    [InlineData("stop", "STOP")]
    [InlineData("  Stop.  ", "STOP")]
    [InlineData("Stop!!", "STOP")]
    [InlineData("stopall", "STOPALL")]
    [InlineData("Unsubscribe", "UNSUBSCRIBE")]
    [InlineData("cancel", "CANCEL")]
    [InlineData("END", "END")]
    [InlineData("quit", "QUIT")]
    [InlineData("Revoke", "REVOKE")]
    [InlineData("optout", "OPTOUT")]
    [InlineData("opt out", "OPT OUT")]
    [InlineData("Opt  Out!", "OPT OUT")]
    [InlineData("opt-out", "OPTOUT")]
    public void Parse_OptOutKeyword_OptOut(string text, string keyword) =>
        InboundKeywords.Parse(text).Should().Be(new InboundKeyword(InboundAction.OptOut, keyword));

    [Theory]
    [InlineData("START", "START")]
    [InlineData("yes", "YES")]
    [InlineData("Unstop.", "UNSTOP")]
    public void Parse_OptInKeyword_OptIn(string text, string keyword) =>
        InboundKeywords.Parse(text).Should().Be(new InboundKeyword(InboundAction.OptIn, keyword));

    [Theory]
    [InlineData("help", "HELP")]
    [InlineData("Info?", "INFO")]
    public void Parse_HelpKeyword_Help(string text, string keyword) =>
        InboundKeywords.Parse(text).Should().Be(new InboundKeyword(InboundAction.Help, keyword));

    [Theory]
    [InlineData("Please stop texting me")]
    [InlineData("See you tomorrow")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("STOPPED")]
    public void Parse_OtherText_None(string? text) => InboundKeywords.Parse(text).Action.Should().Be(InboundAction.None);
}
