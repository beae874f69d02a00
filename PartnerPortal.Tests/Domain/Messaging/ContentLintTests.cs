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
    [InlineData("Your prescription is ready for pickup")]
    [InlineData("Feel free to call us about your prescription")]
    [InlineData("Call our toll-free line about your refill")]
    [InlineData("Ask about sugar-free options for your medication")]
    [InlineData("We will deal with your refill today")]
    public void Check_PrescriptionWithoutOffer_NoWarning(string text)
    {
        ContentLint.Check(text).Warnings.Should().BeEmpty();
    }

    // DESIGN §4: any promotional wording is a warning, not only offers on prescription medicines.
    [Theory]
    [InlineData("20% off teeth whitening this week!", "20% off")]
    [InlineData("Use coupon SMILE10 at checkout.", "coupon")]
    [InlineData("Get a free consultation when you book today.", "free")]
    [InlineData("Limited time: Botox $9 per unit.", "Limited time")]
    [InlineData("Special offer for new patients: first exam $49.", "Special offer")]
    [InlineData("Our summer sale starts Monday.", "sale")]
    [InlineData("Great deals on eyeglass frames this month.", "Great deals")]
    [InlineData("Discount on all contact lenses through Friday.", "Discount")]
    [InlineData("Save $50 on Invisalign when you sign up in May.", "Save $50")]
    [InlineData("Buy one, get one half price on sunglasses.", "Buy one, get one")]
    [InlineData("BOGO on vitamins this weekend.", "BOGO")]
    [InlineData("Use promo code SPRING at the front desk.", "promo code")]
    [InlineData("Hearing aids on sale now, call to learn more.", "on sale")]
    [InlineData("Exclusive offer for our patients this spring.", "Exclusive offer")]
    [InlineData("Act now: only 10 spots left for laser treatments.", "Act now")]
    [InlineData("Save 30% on skincare products.", "Save 30%")]
    [InlineData("Get $25 off your next facial.", "$25 off")]
    [InlineData("Clearance on all frames this week.", "Clearance")]
    [InlineData("Refer a friend and receive a $20 gift card.", "gift card")]
    [InlineData("Enter our giveaway for an electric toothbrush.", "giveaway")]
    [InlineData("Lowest prices on hearing aids in town.", "Lowest prices")]
    [InlineData("Whitening kits are 15 percent off today only.", "15 percent off")]
    [InlineData("Half-price eye exams for students in June.", "Half-price")]
    public void Check_PromotionalWording_PromotionalOfferWarningNamingTheWords(string text, string words)
    {
        var result = ContentLint.Check(text);

        result.Blocked.Should().BeEmpty();
        var finding = result.Warnings.Should().ContainSingle().Subject;
        finding.Rule.Should().Be("promotional-offer");
        finding.Text.Should().Be(words);
        finding.Message.Should().Contain("promotional offer").And.Contain("may not be delivered");
    }

    // Ordinary appointment, result and office texts are not promotions.
    [Theory]
    [InlineData("Your appointment is tomorrow at 9:00 AM with Dr. Lee.")]
    [InlineData("Your lab results are ready. Please log in to the patient portal to view them.")]
    [InlineData("Reminder: your cleaning is on Tue 3 May at 9:00. Reply C to confirm.")]
    [InlineData("Feel free to call us with any questions about your results.")]
    [InlineData("Call our toll-free line at 1-800-555-0100 to reschedule.")]
    [InlineData("Please arrive 15 minutes early and bring your insurance card.")]
    [InlineData("Your prescription is ready for pickup at the front desk.")]
    [InlineData("Your refill request was approved by Dr. Patel.")]
    [InlineData("Please fast for 12 hours before your blood test; water is fine.")]
    [InlineData("Your test results are normal. No follow-up is needed.")]
    [InlineData("Dr. Kim is running 20 minutes late today. We apologize for the delay.")]
    [InlineData("We will deal with your insurance claim this week.")]
    [InlineData("Your biopsy results are in; please call the office to discuss them.")]
    [InlineData("Ask about sugar-free options for your child's medicine.")]
    [InlineData("Your appointment on 6/12 has been cancelled. Call 614-555-0123 to rebook.")]
    [InlineData("Are you free on Thursday at 2pm for a follow-up visit?")]
    [InlineData("Your flu shot is due. Book online or call us.")]
    [InlineData("Your balance of $40 is due at your next visit.")]
    [InlineData("Please complete your intake form before your visit: https://riverside.example/forms")]
    [InlineData("Your MRI is scheduled for May 3 at 7:30 AM. Remove all metal before the scan.")]
    [InlineData("Your blood pressure reading was within the normal range (120/80).")]
    [InlineData("The office is closed Monday; the after-hours line is open 24/7.")]
    [InlineData("Please bring a list of your current medications to your appointment.")]
    [InlineData("Your X-ray results show a great deal of improvement since March.")]
    [InlineData("If you are free tomorrow morning, we can see you at 8:30.")]
    public void Check_OrdinaryAppointmentOrResultText_NoWarning(string text)
    {
        var result = ContentLint.Check(text);

        result.Warnings.Should().BeEmpty();
        result.Blocked.Should().BeEmpty();
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
