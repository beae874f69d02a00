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
}
