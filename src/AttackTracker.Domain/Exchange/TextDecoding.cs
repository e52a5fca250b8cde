using System.Buffers;
using System.Text;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Bytes to text in a declared charset, strictly: a byte that is not text in that charset is an
/// error naming its line and what to declare, never a replacement character (docs/export.md).
/// </summary>
public static class TextDecoding
{
    /// <summary>The names <see cref="TryParse"/> knows, one per charset, as a message lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["utf-8", "windows-1252", "iso-8859-1"];

    private static readonly Dictionary<string, TextCharset> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = TextCharset.Utf8,
        ["utf8"] = TextCharset.Utf8,
        // ASCII is UTF-8's first 128 characters.
        ["us-ascii"] = TextCharset.Utf8,
        ["ascii"] = TextCharset.Utf8,
        ["windows-1252"] = TextCharset.Windows1252,
        ["cp1252"] = TextCharset.Windows1252,
        ["x-cp1252"] = TextCharset.Windows1252,
        ["iso-8859-1"] = TextCharset.Latin1,
        ["iso8859-1"] = TextCharset.Latin1,
        ["iso_8859-1"] = TextCharset.Latin1,
        ["latin1"] = TextCharset.Latin1,
        ["latin-1"] = TextCharset.Latin1,
        ["l1"] = TextCharset.Latin1,
    };

    /// <summary>
    /// Windows-1252 leaves five bytes undefined. .NET (like Windows) maps them to C1 control
    /// characters, which no text holds: here they are errors, as in Python's cp1252.
    /// </summary>
    internal static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    private static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        // The code pages ship with .NET (System.Text.Encoding.CodePages) but are off until registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding Latin1 = Encoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>A declared charset (case-insensitive); none declared is UTF-8. False for a charset the import does not read.</summary>
    public static bool TryParse(string? name, out TextCharset charset)
    {
        charset = TextCharset.Utf8;
        return string.IsNullOrWhiteSpace(name) || Aliases.TryGetValue(name.Trim().Trim('"'), out charset);
    }

    public static string Name(TextCharset charset) => charset switch
    {
        TextCharset.Windows1252 => "windows-1252",
        TextCharset.Latin1 => "iso-8859-1",
        _ => "utf-8",
    };

    /// <summary>The message for a charset <see cref="TryParse"/> refused.</summary>
    public static string Unsupported(string name) =>
        $"'{name}' is not a charset this import reads; declare one of {string.Join(", ", Names)}.";

    /// <summary>The charset's encoding, throwing on anything it cannot encode or decode (the GTD generator writes with it).</summary>
    public static Encoding StrictEncoding(TextCharset charset) => charset switch
    {
        TextCharset.Windows1252 => Windows1252.Value,
        TextCharset.Latin1 => Latin1,
        _ => Utf8,
    };

    /// <summary>
    /// A reader of the bytes as text in the charset. A UTF-8 byte order mark is honoured (the text
    /// is UTF-8 whatever was declared) and skipped; a UTF-16 one is refused. Invalid bytes throw
    /// <see cref="TextDecodingException"/> with their line when the reader reaches them.
    /// </summary>
    public static TextReader Open(Stream bytes, TextCharset charset, bool leaveOpen = false) => new StrictTextReader(bytes, charset, leaveOpen);

    /// <summary>Why a byte cannot be read, and what to declare instead; <see cref="TextDecodingException"/> adds the line.</summary>
    internal static string Invalid(TextCharset charset, byte value) => charset switch
    {
        TextCharset.Windows1252 =>
            $"The byte 0x{value:X2} is one that Windows-1252 leaves undefined, so the file is not Windows-1252. "
            + "If it is UTF-8, send Content-Type: text/csv; charset=utf-8, or --encoding utf-8 on the command line.",
        _ =>
            $"Not valid UTF-8 (the byte 0x{value:X2}). A file in another charset must say which: the GTD as START publishes it "
            + "is Windows-1252, so send Content-Type: text/csv; charset=windows-1252, or --encoding windows-1252 on the command line.",
    };

    internal const string Utf16 =
        "The file is UTF-16 (its byte order mark says so). Save it as UTF-8, or as Windows-1252 and declare charset=windows-1252.";
}
