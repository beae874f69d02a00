using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>
/// Encrypts the Data Protection key ring at rest (it is stored in the database next to the secrets it protects) with a
/// certificate that is not in the database: <c>DataProtection:Certificate:Path</c> (+ <c>Password</c>) or
/// <c>DataProtection:Certificate:Base64</c>. Development creates one under <c>App_Data/keys</c> on first start; any
/// other environment refuses to start without it.
/// </summary>
public static class KeyRingProtection
{
    public const string PathKey = "DataProtection:Certificate:Path";
    public const string PasswordKey = "DataProtection:Certificate:Password";
    public const string Base64Key = "DataProtection:Certificate:Base64";

    public const string MissingMessage =
        "The Data Protection key ring must be encrypted at rest: set DataProtection:Certificate:Path to a PFX file with its "
        + "private key (and DataProtection:Certificate:Password), or DataProtection:Certificate:Base64 to the PFX as base64 "
        + "(environment variables DataProtection__Certificate__Path, DataProtection__Certificate__Password, DataProtection__Certificate__Base64).";

    private const string DevelopmentFileName = "dataprotection-development.pfx";

    public static IServiceCollection AddPortalKeyRingProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var certificate = LoadConfigured(configuration)
            ?? (environment.IsDevelopment() ? LoadOrCreateDevelopment(Path.Combine(environment.ContentRootPath, "App_Data", "keys")) : null)
            ?? throw new InvalidOperationException(MissingMessage);
        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }

    private static X509Certificate2? LoadConfigured(IConfiguration configuration)
    {
        var password = configuration[PasswordKey];
        if (configuration[Base64Key] is { Length: > 0 } base64)
        {
            return Require(X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password), Base64Key);
        }

        return configuration[PathKey] is { Length: > 0 } path
            ? Require(X509CertificateLoader.LoadPkcs12FromFile(path, password), PathKey)
            : null;
    }

    private static X509Certificate2 Require(X509Certificate2 certificate, string setting) =>
        certificate.HasPrivateKey && certificate.GetRSAPrivateKey() is not null
            ? certificate
            : throw new InvalidOperationException($"{setting}: the certificate needs its RSA private key (a PFX) to decrypt the key ring.");

    /// <summary>The development certificate: created once (owner-only file), then reused; a concurrent start keeps the first.</summary>
    internal static X509Certificate2 LoadOrCreateDevelopment(string directory)
    {
        var path = Path.Combine(directory, DevelopmentFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=PartnerPortal Data Protection (Development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            var now = DateTimeOffset.UtcNow;
            using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, created.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }
}
