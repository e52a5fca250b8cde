using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Desk;

public class FactSuggestionTests
{
    private static List<T> Values<T>(string text, string? published = null)
        where T : SuggestedValue =>
        [.. FigureSuggestionTests.Read(text, published).Where(s => s.Attack == AttackReference.This).Select(s => s.Value).OfType<T>()];

    [Theory]
    [InlineData("The Islamic State claimed responsibility through its Amaq news agency.", "Islamic State", ClaimChannel.NewsAgency)]
    [InlineData("Daesh claimed the attack in a statement on Saturday.", "Islamic State", ClaimChannel.Statement)]
    [InlineData("ISIL claimed responsibility in a video released on Monday.", "Islamic State", ClaimChannel.Video)]
    [InlineData("In a post on Telegram, ISIS claimed responsibility for the bombing.", "Islamic State", ClaimChannel.SocialMedia)]
    [InlineData("ISKP claimed responsibility for the blast at the airport gate.", "Islamic State Khorasan Province", null)]
    [InlineData("The Free Mountain Front claimed responsibility in a statement sent to reporters.", "Free Mountain Front", ClaimChannel.Statement)]
    [InlineData("Boko Haram said in a video that it had planted the bomb.", "Boko Haram", ClaimChannel.Video)]
    [InlineData("In a message on Telegram, al-Shabaab said its fighters had carried out the raid.", "al-Shabaab", ClaimChannel.SocialMedia)]
    public void Reads_the_claimant_resolved_to_its_canonical_name_and_the_channel(string text, string claimant, ClaimChannel? channel)
    {
        var claim = Assert.Single(Values<SuggestedClaim>(text));

        Assert.Equal((claimant, channel), (claim.Claimant, claim.Channel));
    }

    [Theory]
    [InlineData("No group has claimed responsibility for the attack.")]
    [InlineData("There was no immediate claim of responsibility, but suspicion fell on ISIS.")]
    [InlineData("The PKK denied any involvement and said it did not target civilians.")]
    [InlineData("L'attentat n'a pas été revendiqué par l'État islamique.")]
    [InlineData("The attacker claimed to be a member of ISIS before opening fire.")]
    [InlineData("A car bomb killed four soldiers in an al-Qaeda-linked area; nobody claimed it.")]
    public void A_denial_or_a_missing_claim_is_not_a_claim(string text)
    {
        Assert.Empty(Values<SuggestedClaim>(text));
    }

    [Fact]
    public void A_claim_in_another_language_is_read_with_the_alias_table()
    {
        var french = Assert.Single(Values<SuggestedClaim>("L'attaque a été revendiquée par l'État islamique via son agence Amaq."));
        var spanish = Assert.Single(Values<SuggestedClaim>("El Estado Islámico reivindicó el atentado a través de su agencia Amaq."));

        Assert.Equal(("Islamic State", ClaimChannel.NewsAgency), (french.Claimant, french.Channel));
        Assert.Equal(("Islamic State", ClaimChannel.NewsAgency), (spanish.Claimant, spanish.Channel));
        Assert.Equal("Islamic State", GroupAliases.Canonical("ISIL"));
        Assert.Null(GroupAliases.Canonical("Free Mountain Front"));
    }

    [Theory]
    [InlineData("Police identified the gunman as Karl Brenner, 37, a German national.", "Karl Brenner", 37, "German")]
    [InlineData("The suspect, Amir Haddad, 19, was arrested at the scene.", "Amir Haddad", 19, null)]
    [InlineData("Tunisian-born Samir Ben Ali, 31, carried out the attack on the synagogue.", "Samir Ben Ali", 31, "Tunisian-born")]
    [InlineData("The perpetrator is a 22-year-old Somali man named Abdi Farah, prosecutors said.", "Abdi Farah", 22, "Somali")]
    [InlineData("Lars Ek, 40, a Danish national, is accused of the bombing.", "Lars Ek", 40, "Danish")]
    public void Reads_the_perpetrator_name_age_and_nationality_as_written(string text, string name, int age, string? nationality)
    {
        var suggestions = FigureSuggestionTests.Read(text);

        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.PerpetratorName && ((SuggestedPerpetrator)s.Value).Name == name);
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.PerpetratorAge && ((SuggestedPerpetrator)s.Value).Age == age);
        Assert.Equal(nationality is not null, suggestions.Any(s => s.Kind == SuggestionKind.PerpetratorNationality && ((SuggestedPerpetrator)s.Value).Nationality == nationality));
    }

    [Fact]
    public void A_victim_named_with_an_age_is_not_the_perpetrator()
    {
        var suggestions = FigureSuggestionTests.Read("Police named the victim as Anna Keller, 41, a Swiss teacher. She died at the scene.");

        Assert.DoesNotContain(suggestions, s => s.Kind is SuggestionKind.PerpetratorName or SuggestionKind.PerpetratorAge or SuggestionKind.PerpetratorNationality);
    }

    [Theory]
    [InlineData("Among the dead was a nurse, Clara Diaz, who had just finished her shift.", "Clara Diaz", PersonStatus.Killed, "nurse")]
    [InlineData("Among the injured was Tom Reid, 33, a bus driver, who was stabbed in the arm.", "Tom Reid", PersonStatus.Wounded, "bus driver")]
    [InlineData("The bank's cashier, Lena Vogt, was held hostage for six hours.", "Lena Vogt", PersonStatus.Hostage, null)]
    [InlineData("Three people were killed, including police officer Marc Weber.", "Marc Weber", PersonStatus.Killed, "police officer")]
    [InlineData("Mehdi Saadi, 24, remains in a critical condition in hospital.", "Mehdi Saadi", PersonStatus.Wounded, null)]
    [InlineData("A guard, Paul Olsen, was shot in the leg as he tried to intervene.", "Paul Olsen", PersonStatus.Wounded, "guard")]
    [InlineData("The teacher, Rita Holm, suffered deep wounds to her hands.", "Rita Holm", PersonStatus.Wounded, "teacher")]
    public void Reads_people_named_with_their_status_and_role(string text, string name, PersonStatus status, string? role)
    {
        var person = Assert.Single(Values<SuggestedPerson>(text));

        Assert.Equal((name, status), (person.Name, person.Status));
        if (role is not null)
        {
            Assert.Equal(role, person.Role);
        }
    }

    [Fact]
    public void An_official_quoted_in_the_article_is_not_a_person_of_the_attack()
    {
        Assert.Empty(Values<SuggestedPerson>("Two people were killed, Interior Minister Paul Duval said, and police chief Ana Lind told reporters the wounded were in hospital."));
    }

    [Theory]
    [InlineData("A bomb exploded at the station on 23/03/2018, killing two.", null, "2018-03-23")]
    [InlineData("On March 23, 2018, a gunman opened fire at a supermarket.", null, "2018-03-23")]
    [InlineData("A gunman opened fire at a supermarket on 23 March 2018.", null, "2018-03-23")]
    [InlineData("The attack on 2018-03-23 killed four people.", null, "2018-03-23")]
    [InlineData("A gunman opened fire at a supermarket on Friday, killing two.", "2018-03-24", "2018-03-23")]
    [InlineData("A hostage crisis that began earlier today ended with the gunman's death.", "2018-03-23", "2018-03-23")]
    [InlineData("On March 23, a gunman opened fire at a supermarket.", "2018-03-29", "2018-03-23")]
    [InlineData("Une bombe a explosé vendredi 8 novembre 2019 devant la mairie.", null, "2019-11-08")]
    public void Reads_the_date_of_the_attack_written_in_several_ways(string text, string? published, string date)
    {
        var value = Assert.Single(Values<SuggestedDate>(text, published));

        Assert.Equal(date, value.At.ToString());
    }

    [Fact]
    public void A_date_of_a_trial_or_a_memorial_is_not_the_attack_date()
    {
        var value = Assert.Single(Values<SuggestedDate>(
            "The trial opened on Monday of a man accused of the shooting at a bar in Oster on 9 June 2021, which killed three people.", "2023-02-06"));

        Assert.Equal("2021-06-09", value.At.ToString());
    }

    [Fact]
    public void Without_a_publication_date_a_weekday_is_not_placed()
    {
        Assert.Empty(Values<SuggestedDate>("A gunman opened fire at a supermarket on Friday, killing two."));
    }

    [Fact]
    public void Reads_the_places_of_the_attack_and_resolves_countries()
    {
        var places = Values<SuggestedPlace>("A bomb exploded in the town of Gorvik in northern Norway on Monday, killing two people and wounding five.", "2020-01-13");

        Assert.Contains(places, p => p is { Name: "Gorvik", Level: "town" });
        Assert.Contains(places, p => p is { Name: "Norway", CountryCode: "NO" });
    }

    [Fact]
    public void Reads_both_places_of_a_pair_and_not_a_place_inside_a_group_name_or_a_landmark()
    {
        var places = Values<SuggestedPlace>(
            "Gunmen opened fire in Halden and Moss on Friday, killing three. The Islamic State in the Greater Sahara was not involved in the shooting on the Skjold bridge.",
            "2021-06-05");

        Assert.Contains(places, p => p.Name == "Halden");
        Assert.Contains(places, p => p.Name == "Moss");
        Assert.DoesNotContain(places, p => p.Name.Contains("Sahara", StringComparison.Ordinal) || p.Name == "Skjold");
    }

    [Fact]
    public void A_possessive_place_is_quoted_without_the_words_after_it()
    {
        const string text = "Gunmen attacked a bus in Pakistan's Balochistan province, killing 11 passengers.";

        var pakistan = Assert.Single(FigureSuggestionTests.Read(text), s => s.Value is SuggestedPlace { Name: "Pakistan" });

        Assert.Equal("Pakistan", pakistan.Passage.Text);
    }

    [Fact]
    public void Where_the_wounded_were_treated_is_not_a_place_of_the_attack()
    {
        var places = Values<SuggestedPlace>("Gunmen attacked the village of Tanga, killing four. The wounded were taken to hospital in Merka.");

        Assert.Contains(places, p => p.Name == "Tanga");
        Assert.DoesNotContain(places, p => p.Name == "Merka");
    }

    [Theory]
    [InlineData("A gunman opened fire on worshippers with an assault rifle.", AttackType.ArmedAssault, WeaponType.Firearms)]
    [InlineData("A man stabbed three passers-by with a kitchen knife.", AttackType.ArmedAssault, WeaponType.Melee)]
    [InlineData("A car bomb exploded outside the ministry.", AttackType.BombingExplosion, WeaponType.Explosives)]
    [InlineData("A van was driven into pedestrians on the bridge.", AttackType.UnarmedAssault, WeaponType.Vehicle)]
    [InlineData("Arsonists set fire to the mosque's entrance.", AttackType.FacilityInfrastructureAttack, WeaponType.Incendiary)]
    public void Reads_attack_and_weapon_types_as_GTD_codes(string text, AttackType attack, WeaponType weapon)
    {
        Assert.Contains(Values<SuggestedAttackType>(text), a => a.Type == attack);
        Assert.Contains(Values<SuggestedWeapon>(text), w => w.Type == weapon);
    }

    [Fact]
    public void Hostages_held_in_a_building_are_a_barricade_incident_and_a_replica_is_a_fake_weapon()
    {
        var text = "A man armed with a grenade took six people hostage in a bank. The grenade turned out to be a replica.";

        Assert.Contains(Values<SuggestedAttackType>(text), a => a.Type == AttackType.HostageTakingBarricade);
        Assert.Contains(Values<SuggestedWeapon>(text), w => w.Type == WeaponType.FakeWeapons);
        Assert.DoesNotContain(Values<SuggestedWeapon>(text), w => w.Type == WeaponType.Explosives);
    }

    [Fact]
    public void A_siege_without_hostages_is_not_a_hostage_taking()
    {
        Assert.DoesNotContain(Values<SuggestedAttackType>("Gunmen stormed the hotel and the siege lasted six hours."), a => a.Type == AttackType.HostageTakingBarricade);
    }
}
