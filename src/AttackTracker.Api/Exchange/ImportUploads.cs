using System.IO.Pipelines;
using AttackTracker.Api.Http;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using Microsoft.AspNetCore.Http.Features;

namespace AttackTracker.Api.Exchange;

/// <summary>What an import answered at once (a small file): the rows, what became of them, and the job that ran them.</summary>
public sealed record ImportResult(Guid Job, long Rows, long Imported, long Unchanged, IReadOnlyList<GtdRowError> Rejected, IReadOnlyList<ImportedRow> Incidents, bool Written, long Withdrawn);

/// <summary>
/// An upload becomes an import job: the body is spooled into the database as it arrives and, in
/// the same pass, decoded strictly in its declared charset and read record by record within the
/// limits. A body that is not text in its charset, or whose quotes never close, is refused by line
/// with nothing kept. Then a small file is imported at once and answered 200; a larger one (or any,
/// with <c>Prefer: respond-async</c>) is answered 202 with the job's address, and the job runner takes it.
/// </summary>
public sealed class ImportUploads(ImportJobs jobs, ImportJobRunner runner, ImportFormats formats, IConfiguration configuration)
{
    /// <summary>Files of up to this many rows are imported while the client waits.</summary>
    public const int InlineRows = 2_000;

    /// <summary>The largest upload, in bytes (Import:MaxBytes): above the whole GTD as published (about 160 MB).</summary>
    public long MaxBytes { get; } = configuration.GetValue("Import:MaxBytes", 1024L * 1024 * 1024);

    public async Task<IResult> AcceptAsync(HttpContext http, string format, string? source, string? release, string? mode, string? withdrawMissing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(http);
        var errors = new ValidationErrors();
        if (!formats.Names.Contains(format))
        {
            return Problems.NotFound($"The import format '{format}' (formats: {string.Join(", ", formats.Names.Order(StringComparer.Ordinal))})");
        }

        bool? withdraw = withdrawMissing switch
        {
            null or "false" => false,
            "true" => true,
            _ => null,
        };
        if (withdraw is null)
        {
            errors.Add("withdrawMissing", "must be true or false.");
        }
        else if (withdraw.Value && !formats.Find(format).Versioned)
        {
            errors.Add("withdrawMissing", $"applies to a data set that versions its rows ({string.Join(", ", formats.Versioned.Order(StringComparer.Ordinal))}); {format} does not.");
        }

        var dataset = errors.Text("source", source, Limits.NameLength, required: true);
        var released = errors.Time("release", release, now, required: true);
        if (released is { Precision: > TimePrecision.Day })
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

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be CSV.",
                detail: $"Send Content-Type: text/csv, with its charset when it is not UTF-8 (charset={string.Join(", ", TextDecoding.Names)}).",
                type: "https://attacktracker.dev/problems/unsupported-media-type");
        }

        var charsetName = media.Charset.HasValue ? media.Charset.Value! : "utf-8";
        if (!TextDecoding.TryParse(charsetName, out var charset))
        {
            errors.Add("charset", TextDecoding.Unsupported(charsetName));
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            return Problems.TooLarge(MaxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBytes;
        }

        var request = new ImportRequest(format, dataset!, release!, chosen!.Value, charset, withdraw!.Value);
        var id = Guid.CreateVersion7();
        await jobs.CreateAsync(id, request, http.User.Identity?.Name ?? "anonymous", http.RequestAborted);
        (long Bytes, long Rows, CsvProblem? Fatal) spooled;
        try
        {
            spooled = await SpoolAsync(http.Request.Body, id, charset, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await jobs.DeleteAsync(id);
            return Problems.TooLarge(MaxBytes);
        }
        catch
        {
            await jobs.DeleteAsync(id);
            throw;
        }

        if (spooled.Fatal is { } fatal)
        {
            await jobs.DeleteAsync(id);
            return Problems.Field("body", fatal.ToString());
        }

        await jobs.QueueAsync(id, spooled.Bytes, spooled.Rows, http.RequestAborted);
        var location = $"/api/import/jobs/{id}";
        http.Response.Headers.Location = location;
        if (spooled.Rows > InlineRows || http.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            runner.Wake();
            return TypedResults.Json(await jobs.GetAsync(id, http.RequestAborted), statusCode: StatusCodes.Status202Accepted);
        }

        return await AnswerAsync(id, request, http.RequestAborted);
    }

    private async Task<IResult> AnswerAsync(Guid id, ImportRequest request, CancellationToken cancellationToken)
    {
        if (await runner.RunNowAsync(id, cancellationToken) is not var (result, written, refused, withdrawn))
        {
            return TypedResults.Json(await jobs.GetAsync(id, cancellationToken), statusCode: StatusCodes.Status202Accepted);
        }

        if (request.Mode == ImportMode.All && refused.Count > 0)
        {
            return Problems.Validation(refused
                .GroupBy(e => $"line {e.Line}: {e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        return TypedResults.Ok(new ImportResult(
            id, result.Counts.RowsRead, result.Counts.Imported, result.Counts.Unchanged, refused, written, result.Counts.Imported > 0 || withdrawn.Withdrawn > 0, withdrawn.Withdrawn));
    }

    /// <summary>Spools the body in chunks while a second reader decodes and counts its records.</summary>
    private async Task<(long Bytes, long Rows, CsvProblem? Fatal)> SpoolAsync(Stream body, Guid id, TextCharset charset, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 * ImportJobs.ChunkSize, resumeWriterThreshold: 2 * ImportJobs.ChunkSize));
        var scan = Task.Run(
            async () =>
            {
                try
                {
                    return await CsvScan.ScanAsync(pipe.Reader.AsStream(), charset, null, cancellationToken);
                }
                finally
                {
                    // A scan that stopped early (bytes not in the charset) lets the spooling stop too.
                    await pipe.Reader.CompleteAsync();
                }
            },
            cancellationToken);
        var buffer = new byte[ImportJobs.ChunkSize];
        var filled = 0;
        var seq = 0;
        var bytes = 0L;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                var flushed = await pipe.Writer.WriteAsync(buffer.AsMemory(filled, read), cancellationToken);
                if (flushed.IsCompleted)
                {
                    break;
                }

                filled += read;
                bytes += read;
                if (filled == buffer.Length)
                {
                    await jobs.AppendChunkAsync(id, seq++, buffer, cancellationToken);
                    filled = 0;
                }
            }

            if (filled > 0)
            {
                await jobs.AppendChunkAsync(id, seq, buffer.AsMemory(0, filled), cancellationToken);
            }
        }
        finally
        {
            await pipe.Writer.CompleteAsync();
        }

        var result = await scan;
        return (bytes, result.Rows, result.Fatal);
    }
}
