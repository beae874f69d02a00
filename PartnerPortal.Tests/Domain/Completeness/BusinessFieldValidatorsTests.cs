using FluentAssertions;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Tests.Domain.Completeness;

public class BusinessFieldValidatorsTests
{
    [Theory]
    [InlineData("https://example.com")]
    [InlineData("http://example.com")]
    [InlineData("HTTPS://Example.COM/About?x=1#team")]
    [InlineData("https://sub.example.co.uk:8443/path")]
    [InlineData("  https://example.com  ")]
    [InlineData("https://münchen.de")]
    public void IsHttpUrl_AbsoluteHttpUrlWithDottedHost_ReturnsTrue(string value)
    {
        BusinessFieldValidators.IsHttpUrl(value).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://x.com")]
    [InlineData("example.com")]
    [InlineData("www.example.com")]
    [InlineData("http://")]
    [InlineData("https://")]
    [InlineData("mailto:info@example.com")]
    [InlineData("http://localhost")]
    [InlineData("https://localhost:5001/")]
    [InlineData("http://intranet")]
    [InlineData("http://example.")]
    [InlineData("http://.example.com")]
    [InlineData("http:example.com")]
    [InlineData("http://exa mple.com")]
    [InlineData("https://example.com/a b")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/about")]
    public void IsHttpUrl_NearMiss_ReturnsFalse(string? value)
    {
        BusinessFieldValidators.IsHttpUrl(value).Should().BeFalse();
    }

    [Theory]
    [InlineData("dana@example.com")]
    [InlineData("dana.reyes+portal@mail.northwind-ehr.example.org")]
    [InlineData(" dana@example.com ")]
    public void IsEmail_PlainAddressWithDottedDomain_ReturnsTrue(string value)
    {
        BusinessFieldValidators.IsEmail(value).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dana")]
    [InlineData("dana@")]
    [InlineData("@example.com")]
    [InlineData("dana@localhost")]
    [InlineData("dana@example")]
    [InlineData("dana@example.")]
    [InlineData("dana@.example.com")]
    [InlineData("dana@example..com")]
    [InlineData("dana@@example.com")]
    [InlineData("dana @example.com")]
    [InlineData("mailto:dana@example.com")]
    [InlineData("Dana Reyes <dana@example.com>")]
    [InlineData("<dana@example.com>")]
    [InlineData("dana@example.com, lee@example.com")]
    public void IsEmail_NearMiss_ReturnsFalse(string? value)
    {
        BusinessFieldValidators.IsEmail(value).Should().BeFalse();
    }

    [Theory]
    [InlineData("(614) 555-0123", "US", "+16145550123")]
    [InlineData("614.555.0123", "US", "+16145550123")]
    [InlineData("1-614-555-0123", "US", "+16145550123")]
    [InlineData("  +1 614 555 0123 ", "US", "+16145550123")]
    [InlineData("+16145550123", "GB", "+16145550123")]
    [InlineData("(416) 555-0199", "CA", "+14165550199")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    [InlineData("(614) 555-0123", "us", "+16145550123")]
    public void TryNormalizePhone_ValidNumber_ReturnsE164(string value, string region, string expected)
    {
        var ok = BusinessFieldValidators.TryNormalizePhone(value, region, out var e164);

        ok.Should().BeTrue();
        e164.Should().Be(expected);
    }

    [Theory]
    [InlineData(null, "US")]
    [InlineData("", "US")]
    [InlineData("   ", "US")]
    [InlineData("123", "US")]
    [InlineData("555-0123", "US")]
    [InlineData("(000) 000-0000", "US")]
    [InlineData("(614) 555-01234", "US")]
    [InlineData("call me", "US")]
    [InlineData("614 555 0123", "")]
    public void TryNormalizePhone_InvalidNumber_ReturnsFalseAndEmpty(string? value, string region)
    {
        var ok = BusinessFieldValidators.TryNormalizePhone(value, region, out var e164);

        ok.Should().BeFalse();
        e164.Should().BeEmpty();
    }

    [Theory]
    [InlineData("+16145550123")]
    [InlineData("+14165550199")]
    [InlineData("+442079460958")]
    public void IsE164_CanonicalValidNumber_ReturnsTrue(string value)
    {
        BusinessFieldValidators.IsE164(value).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("16145550123")]
    [InlineData("+1 614 555 0123")]
    [InlineData("+1-614-555-0123")]
    [InlineData("(614) 555-0123")]
    [InlineData(" +16145550123")]
    [InlineData("+1614555012")]
    [InlineData("+10005550123")]
    [InlineData("+0123456789")]
    [InlineData("+1234567890123456")]
    public void IsE164_NotCanonicalOrInvalid_ReturnsFalse(string? value)
    {
        BusinessFieldValidators.IsE164(value).Should().BeFalse();
    }

    [Theory]
    [InlineData("US")]
    [InlineData("CA")]
    [InlineData("GB")]
    [InlineData("DE")]
    [InlineData("AX")]
    [InlineData("SS")]
    [InlineData("BQ")]
    [InlineData("ZW")]
    public void IsCountryCode_AssignedUppercaseCode_ReturnsTrue(string value)
    {
        BusinessFieldValidators.IsCountryCode(value).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("us")]
    [InlineData(" US")]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("XK")]
    [InlineData("AN")]
    [InlineData("U")]
    public void IsCountryCode_NotAnAssignedUppercaseCode_ReturnsFalse(string? value)
    {
        BusinessFieldValidators.IsCountryCode(value).Should().BeFalse();
    }

    [Fact]
    public void IsCountryCode_AllTwoLetterCombinations_Accepts249AssignedCodes()
    {
        var letters = Enumerable.Range('A', 26).Select(c => (char)c).ToArray();
        var codes = letters.SelectMany(a => letters.Select(b => $"{a}{b}"));

        codes.Count(BusinessFieldValidators.IsCountryCode).Should().Be(249);
    }

    [Theory]
    [InlineData(" us ", "US")]
    [InlineData("ca", "CA")]
    [InlineData("usa", "USA")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void NormalizeCountry_Value_TrimsAndUppercases(string? value, string? expected)
    {
        BusinessFieldValidators.NormalizeCountry(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("OH")]
    [InlineData("CA")]
    [InlineData("NY")]
    [InlineData("WY")]
    [InlineData("DC")]
    [InlineData("PR")]
    [InlineData("GU")]
    [InlineData("VI")]
    [InlineData("AS")]
    [InlineData("MP")]
    [InlineData("AA")]
    [InlineData("AE")]
    [InlineData("AP")]
    [InlineData("oh")]
    [InlineData(" TX ")]
    public void IsState_UsStateOrTerritoryOrMilitaryCode_ReturnsTrue(string state)
    {
        BusinessFieldValidators.IsState("US", state).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZZ")]
    [InlineData("Ohio")]
    [InlineData("O")]
    [InlineData("ON")]
    [InlineData("UM")]
    public void IsState_NotAUsCode_ReturnsFalse(string? state)
    {
        BusinessFieldValidators.IsState("US", state).Should().BeFalse();
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("BC")]
    [InlineData("MB")]
    [InlineData("NB")]
    [InlineData("NL")]
    [InlineData("NS")]
    [InlineData("NT")]
    [InlineData("NU")]
    [InlineData("ON")]
    [InlineData("PE")]
    [InlineData("QC")]
    [InlineData("SK")]
    [InlineData("YT")]
    [InlineData("qc")]
    public void IsState_CanadianProvinceOrTerritory_ReturnsTrue(string state)
    {
        BusinessFieldValidators.IsState("CA", state).Should().BeTrue();
    }

    [Theory]
    [InlineData("OH")]
    [InlineData("PQ")]
    [InlineData("NF")]
    [InlineData("Ontario")]
    [InlineData(" ")]
    public void IsState_NotACanadianCode_ReturnsFalse(string state)
    {
        BusinessFieldValidators.IsState("CA", state).Should().BeFalse();
    }

    [Theory]
    [InlineData("GB", "Greater London", true)]
    [InlineData("DE", "BE", true)]
    [InlineData(null, "Anything", true)]
    [InlineData("USA", "Ohio", true)]
    [InlineData("us", "OH", true)]
    [InlineData("us", "Ohio", false)]
    [InlineData("GB", "  ", false)]
    [InlineData(null, null, false)]
    public void IsState_OtherOrUnknownCountry_RequiresOnlyAValue(string? country, string? state, bool expected)
    {
        BusinessFieldValidators.IsState(country, state).Should().Be(expected);
    }

    [Theory]
    [InlineData("43215")]
    [InlineData("43215-1234")]
    [InlineData("432151234")]
    [InlineData(" 00501 ")]
    public void IsPostalCode_UsZipOrZipPlus4_ReturnsTrue(string postal)
    {
        BusinessFieldValidators.IsPostalCode("US", postal).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4321")]
    [InlineData("432155")]
    [InlineData("43215-123")]
    [InlineData("43215-")]
    [InlineData("43215 1234")]
    [InlineData("4321A")]
    [InlineData("K1A 0B1")]
    [InlineData("４３２１５")]
    public void IsPostalCode_NotAUsZip_ReturnsFalse(string? postal)
    {
        BusinessFieldValidators.IsPostalCode("US", postal).Should().BeFalse();
    }

    [Theory]
    [InlineData("K1A 0B1")]
    [InlineData("K1A0B1")]
    [InlineData("k1a 0b1")]
    [InlineData("h3z2y7")]
    [InlineData("M5V 3L9")]
    [InlineData("X0A 0H0")]
    [InlineData("T2P 5W4")]
    public void IsPostalCode_CanadianPostalCode_ReturnsTrue(string postal)
    {
        BusinessFieldValidators.IsPostalCode("CA", postal).Should().BeTrue();
    }

    [Theory]
    [InlineData("D1A 0B1")]
    [InlineData("W1A 0B1")]
    [InlineData("Z1A 0B1")]
    [InlineData("K1O 0B1")]
    [InlineData("K1A 0Q1")]
    [InlineData("KIA 0B1")]
    [InlineData("K1A-0B1")]
    [InlineData("K1A  0B1")]
    [InlineData("K1A 0B")]
    [InlineData("43215")]
    [InlineData("")]
    public void IsPostalCode_NotACanadianPostalCode_ReturnsFalse(string postal)
    {
        BusinessFieldValidators.IsPostalCode("CA", postal).Should().BeFalse();
    }

    [Theory]
    [InlineData("GB", "SW1A 1AA", true)]
    [InlineData("DE", "10117", true)]
    [InlineData(null, "ABC", true)]
    [InlineData("ca", "k1a 0b1", true)]
    [InlineData("ca", "43215", false)]
    [InlineData("GB", " ", false)]
    [InlineData("FR", null, false)]
    public void IsPostalCode_OtherOrUnknownCountry_RequiresOnlyAValue(string? country, string? postal, bool expected)
    {
        BusinessFieldValidators.IsPostalCode(country, postal).Should().Be(expected);
    }
}
