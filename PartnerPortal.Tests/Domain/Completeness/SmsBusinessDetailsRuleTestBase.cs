using FluentAssertions;
using PartnerPortal.Domain.Completeness;
using static PartnerPortal.Tests.Domain.Completeness.CompletenessTestData;

namespace PartnerPortal.Tests.Domain.Completeness;

public abstract class SmsBusinessDetailsRuleTestBase
{
    protected static readonly string?[] _blankValues = [null, "", "   ", "\t\n"];
}
