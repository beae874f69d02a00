using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Delivery;

/// <summary>
/// An account's SMS Settings (DESIGN §5), for the partner's administrators: provider URL (https), optional Basic authentication,
/// sender name, Test connection (a real request; result and time are kept) and the callback secret the provider signs with.
/// The password is stored with Data Protection and never leaves the service: not shown again, not in audit entries.
/// </summary>
public sealed class ProviderSettingsService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    ProviderSecrets secrets,
    IProviderConnectionTester connectionTester,
    IOptions<DeliveryOptions> options,
    TimeProvider time)
{
    public static Error AdminsOnly => PortalPolicies.Refusal;

    /// <summary>What a reader (SupportAgent) sees instead of the callback secret.</summary>
    public const string MaskedSecret = "••••••••";

    private bool SimulatedEnabled => options.Value.SimulatedProvider.Enabled == true;

    public async Task<Result<ProviderSettingsDetails>> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.ReadPartnerSettings))
        {
            return PortalPolicies.Refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!actor.Can(PortalPolicies.AdministerPartner))
        {
            // Readers (SupportAgent) see the settings as they are, secrets masked, and nothing is created for them.
            var readable = await db.Accounts.AsNoTracking().VisibleTo(actor)
                .Where(a => a.Id == accountId)
                .Select(a => new AccountRef(a.Id, a.PartnerId, a.BusinessName))
                .FirstOrDefaultAsync(cancellationToken);
            if (readable is null || !actor.CanReadPartner(readable.PartnerId))
            {
                return Error.NotFound("The account");
            }

            var stored = await db.ProviderSettings.AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken)
                ?? new ProviderSettings { AccountId = accountId, ProtectedCallbackSecret = "" };
            return Result<ProviderSettingsDetails>.Ok(ToDetails(stored, readable.BusinessName, masked: true));
        }

        var account = await AdministeredAccountAsync(db, actor, accountId, cancellationToken);
        if (!account.Succeeded)
        {
            return Result<ProviderSettingsDetails>.Fail(account.Errors);
        }

        var settings = await secrets.EnsureAsync(db, accountId, Now, cancellationToken);
        return Result<ProviderSettingsDetails>.Ok(ToDetails(settings, account.Value!.BusinessName));
    }

    /// <summary>The provider in use and the last test, for the account page (the partner's users).</summary>
    public async Task<Result<ProviderSettingsSummary>> GetSummaryAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor)
            .Where(a => a.Id == accountId)
            .Select(a => new { a.Id, a.PartnerId })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null || !actor.CanReadPartner(account.PartnerId))
        {
            return Error.NotFound("The account");
        }

        var settings = await db.ProviderSettings.AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        return Result<ProviderSettingsSummary>.Ok(new ProviderSettingsSummary(
            accountId, settings?.ProviderUrl, settings?.SenderName, ProviderMessage.TypeFor(settings?.SenderName), SimulatedEnabled,
            settings?.LastTestAt, settings?.LastTestSucceeded, settings?.LastTestResult, settings?.RefusedCallbacks ?? 0));
    }

    /// <summary>
    /// DESIGN §4 step 7 for the account page, whoever may read the account: true when it has no provider URL while the
    /// simulated provider is off (its sends are refused with 4060).
    /// </summary>
    public async Task<bool> HasNoProviderAsync(int accountId, CancellationToken cancellationToken)
    {
        if (SimulatedEnabled)
        {
            return false;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken)
            && !await db.ProviderSettings.AsNoTracking()
                .AnyAsync(s => s.AccountId == accountId && s.ProviderUrl != null && s.ProviderUrl != "", cancellationToken);
    }

    public async Task<Result<ProviderSettingsDetails>> SaveAsync(int accountId, ProviderSettingsInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await AdministeredAccountAsync(db, actor, accountId, cancellationToken);
        if (!account.Succeeded)
        {
            return Result<ProviderSettingsDetails>.Fail(account.Errors);
        }

        var settings = await secrets.EnsureAsync(db, accountId, Now, cancellationToken);
        var errors = ProviderSettingsRules.Validate(input, settings.ProtectedPassword is not null, settings.ProviderUrl);
        if (errors.Count > 0)
        {
            return Result<ProviderSettingsDetails>.Fail(errors);
        }

        var before = Snapshot(settings);
        var passwordChanged = Apply(settings, input);
        settings.UpdatedAt = Now;
        settings.UpdatedBy = actor.DisplayName;
        var changes = AuditLog.Diff(before, Snapshot(settings)).ToList();
        if (passwordChanged)
        {
            // The password itself is never audited.
            changes.Add(new FieldChange("Password", null, settings.ProtectedPassword is null ? "removed" : "changed"));
        }

        auditLog.Add(db, actor, new AuditRecord(
            "sms_settings.saved", nameof(ProviderSettings), settings.Id.ToString(CultureInfo.InvariantCulture),
            $"SMS Settings of {account.Value!.BusinessName} saved ({(settings.ProviderUrl is null ? "built-in provider" : settings.ProviderUrl)})",
            account.Value.PartnerId, accountId, changes));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<ProviderSettingsDetails>.Ok(ToDetails(settings, account.Value.BusinessName));
    }

    /// <summary>
    /// Test connection: a real request to the entered URL with the entered credentials (a blank password uses
    /// the stored one, only when the URL's origin is the saved one). The result and time are kept on the settings and shown.
    /// </summary>
    public async Task<Result<ConnectionTestResult>> TestConnectionAsync(int accountId, ProviderSettingsInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        ArgumentNullException.ThrowIfNull(input);
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await AdministeredAccountAsync(db, actor, accountId, cancellationToken);
        if (!account.Succeeded)
        {
            return Result<ConnectionTestResult>.Fail(account.Errors);
        }

        var settings = await secrets.EnsureAsync(db, accountId, Now, cancellationToken);
        var errors = ProviderSettingsRules.Validate(input, settings.ProtectedPassword is not null, settings.ProviderUrl).ToList();
        if (string.IsNullOrWhiteSpace(input.ProviderUrl) && errors.All(e => e.Field != "url"))
        {
            errors.Insert(0, Error.ForField("url", "Enter the provider URL to test."));
        }

        if (errors.Count > 0)
        {
            return Result<ConnectionTestResult>.Fail(errors);
        }

        var password = input.UseAuthentication
            ? string.IsNullOrEmpty(input.Password) ? secrets.UnprotectPassword(settings.ProtectedPassword) : input.Password
            : null;
        var connection = new ProviderConnection(ProviderSettingsRules.ParseUrl(input.ProviderUrl)!,
            input.UseAuthentication ? input.Login!.Trim() : null, password);
        var result = await connectionTester.TestAsync(connection, Now, cancellationToken);

        settings.LastTestAt = result.TestedAt;
        settings.LastTestSucceeded = result.Succeeded;
        settings.LastTestResult = result.Message.Length <= 500 ? result.Message : result.Message[..500];
        auditLog.Add(db, actor, new AuditRecord(
            "sms_settings.tested", nameof(ProviderSettings), settings.Id.ToString(CultureInfo.InvariantCulture),
            $"SMS Settings of {account.Value!.BusinessName}: connection test {(result.Succeeded ? "succeeded" : "failed")} ({connection.Url.GetLeftPart(UriPartial.Path)})",
            account.Value.PartnerId, accountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<ConnectionTestResult>.Ok(result);
    }

    /// <summary>Replaces the callback secret (the provider must be given the new one); audited without the secret.</summary>
    public async Task<Result<ProviderSettingsDetails>> RotateCallbackSecretAsync(int accountId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await AdministeredAccountAsync(db, actor, accountId, cancellationToken);
        if (!account.Succeeded)
        {
            return Result<ProviderSettingsDetails>.Fail(account.Errors);
        }

        var settings = await secrets.EnsureAsync(db, accountId, Now, cancellationToken);
        settings.ProtectedCallbackSecret = secrets.ProtectCallbackSecret(CallbackSignature.NewSecret());
        settings.UpdatedAt = Now;
        settings.UpdatedBy = actor.DisplayName;
        auditLog.Add(db, actor, new AuditRecord(
            "sms_settings.callback_secret_rotated", nameof(ProviderSettings), settings.Id.ToString(CultureInfo.InvariantCulture),
            $"SMS Settings of {account.Value!.BusinessName}: callback secret replaced", account.Value.PartnerId, accountId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<ProviderSettingsDetails>.Ok(ToDetails(settings, account.Value.BusinessName));
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static async Task<Result<AccountRef>> AdministeredAccountAsync(ApplicationDbContext db, Actor actor, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().VisibleTo(actor)
            .Where(a => a.Id == accountId)
            .Select(a => new AccountRef(a.Id, a.PartnerId, a.BusinessName))
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return Error.NotFound("The account");
        }

        return actor.CanAdministerPartner(account.PartnerId) ? Result<AccountRef>.Ok(account) : AdminsOnly;
    }

    /// <summary>Applies the validated input; returns true when the stored password changed.</summary>
    private bool Apply(ProviderSettings settings, ProviderSettingsInput input)
    {
        var url = input.ProviderUrl?.Trim();
        settings.ProviderUrl = string.IsNullOrEmpty(url) ? null : ProviderSettingsRules.ParseUrl(url)!.AbsoluteUri;
        settings.SenderName = string.IsNullOrWhiteSpace(input.SenderName) ? null : input.SenderName.Trim();
        var hadPassword = settings.ProtectedPassword is not null;
        if (!input.UseAuthentication)
        {
            settings.UseAuthentication = false;
            settings.Login = null;
            settings.ProtectedPassword = null;
            return hadPassword;
        }

        settings.UseAuthentication = true;
        settings.Login = input.Login!.Trim();
        if (!string.IsNullOrEmpty(input.Password))
        {
            settings.ProtectedPassword = secrets.ProtectPassword(input.Password);
            return true;
        }

        return false;
    }

    private static Dictionary<string, string?> Snapshot(ProviderSettings settings) => new()
    {
        ["Provider URL"] = settings.ProviderUrl,
        ["Authentication"] = settings.UseAuthentication ? "On" : "Off",
        ["Login"] = settings.Login,
        ["Sender Name"] = settings.SenderName,
    };

    private ProviderSettingsDetails ToDetails(ProviderSettings settings, string accountName, bool masked = false) => new(
        settings.AccountId,
        accountName,
        settings.ProviderUrl,
        settings.UseAuthentication,
        settings.Login,
        settings.ProtectedPassword is not null,
        settings.SenderName,
        ProviderMessage.TypeFor(settings.SenderName),
        settings.AccountId.ToString(CultureInfo.InvariantCulture),
        masked ? MaskedSecret : secrets.UnprotectCallbackSecret(settings.ProtectedCallbackSecret) ?? "",
        settings.LastTestAt,
        settings.LastTestSucceeded,
        settings.LastTestResult,
        settings.RefusedCallbacks,
        settings.LastRefusedCallbackAt,
        settings.LastRefusedCallbackReason,
        SimulatedEnabled,
        settings.UpdatedBy is null ? null : settings.UpdatedAt,
        settings.UpdatedBy) { CanChange = !masked };

    private sealed record AccountRef(int Id, int PartnerId, string BusinessName);
}
