using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PartnerPortal.Infrastructure.Hosting;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>
/// What the host gives the layer registrations (<c>AddPortalDomain</c>, <c>AddPortalInfrastructure</c>, ...) in tests that
/// build their own container: the configuration (options bind from it) and the environment. The configuration carries a
/// key-ring certificate, created once per test run, so the registrations never write one to disk.
/// </summary>
public static class TestHost
{
    private static readonly Lazy<string> Certificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartnerPortal tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(created.Export(X509ContentType.Pfx));
    });

    public static IWebHostEnvironment Environment { get; } = new TestEnvironment();

    public static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(KeyRingProtection.Base64Key, Certificate.Value), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();

    private sealed class TestEnvironment : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "PartnerPortal";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
    }
}
