using FluentAssertions;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Tests.Domain.Completeness;

public class BusinessFieldValidatorsAddressTests
{
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
