using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// A data set's file layout: how its header is checked and how a record becomes the incident it
/// names and the report it makes (the pure mapping of the domain), checked as the API checks an
/// opening and a report, with each error named by the file's own column.
/// </summary>
public abstract class ImportFormat
{
    /// <summary>The name an import is asked for by (the route's last segment, the command line's verb).</summary>
    public abstract string Name { get; }

    /// <summary>The column holding each row's stable key, named in errors about the row as a whole.</summary>
    public abstract string KeyColumn { get; }

    /// <summary>
    /// Whether the data set versions its rows (ACLED's timestamp): each version is a report that
    /// supersedes the row's earlier ones, and a full export can withdraw the rows it lacks.
    /// </summary>
    public virtual bool Versioned => false;

    /// <summary>Whether a row's mapping depends on the rows before it (RAND's repeated rows), so the rows a resumed run skips are still shown to <see cref="Skip"/>.</summary>
    public virtual bool RemembersRows => false;

    public virtual CsvProblem? CheckHeader(CsvHeader header) => null;

    public ImportRow? Read(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, DateTimeOffset now, List<GtdRowError> errors, ImportPass pass)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (Map(line, cells, request, errors, pass) is not { } row)
        {
            return null;
        }

        var checks = new ValidationErrors();
        var opened = OpenIncidentDecision.Decide(row.IncidentId, row.Incident, now, checks);
        var report = ReportValidation.Validate(row.IncidentId, row.Report, now, checks);
        foreach (var (path, messages) in checks.ToDictionary())
        {
            errors.AddRange(messages.Select(m => new GtdRowError(line, Column(path), m)));
        }

        return opened is not null && report is not null
            ? new ImportRow(line, row.EventId, KeyColumn, row.IncidentId, opened, report, row.Version is not null)
            : null;
    }

    /// <summary>A row a resumed run does not read again, shown to a format that <see cref="RemembersRows"/>.</summary>
    public virtual void Skip(IReadOnlyDictionary<string, string?> cells, ImportPass pass)
    {
    }

    /// <summary>What a row of a <see cref="Versioned"/> data set covers (its key, country and day), or null when its key cannot be read.</summary>
    public virtual RowCoverage? Coverage(IReadOnlyDictionary<string, string?> cells) => null;

    /// <summary>The row as an opening and a report, or null with its errors.</summary>
    protected abstract GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors, ImportPass pass);

    /// <summary>The file's column that a validation path of the opening or the report came from.</summary>
    protected virtual string Column(string path) => path;

    /// <summary>
    /// The column for a path by the words in it, in order: the opening's own fields, then the
    /// facts' (a count, a group, a place); any other path stays as it is.
    /// </summary>
    protected static string Column(string path, params (string Word, string Column)[] columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (word, column) in columns)
        {
            if (path == word || path.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }

        return path;
    }
}

/// <summary>What one pass over a file remembers from row to row: how often each row identity has been seen (RAND's repeated rows).</summary>
public sealed class ImportPass
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Counts one more row with <paramref name="identity"/>: 1 for the first.</summary>
    public int Occurrence(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var count = _seen.GetValueOrDefault(identity) + 1;
        _seen[identity] = count;
        return count;
    }
}

/// <summary>The formats an import reads, by name.</summary>
public sealed class ImportFormats(IEnumerable<ImportFormat> formats)
{
    private readonly Dictionary<string, ImportFormat> _formats = formats.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _formats.Keys;

    /// <summary>The formats whose data sets version their rows (<see cref="ImportFormat.Versioned"/>).</summary>
    public IEnumerable<string> Versioned => _formats.Values.Where(f => f.Versioned).Select(f => f.Name);

    public ImportFormat Find(string name) => _formats.TryGetValue(name, out var format) ? format : throw new ArgumentOutOfRangeException(nameof(name), name, "No such import format.");
}
