using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests.Desk;

public class SuggestionFactsTests
{
    private static readonly SourceRequest Source = new("Long War Journal", "https://www.longwarjournal.org", SourceKind.News, Reliability.B);

    [Fact]
    public void Every_fact_quotes_its_passage_verbatim()
    {
        foreach (var article in AnnotatedArticles.All)
        {
            var suggestions = Suggestions.Suggest(article.Text, new SuggestOptions { PublishedAt = article.PublishedAt }).Where(s => s.Attack == AttackReference.This).ToList();

            var facts = SuggestionFacts.ToFacts(suggestions);

            Assert.Empty(facts.Skipped);
            Assert.Equal(suggestions.Select(s => s.Passage.Text), facts.Facts.Select(f => f.Quote));
            Assert.All(suggestions, s => Assert.Equal(article.Text.Substring(s.Passage.Start, s.Passage.End - s.Passage.Start), s.Passage.Text));
        }
    }

    [Fact]
    public void The_accepted_suggestions_of_a_seed_article_make_a_valid_report()
    {
        var article = AnnotatedArticles.All.First(a => a.Name.StartsWith("03", StringComparison.Ordinal));
        var accepted = Suggestions.Suggest(article.Text, new SuggestOptions { PublishedAt = article.PublishedAt });

        var request = SuggestionFacts.ToReport(Source, "Islamic State claims its ‘soldier’ took hostages in southern France", null, "2018-03-23", 2, accepted);
        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(Guid.NewGuid(), request, DateTimeOffset.UtcNow, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        Assert.NotNull(command);
        Assert.NotEmpty(command.Facts);
    }

    [Fact]
    public void A_toll_of_another_attack_is_handed_back_not_reported()
    {
        var suggestions = Suggestions.Suggest("Three people were killed in Tuesday's stabbing. In Nov. 2015, attacks in Paris killed 130 people.", new SuggestOptions { PublishedAt = new DateOnly(2019, 3, 14) });

        var facts = SuggestionFacts.ToFacts(suggestions);

        var skipped = Assert.Single(facts.Skipped);
        Assert.Equal(130, ((SuggestedFigure)skipped.Suggestion.Value).Number);
        var killed = Assert.Single(facts.Facts.OfType<CasualtiesFact>());
        Assert.Equal(ReportedCount.Exact(3), killed.Killed);
    }

    [Fact]
    public void Figures_map_to_the_casualty_categories_by_scope_and_a_part_to_a_note()
    {
        var facts = SuggestionFacts.ToFacts(
        [
            Figure(SuggestionKind.Killed, new SuggestedFigure(40, null, FigureQualifier.MoreThan, FigureScope.Victims), "More than 40 people were killed"),
            Figure(SuggestionKind.Wounded, new SuggestedFigure(1, null, FigureQualifier.Exact, FigureScope.Perpetrators), "the gunman was wounded"),
            Figure(SuggestionKind.Killed, new SuggestedFigure(2, null, FigureQualifier.Exact, FigureScope.Part), "two of them in the supermarket"),
        ]).Facts;

        Assert.Equal(ReportedCount.AtLeast(41), Assert.IsType<CasualtiesFact>(facts[0]).Killed);
        Assert.Equal(ReportedCount.Exact(1), Assert.IsType<CasualtiesFact>(facts[1]).PerpetratorsWounded);
        Assert.Equal("Part of the toll: 2 killed.", Assert.IsType<NoteFact>(facts[2]).Text);
        Assert.Equal("two of them in the supermarket", facts[2].Quote);
    }

    [Fact]
    public void Claims_people_perpetrators_places_and_types_map_to_their_facts()
    {
        const string text = "Police identified the gunman as Karl Brenner, 37, a German national. He opened fire with a rifle in the town of Gorvik, "
            + "killing two. Among the dead was a nurse, Clara Diaz. The Islamic State claimed responsibility in a video.";
        var facts = SuggestionFacts.ToFacts(Suggestions.Suggest(text)).Facts;

        Assert.Contains(facts, f => f is PerpetratorFact { Key: "karl-brenner", Name: "Karl Brenner" });
        Assert.Contains(facts, f => f is PerpetratorFact { Key: "karl-brenner", Age: 37 });
        Assert.Contains(facts, f => f is PerpetratorFact { Key: "karl-brenner", Nationality: "German" });
        Assert.Contains(facts, f => f is PersonFact { Key: "clara-diaz", Name: "Clara Diaz", Role: "nurse", Status: PersonStatus.Killed });
        Assert.Contains(facts, f => f is ClaimFact { Claimant: "Islamic State", Mode: ClaimMode.Video });
        Assert.Contains(facts, f => f is LocationFact { City: "Gorvik" });
        Assert.Contains(facts, f => f is AttackTypeFact a && a.AttackTypes.Contains(AttackType.ArmedAssault));
        Assert.Contains(facts, f => f is WeaponFact { WeaponType: WeaponType.Firearms, Detail: "rifle" });
    }

    private static Suggestion Figure(SuggestionKind kind, SuggestedFigure value, string passage) =>
        new(kind, value, new Passage(0, passage.Length, passage), 0.9, AttackReference.This);
}
