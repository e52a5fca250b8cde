using Marten;
using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>
/// The recorded time of a commit. Marten stamps an event with the client's clock when it is
/// appended; two writers whose clocks differ, or a writer that waited on a lock, would leave
/// recorded times out of version order, and the view at <c>recordedAsOf=T</c> would no longer be a
/// prefix of the stream. So the time is the database's <c>clock_timestamp()</c>, read after the
/// writer holds every lock it takes (the stream's row, and a source's registration lock): every
/// earlier commit to those streams has finished by then. All events of one commit share it, and
/// it is kept strictly after the stream's last recorded time, so equal times mark one commit. The
/// trigger on mt_events (Sql/0002_recording_axis_and_hash_chain.sql) refuses any event that breaks this.
/// The same statement takes the shared side of the rebuild gate (<see cref="RebuildGate"/>) too, so
/// even a writer that did not pass the gate first (the endpoints do, before loading anything)
/// keeps a rebuild out until it commits. Both belong to the write's own transaction, which this
/// begins when the caller has not: outside one, the lock would end with the statement and the
/// time would be read on another connection.
/// </summary>
public sealed class RecordingClock(StoreSettings settings)
{
    private const string Sql = "SELECT clock_timestamp(), pg_advisory_xact_lock_shared(hashtextextended($1, 0))";

    public async Task<DateTimeOffset> NowAsync(IDocumentSession session, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RebuildGate.LockName(settings.Schema) });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        return after is { } last && now <= last ? last.AddTicks(TimeSpan.TicksPerMicrosecond) : now;
    }
}
