using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// Protects SMS Settings secrets with ASP.NET Core Data Protection (keys persisted in the database): the
/// provider password and the callback secret. Also creates an account's settings row, with its callback
/// secret, the first time one is needed.
/// </summary>
public sealed class ProviderSecrets(IDataProtectionProvider dataProtection)
{
    public const string PasswordPurpose = "PartnerPortal.Delivery.ProviderPassword.v1";
    public const string CallbackSecretPurpose = "PartnerPortal.Delivery.CallbackSecret.v1";

    public string ProtectPassword(string password) => dataProtection.CreateProtector(PasswordPurpose).Protect(password);

    /// <summary>The password, or null when it cannot be read (keys lost).</summary>
    public string? UnprotectPassword(string? protectedPassword) => Unprotect(PasswordPurpose, protectedPassword);

    public string ProtectCallbackSecret(string secret) => dataProtection.CreateProtector(CallbackSecretPurpose).Protect(secret);

    public string? UnprotectCallbackSecret(string? protectedSecret) => Unprotect(CallbackSecretPurpose, protectedSecret);

    /// <summary>The account's settings row (tracked), created with a new callback secret when there is none yet.</summary>
    public async Task<ProviderSettings> EnsureAsync(ApplicationDbContext db, int accountId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = await db.ProviderSettings.FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        if (settings is not null)
        {
            return settings;
        }

        settings = new ProviderSettings
        {
            AccountId = accountId,
            ProtectedCallbackSecret = ProtectCallbackSecret(CallbackSignature.NewSecret()),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ProviderSettings.Add(settings);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return settings;
        }
        catch (DbUpdateException)
        {
            // Another request created it at the same time: use that one.
            db.Entry(settings).State = EntityState.Detached;
            return await db.ProviderSettings.FirstAsync(s => s.AccountId == accountId, cancellationToken);
        }
    }

    private string? Unprotect(string purpose, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return dataProtection.CreateProtector(purpose).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
