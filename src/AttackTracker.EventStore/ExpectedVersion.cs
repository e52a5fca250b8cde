namespace AttackTracker.EventStore;

/// <summary>What an append expects of its stream's current version (optimistic concurrency).</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The expected version, 0 for "no stream yet", -1 for any.</summary>
    public long Value { get; }

    /// <summary>Append whatever the stream's version is; creates the stream when it is missing.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>The stream must be at exactly this version (0 means it must not exist).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A version is 0 or more.");

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool IsAny => Value == AnyValue;

    /// <inheritdoc />
    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
