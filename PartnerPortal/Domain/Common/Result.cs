namespace PartnerPortal.Domain.Common;

/// <summary>Codes of DESIGN §6; the same codes feed the UI and the API responses.</summary>
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
}

/// <summary>
/// An expected failure: what went wrong, which field (if any), and its code. For business-information
/// problems (4039) <see cref="Source"/> says where to fix it ("account" or "partner") and
/// <see cref="Reason"/> why ("missing" or "invalid"). For content findings (4045) <see cref="Source"/> is the lint rule
/// and <see cref="Reason"/> the words that triggered it.
/// </summary>
public sealed record Error(string Message, int Code = ResultCodes.ValidationFailed, string? Field = null, string? Source = null, string? Reason = null)
{
    public static Error NotFound(string what) => new($"{what} was not found.", ResultCodes.NotFound);

    public static Error ForField(string field, string message) => new(message, ResultCodes.ValidationFailed, field);
}

public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }
    public bool Succeeded => Errors.Count == 0;
    public Error? FirstError => Errors.Count > 0 ? Errors[0] : null;

    public static Result Ok() => new([]);
    public static Result Fail(Error error) => new([error]);
    public static Result Fail(IReadOnlyList<Error> errors) => new(errors);
}

public sealed class Result<T> : Result
{
    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(value, []);
    public static new Result<T> Fail(Error error) => new(default, [error]);
    public static new Result<T> Fail(IReadOnlyList<Error> errors) => new(default, errors);

    public static implicit operator Result<T>(Error error) => Fail(error);
}
