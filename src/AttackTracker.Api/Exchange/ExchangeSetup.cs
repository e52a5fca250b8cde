namespace AttackTracker.Api.Exchange;

public static class ExchangeSetup
{
    /// <summary>Data in and out (docs/export.md): the exports, the archive and restore, and imports as jobs.</summary>
    public static WebApplicationBuilder AddExchange(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<GtdExporter>().AddSingleton<EventArchive>().AddSingleton<ArchiveExporter>().AddSingleton<ExportSlots>();
        builder.Services.AddSingleton<ImportFormat, GtdFormat>().AddSingleton<ImportFormat, UcdpFormat>().AddSingleton<ImportFormat, RandFormat>()
            .AddSingleton<ImportFormat, AcledFormat>().AddSingleton<ImportFormats>();
        builder.Services.AddSingleton<ImportWriter>().AddSingleton<ImportRun>().AddSingleton<MissingRows>().AddSingleton<ImportJobs>().AddSingleton<ImportUploads>();
        builder.Services.AddSingleton<ImportJobRunner>().AddHostedService(services => services.GetRequiredService<ImportJobRunner>());
        return builder;
    }
}
