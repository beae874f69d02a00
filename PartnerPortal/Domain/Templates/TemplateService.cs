using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Templates;

public sealed record TemplateSummary(int Id, string Name, string Body, DateTime UpdatedAt);

public sealed record TemplateInput(string? Name, string? Body);

/// <summary>An account's message templates: read by whoever may read the account, changed by whoever may edit it.</summary>
public sealed class TemplateService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ICurrentActor currentActor,
    AuditLog auditLog,
    TimeProvider time)
{
    public const int MaxNameLength = 100;
    public const int MaxBodyLength = 2000;

    public async Task<Result<IReadOnlyList<TemplateSummary>>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AsNoTracking().VisibleTo(actor).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return Error.NotFound("The account");
        }

        var templates = await db.Templates.AsNoTracking()
            .Where(t => t.AccountId == accountId)
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new TemplateSummary(t.Id, t.Name, t.Body, t.UpdatedAt))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<TemplateSummary>>.Ok(templates);
    }

    public async Task<Result<TemplateSummary>> AddAsync(int accountId, TemplateInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ManagePracticeData))
        {
            return PortalPolicies.Refusal;
        }

        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<TemplateSummary>.Fail(errors);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return Error.NotFound("The account");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var template = new Template { AccountId = account.Id, Name = input.Name!.Trim(), Body = input.Body!.Trim(), CreatedAt = now, UpdatedAt = now };
        await auditLog.InTransactionAsync(db, async () =>
        {
            db.Templates.Add(template);
            await db.SaveChangesAsync(cancellationToken);
            auditLog.Add(db, actor, new AuditRecord("template.created", "Template", template.Id.ToString(CultureInfo.InvariantCulture),
                $"Template \"{template.Name}\" added to {account.BusinessName}", account.PartnerId, account.Id));
        }, cancellationToken);
        return Result<TemplateSummary>.Ok(new TemplateSummary(template.Id, template.Name, template.Body, template.UpdatedAt));
    }

    public async Task<Result<TemplateSummary>> UpdateAsync(int accountId, int templateId, TemplateInput input, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ManagePracticeData))
        {
            return PortalPolicies.Refusal;
        }

        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<TemplateSummary>.Fail(errors);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (account, template) = await FindAsync(db, actor, accountId, templateId, cancellationToken);
        if (account is null || template is null)
        {
            return Error.NotFound("The template");
        }

        var before = Snapshot(template);
        template.Name = input.Name!.Trim();
        template.Body = input.Body!.Trim();
        template.UpdatedAt = time.GetUtcNow().UtcDateTime;
        auditLog.Add(db, actor, new AuditRecord("template.updated", "Template", template.Id.ToString(CultureInfo.InvariantCulture),
            $"Template \"{template.Name}\" of {account.BusinessName} edited", account.PartnerId, account.Id,
            AuditLog.Diff(before, Snapshot(template))));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result<TemplateSummary>.Ok(new TemplateSummary(template.Id, template.Name, template.Body, template.UpdatedAt));
    }

    public async Task<Result> DeleteAsync(int accountId, int templateId, CancellationToken cancellationToken)
    {
        if (!(await currentActor.GetAsync(cancellationToken)).Can(PortalPolicies.ManagePracticeData))
        {
            return Result.Fail(PortalPolicies.Refusal);
        }

        var actor = await currentActor.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (account, template) = await FindAsync(db, actor, accountId, templateId, cancellationToken);
        if (account is null || template is null)
        {
            return Result.Fail(Error.NotFound("The template"));
        }

        db.Templates.Remove(template);
        auditLog.Add(db, actor, new AuditRecord("template.deleted", "Template", template.Id.ToString(CultureInfo.InvariantCulture),
            $"Template \"{template.Name}\" removed from {account.BusinessName}", account.PartnerId, account.Id));
        await auditLog.SaveChangesAsync(db, cancellationToken);
        return Result.Ok();
    }

    private static async Task<(Accounts.Account? Account, Template? Template)> FindAsync(
        ApplicationDbContext db, Actor actor, int accountId, int templateId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.VisibleTo(actor).FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || !actor.CanEditAccount(account.PartnerId, account.Id))
        {
            return (null, null);
        }

        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == templateId && t.AccountId == account.Id, cancellationToken);
        return (account, template);
    }

    private static List<Error> Validate(TemplateInput input)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add(Error.ForField("name", "Enter a name for the template."));
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            errors.Add(Error.ForField("name", $"The name can be at most {MaxNameLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(input.Body))
        {
            errors.Add(Error.ForField("body", "Enter the template's text."));
        }
        else if (input.Body.Trim().Length > MaxBodyLength)
        {
            errors.Add(Error.ForField("body", $"The text can be at most {MaxBodyLength} characters."));
        }

        return errors;
    }

    private static Dictionary<string, string?> Snapshot(Template template) => new()
    {
        ["Name"] = template.Name,
        ["Body"] = template.Body,
    };
}
