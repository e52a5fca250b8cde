using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Documents;

/// <summary>Turns a document request into a document to store, or says what is wrong with it, field by field.</summary>
public static partial class DocumentValidation
{
    public static StoreDocument? Validate(DocumentRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var text = Text(request.Text, errors);
        var title = errors.Text("title", request.Title, Limits.TitleLength, required: true);
        var url = errors.Url("url", request.Url);
        SourceRequest? publisher = null;
        if (request.Publisher is null)
        {
            errors.Add("publisher", "is required: the source that published the text (an existing source's name, or a new one with its kind and reliability).");
        }
        else
        {
            var name = errors.Name("publisher.name", request.Publisher.Name, required: true);
            var publisherUrl = errors.Url("publisher.url", request.Publisher.Url);
            publisher = name is null ? null : request.Publisher with { Name = name, Url = publisherUrl };
        }

        var published = errors.Time("publishedAt", request.PublishedAt, now, required: true);
        var language = errors.Text("language", request.Language, Limits.LanguageLength);
        if (language is not null && !LanguageTag().IsMatch(language))
        {
            errors.Add("language", "must be a BCP 47 language tag such as en, fr or es-MX.");
            language = null;
        }

        return errors.IsEmpty
            ? new StoreDocument(DocumentIds.For(text!), text!, title!, url, publisher!, published!.Value, language)
            : null;
    }

    /// <summary>
    /// The text as stored: exactly as sent, but with every line ending as LF (a browser's form sends
    /// CRLF), so one article has one address whether it was pasted or posted. Not trimmed: passages
    /// are offsets into it. Control characters other than LF and tab, unpaired surrogates and text
    /// past <see cref="Limits.DocumentTextBytes"/> are refused.
    /// </summary>
    public static string? Text(string? value, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null || value.Trim().Length == 0)
        {
            errors.Add("text", "is required: the article's text.");
            return null;
        }

        var text = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var bytes = Encoding.UTF8.GetByteCount(text.AsSpan());
        if (text.Length > Limits.DocumentTextBytes || bytes > Limits.DocumentTextBytes)
        {
            errors.Add("text", string.Create(CultureInfo.InvariantCulture, $"is {Math.Max(bytes, text.Length)} bytes long; the limit is {Limits.DocumentTextBytes} (200 KiB)."));
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                errors.Add("text", string.Create(CultureInfo.InvariantCulture, $"contains an invalid Unicode character (an unpaired surrogate) at offset {i}."));
                return null;
            }
            else if ((char.IsControl(c) && c is not '\n' and not '\t') || c is '\u2028' or '\u2029')
            {
                errors.Add("text", string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)c:X4} at offset {i}."));
                return null;
            }
        }

        return text;
    }

    /// <summary>The document's one event, and its publisher's registration or regrade when the publisher is new or graded afresh.</summary>
    public static Decision<DocumentStored> Decide(StoreDocument command, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var publisher = context.Source ?? throw new ArgumentException("A document's write resolves its publisher first.", nameof(context));
        var stored = new DocumentStored(command.DocumentId, command.Text, command.Title, command.Url, publisher, command.PublishedAt, command.Language);
        var sourceEvent = context.SourceChange is { } change
            ? new NewEvent(change, context.NewId(), new Dictionary<string, string> { ["documentId"] = command.DocumentId })
            : null;
        return Decision.Accept(stored, [new NewEvent(stored, context.NewId())], sourceEvent);
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
