using NetArchTest.Rules;

namespace PartnerPortal.Tests;

public class ArchitectureTests
{
    [Theory]
    [InlineData("MudBlazor")]
    [InlineData("Microsoft.AspNetCore.Components")]
    [InlineData("PartnerPortal.Features")]
    [InlineData("PartnerPortal.Api")]
    [InlineData("PartnerPortal.Components")]
    [InlineData("PartnerPortal.Infrastructure")]
    [InlineData("Microsoft.AspNetCore.Http")]
    [InlineData("Microsoft.AspNetCore.Mvc")]
    [InlineData("Microsoft.AspNetCore.Routing")]
    [InlineData("Microsoft.AspNetCore.Builder")]
    public void Domain_DoesNotDependOn(string forbidden)
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceStartingWith("PartnerPortal.Domain")
            .ShouldNot().HaveDependencyOn(forbidden)
            .GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"Domain must not use {forbidden}, but these do: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Domain_ContainsTypes()
    {
        Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespaceStartingWith("PartnerPortal.Domain")
            .GetTypes().Should().NotBeEmpty("the rule above would pass vacuously otherwise");
    }
}
