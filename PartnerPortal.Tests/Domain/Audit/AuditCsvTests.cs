using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Tests.Domain.Audit;

public sealed class AuditCsvTests
{
    [Fact]
    public void FormatChanges_ShowsBeforeAndAfterWithEmptyValuesNamed() =>
        AuditCsv.FormatChanges([new FieldChange("City", "Columbus", "Dayton"), new FieldChange("Zip", null, "43215")])
            .Should().Be("City: Columbus → Dayton; Zip: (empty) → 43215");
}
