namespace PartnerPortal.Domain.Common;

/// <summary>
/// DESIGN §6, the one table of result codes and their sentences: the UI, the domain and both APIs use these, so a
/// wording is changed here or nowhere. HTTP statuses are the API's business (<c>Api/ApiResults</c>).
/// </summary>
public static class ResultCodes
{
    public const int Ok = 2000;
    public const int ValidationFailed = 4000;
    public const int Unauthenticated = 4010;
    public const int Forbidden = 4030; // the user or key lacks the right (DESIGN §1)
    public const int ApiNotEnabled = 4015;
    public const int NumberNotVerified = 4035;
    public const int BusinessInfoInsufficient = 4039;
    public const int NotFound = 4040;
    public const int ContentBlocked = 4045;
    public const int OptedOut = 4050;
    public const int IdempotencyConflict = 4090;
    public const int NoProvider = 4060;
    public const int AccountDeactivated = 4070; // the account (or its partner) is deactivated: it keeps its history but cannot send
    public const int RateLimited = 4290;

    /// <summary>The sentences DESIGN §6 fixes word for word: an answer with one of these codes always says exactly this.</summary>
    public static class Sentences
    {
        public const string Forbidden = "You do not have permission to do this.";
        public const string ApiNotEnabled = "Unauthorized - API not enabled for the request's access rights.";
        public const string NumberNotVerified = "SMS number not verified; verification has been requested.";
        public const string BusinessInfoInsufficient = "On file account business information is insufficient for verification";
        public const string NoProvider = "No SMS provider is configured for this account.";
        public const string IdempotencyConflict = "Idempotency-Key was already used with a different request.";
    }

    /// <summary>Each code's short description (the problem details' <c>title</c>); the fixed sentences are their own.</summary>
    public static readonly IReadOnlyDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [Ok] = "OK",
        [ValidationFailed] = "Validation failed.",
        [Unauthenticated] = "Missing, unknown or revoked API key.",
        [ApiNotEnabled] = Sentences.ApiNotEnabled,
        [Forbidden] = Sentences.Forbidden,
        [NoProvider] = Sentences.NoProvider,
        [NumberNotVerified] = Sentences.NumberNotVerified,
        [BusinessInfoInsufficient] = Sentences.BusinessInfoInsufficient,
        [NotFound] = "Not found.",
        [ContentBlocked] = "Content blocked.",
        [OptedOut] = "Recipient opted out.",
        [IdempotencyConflict] = Sentences.IdempotencyConflict,
        [RateLimited] = "Rate limit exceeded; retry later.",
        [AccountDeactivated] = "The account is deactivated and cannot send texts.",
    };

    /// <summary>True for the codes whose answer is always their fixed sentence, whatever the error said.</summary>
    public static bool HasFixedSentence(int code) =>
        code is ApiNotEnabled or NumberNotVerified or BusinessInfoInsufficient or Forbidden or NoProvider;
}
