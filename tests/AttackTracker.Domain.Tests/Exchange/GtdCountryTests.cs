using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>Issue 20: every country the GTD codebook lists is understood, historical states and parts of countries included.</summary>
public sealed class GtdCountryTests
{
    /// <summary>The 205 country_txt values of the 0718 release (globalterrorismdb_0718dist.csv), in the order the file first uses them.</summary>
    public static readonly string[] Release0718 =
    [
        "Dominican Republic", "Mexico", "Philippines", "Greece", "Japan", "United States", "Uruguay", "Italy", "East Germany (GDR)",
        "Ethiopia", "Guatemala", "Venezuela", "West Germany (FRG)", "Switzerland", "Jordan", "Spain", "Brazil", "Egypt", "Argentina",
        "Lebanon", "Ireland", "Turkey", "Paraguay", "Iran", "United Kingdom", "Colombia", "Bolivia", "Nicaragua", "Netherlands",
        "Belgium", "Canada", "Australia", "Pakistan", "Zambia", "Sweden", "Costa Rica", "South Yemen", "Cambodia", "Israel", "Poland",
        "Taiwan", "Panama", "Kuwait", "West Bank and Gaza Strip", "Austria", "Czechoslovakia", "India", "France", "South Vietnam",
        "Brunei", "Zaire", "People's Republic of the Congo", "Portugal", "Algeria", "El Salvador", "Thailand", "Haiti", "Sudan",
        "Morocco", "Cyprus", "Myanmar", "Afghanistan", "Peru", "Chile", "Honduras", "Yugoslavia", "Ecuador", "New Zealand", "Malaysia",
        "Singapore", "Botswana", "Jamaica", "Chad", "North Yemen", "Andorra", "Syria", "South Korea", "United Arab Emirates",
        "South Africa", "Kenya", "Iraq", "Somalia", "Tanzania", "Sri Lanka", "Namibia", "Bahamas", "Nigeria", "Barbados",
        "Trinidad and Tobago", "Bangladesh", "Angola", "Mauritania", "Saudi Arabia", "Djibouti", "Indonesia", "Malta", "Rhodesia",
        "Soviet Union", "Denmark", "Western Sahara", "Guyana", "Mozambique", "Tunisia", "Uganda", "Norway", "Lesotho", "Gabon", "Libya",
        "Bahrain", "Hong Kong", "Senegal", "Zimbabwe", "Guinea", "Grenada", "New Hebrides", "Belize", "Guadeloupe", "Martinique",
        "Vatican City", "Albania", "Central African Republic", "Seychelles", "Dominica", "Qatar", "Bulgaria", "Suriname", "Swaziland",
        "Luxembourg", "Iceland", "French Guiana", "Falkland Islands", "Burkina Faso", "New Caledonia", "Romania", "Niger", "Nepal",
        "Togo", "Finland", "Fiji", "Ghana", "Maldives", "Mauritius", "Hungary", "Laos", "Papua New Guinea", "China", "Liberia",
        "Republic of the Congo", "Mali", "Germany", "Yemen", "Rwanda", "Sierra Leone", "Cameroon", "Cuba", "Croatia", "Georgia",
        "Azerbaijan", "Madagascar", "Lithuania", "Burundi", "Ukraine", "Moldova", "Armenia", "Russia", "Ivory Coast", "Kazakhstan",
        "Antigua and Barbuda", "Bosnia-Herzegovina", "Equatorial Guinea", "Tajikistan", "Malawi", "Uzbekistan", "Latvia", "Estonia",
        "Vietnam", "Comoros", "Benin", "Slovak Republic", "Macedonia", "Wallis and Futuna", "Belarus", "Czech Republic", "Slovenia",
        "Gambia", "North Korea", "Eritrea", "St. Kitts and Nevis", "French Polynesia", "Macau", "Kyrgyzstan", "Vanuatu",
        "Democratic Republic of the Congo", "Kosovo", "Solomon Islands", "East Timor", "St. Lucia", "Guinea-Bissau", "Montenegro",
        "International", "Turkmenistan", "Serbia-Montenegro", "Bhutan", "Serbia", "South Sudan",
    ];

    [Fact]
    public void Every_country_name_of_the_0718_release_is_a_country_of_the_record_and_has_its_number()
    {
        Assert.Equal(205, Release0718.Distinct().Count());
        foreach (var name in Release0718)
        {
            var country = GtdCodebook.Country(name);
            Assert.True(country is not null, name);
            Assert.True(Countries.IsCode(country.Country), $"{name}: {country.Country}");
            Assert.True(GtdCountries.ByName(name)?.Code is not null, $"{name} has no number");
        }
    }

    [Fact]
    public void Every_number_of_the_codebook_is_one_country_and_means_what_its_name_means()
    {
        foreach (var entry in GtdCountries.All.Where(c => c.Code is not null))
        {
            Assert.Same(entry, GtdCountries.ByCode(entry.Code!.Value));
            Assert.Equal((entry.Country, entry.Region), (GtdCountries.ByName(entry.Name)!.Country, GtdCountries.ByName(entry.Name)!.Region));
            Assert.True(Countries.IsCode(entry.Country), entry.Name);
        }
    }

    [Theory]
    [InlineData("Soviet Union", 359, "SUHH", "Soviet Union")]
    [InlineData("Yugoslavia", 235, "YUCS", "Yugoslavia")]
    [InlineData("Czechoslovakia", 236, "CSHH", "Czechoslovakia")]
    [InlineData("East Germany (GDR)", 499, "DDDE", "East Germany")]
    [InlineData("Rhodesia", 403, "RHZW", "Rhodesia")]
    [InlineData("Zaire", 604, "ZRCD", "Zaire")]
    [InlineData("South Yemen", 406, "YDYE", "South Yemen")]
    [InlineData("Serbia-Montenegro", 175, "CSXX", "Serbia and Montenegro")]
    [InlineData("New Hebrides", 532, "NHVU", "New Hebrides")]
    public void A_state_that_no_longer_exists_keeps_its_ISO_3166_3_code_and_its_name(string name, int code, string country, string english)
    {
        Assert.Equal(country, GtdCountries.ByName(name)!.Country);
        Assert.Equal(country, GtdCountries.ByCode(code)!.Country);
        Assert.True(Countries.IsHistorical(country));
        Assert.Equal(english, Countries.Name(country));
        Assert.Equal((code, name), GtdCodebook.CountryColumns(country));
    }

    [Theory]
    [InlineData("West Germany (FRG)", 362, "DE", 75, "Germany")]
    [InlineData("South Vietnam", 428, "VN", 223, "Vietnam")]
    [InlineData("North Yemen", 377, "YE", 228, "Yemen")]
    [InlineData("People's Republic of the Congo", 605, "CG", 47, "Republic of the Congo")]
    public void A_state_whose_code_passed_to_its_successor_is_that_country(string name, int code, string country, int exported, string exportedName)
    {
        Assert.Equal(country, GtdCountries.ByCode(code)!.Country);
        Assert.Equal(country, GtdCountries.ByName(name)!.Country);
        Assert.False(Countries.IsHistorical(country));
        Assert.Equal((exported, exportedName), GtdCodebook.CountryColumns(country));
    }

    [Theory]
    [InlineData("Northern Ireland", 233, "GB", "Northern Ireland")]
    [InlineData("Great Britain", 216, "GB", "Great Britain")]
    [InlineData("Corsica", 238, "FR", "Corsica")]
    [InlineData("West Bank and Gaza Strip", 155, "PS", null)]
    [InlineData("International", 422, "XZ", null)]
    [InlineData("Kosovo", 1003, "XK", null)]
    public void A_part_of_a_country_keeps_its_country_and_becomes_its_region(string name, int code, string country, string? region)
    {
        Assert.Equal((country, region), (GtdCountries.ByCode(code)!.Country, GtdCountries.ByCode(code)!.Region));
        Assert.Equal((country, region), (GtdCountries.ByName(name)!.Country, GtdCountries.ByName(name)!.Region));
        Assert.Equal(("Sinai Peninsula", "EG"), (GtdCountries.ByName("sinai peninsula")!.Region, GtdCountries.ByName("Sinai Peninsula")!.Country));
    }

    [Theory]
    [InlineData("Bosnia-Herzegovina", "BA")]
    [InlineData("Congo (Kinshasa)", "CD")]
    [InlineData("Myanmar", "MM")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("cote d'ivoire", "CI")]
    [InlineData("Czechia", "CZ")]
    [InlineData("Eswatini", "SZ")]
    [InlineData("France", "FR")]
    [InlineData("Germany", "DE")]
    public void Other_spellings_of_later_releases_and_other_data_sets_are_understood(string name, string country)
    {
        Assert.Equal(country, GtdCodebook.CountryCode(name));
    }

    [Fact]
    public void The_record_accepts_every_historical_code_and_names_it_and_refuses_what_is_no_code()
    {
        Assert.Equal(31, Countries.Historical.Count());
        Assert.All(Countries.Historical, code => Assert.True(Countries.IsCode(code) && code.Length == Countries.MaxCodeLength && Countries.Name(code) != code, code));
        Assert.False(Countries.IsCode("SU"));
        Assert.False(Countries.IsCode("suhh"));
        Assert.False(Countries.IsHistorical("DE"));
        Assert.Equal(("France", "Kosovo", "International", "ZZZZ"), (Countries.Name("FR"), Countries.Name("XK"), Countries.Name("XZ"), Countries.Name("ZZZZ")));
    }
}
