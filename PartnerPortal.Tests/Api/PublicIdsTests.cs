using Microsoft.Extensions.Configuration;
using PartnerPortal.Api;

namespace PartnerPortal.Tests.Api;

public sealed class PublicIdsTests
{
    private static PublicIds Ids(string? key = "test key") =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicIds.KeySetting] = key }).Build());

    [Fact]
    public void Encode_SameRow_SameOpaqueString_DecodesBack()
    {
        var ids = Ids();

        var id = ids.Encode(PublicIdKind.Message, 7, 912);

        id.Should().Be(ids.Encode(PublicIdKind.Message, 7, 912)).And.HaveLength(22).And.NotContain("912");
        Ids().Decode(PublicIdKind.Message, 7, id).Should().Be(912);
    }

    [Fact]
    public void Decode_AnotherAccountKindOrKey_Null()
    {
        var id = Ids().Encode(PublicIdKind.Message, 7, 912);

        Ids().Decode(PublicIdKind.Message, 8, id).Should().BeNull();
        Ids().Decode(PublicIdKind.Patient, 7, id).Should().BeNull();
        Ids("another key").Decode(PublicIdKind.Message, 7, id).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("912")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not base64url at all!!")]
    public void Decode_MadeUpValue_Null(string? value) => Ids().Decode(PublicIdKind.Message, 7, value).Should().BeNull();

    [Fact]
    public void Encode_NeighbouringRows_ShareNoVisiblePattern()
    {
        var ids = Ids();

        var first = ids.Encode(PublicIdKind.Message, 7, 1000);
        var next = ids.Encode(PublicIdKind.Message, 7, 1001);

        first[..8].Should().NotBe(next[..8]);
    }
}
