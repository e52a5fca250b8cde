using System.Text;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class ImportGtdEndpoint
{
    /// <summary>The largest CSV body an import takes, in bytes.</summary>
    public const long BodyLimit = 64L * 1024 * 1024;

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new CsvRequestBody("GTD-shaped CSV (UTF-8, a header line, the export's columns or the GTD's own; docs/export.md)."))
            .WithTags("Data exchange")
            .WithQuery(
                OpenApiMetadata.Text("source", "The data set the rows come from, recorded as the reports' source (e.g. Global Terrorism Database).", Limits.NameLength),
                [new QueryParameter("release", QueryValue.Text, "The data set's release: its publication date (YYYY, YYYY-MM or YYYY-MM-DD), recorded as the reports' publication date.", MaxLength: 10)],
                [new QueryParameter("mode", QueryValue.Text, "rows (default): write the good rows and list the rejected ones; all: write nothing when any row is rejected.", MaxLength: 4)])
            .WithSummary("Imports GTD-shaped rows: each opens its incident (or finds it by eventid) and becomes one report from the data set's release.");
    }

    [WolverinePost("/api/import/gtd", OperationId = "importGtd")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(HttpContext http, GtdImporter importer, TimeProvider clock, string? source, string? release, string? mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(importer);
        var errors = new ValidationErrors();
        var dataset = errors.Text("source", source, Limits.NameLength, required: true);
        var released = errors.Time("release", release, clock.GetUtcNow(), required: true);
        if (released is { Precision: > Domain.TimePrecision.Day })
        {
            errors.Add("release", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD.");
        }

        ImportMode? chosen = mode switch
        {
            null or "rows" => ImportMode.Rows,
            "all" => ImportMode.All,
            _ => null,
        };
        if (chosen is null)
        {
            errors.Add("mode", "must be rows or all.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (!IsCsv(http.Request.ContentType))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be CSV.",
                detail: "Send Content-Type: text/csv (UTF-8).",
                type: "https://attacktracker.dev/problems/unsupported-media-type");
        }

        if (http.Request.ContentLength > BodyLimit)
        {
            return Problems.TooLarge(BodyLimit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = BodyLimit;
        }

        ImportResult result;
        try
        {
            using var text = new StreamReader(http.Request.Body, GtdImporter.Utf8, detectEncodingFromByteOrderMarks: false);
            result = await importer.ImportAsync(text, dataset!, release!, chosen!.Value, http.User.Identity?.Name ?? "anonymous", cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(BodyLimit);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Field("body", "must be UTF-8 text.");
        }

        if (chosen == ImportMode.All && result.Rejected.Count > 0)
        {
            return Problems.Validation(result.Rejected
                .GroupBy(e => $"line {e.Line}: {e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        return TypedResults.Ok(result);
    }

    private static bool IsCsv(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
