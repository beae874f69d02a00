using PartnerPortal.Domain.Accounts;
using PartnerPortal.Domain.Completeness;

namespace PartnerPortal.Api;

/// <summary>
/// <c>PracticeCreate</c>, <c>PracticeSave</c> and <c>PracticeUpdate</c>, unversioned and <c>/1.1</c>; only 1.1 reads
/// <c>websiteUrl</c>, <c>alternativeWebsiteUrl</c> and <c>practicePhone</c>.
/// </summary>
public static class PracticeEndpoints
{
    // The API names fields as its JSON does.
    private static readonly IReadOnlyDictionary<string, string> ApiFieldNames = new Dictionary<string, string>
    {
        [nameof(AccountUpdate.BusinessName)] = "name",
        [nameof(AccountUpdate.Address1)] = "address1",
        [nameof(AccountUpdate.Address2)] = "address2",
        [nameof(AccountUpdate.City)] = "city",
        [nameof(AccountUpdate.State)] = "state",
        [nameof(AccountUpdate.PostalCode)] = "postalCode",
        [nameof(AccountUpdate.CountryCode)] = "countryCode",
        [nameof(AccountUpdate.WebsiteUrl)] = "websiteUrl",
        [nameof(AccountUpdate.AlternativeWebsiteUrl)] = "alternativeWebsiteUrl",
        [nameof(AccountUpdate.PracticePhone)] = "practicePhone",
        [nameof(NewAccount.AccountId)] = "accountId",
    };

    public static void Map(RouteGroupBuilder group)
    {
        foreach (var (name, mode) in new[] { ("PracticeCreate", PracticeSaveMode.Create), ("PracticeSave", PracticeSaveMode.Save), ("PracticeUpdate", PracticeSaveMode.Update) })
        {
            group.MapPost($"/{name}", (HttpRequest request, PracticeService practices, CancellationToken ct) => SaveAsync(request, practices, mode, false, ct))
                .WithName(name)
                .WithSummary($"{Describe(mode)} (unversioned: websiteUrl, alternativeWebsiteUrl and practicePhone are not read and stay as they are).")
                .Accepts<PracticeRequest>("application/json")
                .Produces<PracticeResponse>()
                .Produces<PartnerApiResponse>(StatusCodes.Status400BadRequest)
                .Produces<PartnerApiResponse>(StatusCodes.Status404NotFound);
            group.MapPost($"/{name}/1.1", (HttpRequest request, PracticeService practices, CancellationToken ct) => SaveAsync(request, practices, mode, true, ct))
                .WithName($"{name}11")
                .WithSummary($"{Describe(mode)} (version 1.1: also websiteUrl, alternativeWebsiteUrl and practicePhone).")
                .Accepts<PracticeRequest11>("application/json")
                .Produces<PracticeResponse>()
                .Produces<PartnerApiResponse>(StatusCodes.Status400BadRequest)
                .Produces<PartnerApiResponse>(StatusCodes.Status404NotFound);
        }
    }

    public record PracticeRequest(
        string? AccountId, string? Name, string? Address1, string? Address2, string? City, string? State, string? PostalCode, string? CountryCode);

    public sealed record PracticeRequest11(
        string? AccountId, string? Name, string? Address1, string? Address2, string? City, string? State, string? PostalCode, string? CountryCode,
        string? WebsiteUrl, string? AlternativeWebsiteUrl, string? PracticePhone = null)
        : PracticeRequest(AccountId, Name, Address1, Address2, City, State, PostalCode, CountryCode);

    public sealed record SmsBusinessDetails(bool Complete, IReadOnlyList<ApiMissingField> MissingFields);

    public sealed class PracticeResponse : PartnerApiResponse
    {
        public string AccountId { get; init; } = "";
        public bool Created { get; init; }
        public SmsBusinessDetails SmsBusinessDetails { get; init; } = new(false, []);
    }

    private static string Describe(PracticeSaveMode mode) => mode switch
    {
        PracticeSaveMode.Create => "Creates a practice (account); an existing accountId is refused",
        PracticeSaveMode.Update => "Updates an existing practice (account)",
        _ => "Creates or updates a practice (account)",
    };

    private static async Task<ApiResult> SaveAsync(HttpRequest request, PracticeService practices, PracticeSaveMode mode, bool versioned, CancellationToken cancellationToken)
    {
        PracticeInput input;
        if (versioned)
        {
            var body = await ApiRequest.ReadAsync<PracticeRequest11>(request);
            if (!body.Succeeded)
            {
                return ApiResults.PartnerFailure(body.Errors);
            }

            var b = body.Value!;
            input = new PracticeInput(b.AccountId, b.Name, b.Address1, b.Address2, b.City, b.State, b.PostalCode, b.CountryCode, b.WebsiteUrl, b.AlternativeWebsiteUrl, true, b.PracticePhone);
        }
        else
        {
            var body = await ApiRequest.ReadAsync<PracticeRequest>(request);
            if (!body.Succeeded)
            {
                return ApiResults.PartnerFailure(body.Errors);
            }

            var b = body.Value!;
            input = new PracticeInput(b.AccountId, b.Name, b.Address1, b.Address2, b.City, b.State, b.PostalCode, b.CountryCode, null, null, false);
        }

        var saved = await practices.SaveAsync(input, mode, cancellationToken);
        if (!saved.Succeeded)
        {
            return ApiResults.PartnerFailure(saved.Errors.Select(e => e with
            {
                Field = e.Field is not null && ApiFieldNames.TryGetValue(e.Field, out var apiName) ? apiName : e.Field,
                Message = e.Message.Replace("Business Name", "name", StringComparison.Ordinal),
            }).ToList());
        }

        var result = saved.Value!;
        return ApiResults.PartnerOk(new PracticeResponse
        {
            AccountId = result.AccountId,
            Created = result.Created,
            SmsBusinessDetails = new SmsBusinessDetails(result.Completeness.IsComplete, result.Completeness.Problems
                .Select(p => new ApiMissingField(p.Field, p.Where.ToString().ToLowerInvariant(), p.Reason.ToString().ToLowerInvariant(), p.Message))
                .ToList()),
        });
    }
}
