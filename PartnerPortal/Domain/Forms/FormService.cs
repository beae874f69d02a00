using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Forms;

public sealed record FormSummary(int Id, string Name, string Url, DateTime UpdatedAt);

public sealed record FormInput(string? Name, string? Url);

/// <summary>
/// The partner's "Form Keys": forms (name + https link) the Send dialog offers. Partner users read them;
/// the PartnerAdmin adds, edits and removes them.
/// </summary>
public sealed class FormService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 500;

    /// <summary>The forms of the actor's partner.</summary>
    public async Task<Result<IReadOnlyList<FormSummary>>> ListAsync(CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !actor.CanReadPartner(partnerId))
        {
            return Error.NotFound("The partner");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var forms = await db.Forms.AsNoTracking()
            .Where(f => f.PartnerId == partnerId)
            .OrderBy(f => f.Name).ThenBy(f => f.Id)
            .Select(f => new FormSummary(f.Id, f.Name, f.Url, f.UpdatedAt))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<FormSummary>>.Ok(forms);
    }

    public async Task<Result<FormSummary>> AddAsync(FormInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !actor.CanAdministerPartner(partnerId))
        {
            return new Error("Only a partner administrator can change Form Keys.", ResultCodes.NotFound);
        }

        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<FormSummary>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var form = new Form { PartnerId = partnerId, Name = input.Name!.Trim(), Url = input.Url!.Trim(), CreatedAt = now, UpdatedAt = now };
        await auditLog.InTransactionAsync(db, async () =>
        {
            db.Forms.Add(form);
            await db.SaveChangesAsync(cancellationToken);
            auditLog.Add(db, actor, new AuditRecord("form.created", "Form", form.Id.ToString(CultureInfo.InvariantCulture),
                $"Form \"{form.Name}\" added", partnerId, Changes: [new FieldChange("Url", null, form.Url)]));
        }, cancellationToken);
        return Result<FormSummary>.Ok(new FormSummary(form.Id, form.Name, form.Url, form.UpdatedAt));
    }

    public async Task<Result<FormSummary>> UpdateAsync(int formId, FormInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return PortalPolicies.Refusal;
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !actor.CanAdministerPartner(partnerId))
        {
            return new Error("Only a partner administrator can change Form Keys.", ResultCodes.NotFound);
        }

        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<FormSummary>.Fail(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var form = await db.Forms.FirstOrDefaultAsync(f => f.Id == formId && f.PartnerId == partnerId, cancellationToken);
        if (form is null)
        {
            return Error.NotFound("The form");
        }

        var before = Snapshot(form);
        form.Name = input.Name!.Trim();
        form.Url = input.Url!.Trim();
        form.UpdatedAt = time.GetUtcNow().UtcDateTime;
        auditLog.Add(db, actor, new AuditRecord("form.updated", "Form", form.Id.ToString(CultureInfo.InvariantCulture),
            $"Form \"{form.Name}\" edited", partnerId, Changes: AuditLog.Diff(before, Snapshot(form))));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<FormSummary>.Ok(new FormSummary(form.Id, form.Name, form.Url, form.UpdatedAt));
    }

    public async Task<Result> DeleteAsync(int formId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.AdministerPartner))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        if (actor.PartnerId is not { } partnerId || !actor.CanAdministerPartner(partnerId))
        {
            return Result.Fail(new Error("Only a partner administrator can change Form Keys.", ResultCodes.NotFound));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var form = await db.Forms.FirstOrDefaultAsync(f => f.Id == formId && f.PartnerId == partnerId, cancellationToken);
        if (form is null)
        {
            return Result.Fail(Error.NotFound("The form"));
        }

        db.Forms.Remove(form);
        auditLog.Add(db, actor, new AuditRecord("form.deleted", "Form", form.Id.ToString(CultureInfo.InvariantCulture),
            $"Form \"{form.Name}\" removed", partnerId));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result.Ok();
    }

    /// <summary>An absolute https link (a form link is opened by patients, so never plain http).</summary>
    public static bool IsHttpsUrl(string? value) =>
        BusinessFieldValidators.IsHttpUrl(value) && value!.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static List<Error> Validate(FormInput input)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(Error.ForField("name", "Enter a name for the form."));
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            errors.Add(Error.ForField("name", $"The name can be at most {MaxNameLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(input.Url))
        {
            errors.Add(Error.ForField("url", "Enter the form's link."));
        }
        else if (!IsHttpsUrl(input.Url) || input.Url.Trim().Length > MaxUrlLength)
        {
            errors.Add(Error.ForField("url", "Enter an https link, such as https://forms.example.com/intake."));
        }

        return errors;
    }

    private static Dictionary<string, string?> Snapshot(Form form) => new()
    {
        ["Name"] = form.Name,
        ["Url"] = form.Url,
    };
}
