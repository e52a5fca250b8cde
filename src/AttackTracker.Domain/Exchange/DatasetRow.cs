using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// One row of a data set other than the GTD as it is mapped (docs/datasets.md): its cells, the
/// facts and notes it makes, and at the end the incident it names and the report it becomes.
/// Every cell that cannot be read adds an error naming the row's line and the column.
/// </summary>
internal sealed class DatasetRow(int line, IReadOnlyDictionary<string, string?> cells, List<GtdRowError> errors)
{
    private readonly int _errorsBefore = errors.Count;
    private readonly List<string> _quotes = [];

    public GtdCells Cells { get; } = new(line, cells, errors);

    public int Line => line;

    public List<Fact> Facts { get; } = [];

    public List<string> Notes { get; } = [];

    public bool Failed => errors.Count > _errorsBefore;

    public string? Text(string column) => Cells.Text(column);

    public void Fail(string column, string message) => Cells.Fail(column, message);

    /// <summary>A note "Label: text" when there is text; text past a note's length goes on in further notes, so none is lost or refused.</summary>
    public void Note(string label, string? text)
    {
        if (text is null)
        {
            return;
        }

        var note = $"{label}: {text}";
        for (var start = 0; start < note.Length; start += Limits.TextLength)
        {
            Notes.Add(note.Substring(start, Math.Min(Limits.TextLength, note.Length - start)));
        }
    }

    /// <summary>The row's key: required, and short enough to name an incident.</summary>
    public string? Key(string column)
    {
        var key = Text(column);
        if (key is null)
        {
            Fail(column, "is required: it names the event in the data set.");
        }
        else if (key.Length > Limits.NameLength)
        {
            Fail(column, $"must be at most {Limits.NameLength} characters.");
            return null;
        }

        return key;
    }

    /// <summary>
    /// A count written in figures or words (<see cref="CountText"/>); null when blank or unknown,
    /// and an error naming the column when it is no count. A count in words is quoted in the
    /// casualties fact, so the data set's own words stay beside the record's reading of them.
    /// </summary>
    public CountCell? Count(string column)
    {
        var text = Text(column);
        var cell = CountText.Read(text, out var error);
        if (error is not null)
        {
            Fail(column, error);
        }
        else if (cell is { Plain: false })
        {
            _quotes.Add($"{column}: {text}");
        }

        return cell;
    }

    /// <summary>A whole number the data set writes in figures (a code, a UCDP estimate); null when blank.</summary>
    public int? Number(string column, int min, int max) => Cells.Whole(column, min, max);

    /// <summary>The casualties fact, quoting the counts the row gave in words.</summary>
    public void Casualties(ReportedCount? killed, ReportedCount? perpetratorsKilled, ReportedCount? wounded, ReportedCount? perpetratorsWounded, string? quote = null)
    {
        if ((killed ?? perpetratorsKilled ?? wounded ?? perpetratorsWounded) is null)
        {
            return;
        }

        var quoted = string.Join("; ", new[] { quote }.Concat(_quotes).OfType<string>());
        Facts.Add(new CasualtiesFact
        {
            Killed = killed,
            PerpetratorsKilled = perpetratorsKilled,
            Wounded = wounded,
            PerpetratorsWounded = perpetratorsWounded,
            Quote = quoted.Length == 0 ? null : quoted,
        });
    }

    /// <summary>A party to the violence, keyed as the GTD import keys its groups ("group", "group-2"), so the profiles of several data sets line up.</summary>
    public void Party(string? name)
    {
        if (name is null)
        {
            return;
        }

        var key = Facts.OfType<PerpetratorFact>().Count() + 1;
        if (name.Length > Limits.ShortTextLength)
        {
            Note("Group", name);
            return;
        }

        Facts.Add(new PerpetratorFact { Key = key == 1 ? "group" : $"group-{key.ToString(CultureInfo.InvariantCulture)}", Affiliation = name });
    }

    /// <summary>A detail short enough for its fact, else null and the whole text in a note.</summary>
    public string? Detail(string label, string? text)
    {
        if (text is null || text.Length <= Limits.ShortTextLength)
        {
            return text;
        }

        Note(label, text);
        return null;
    }

    /// <summary>Text joined by ", " when there is any, such as a district and its province.</summary>
    public static string? Join(params string?[] parts) =>
        parts.OfType<string>().ToArray() is { Length: > 0 } given ? string.Join(", ", given) : null;

    /// <summary>
    /// The incident the row names and the report it makes, or null when any cell was refused.
    /// The notes go last; a row with no fact at all says so in one note.
    /// </summary>
    public GtdRow? Build(RowIncident incident, string dataset, string reportTitle, string publishedAt, DateTimeOffset? version = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (Failed || incident.OccurredOn is null || incident.Country is null)
        {
            return null;
        }

        var facts = new List<Fact>(Facts);
        if (facts.Count == 0)
        {
            Notes.Insert(0, $"The {dataset} row for event {incident.Key} gives no figure, type, place or group.");
        }

        facts.AddRange(Notes.Select(n => new NoteFact { Text = n }));
        var title = incident.Title.Length <= Limits.TitleLength ? incident.Title : incident.Title[..(Limits.TitleLength - 1)] + "…";
        return new GtdRow(
            line,
            incident.Key,
            incident.Id,
            new OpenIncidentRequest(title, incident.OccurredOn, incident.Country, incident.Place, incident.Summary),
            new ReportRequest(new SourceRequest(dataset, null, SourceKind.Research, null), reportTitle, null, publishedAt, null, facts),
            version);
    }
}

/// <summary>The incident a row names: its key in the data set, the id it gets, and what opens it.</summary>
internal sealed record RowIncident(string Key, Guid Id, string Title, string? OccurredOn, string? Country, string Place, string? Summary);
