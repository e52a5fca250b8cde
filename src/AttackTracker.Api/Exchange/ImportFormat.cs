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

    public virtual CsvProblem? CheckHeader(CsvHeader header) => null;

    public ImportRow? Read(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, DateTimeOffset now, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (Map(line, cells, request, errors) is not { } row)
        {
            return null;
        }

        var checks = new ValidationErrors();
        var opened = OpenIncident.Decide(row.IncidentId, row.Incident, now, checks);
        var report = ReportValidation.Validate(row.IncidentId, row.Report, now, checks);
        foreach (var (path, messages) in checks.ToDictionary())
        {
            errors.AddRange(messages.Select(m => new GtdRowError(line, Column(path), m)));
        }

        return opened is not null && report is not null ? new ImportRow(line, row.EventId, KeyColumn, row.IncidentId, opened, report) : null;
    }

    /// <summary>The row as an opening and a report, or null with its errors.</summary>
    protected abstract GtdRow? Map(int line, IReadOnlyDictionary<string, string?> cells, ImportRequest request, List<GtdRowError> errors);

    /// <summary>The file's column that a validation path of the opening or the report came from.</summary>
    protected virtual string Column(string path) => path;
}

/// <summary>The formats an import reads, by name.</summary>
public sealed class ImportFormats(IEnumerable<ImportFormat> formats)
{
    private readonly Dictionary<string, ImportFormat> _formats = formats.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _formats.Keys;

    public ImportFormat Find(string name) => _formats.TryGetValue(name, out var format) ? format : throw new ArgumentOutOfRangeException(nameof(name), name, "No such import format.");
}
