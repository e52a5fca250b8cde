using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class ImportDatasetEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportResult>()
            .Produces<ImportJobView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new CsvRequestBody(
                "A data set's CSV in its published layout (gtd: the export's columns or the GTD's own, 0718 and 2020 releases, docs/export.md; "
                + "ucdp: UCDP GED; rand: the RAND Database of Worldwide Terrorism Incidents; acled: ACLED's export; docs/datasets.md), "
                + $"with a header line, any line ending, in the charset Content-Type declares ({string.Join(", ", TextDecoding.Names)}; UTF-8 when none)."))
            .WithTags("Data exchange")
            .WithQuery(
                OpenApiMetadata.Text("source", "The data set the rows come from, recorded as the reports' source (e.g. Global Terrorism Database).", Limits.NameLength),
                [new QueryParameter("release", QueryValue.Text, "The data set's release: its publication date (YYYY, YYYY-MM or YYYY-MM-DD), recorded as the reports' publication date.", MaxLength: 10)],
                [new QueryParameter("mode", QueryValue.Text, "rows (default): write the good rows and list the rejected ones; all: write nothing when any row is rejected.", MaxLength: 4)],
                [new QueryParameter("withdrawMissing", QueryValue.Choice, "acled only: true when the file is a full export; once its rows are in, the data set's rows the record holds in the export's countries and days that the export lacks are withdrawn by the source as of the release (docs/datasets.md).", Choices: ["true", "false"])])
            .WithSummary($"Imports a data set's rows as reports: a file of up to {ImportUploads.InlineRows} rows is answered 200 when done; a larger one (or any, with Prefer: respond-async) 202 with its job.");
    }

    [WolverinePost("/api/import/{format}", OperationId = "importDataset")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static Task<IResult> Post(string format, HttpContext http, ImportUploads uploads, TimeProvider clock, string? source, string? release, string? mode, string? withdrawMissing)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(clock);
        return uploads.AcceptAsync(http, format, source, release, mode, withdrawMissing, clock.GetUtcNow());
    }
}
