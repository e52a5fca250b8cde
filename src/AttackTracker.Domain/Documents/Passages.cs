using System.Globalization;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Documents;

/// <summary>
/// A fact's passage, checked twice: its shape with the rest of the body (before anything is
/// loaded), and against the stored document's text in the write's decision, where the text is at
/// hand: the document exists, the offsets are inside its text and split no character, and a quote
/// is exactly the passage's text. Each refusal names the fact (<c>facts[2].passage</c>).
/// </summary>
public static class Passages
{
    /// <summary>The passage's fields: an address, and offsets that make a passage of at most <see cref="Limits.QuoteLength"/> characters.</summary>
    public static CitedPassage? Shape(string path, CitedPassage? passage, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (passage is null)
        {
            return null;
        }

        var document = DocumentIds.Normalize(passage.Document);
        if (document is null)
        {
            errors.Add($"{path}.document", "must be a stored document's id: the SHA-256 of its text, 64 hex digits.");
        }

        if (passage.Start is not { } start || start < 0)
        {
            errors.Add($"{path}.start", "is required: the offset of the passage's first character (UTF-16 code units, from 0).");
        }
        else if (passage.End is not { } end || end <= start)
        {
            errors.Add($"{path}.end", "is required and must be after start: the offset just past the passage's last character.");
        }
        else if (end - start > Limits.QuoteLength)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"is {end - start} characters long; the limit is {Limits.QuoteLength}, the quote's."));
        }

        return errors.HasErrorsUnder(path) ? null : passage with { Document = document };
    }

    /// <summary>The passages and the desk's document against the texts the write loaded (document id → text).</summary>
    public static ValidationErrors Check(SubmitReport command, IReadOnlyDictionary<string, string> documents)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(documents);
        var errors = new ValidationErrors();
        for (var i = 0; i < command.Facts.Count; i++)
        {
            var fact = command.Facts[i];
            if (fact.Passage is not { Document: { } id, Start: { } start, End: { } end })
            {
                continue;
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"facts[{i}].passage");
            if (!documents.TryGetValue(id, out var text))
            {
                errors.Add(path, $"cites the document {id}, which is not stored; store its text with POST /api/documents first.");
            }
            else if (Outside(text, start, end) is { } outside)
            {
                errors.Add(path, outside);
            }
            else if (fact.Quote is { } quote && !string.Equals(quote, text[start..end], StringComparison.Ordinal))
            {
                errors.Add(path, $"is not what the quote says: the document's text at {start}–{end} is \"{Clip(text[start..end])}\", the quote \"{Clip(quote)}\".");
            }
        }

        if (command.Desk is { } desk)
        {
            if (!documents.TryGetValue(desk.Document, out var text))
            {
                errors.Add("desk.document", $"names the document {desk.Document}, which is not stored.");
            }
            else
            {
                for (var j = 0; j < desk.Outcomes.Count; j++)
                {
                    if (desk.Outcomes[j] is { Start: { } start, End: { } end } && Outside(text, start, end) is { } outside)
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"desk.outcomes[{j}]"), outside);
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>Why the offsets are not a passage of the text, or null when they are.</summary>
    public static string? Outside(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || end <= start || end > text.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"runs from {start} to {end}, outside the document's text (0 to {text.Length}).");
        }

        return char.IsLowSurrogate(text[start]) || char.IsHighSurrogate(text[end - 1])
            ? "splits a character in two (a surrogate pair); move an offset by one."
            : null;
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
