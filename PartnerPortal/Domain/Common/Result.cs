namespace PartnerPortal.Domain.Common;

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
