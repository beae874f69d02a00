using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Forms;
using PartnerPortal.Domain.Messaging;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Templates;

namespace PartnerPortal.Data.Seed;

/// <summary>Demo templates, Form Keys and one opt-out for the Send dialog (idempotent, added to the caller's unit of work).</summary>
public static class MessagingDemoData
{
    public static async Task AddAsync(ApplicationDbContext db, Partner partner, Account account, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(t => t.AccountId == account.Id, cancellationToken))
        {
            db.Templates.AddRange(
                new Template
                {
                    AccountId = account.Id, Name = "Appointment reminder", CreatedAt = now, UpdatedAt = now,
                    Body = "Hi {{firstName}}, this is a reminder of your appointment at {{practiceName}} tomorrow. Reply STOP to opt out.",
                },
                new Template
                {
                    AccountId = account.Id, Name = "Results ready", CreatedAt = now, UpdatedAt = now,
                    Body = "Hi {{firstName}}, your results are ready. Please call {{practiceName}} to discuss them.",
                });
        }

        if (!await db.Forms.AnyAsync(f => f.PartnerId == partner.Id, cancellationToken))
        {
            db.Forms.AddRange(
                new Form { PartnerId = partner.Id, Name = "New Patient Intake", Url = "https://forms.northwind-ehr.example/intake", CreatedAt = now, UpdatedAt = now },
                new Form { PartnerId = partner.Id, Name = "Insurance Update", Url = "https://forms.northwind-ehr.example/insurance", CreatedAt = now, UpdatedAt = now });
        }

        // Tom Baker replied STOP, so the dialog shows the opt-out and refuses to text him.
        if (!await db.OptOuts.AnyAsync(o => o.AccountId == account.Id, cancellationToken))
        {
            db.OptOuts.Add(new OptOut { AccountId = account.Id, Phone = "+16145550000", Keyword = "STOP", OptedOutAt = now.AddDays(-14) });
        }
    }
}
