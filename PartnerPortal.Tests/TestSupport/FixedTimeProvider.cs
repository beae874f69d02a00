namespace PartnerPortal.Tests.TestSupport;

/// <summary>A clock tests move by hand.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public FixedTimeProvider() : this(new DateTimeOffset(TestData.Now)) { }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
