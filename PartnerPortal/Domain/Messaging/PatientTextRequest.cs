using System.Globalization;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Domain.Messaging;

/// <summary>
/// An SMS Text to a patient named by the integrator's <see cref="ProviderId"/> (created from the names and mobile when
/// unknown), with inline <see cref="Content"/> or a practice template. <see cref="TemplateId"/> is 0 for an id that
/// names no template of the account (answered 4040 in its turn). The field names of its refusals are the
/// Integration API's, whose request this is.
/// </summary>
public sealed record PatientTextRequest(
    string? ProviderId,
    string? Content,
    int? TemplateId,
    string? Provider,
    string? FirstName,
    string? LastName,
    string? MobileNumber,
    string? Email,
    string? DateOfBirth,
    string? IdempotencyKey,
    DateTime? SendAt = null)
{
    internal List<Error> Validate(out DateOnly? dateOfBirth)
    {
        var errors = new List<Error>();
        dateOfBirth = null;
        if (string.IsNullOrWhiteSpace(ProviderId))
        {
            errors.Add(Error.ForField("providerId", "providerId is required."));
        }

        if (!string.IsNullOrEmpty(Content) == (TemplateId is not null))
        {
            errors.Add(Error.ForField("content", "Give exactly one of content or practiceTemplateId."));
        }

        if (!string.IsNullOrWhiteSpace(MobileNumber) && !BusinessFieldValidators.IsE164(MobileNumber.Trim()))
        {
            errors.Add(Error.ForField("mobileNumber", "mobileNumber must be a valid mobile number in E.164 form, e.g. +16145550123."));
        }

        if (!string.IsNullOrWhiteSpace(Email) && !BusinessFieldValidators.IsEmail(Email))
        {
            errors.Add(Error.ForField("email", "email is not a valid email address."));
        }

        if (!string.IsNullOrWhiteSpace(DateOfBirth))
        {
            if (DateOnly.TryParseExact(DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob)
                && dob.Year >= 1900)
            {
                dateOfBirth = dob;
            }
            else
            {
                errors.Add(Error.ForField("dateOfBirth", "dateOfBirth must be a date in the form yyyy-MM-dd."));
            }
        }

        AddIfLonger(errors, "firstName", FirstName?.Trim());
        AddIfLonger(errors, "lastName", LastName?.Trim());
        AddIfLonger(errors, "providerId", ProviderId?.Trim());
        AddIfLonger(errors, "provider", Provider);
        return errors;
    }

    /// <summary>Seed 003: a new patient needs a name and a mobile; a date of birth only for Secure Text.</summary>
    internal List<Error> NewPatientRefusals()
    {
        var missing = new List<Error>();
        if (string.IsNullOrWhiteSpace(FirstName)) missing.Add(Error.ForField("firstName", "firstName is required to create a new patient."));
        if (string.IsNullOrWhiteSpace(LastName)) missing.Add(Error.ForField("lastName", "lastName is required to create a new patient."));
        if (string.IsNullOrWhiteSpace(MobileNumber)) missing.Add(Error.ForField("mobileNumber", "mobileNumber is required to create a new patient."));
        return missing;
    }

    private static void AddIfLonger(List<Error> errors, string field, string? value)
    {
        if (value is { Length: > 100 })
        {
            errors.Add(Error.ForField(field, $"{field} must be at most 100 characters."));
        }
    }
}
