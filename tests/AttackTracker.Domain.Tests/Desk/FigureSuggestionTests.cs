using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Desk;

namespace AttackTracker.Domain.Tests.Desk;

public class FigureSuggestionTests
{
    internal static IReadOnlyList<Suggestion> Read(string text, string? published = null) =>
        Suggestions.Suggest(text, new SuggestOptions { PublishedAt = published is null ? null : DateOnly.Parse(published, CultureInfo.InvariantCulture) });

    private static List<(SuggestionKind Kind, SuggestedFigure Value, AttackReference Attack, string Passage)> Figures(string text, string? published = null) =>
        [.. Read(text, published).Where(s => s.Value is SuggestedFigure).Select(s => (s.Kind, (SuggestedFigure)s.Value, s.Attack, s.Passage.Text))];

    [Theory]
    [InlineData("Police said 7 people were killed in the blast.", SuggestionKind.Killed, 7, null, FigureQualifier.Exact)]
    [InlineData("Twenty-three people were wounded, officials said.", SuggestionKind.Wounded, 23, null, FigureQualifier.Exact)]
    [InlineData("A dozen people were injured when the roof collapsed after the explosion.", SuggestionKind.Wounded, 12, null, FigureQualifier.Exact)]
    [InlineData("At least 12 people died in the attack.", SuggestionKind.Killed, 12, null, FigureQualifier.AtLeast)]
    [InlineData("More than 40 were killed in the bombing.", SuggestionKind.Killed, 40, null, FigureQualifier.MoreThan)]
    [InlineData("Over 60 people were hurt in the stampede that followed the blast.", SuggestionKind.Wounded, 60, null, FigureQualifier.MoreThan)]
    [InlineData("About 30 people were injured in the shooting.", SuggestionKind.Wounded, 30, null, FigureQualifier.About)]
    [InlineData("Some 25 villagers were killed, a local chief said.", SuggestionKind.Killed, 25, null, FigureQualifier.About)]
    [InlineData("Up to 50 people may have been killed in the raid.", SuggestionKind.Killed, 50, null, FigureQualifier.UpTo)]
    [InlineData("Fewer than 10 people were hurt in the explosion.", SuggestionKind.Wounded, 10, null, FigureQualifier.FewerThan)]
    [InlineData("Between 15 and 16 people were wounded in the attack.", SuggestionKind.Wounded, 15, 16, FigureQualifier.Range)]
    [InlineData("Officials said 15 to 16 people were wounded in the attack.", SuggestionKind.Wounded, 15, 16, FigureQualifier.Range)]
    [InlineData("The shooting left 15-16 wounded, according to two counts.", SuggestionKind.Wounded, 15, 16, FigureQualifier.Range)]
    [InlineData("Dozens were wounded when the bomb went off.", SuggestionKind.Wounded, 24, null, FigureQualifier.AtLeast)]
    [InlineData("The gunmen opened fire on the crowd, killing nine.", SuggestionKind.Killed, 9, null, FigureQualifier.Exact)]
    [InlineData("The truck ploughed into shoppers, injuring one hundred and twelve people.", SuggestionKind.Wounded, 112, null, FigureQualifier.Exact)]
    public void Reads_a_count_with_its_qualifier_as_written(string text, SuggestionKind kind, int number, int? max, FigureQualifier qualifier)
    {
        var figure = Assert.Single(Figures(text));

        Assert.Equal(kind, figure.Kind);
        Assert.Equal(new SuggestedFigure(number, max, qualifier, FigureScope.Victims), figure.Value);
        Assert.Equal(AttackReference.This, figure.Attack);
    }

    [Fact]
    public void Converts_each_qualifier_to_the_count_the_record_keeps()
    {
        Assert.Equal(ReportedCount.AtLeast(41), new SuggestedFigure(40, null, FigureQualifier.MoreThan, FigureScope.Victims).Count);
        Assert.Equal(ReportedCount.AtMost(9), new SuggestedFigure(10, null, FigureQualifier.FewerThan, FigureScope.Victims).Count);
        Assert.Equal(ReportedCount.AtMost(50), new SuggestedFigure(50, null, FigureQualifier.UpTo, FigureScope.Victims).Count);
        Assert.Equal(ReportedCount.Between(15, 16), new SuggestedFigure(15, 16, FigureQualifier.Range, FigureScope.Victims).Count);
        Assert.Equal(ReportedCount.Exact(30), new SuggestedFigure(30, null, FigureQualifier.About, FigureScope.Victims).Count);
    }

    [Fact]
    public void The_passage_is_the_exact_text_at_its_offsets()
    {
        const string text = "A bomb exploded at the market on Tuesday. At least 14 people were killed and 32 others wounded.";

        foreach (var suggestion in Read(text, "2019-06-04"))
        {
            Assert.Equal(text[suggestion.Passage.Start..suggestion.Passage.End], suggestion.Passage.Text);
            Assert.InRange(suggestion.Confidence, 0, 1);
        }

        Assert.Contains(Figures(text), f => f.Passage == "At least 14 people were killed" && f.Value.Qualifier == FigureQualifier.AtLeast);
        Assert.Contains(Figures(text), f => f.Passage == "32 others wounded" && f.Kind == SuggestionKind.Wounded);
    }

    [Theory]
    [InlineData("The attacker was shot dead by police after a short chase.", SuggestionKind.Killed)]
    [InlineData("The gunman, who had opened fire on diners, was killed by a police officer.", SuggestionKind.Killed)]
    [InlineData("A suicide bomber blew himself up outside the station.", SuggestionKind.Killed)]
    [InlineData("Police shot and killed the assailant in the lobby.", SuggestionKind.Killed)]
    [InlineData("The man killed three people before turning the gun on himself.", SuggestionKind.Killed)]
    [InlineData("The terrorist was seriously wounded in the exchange of fire.", SuggestionKind.Wounded)]
    public void Counts_a_perpetrator_killed_or_wounded_without_a_number(string text, SuggestionKind kind)
    {
        Assert.Contains(Figures(text), f => f.Kind == kind && f.Value == new SuggestedFigure(1, null, FigureQualifier.Exact, FigureScope.Perpetrators));
    }

    [Fact]
    public void Counts_perpetrators_by_their_noun()
    {
        var figures = Figures("Three gunmen were killed by soldiers, and two civilians were wounded in the crossfire.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(3, null, FigureQualifier.Exact, FigureScope.Perpetrators));
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value == new SuggestedFigure(2, null, FigureQualifier.Exact, FigureScope.Victims));
    }

    [Theory]
    [InlineData("Five people were killed in the attack, two of them in the supermarket.", 2)]
    [InlineData("Eleven people were wounded, four of them critically.", 4)]
    [InlineData("Twenty people were injured. Hospital staff said six of the injured were in a critical condition.", 6)]
    [InlineData("Eight people were wounded in the shooting. Two police officers were among the wounded.", 2)]
    public void A_part_of_the_toll_is_marked_as_a_part(string text, int part)
    {
        var figures = Figures(text);

        Assert.Contains(figures, f => f.Value.Number == part && f.Value.Scope == FigureScope.Part);
        Assert.Contains(figures, f => f.Value.Scope == FigureScope.Victims && f.Value.Number > part);
    }

    [Fact]
    public void A_smaller_count_in_the_narrative_is_a_part_of_the_total()
    {
        var figures = Figures("Six people died in the attacks. In the first, at a petrol station, the gunman killed two people.");

        Assert.Contains(figures, f => f.Value == new SuggestedFigure(6, null, FigureQualifier.Exact, FigureScope.Victims));
        Assert.Contains(figures, f => f.Value == new SuggestedFigure(2, null, FigureQualifier.Exact, FigureScope.Part));
    }

    [Fact]
    public void A_toll_of_another_attack_mentioned_in_passing_is_marked_as_another_attack()
    {
        var figures = Figures(
            "Three people were killed in Tuesday's stabbing in Lyonne. It was the deadliest attack since the 2016 truck attack, which killed 86. "
            + "Last year, a similar attack on a market killed four people.",
            "2019-03-14");

        Assert.Contains(figures, f => f.Value.Number == 3 && f.Attack == AttackReference.This);
        Assert.Contains(figures, f => f.Value.Number == 86 && f.Attack == AttackReference.Other);
        Assert.Contains(figures, f => f.Value.Number == 4 && f.Attack == AttackReference.Other);
    }

    [Fact]
    public void A_paragraph_about_an_earlier_attack_stays_about_it()
    {
        var figures = Figures(
            "Two people were wounded in the shooting in Arlon on 3 May 2021.\n\n"
            + "In March 2016, bombers struck the airport and a metro station in Brussels. Thirty-two people were killed and more than 300 wounded.\n\n"
            + "Police said the two wounded in Arlon were out of danger.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value.Number == 2 && f.Attack == AttackReference.This);
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value.Number == 32 && f.Attack == AttackReference.Other);
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value == new SuggestedFigure(300, null, FigureQualifier.MoreThan, FigureScope.Victims) && f.Attack == AttackReference.Other);
    }

    [Fact]
    public void A_toll_the_article_supersedes_is_not_suggested()
    {
        var figures = Figures("The death toll rose to 11 on Sunday. Earlier reports had put the toll at eight.");

        var figure = Assert.Single(figures);
        Assert.Equal(11, figure.Value.Number);
    }

    [Theory]
    [InlineData("The suspect, a 25-year-old man, was arrested at 10 a.m. on Friday.")]
    [InlineData("In 2016 he was jailed for three years and served 18 months.")]
    [InlineData("The device held about 200 grams of explosive and was found 3 km away.")]
    [InlineData("He faces three counts of attempted murder.")]
    [InlineData("Since January 2015, 24 terrorist attacks have been carried out in the country.")]
    [InlineData("Hundreds gathered for a vigil on Sunday evening.")]
    [InlineData("Five of the dead were tourists from Argentina.")]
    [InlineData("About 20 people hid in a cold room at the back of the store.")]
    [InlineData("The gunman shot Jean Martin, 54, outside his home.")]
    public void A_number_that_is_not_a_casualty_count_is_not_suggested(string text)
    {
        Assert.Empty(Figures(text));
    }

    [Fact]
    public void No_one_hurt_is_a_count_of_zero()
    {
        var figure = Assert.Single(Figures("A fire was set at the door of the synagogue overnight. No one was injured."));

        Assert.Equal((SuggestionKind.Wounded, 0), (figure.Kind, figure.Value.Number));
    }

    [Fact]
    public void A_figure_repeated_in_the_headline_is_one_suggestion_quoting_the_body()
    {
        var figures = Figures("Four dead in market shooting\n\nFour people were killed when a gunman opened fire at the market. Police said four people were killed.");

        var figure = Assert.Single(figures);
        Assert.Equal("Four people were killed", figure.Passage);
    }

    [Fact]
    public void Of_them_after_the_attackers_counts_attackers()
    {
        var figures = Figures("As many as 20 gunmen took part and five of them were killed by soldiers.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(5, null, FigureQualifier.Exact, FigureScope.Perpetrators));
    }

    [Fact]
    public void A_state_of_health_of_them_in_the_next_sentence_is_a_part_of_the_wounded()
    {
        var figures = Figures("About 50 people were injured in the blast. Seven of them were still in intensive care on Monday.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value == new SuggestedFigure(7, null, FigureQualifier.Exact, FigureScope.Part));
    }

    [Fact]
    public void Last_weeks_attack_in_a_follow_up_is_this_attack_and_last_month_another()
    {
        var figures = Figures(
            "Two more victims of last week's bombing at the station have died, bringing the number of dead to seven. "
            + "The blast on 11 September was the second in the city. Last month, a bomb at a market killed four people.",
            "2023-09-18");

        Assert.Contains(figures, f => f.Value.Number == 7 && f.Attack == AttackReference.This);
        Assert.Contains(figures, f => f.Value.Number == 2 && f.Attack == AttackReference.This);
        Assert.Contains(figures, f => f.Value.Number == 4 && f.Attack == AttackReference.Other);
    }

    [Fact]
    public void A_year_earlier_opens_a_look_back_at_another_attack()
    {
        var figures = Figures("A gunman killed two people at a bar on Friday. A year earlier, a bombing at the station had left nine dead.", "2022-11-20");

        Assert.Contains(figures, f => f.Value.Number == 2 && f.Attack == AttackReference.This);
        Assert.Contains(figures, f => f.Value.Number == 9 && f.Attack == AttackReference.Other);
    }

    [Theory]
    [InlineData("A gunman killed two people before police shot him dead.", SuggestionKind.Killed)]
    [InlineData("The driver fled. He was shot and wounded by a police officer near the station.", SuggestionKind.Wounded)]
    public void A_perpetrator_named_by_a_pronoun_and_shot_by_the_police_is_counted(string text, SuggestionKind kind)
    {
        Assert.Contains(Figures(text), f => f.Kind == kind && f.Value == new SuggestedFigure(1, null, FigureQualifier.Exact, FigureScope.Perpetrators));
    }

    [Fact]
    public void A_single_victim_of_any_noun_is_a_count_of_one()
    {
        Assert.Contains(Figures("A third teenager was wounded in the shooting."), f => f.Kind == SuggestionKind.Wounded && f.Value.Number == 1);
    }

    [Fact]
    public void Each_count_of_a_list_after_one_verb_is_a_part_of_the_toll()
    {
        var figures = Figures("Bomb kills nine at market\n\nA bomb exploded at the market, killing six traders and three shoppers.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(6, null, FigureQualifier.Exact, FigureScope.Part));
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(3, null, FigureQualifier.Exact, FigureScope.Part));
    }

    [Fact]
    public void A_long_subject_before_the_casualty_word_is_read_through()
    {
        var figures = Figures("Three more victims of Friday's shooting at the mall in Halden have died in hospital.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value.Number == 3);
    }

    [Fact]
    public void A_description_of_the_injured_beside_a_hospital_is_not_a_count()
    {
        Assert.DoesNotContain(Figures("Five people were injured. Two of the injured were children, a hospital spokesman said."), f => f.Value.Number == 2);
    }

    [Fact]
    public void A_headline_that_drops_the_qualifier_does_not_add_a_second_figure()
    {
        var figure = Assert.Single(Figures("Nine killed in market bombing\n\nAt least nine people were killed when a bomb exploded in the market."));

        Assert.Equal(new SuggestedFigure(9, null, FigureQualifier.AtLeast, FigureScope.Victims), figure.Value);
    }

    [Fact]
    public void A_look_back_in_the_middle_of_a_sentence_does_not_move_its_figures_to_another_attack()
    {
        var figures = Figures("The group, which has been active in recent months, claimed the bombing that killed at least 30 people on Friday.", "2024-03-25");

        Assert.Contains(figures, f => f.Value.Number == 30 && f.Attack == AttackReference.This);
    }

    [Fact]
    public void French_articles_get_counts_in_digits_and_small_number_words()
    {
        var figures = Figures("Fusillade à Montreuil : 3 morts et 12 blessés\n\nAu moins deux personnes ont été tuées et plus de 10 blessées selon la préfecture.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value.Number == 3);
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value.Number == 12);
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(2, null, FigureQualifier.AtLeast, FigureScope.Victims));
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value == new SuggestedFigure(10, null, FigureQualifier.MoreThan, FigureScope.Victims));
    }

    [Fact]
    public void Spanish_articles_get_counts_with_al_menos_and_mas_de()
    {
        var figures = Figures("Al menos 7 personas murieron y más de 20 resultaron heridas en el ataque.");

        Assert.Contains(figures, f => f.Kind == SuggestionKind.Killed && f.Value == new SuggestedFigure(7, null, FigureQualifier.AtLeast, FigureScope.Victims));
        Assert.Contains(figures, f => f.Kind == SuggestionKind.Wounded && f.Value == new SuggestedFigure(20, null, FigureQualifier.MoreThan, FigureScope.Victims));
    }

    [Fact]
    public void French_numbers_in_words_beyond_the_small_table_are_not_read()
    {
        Assert.Contains(Figures("Vingt-deux personnes ont été blessées."), f => f.Value.Number == 22);
        Assert.Empty(Figures("Dix-sept personnes ont été blessées."));
        Assert.Equal([SuggestionKind.Wounded], Figures("Attaque au couteau : un mort et neuf blessés.").Select(f => f.Kind));
        Assert.Empty(Figures("Soixante-dix personnes ont été blessées."));
    }
}
