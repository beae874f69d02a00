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
}
