using System.Text.Json;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// Writes incidents' rows of the statistics (Sql/0010) in one round trip: for each incident its
/// publication rows are replaced whole and its recording rows from its first new commit on, the
/// recording row open at that commit is closed there, and the new rows go in with their groups.
/// Whatever rows the incident had, the result is the rows of its events up to the last one folded,
/// so writing the same range twice (a range the daemon hands over again after a crash) changes nothing.
/// </summary>
public sealed class SpanWriter(string schema)
{
    private readonly string _replace = $"""
        WITH t AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS t(incident_id, first_commit)),
        gone AS (
          DELETE FROM "{schema}".stats_spans s USING t
          WHERE s.incident_id = t.incident_id AND (s.axis = 'p' OR s.valid_from >= t.first_commit)
          RETURNING s.span_id)
        DELETE FROM "{schema}".stats_span_groups g USING gone WHERE g.span_id = gone.span_id
        """;

    private readonly string _close = $"""
        UPDATE "{schema}".stats_spans s SET valid_to = t.first_commit
        FROM unnest($1::uuid[], $2::timestamptz[]) AS t(incident_id, first_commit)
        WHERE s.incident_id = t.incident_id AND s.axis = 'r' AND s.valid_from < t.first_commit AND s.valid_to > t.first_commit
        """;

    private readonly string _insert = $"""
        INSERT INTO "{schema}".stats_spans (span_id, incident_id, axis, valid_from, valid_to, title, country, year, occurred_on, historical,
          killed_low, killed_best, killed_high, killed_status, wounded_low, wounded_best, wounded_high, wounded_status,
          disputed, single_source, attack_types, weapon_types, last_sequence)
        SELECT r.span_id, r.incident_id, r.axis::"char", r.valid_from, coalesce(r.valid_to, 'infinity'), r.title, r.country, r.year, r.occurred_on, r.historical,
          r.killed_low, r.killed_best, r.killed_high, r.killed_status, r.wounded_low, r.wounded_best, r.wounded_high, r.wounded_status,
          r.disputed, r.single_source, r.attack_types::smallint[], r.weapon_types::smallint[], r.last_sequence
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::int[], $9::date[], $10::boolean[],
          $11::int[], $12::int[], $13::int[], $14::smallint[], $15::int[], $16::int[], $17::int[], $18::smallint[],
          $19::boolean[], $20::boolean[], $21::text[], $22::text[], $23::bigint[])
          AS r(span_id, incident_id, axis, valid_from, valid_to, title, country, year, occurred_on, historical,
          killed_low, killed_best, killed_high, killed_status, wounded_low, wounded_best, wounded_high, wounded_status,
          disputed, single_source, attack_types, weapon_types, last_sequence)
        """;

    private readonly string _groups = $"""
        INSERT INTO "{schema}".stats_span_groups (span_id, slug, name, claimed, attributed, claims)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::boolean[], $6::jsonb[])
        """;

    /// <summary>The statements that write <paramref name="incidents"/>' rows, in order, for one batch.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands(IReadOnlyCollection<IncidentSpans> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var touched = incidents.Where(i => i.FirstCommit is not null).ToList();
        if (touched.Count == 0)
        {
            yield break;
        }

        var ids = touched.Select(i => i.IncidentId).ToArray();
        var firsts = touched.Select(i => i.FirstCommit!.Value.ToUniversalTime()).ToArray();
        yield return Command(_replace, Array(ids, NpgsqlDbType.Uuid), Array(firsts, NpgsqlDbType.TimestampTz));
        yield return Command(_close, Array(ids, NpgsqlDbType.Uuid), Array(firsts, NpgsqlDbType.TimestampTz));

        var rows = new Rows();
        foreach (var incident in touched)
        {
            foreach (var span in incident.Recorded)
            {
                rows.Add(incident.IncidentId, 'r', span);
            }

            foreach (var span in incident.Published)
            {
                rows.Add(incident.IncidentId, 'p', span);
            }
        }

        if (rows.Count > 0)
        {
            yield return rows.Spans(_insert);
            if (rows.GroupCount > 0)
            {
                yield return rows.Groups(_groups);
            }
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    /// <summary>The rows as columns, one array each, for unnest.</summary>
    private sealed class Rows
    {
        private readonly List<Guid> _spanIds = [], _incidentIds = [];
        private readonly List<string> _axes = [], _attackTypes = [], _weaponTypes = [];
        private readonly List<DateTimeOffset> _validFrom = [];
        private readonly List<DateTimeOffset?> _validTo = [];
        private readonly List<string?> _titles = [], _countries = [];
        private readonly List<int?> _years = [];
        private readonly List<DateOnly?> _occurredOn = [];
        private readonly List<bool> _historical = [], _disputed = [], _singleSource = [];
        private readonly Figure _killed = new(), _wounded = new();
        private readonly List<long> _lastSequence = [];
        private readonly List<Guid> _groupSpans = [];
        private readonly List<string> _slugs = [], _names = [];
        private readonly List<bool> _claimed = [], _attributed = [];
        private readonly List<string?> _claims = [];

        public int Count => _spanIds.Count;

        public int GroupCount => _groupSpans.Count;

        public void Add(Guid incidentId, char axis, ContributionSpan span)
        {
            var c = span.Contribution;
            var spanId = Guid.CreateVersion7();
            _spanIds.Add(spanId);
            _incidentIds.Add(incidentId);
            _axes.Add(axis.ToString());
            _validFrom.Add(span.ValidFrom.ToUniversalTime());
            _validTo.Add(span.ValidTo?.ToUniversalTime());
            _titles.Add(c.Title);
            _countries.Add(c.Country);
            _years.Add(c.Year);
            _occurredOn.Add(c.OccurredOn);
            _historical.Add(Countries.IsHistorical(c.Country));
            _killed.Add(c.Killed);
            _wounded.Add(c.Wounded);
            _disputed.Add(c.Disputed);
            _singleSource.Add(c.SingleSource);
            _attackTypes.Add("{" + string.Join(',', c.AttackTypes.Select(t => t.Code)) + "}");
            _weaponTypes.Add("{" + string.Join(',', c.WeaponTypes.Select(t => t.Code)) + "}");
            _lastSequence.Add(c.LastSequence);
            foreach (var group in c.Groups)
            {
                _groupSpans.Add(spanId);
                _slugs.Add(group.Slug);
                _names.Add(group.Name);
                _claimed.Add(group.Claimed);
                _attributed.Add(group.Attributed);
                // The claims are read by a group's profile, which only the current record answers.
                _claims.Add(axis == 'r' && group.Claims.Count > 0 ? JsonSerializer.Serialize(group.Claims, IncidentJson.Options) : null);
            }
        }

        public NpgsqlBatchCommand Spans(string sql) => Command(
            sql,
            Array(_spanIds.ToArray(), NpgsqlDbType.Uuid),
            Array(_incidentIds.ToArray(), NpgsqlDbType.Uuid),
            Array(_axes.ToArray(), NpgsqlDbType.Text),
            Array(_validFrom.ToArray(), NpgsqlDbType.TimestampTz),
            Array(_validTo.ToArray(), NpgsqlDbType.TimestampTz),
            Array(_titles.ToArray(), NpgsqlDbType.Text),
            Array(_countries.ToArray(), NpgsqlDbType.Text),
            Array(_years.ToArray(), NpgsqlDbType.Integer),
            Array(_occurredOn.ToArray(), NpgsqlDbType.Date),
            Array(_historical.ToArray(), NpgsqlDbType.Boolean),
            Array(_killed.Low.ToArray(), NpgsqlDbType.Integer),
            Array(_killed.Best.ToArray(), NpgsqlDbType.Integer),
            Array(_killed.High.ToArray(), NpgsqlDbType.Integer),
            Array(_killed.Status.ToArray(), NpgsqlDbType.Smallint),
            Array(_wounded.Low.ToArray(), NpgsqlDbType.Integer),
            Array(_wounded.Best.ToArray(), NpgsqlDbType.Integer),
            Array(_wounded.High.ToArray(), NpgsqlDbType.Integer),
            Array(_wounded.Status.ToArray(), NpgsqlDbType.Smallint),
            Array(_disputed.ToArray(), NpgsqlDbType.Boolean),
            Array(_singleSource.ToArray(), NpgsqlDbType.Boolean),
            Array(_attackTypes.ToArray(), NpgsqlDbType.Text),
            Array(_weaponTypes.ToArray(), NpgsqlDbType.Text),
            Array(_lastSequence.ToArray(), NpgsqlDbType.Bigint));

        public NpgsqlBatchCommand Groups(string sql) => Command(
            sql,
            Array(_groupSpans.ToArray(), NpgsqlDbType.Uuid),
            Array(_slugs.ToArray(), NpgsqlDbType.Text),
            Array(_names.ToArray(), NpgsqlDbType.Text),
            Array(_claimed.ToArray(), NpgsqlDbType.Boolean),
            Array(_attributed.ToArray(), NpgsqlDbType.Boolean),
            Array(_claims.ToArray(), NpgsqlDbType.Jsonb));
    }

    private sealed class Figure
    {
        public List<int?> Low { get; } = [];

        public List<int?> Best { get; } = [];

        public List<int?> High { get; } = [];

        public List<short?> Status { get; } = [];

        public void Add(FigureRange? figure)
        {
            Low.Add(figure?.Low);
            Best.Add(figure?.Best);
            High.Add(figure?.High);
            Status.Add(figure is null ? null : (short)figure.Status);
        }
    }
}
