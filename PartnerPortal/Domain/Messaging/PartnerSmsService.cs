using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.ApiKeys;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Completeness;
using PartnerPortal.Domain.Tenancy;

namespace PartnerPortal.Domain.Messaging;

/// <summary>The Partner API's <c>SmsSend</c>: ids are the partner's external ids, the recipient a bare mobile.</summary>
public sealed record PartnerSmsRequest(string? AccountId, string? LocationId, string? To, string? Message, DateTime? SendAt, string? IdempotencyKey);

/// <summary>
/// The Partner API's send, on the same fast path as the Integration send: activation (4015), validation (4000) and the
/// external ids (4040) are read through the send's own session, then the one <see cref="SendService"/> pipeline runs
/// on it. The field names of its refusals are the API's, whose request this is.
/// </summary>
public sealed class PartnerSmsService(ICurrentActor currentActor, IMessageStore store, SendService sendService)
{
    /// <param name="request">The parsed body, or why it could not be read (answered after 4015, as DESIGN §4 orders).</param>
    public async Task<Result<SendOutcome>> SendAsync(Result<PartnerSmsRequest> request, CancellationToken cancellationToken)
    {
        var actor = await currentActor.GetAsync(cancellationToken);
        await using var session = await store.OpenSendAsync(cancellationToken);
        // As SmsApiActivation: users and the system are not API requests.
        if (actor.Kind == Audit.ActorKind.ApiKey
            && !(actor.PartnerId is { } partnerId && await session.PartnerApiEnabledAsync(partnerId, cancellationToken)))
        {
            return SmsApiActivation.Refusal;
        }

        if (!request.Succeeded)
        {
            return Result<SendOutcome>.Fail(request.Errors);
        }

        var input = request.Value!;
        if (Validate(input) is { Count: > 0 } errors)
        {
            return Result<SendOutcome>.Fail(errors);
        }

        var resolved = await ResolveAsync(session, actor, input.AccountId!, input.LocationId, cancellationToken);
        if (!resolved.Succeeded)
        {
            return Result<SendOutcome>.Fail(resolved.Errors);
        }

        return await sendService.SendAsync(new SendRequest
        {
            AccountId = resolved.Value.AccountId,
            LocationId = resolved.Value.LocationId,
            Recipient = new InlineRecipient(input.To!.Trim()),
            Kind = MessageKind.SmsText,
            Content = input.Message!,
            ViaApi = true,
            // An integration cannot click "confirm": warnings do not block the API.
            ConfirmedWarnings = true,
            IdempotencyKey = input.IdempotencyKey,
            SendAt = input.SendAt,
        }, known: null, session, cancellationToken);
    }

    private static List<Error> Validate(PartnerSmsRequest input)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(input.AccountId)) errors.Add(ExternalIdResolver.AccountRequired);
        if (string.IsNullOrWhiteSpace(input.To)) errors.Add(Error.ForField("to", "to is required."));
        else if (!BusinessFieldValidators.IsE164(input.To.Trim())) errors.Add(Error.ForField("to", "to must be a valid mobile number in E.164 form, e.g. +16145550123."));
        if (string.IsNullOrEmpty(input.Message)) errors.Add(Error.ForField("message", "message is required."));
        return errors;
    }

    /// <summary>
    /// <see cref="ExternalIdResolver"/>'s answer on the send's session: the account among those the actor's tenant may
    /// name (the (partner, external id) index), then the tenancy check <see cref="Actor.CanReadAccount"/>.
    /// </summary>
    private static async Task<Result<(int AccountId, int? LocationId)>> ResolveAsync(ISendSession session, Actor actor, string accountExternalId,
        string? locationExternalId, CancellationToken cancellationToken)
    {
        var anyPartner = actor.IsSystem || actor.IsOperator;
        var account = anyPartner || actor.PartnerId is not null
            ? await session.AccountByExternalIdAsync(anyPartner ? null : actor.PartnerId, accountExternalId.Trim(), cancellationToken)
            : null;
        if (account is null || !actor.CanReadAccount(account.PartnerId, account.Id))
        {
            return ExternalIdResolver.AccountNotFound(accountExternalId);
        }

        if (string.IsNullOrWhiteSpace(locationExternalId))
        {
            return Result<(int, int?)>.Ok((account.Id, null));
        }

        var locationId = await session.LocationByExternalIdAsync(account.Id, locationExternalId.Trim(), cancellationToken);
        return locationId is null
            ? ExternalIdResolver.LocationNotFound(accountExternalId, locationExternalId)
            : Result<(int, int?)>.Ok((account.Id, locationId));
    }
}
