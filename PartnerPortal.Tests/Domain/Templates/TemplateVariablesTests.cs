using PartnerPortal.Domain.Templates;

namespace PartnerPortal.Tests.Domain.Templates;

public class TemplateVariablesTests
{
    [Fact]
    public void Resolve_KnownVariablesAnyCaseAndSpacing_Replaced()
    {
        var text = TemplateVariables.Resolve("Hi {{firstName}} {{ LASTNAME }}, {{fullName}} from {{practiceName}} {{unknown}}",
            new TemplateValues("Jordan", "Ellis", "Riverside"));

        text.Should().Be("Hi Jordan Ellis, Jordan Ellis from Riverside {{unknown}}");
    }

    [Fact]
    public void HasKnownVariables_UnresolvedText_True() =>
        TemplateVariables.HasKnownVariables("Hi {{firstName}}").Should().BeTrue();
}
