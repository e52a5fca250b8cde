using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using static AttackTracker.Domain.Tests.ReportRequests;

namespace AttackTracker.Domain.Tests;

public class ReportValidationTests
{
    [Fact]
    public void A_valid_request_becomes_a_command_with_trimmed_strings()
    {
        var request = new ReportRequest(
            new SourceRequest("  Le Monde ", " https://www.lemonde.fr ", SourceKind.News, Reliability.B),
            "  Attaque de Trèbes : quatre morts  ",
            " https://www.lemonde.fr/societe/article/2018/03/23/trebes.html ",
            "2018-03-23",
            2,
            [
                new CasualtiesFact { Killed = ReportedCount.Exact(4), Quote = "  Quatre personnes ont été tuées.\n  " },
                new NoteFact { Text = "  First line.\nSecond line.  " },
            ]);

        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(IncidentId, request, Now, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(command);
        Assert.Equal(IncidentId, command.IncidentId);
        Assert.Equal(new SourceRequest("Le Monde", "https://www.lemonde.fr", SourceKind.News, Reliability.B), command.Source);
        Assert.Equal("Attaque de Trèbes : quatre morts", command.Title);
        Assert.Equal("https://www.lemonde.fr/societe/article/2018/03/23/trebes.html", command.Url);
        Assert.Equal(new DateTimeOffset(2018, 3, 23, 0, 0, 0, TimeSpan.Zero), command.PublishedAt);
        Assert.Equal(2, command.Credibility);
        Assert.Equal(
            [
                new CasualtiesFact { Killed = ReportedCount.Exact(4), Quote = "Quatre personnes ont été tuées." },
                new NoteFact { Text = "First line.\nSecond line." },
            ],
            command.Facts);
    }

    [Theory]
    [InlineData("Agence \u202Etset", "U+202E")]
    [InlineData("Agence\u2066 Test", "U+2066")]
    [InlineData("Agence T\u200Best", "U+200B")]
    [InlineData("Agence T\u200Dest", "U+200D")]
    [InlineData("Agence\u00ADTest", "U+00AD")]
    [InlineData("\u3164", "U+3164")]
    public void A_name_with_an_invisible_character_is_refused_naming_it(string name, string character)
    {
        var errors = Errors(Valid() with { Source = Valid().Source! with { Name = name } });
        Assert.Contains(character, Assert.Single(errors["source.name"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_persian_name_keeps_its_zero_width_non_joiner()
    {
        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(IncidentId, Valid() with { Source = Valid().Source! with { Name = "خبرگزاری\u200Cها" } }, Now, errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
        Assert.Equal("خبرگزاری\u200Cها", command!.Source!.Name);
    }

    [Fact]
    public void A_missing_source_is_reported_at_source()
    {
        AssertRejectedAt(Valid() with { Source = null }, "source");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_source_without_a_name_is_reported_at_source_name(string? name)
    {
        AssertRejectedAt(Valid() with { Source = new SourceRequest(name, null, null, null) }, "source.name");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void A_missing_title_is_reported_at_title(string? title)
    {
        AssertRejectedAt(Valid() with { Title = title }, "title");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("23/03/2018")]
    [InlineData("2018-02-30")]
    public void A_missing_or_malformed_publication_date_is_reported_at_published_at(string? publishedAt)
    {
        AssertRejectedAt(Valid() with { PublishedAt = publishedAt }, "publishedAt");
    }

    [Fact]
    public void A_publication_date_beyond_the_future_tolerance_is_rejected()
    {
        var tooLate = Now + Limits.FutureTolerance + TimeSpan.FromMinutes(1);

        AssertRejectedAt(Valid() with { PublishedAt = Iso(tooLate) }, "publishedAt");
    }

    [Fact]
    public void A_publication_date_within_the_future_tolerance_is_accepted()
    {
        var slightlyAhead = Now + Limits.FutureTolerance;

        var command = AssertAccepted(Valid() with { PublishedAt = Iso(slightlyAhead) });

        Assert.Equal(slightlyAhead, command.PublishedAt);
    }

    [Theory]
    [InlineData("1799")]
    [InlineData("1799-12-31")]
    public void A_date_before_the_earliest_year_is_rejected(string publishedAt)
    {
        AssertRejectedAt(Valid() with { PublishedAt = publishedAt }, "publishedAt");
    }

    [Fact]
    public void A_date_in_the_earliest_year_is_accepted()
    {
        AssertAccepted(Valid() with { PublishedAt = $"{Limits.EarliestYear}-01-01" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void A_credibility_outside_one_to_six_is_rejected(int credibility)
    {
        AssertRejectedAt(Valid() with { Credibility = credibility }, "credibility");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void A_credibility_from_one_to_six_is_accepted(int credibility)
    {
        Assert.Equal(credibility, AssertAccepted(Valid() with { Credibility = credibility }).Credibility);
    }

    [Fact]
    public void A_report_without_facts_is_rejected()
    {
        AssertRejectedAt(Valid() with { Facts = null }, "facts");
        AssertRejectedAt(Valid() with { Facts = [] }, "facts");
    }

    [Fact]
    public void A_report_with_more_facts_than_the_limit_is_rejected()
    {
        AssertRejectedAt(Valid() with { Facts = Notes(Limits.FactsPerReport + 1) }, "facts");
    }

    [Fact]
    public void A_report_with_as_many_facts_as_the_limit_is_accepted()
    {
        Assert.Equal(Limits.FactsPerReport, AssertAccepted(Valid() with { Facts = Notes(Limits.FactsPerReport) }).Facts.Count);
    }

    [Fact]
    public void A_null_fact_is_reported_at_its_index()
    {
        AssertRejectedAt(WithFacts(Note(), null), "facts[1]");
    }

    [Theory]
    [InlineData("Trèbes\u0007")]
    [InlineData("Trèbes\nattack")]
    [InlineData("Trèbes\tattack")]
    [InlineData("Trèbes\u0000attack")]
    [InlineData("Trèbes\u2028attack")]
    [InlineData("Trèbes\u0085attack")]
    public void A_control_character_in_a_single_line_field_is_rejected(string title)
    {
        AssertRejectedAt(Valid() with { Title = title }, "title");
    }

    [Fact]
    public void Newlines_and_tabs_are_allowed_in_note_text_and_quotes()
    {
        var command = AssertAccepted(WithFacts(new NoteFact { Text = "First line.\r\n\tSecond line.", Quote = "Line one.\nLine two." }));

        var note = Assert.IsType<NoteFact>(Assert.Single(command.Facts));
        Assert.Equal("First line.\r\n\tSecond line.", note.Text);
        Assert.Equal("Line one.\nLine two.", note.Quote);
    }

    [Fact]
    public void A_control_character_other_than_a_newline_or_tab_is_rejected_in_note_text()
    {
        AssertRejectedAt(WithFacts(new NoteFact { Text = "Bell\u0007" }), "facts[0].text");
    }

    [Fact]
    public void An_unpaired_surrogate_is_rejected()
    {
        // Built in code: an attribute argument cannot hold an unpaired surrogate.
        AssertRejectedAt(Valid() with { Title = "Trèbes \uD800 attack" }, "title");
        AssertRejectedAt(Valid() with { Title = "Trèbes \uDC00 attack" }, "title");
        AssertRejectedAt(Valid() with { Title = "Trèbes attack \uD83D" }, "title");
        AssertRejectedAt(Valid() with { Title = "\uDE2F\uD83D Trèbes" }, "title");
    }

    [Fact]
    public void A_surrogate_pair_is_accepted()
    {
        Assert.Equal("Trèbes \U0001F56F", AssertAccepted(Valid() with { Title = "Trèbes \U0001F56F" }).Title);
    }

    [Fact]
    public void Strings_over_their_limit_are_rejected_and_strings_at_it_are_accepted()
    {
        AssertAccepted(Valid() with { Title = new string('t', Limits.TitleLength) });
        AssertRejectedAt(Valid() with { Title = new string('t', Limits.TitleLength + 1) }, "title");
        AssertRejectedAt(Valid() with { Source = new SourceRequest(new string('s', Limits.NameLength + 1), null, null, null) }, "source.name");
        AssertRejectedAt(WithFacts(new NoteFact { Text = new string('n', Limits.TextLength + 1) }), "facts[0].text");
        AssertRejectedAt(WithFacts(new NoteFact { Text = "Note.", Quote = new string('q', Limits.QuoteLength + 1) }), "facts[0].quote");
        AssertRejectedAt(Valid() with { Url = "https://example.org/" + new string('u', Limits.UrlLength) }, "url");
    }

    [Theory]
    [InlineData("ftp://example.org/report.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("www.lemonde.fr")]
    public void A_url_that_is_not_absolute_http_or_https_is_rejected(string url)
    {
        AssertRejectedAt(Valid() with { Url = url }, "url");
        AssertRejectedAt(Valid() with { Source = new SourceRequest("Le Monde", url, null, null) }, "source.url");
    }
}
