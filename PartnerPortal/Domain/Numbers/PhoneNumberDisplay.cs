using PhoneNumbers;

namespace PartnerPortal.Domain.Numbers;

/// <summary>How numbers are shown to people: national format for North American numbers, international otherwise.</summary>
public static class PhoneNumberDisplay
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>"+16145550123" → "(614) 555-0123"; "+442071838750" → "+44 20 7183 8750"; null → null; unparsable → as given.</summary>
    public static string? Format(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            var number = Util.Parse(e164, null);
            var format = number.CountryCode == 1 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL;
            return Util.Format(number, format);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>
    /// Seed 000's Send From form: a US number in national format ("+14065550120" → "(406) 555-0120"), any other number in
    /// E.164 as stored; null → null.
    /// </summary>
    public static string? NationalOrE164(string? e164)
    {
        if (string.IsNullOrWhiteSpace(e164))
        {
            return null;
        }

        try
        {
            var number = Util.Parse(e164, null);
            // A North American number that no other NANP region claims is shown as a US one (test numbers like 555-01xx included).
            var region = Util.GetRegionCodeForNumber(number);
            return number.CountryCode == 1 && region is null or "US" or "ZZ"
                ? Util.Format(number, PhoneNumberFormat.NATIONAL)
                : Util.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
