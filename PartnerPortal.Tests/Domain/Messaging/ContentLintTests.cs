using FluentAssertions;
using PartnerPortal.Domain.Messaging;

namespace PartnerPortal.Tests.Domain.Messaging;

public class ContentLintTests
{
    [Theory]
    [InlineData("https://www.bit.ly/x", "bit.ly")]
    [InlineData("BIT.LY/abc", "bit.ly")]
    [InlineData("see bit.ly/x.", "bit.ly")]
    [InlineData("Book here: bit.ly", "bit.ly")]
    [InlineData("http://tinyurl.com/abc", "tinyurl.com")]
    [InlineData("Directions: goo.gl/maps/xyz", "goo.gl")]
    [InlineData("Reply or visit t.co/xyz", "t.co")]
    [InlineData("(ow.ly/abc)", "ow.ly")]
    [InlineData("HTTPS://IS.GD/abc", "is.gd")]
    [InlineData("buff.ly/a", "buff.ly")]
    [InlineData("rebrand.ly/a", "rebrand.ly")]
    [InlineData("cutt.ly/a", "cutt.ly")]
    [InlineData("shorturl.at/a", "shorturl.at")]
    [InlineData("tiny.cc/a", "tiny.cc")]
    [InlineData("bl.ink/a", "bl.ink")]
    [InlineData("t.ly/a", "t.ly")]
    [InlineData("rb.gy/a", "rb.gy")]
    [InlineData("s.id/a", "s.id")]
    public void Check_UrlShortenerHost_Blocked(string text, string shortener)
    {
        var result = ContentLint.Check(text);

        result.IsBlocked.Should().BeTrue();
        var finding = result.Blocked.Should().ContainSingle().Subject;
        finding.Rule.Should().Be("url-shortener");
        finding.Message.Should().Contain($"\"{shortener}\"")
            .And.Contain("carriers block public link shorteners")
            .And.Contain("own domain");
    }

    [Theory]
    [InlineData("bitly.com.example.org/x")]
    [InlineData("notbit.ly/x")]
    [InlineData("bit.ly.example.com/x")]
    [InlineData("https://bit.ly.example.com/x")]
    [InlineData("https://mypractice.com/bit.ly")]
    [InlineData("Lyrics at bit.lyrics.com")]
    [InlineData("Visit microsoft.com or at.company.org")]
    public void Check_ShortenerNameInsideAnotherHostOrPath_NotBlocked(string text)
    {
        ContentLint.Check(text).Blocked.Should().BeEmpty();
    }

    [Fact]
    public void Check_TwoDifferentShortenersOneRepeated_OneFindingPerShortener()
    {
        var result = ContentLint.Check("bit.ly/a and tinyurl.com/b and BIT.LY/c");

        result.Blocked.Select(f => f.Message).Should().SatisfyRespectively(
            first => first.Should().Contain("\"bit.ly\""),
            second => second.Should().Contain("\"tinyurl.com\""));
    }

    [Theory]
    [InlineData("We now certify MMJ patients", "MMJ")]
    [InlineData("Medical marijuana cards", "marijuana")]
    [InlineData("Cannabis-free clinic", "cannabis")]
    [InlineData("CANNABIS consults today", "cannabis")]
    [InlineData("Visit ReLeaf for your follow-up", "releaf")]
    [InlineData("Ask about cbd.", "CBD")]
    [InlineData("Try our CBD oil", "CBD")]
    public void Check_CannabisTermAsWord_Blocked(string text, string term)
    {
        var result = ContentLint.Check(text);

        var finding = result.Blocked.Should().ContainSingle().Subject;
        finding.Rule.Should().Be("cannabis");
        finding.Message.Should().Contain($"\"{term}\"")
            .And.Contain("carriers block cannabis-related content");
    }

    [Theory]
    [InlineData("The CBDC pilot starts Monday")]
    [InlineData("Pain relief is our priority")]
    [InlineData("Cannabinoid research update")]
    [InlineData("Ask about MMJX")]
    public void Check_CannabisTermInsideAnotherWord_NotBlocked(string text)
    {
        ContentLint.Check(text).Blocked.Should().BeEmpty();
    }

    [Fact]
    public void Check_SameCannabisTermTwice_OneFinding()
    {
        var result = ContentLint.Check("CBD balm and cbd drops");

        result.Blocked.Should().ContainSingle().Which.Rule.Should().Be("cannabis");
    }

    [Theory]
    [InlineData("PLEASE CALL US")] // 12 letters, all capitals
    [InlineData("PLEASE CALL US TODAY TO CONFIRM")]
    [InlineData("YOUR APPOINTMENT IS TOMORROW at 9")] // 25 of 27 letters
    [InlineData("ABCDEFGHIJKLMNO abcdef")] // 15 of 21 letters = 71%
    public void Check_MostlyCapitals_AllCapsWarning(string text)
    {
        var result = ContentLint.Check(text);

        result.Blocked.Should().BeEmpty();
        var finding = result.Warnings.Should().ContainSingle().Subject;
        finding.Rule.Should().Be("all-caps");
        finding.Message.Should().Contain("capital letters").And.Contain("filtered as spam");
    }

    [Theory]
    [InlineData("CALL US TODAY")] // 11 letters
    [InlineData("ABCDEFGHIJKLMN abcdef")] // 14 of 20 letters = exactly 70%
    [InlineData("Your appointment is TOMORROW at 9")]
    [InlineData("123 456 7890 !!!")]
    public void Check_ShortOrMixedCaseText_NoAllCapsWarning(string text)
    {
        ContentLint.Check(text).Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("20% off all prescriptions this week")]
    [InlineData("Get a coupon for your next refill")]
    [InlineData("Free pill organizer with every Rx")]
    [InlineData("Save $10 on your medication")]
    [InlineData("Discounted Viagra for members")]
    [InlineData("Best deals at our pharmacy")]
    [InlineData("$5 off Ozempic this month")]
    public void Check_PromotionWithPrescriptionTerm_RxPromotionWarning(string text)
    {
        var result = ContentLint.Check(text);

        result.Blocked.Should().BeEmpty();
        var finding = result.Warnings.Should().ContainSingle().Subject;
        finding.Rule.Should().Be("rx-promotion");
        finding.Message.Should().Contain("prescription medicines").And.Contain("filtered by carriers");
    }

    [Theory]
    [InlineData("20% off teeth whitening this week")]
    [InlineData("Free parking for all patients")]
    [InlineData("Your prescription is ready for pickup")]
    [InlineData("Feel free to call us about your prescription")]
    [InlineData("Call our toll-free line about your refill")]
    [InlineData("Ask about sugar-free options for your medication")]
    [InlineData("We will deal with your refill today")]
    [InlineData("Drugstore coupons are not accepted here")]
    public void Check_PromotionOrPrescriptionAlone_NoRxPromotionWarning(string text)
    {
        ContentLint.Check(text).Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Check_OrdinaryReminder_NoFindings()
    {
        var result = ContentLint.Check("Hi Ana, your cleaning is on Tue 3 May at 9:00. Reply STOP to opt out.");

        result.Blocked.Should().BeEmpty();
        result.Warnings.Should().BeEmpty();
        result.IsBlocked.Should().BeFalse();
        result.HasWarnings.Should().BeFalse();
    }

    [Fact]
    public void Check_EveryRuleHit_EachMessageIsOneSentence()
    {
        var result = ContentLint.Check("FREE CBD WITH EVERY REFILL AT BIT.LY/DEAL");

        result.Blocked.Select(f => f.Rule).Should().Equal("url-shortener", "cannabis");
        result.Warnings.Select(f => f.Rule).Should().Equal("all-caps", "rx-promotion");
        result.Blocked.Concat(result.Warnings).Should().AllSatisfy(f =>
        {
            f.Message.Should().EndWith(".");
            f.Message.TrimEnd('.').Should().NotContain(". ");
        });
    }

    [Fact]
    public void Check_NullText_Throws()
    {
        var act = () => ContentLint.Check(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
