namespace AttackTracker.Domain.Exchange;

/// <summary>
/// One country of the GTD codebook: its numeric <c>country</c> code (null for a spelling that
/// only names one), its <c>country_txt</c>, the record's code (<see cref="Countries"/>) and, for a
/// part of a country that the GTD counts on its own (Northern Ireland, Corsica), the region it
/// becomes.
/// </summary>
public sealed record GtdCountry(int? Code, string Name, string Country, string? Region = null);

/// <summary>
/// Every country the GTD codebook lists, by name and by number (docs/export.md).
/// </summary>
/// <remarks>
/// Where the list comes from. The names are the 205 <c>country_txt</c> values of the June 2018
/// release (globalterrorismdb_0718dist, 181,691 rows), as a published analysis of that file prints
/// them (<c>raw['country_txt'].unique()</c>), plus the codebook's entries that no row of that
/// release uses (Great Britain, Northern Ireland, Corsica, Multinational, …). The numbers are the
/// codebook's "country" variable (GTD Codebook, June 2017 and 2018). They were checked against
/// the first 1,210 rows of the 0718 file as published on GitHub (premush/global-terrorism:
/// 11, 14, 15, 21, 26, 30, 36, 38, 45, 49, 58, 60, 65, 78, 83, 92, 94, 96–98, 101, 102, 106,
/// 110, 130, 142, 145, 153, 155, 156, 158, 160, 161, 185, 198, 199, 201, 209, 217, 218, 222,
/// 230, 236, 362, 406, 499, 603) and against a published alignment of the GTD codes with
/// COW/ISO codes (10, 28, 47, 66, 117, 125, 126, 132, 155, 167, 175, 179, 189, 190, 192, 212,
/// 216, 221, 225, 229, 233, 235, 238, 334, 347, 351, 359, 362, 377, 403, 406, 422, 428, 499,
/// 520, 532, 604, 605, 999); the rest follow the codebook's alphabetical numbering and were not
/// seen in a published file (349, Western Sahara, least surely). The import prefers the name
/// when a row has both, so a wrong number can only matter to a file without names.
/// Spellings of later releases and of other data sets (Czechia, Eswatini, Congo (Kinshasa)…)
/// are names without a number.
/// </remarks>
public static class GtdCountries
{
    public static IReadOnlyList<GtdCountry> All { get; } =
    [
        new(4, "Afghanistan", "AF"), new(5, "Albania", "AL"), new(6, "Algeria", "DZ"), new(7, "Andorra", "AD"),
        new(8, "Angola", "AO"), new(10, "Antigua and Barbuda", "AG"), new(11, "Argentina", "AR"), new(12, "Armenia", "AM"),
        new(14, "Australia", "AU"), new(15, "Austria", "AT"), new(16, "Azerbaijan", "AZ"), new(17, "Bahamas", "BS"),
        new(18, "Bahrain", "BH"), new(19, "Bangladesh", "BD"), new(20, "Barbados", "BB"), new(21, "Belgium", "BE"),
        new(22, "Belize", "BZ"), new(23, "Benin", "BJ"), new(24, "Bermuda", "BM"), new(25, "Bhutan", "BT"),
        new(26, "Bolivia", "BO"), new(28, "Bosnia-Herzegovina", "BA"), new(29, "Botswana", "BW"), new(30, "Brazil", "BR"),
        new(31, "Brunei", "BN"), new(32, "Bulgaria", "BG"), new(33, "Burkina Faso", "BF"), new(34, "Burundi", "BI"),
        new(35, "Belarus", "BY"), new(36, "Cambodia", "KH"), new(37, "Cameroon", "CM"), new(38, "Canada", "CA"),
        new(40, "Cayman Islands", "KY"), new(41, "Central African Republic", "CF"), new(42, "Chad", "TD"), new(43, "Chile", "CL"),
        new(44, "China", "CN"), new(45, "Colombia", "CO"), new(46, "Comoros", "KM"), new(47, "Republic of the Congo", "CG"),
        new(49, "Costa Rica", "CR"), new(50, "Croatia", "HR"), new(51, "Cuba", "CU"), new(53, "Cyprus", "CY"),
        new(54, "Czech Republic", "CZ"), new(55, "Denmark", "DK"), new(56, "Djibouti", "DJ"), new(57, "Dominica", "DM"),
        new(58, "Dominican Republic", "DO"), new(59, "Ecuador", "EC"), new(60, "Egypt", "EG"), new(61, "El Salvador", "SV"),
        new(62, "Equatorial Guinea", "GQ"), new(63, "Eritrea", "ER"), new(64, "Estonia", "EE"), new(65, "Ethiopia", "ET"),
        new(66, "Falkland Islands", "FK"), new(67, "Fiji", "FJ"), new(68, "Finland", "FI"), new(69, "France", "FR"),
        new(70, "French Guiana", "GF"), new(71, "French Polynesia", "PF"), new(72, "Gabon", "GA"), new(73, "Gambia", "GM"),
        new(74, "Georgia", "GE"), new(75, "Germany", "DE"), new(76, "Ghana", "GH"), new(77, "Gibraltar", "GI"),
        new(78, "Greece", "GR"), new(79, "Greenland", "GL"), new(80, "Grenada", "GD"), new(81, "Guadeloupe", "GP"),
        new(83, "Guatemala", "GT"), new(84, "Guinea", "GN"), new(85, "Guinea-Bissau", "GW"), new(86, "Guyana", "GY"),
        new(87, "Haiti", "HT"), new(88, "Honduras", "HN"), new(89, "Hong Kong", "HK"), new(90, "Hungary", "HU"),
        new(91, "Iceland", "IS"), new(92, "India", "IN"), new(93, "Indonesia", "ID"), new(94, "Iran", "IR"),
        new(95, "Iraq", "IQ"), new(96, "Ireland", "IE"), new(97, "Israel", "IL"), new(98, "Italy", "IT"),
        new(99, "Ivory Coast", "CI"), new(100, "Jamaica", "JM"), new(101, "Japan", "JP"), new(102, "Jordan", "JO"),
        new(103, "Kazakhstan", "KZ"), new(104, "Kenya", "KE"), new(106, "Kuwait", "KW"), new(107, "Kyrgyzstan", "KG"),
        new(108, "Laos", "LA"), new(109, "Latvia", "LV"), new(110, "Lebanon", "LB"), new(111, "Lesotho", "LS"),
        new(112, "Liberia", "LR"), new(113, "Libya", "LY"), new(114, "Liechtenstein", "LI"), new(115, "Lithuania", "LT"),
        new(116, "Luxembourg", "LU"), new(117, "Macau", "MO"), new(118, "Macedonia", "MK"), new(119, "Madagascar", "MG"),
        new(120, "Malawi", "MW"), new(121, "Malaysia", "MY"), new(122, "Maldives", "MV"), new(123, "Mali", "ML"),
        new(124, "Malta", "MT"), new(125, "Man, Isle of", "IM"), new(126, "Marshall Islands", "MH"), new(127, "Martinique", "MQ"),
        new(128, "Mauritania", "MR"), new(129, "Mauritius", "MU"), new(130, "Mexico", "MX"), new(132, "Moldova", "MD"),
        new(136, "Morocco", "MA"), new(137, "Mozambique", "MZ"), new(138, "Myanmar", "MM"), new(139, "Namibia", "NA"),
        new(141, "Nepal", "NP"), new(142, "Netherlands", "NL"), new(143, "New Caledonia", "NC"), new(144, "New Zealand", "NZ"),
        new(145, "Nicaragua", "NI"), new(146, "Niger", "NE"), new(147, "Nigeria", "NG"), new(149, "North Korea", "KP"),
        new(151, "Norway", "NO"), new(152, "Oman", "OM"), new(153, "Pakistan", "PK"), new(155, "West Bank and Gaza Strip", "PS"),
        new(156, "Panama", "PA"), new(157, "Papua New Guinea", "PG"), new(158, "Paraguay", "PY"), new(159, "Peru", "PE"),
        new(160, "Philippines", "PH"), new(161, "Poland", "PL"), new(162, "Portugal", "PT"), new(164, "Qatar", "QA"),
        new(166, "Romania", "RO"), new(167, "Russia", "RU"), new(168, "Rwanda", "RW"), new(173, "Saudi Arabia", "SA"),
        new(174, "Senegal", "SN"), new(175, "Serbia-Montenegro", "CSXX"), new(176, "Seychelles", "SC"), new(177, "Sierra Leone", "SL"),
        new(178, "Singapore", "SG"), new(179, "Slovak Republic", "SK"), new(180, "Slovenia", "SI"), new(181, "Solomon Islands", "SB"),
        new(182, "Somalia", "SO"), new(183, "South Africa", "ZA"), new(184, "South Korea", "KR"), new(185, "Spain", "ES"),
        new(186, "Sri Lanka", "LK"), new(189, "St. Kitts and Nevis", "KN"), new(190, "St. Lucia", "LC"), new(192, "St. Martin", "MF"),
        new(195, "Sudan", "SD"), new(196, "Suriname", "SR"), new(197, "Swaziland", "SZ"), new(198, "Sweden", "SE"),
        new(199, "Switzerland", "CH"), new(200, "Syria", "SY"), new(201, "Taiwan", "TW"), new(202, "Tajikistan", "TJ"),
        new(203, "Tanzania", "TZ"), new(204, "Togo", "TG"), new(205, "Thailand", "TH"), new(206, "Tonga", "TO"),
        new(207, "Trinidad and Tobago", "TT"), new(208, "Tunisia", "TN"), new(209, "Turkey", "TR"), new(210, "Turkmenistan", "TM"),
        new(212, "Tuvalu", "TV"), new(213, "Uganda", "UG"), new(214, "Ukraine", "UA"), new(215, "United Arab Emirates", "AE"),
        new(216, "Great Britain", "GB", "Great Britain"), new(217, "United States", "US"), new(218, "Uruguay", "UY"),
        new(219, "Uzbekistan", "UZ"), new(220, "Vanuatu", "VU"), new(221, "Vatican City", "VA"), new(222, "Venezuela", "VE"),
        new(223, "Vietnam", "VN"), new(225, "Virgin Islands (U.S.)", "VI"), new(226, "Wallis and Futuna", "WF"),
        new(228, "Yemen", "YE"), new(229, "Democratic Republic of the Congo", "CD"), new(230, "Zambia", "ZM"),
        new(231, "Zimbabwe", "ZW"), new(233, "Northern Ireland", "GB", "Northern Ireland"), new(235, "Yugoslavia", "YUCS"),
        new(236, "Czechoslovakia", "CSHH"), new(238, "Corsica", "FR", "Corsica"), new(334, "Asian", Countries.International),
        new(347, "East Timor", "TL"), new(349, "Western Sahara", "EH"), new(351, "Commonwealth of Independent States", Countries.International),
        new(359, "Soviet Union", "SUHH"),
        // West Germany, South Vietnam and North Yemen have no ISO 3166-3 code: their codes passed
        // to the state that continued them (DE, VN, YE), so they are those countries.
        new(362, "West Germany (FRG)", "DE"), new(377, "North Yemen", "YE"), new(403, "Rhodesia", "RHZW"),
        new(406, "South Yemen", "YDYE"), new(422, "International", Countries.International), new(428, "South Vietnam", "VN"),
        new(499, "East Germany (GDR)", "DDDE"),
        // "Sinhalese", like "Asian" and "Multinational", is a nationality (natlty1) the codebook lists with the countries.
        new(520, "Sinhalese", "LK"), new(532, "New Hebrides", "NHVU"), new(603, "United Kingdom", "GB"), new(604, "Zaire", "ZRCD"),
        // The People's Republic of the Congo (1970–1991) is the Republic of the Congo under its former name; ISO kept CG.
        new(605, "People's Republic of the Congo", "CG"), new(999, "Multinational", Countries.International),
        new(1001, "Serbia", "RS"), new(1002, "Montenegro", "ME"), new(1003, "Kosovo", "XK"), new(1004, "South Sudan", "SS"),

        // Names without a number: other spellings, later releases, and places the GTD names.
        new(null, "Sinai Peninsula", "EG", "Sinai Peninsula"), new(null, "West Bank", "PS", "West Bank"), new(null, "Gaza Strip", "PS", "Gaza Strip"),
        new(null, "Czechia", "CZ"), new(null, "Eswatini", "SZ"), new(null, "North Macedonia", "MK"), new(null, "Slovakia", "SK"),
        new(null, "Côte d'Ivoire", "CI"), new(null, "Côte d’Ivoire", "CI"), new(null, "Congo (Kinshasa)", "CD"), new(null, "Congo (Brazzaville)", "CG"),
        new(null, "DR Congo", "CD"), new(null, "Bosnia and Herzegovina", "BA"), new(null, "Timor-Leste", "TL"), new(null, "Burma", "MM"),
        new(null, "Türkiye", "TR"), new(null, "Vatican", "VA"), new(null, "Holy See", "VA"), new(null, "Macao", "MO"),
        new(null, "Palestine", "PS"), new(null, "Serbia and Montenegro", "CSXX"), new(null, "Kyrgyz Republic", "KG"),
        new(null, "Russian Federation", "RU"), new(null, "Viet Nam", "VN"), new(null, "Isle of Man", "IM"),
        new(null, "St. Vincent and the Grenadines", "VC"), new(null, "USSR", "SUHH"), new(null, "East Germany", "DDDE"),
        new(null, "West Germany", "DE"), new(null, "United States of America", "US"),

        // Spellings of UCDP, ACLED and RAND (docs/datasets.md); UCDP's "Current (Former)" names are read by either part.
        new(null, "Democratic Republic of Congo", "CD"), new(null, "Republic of Congo", "CG"), new(null, "Macedonia, FYR", "MK"),
        new(null, "West Bank/Gaza", "PS"), new(null, "USA", "US"), new(null, "UK", "GB"),
    ];

    private static readonly Dictionary<string, GtdCountry> Names = All
        .GroupBy(c => Sources.SourceNames.Normalize(c.Name), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static readonly Dictionary<int, GtdCountry> Codes = All
        .Where(c => c.Code is not null)
        .ToDictionary(c => c.Code!.Value);

    // The export's name and number for a code: the first whole-country entry, which the order
    // above makes the current one (Germany before West Germany, United Kingdom before Great Britain's part).
    private static readonly Dictionary<string, GtdCountry> Records = All
        .Where(c => c.Code is not null && c.Region is null)
        .GroupBy(c => c.Country, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderBy(Rank).First(), StringComparer.Ordinal);

    /// <summary>The codebook entry for a country_txt (case- and accent-insensitive), or null.</summary>
    public static GtdCountry? ByName(string name) => Names.GetValueOrDefault(Sources.SourceNames.Normalize(name));

    /// <summary>The codebook entry for a numeric country code, or null.</summary>
    public static GtdCountry? ByCode(int code) => Codes.GetValueOrDefault(code);

    /// <summary>The GTD's number and name for one of the record's codes, or null when the codebook has none.</summary>
    public static GtdCountry? ForCountry(string country) => Records.GetValueOrDefault(country);

    // Historical names lose to the current one for the same code.
    private static int Rank(GtdCountry c) => c.Name switch
    {
        "West Germany (FRG)" or "South Vietnam" or "North Yemen" or "People's Republic of the Congo" or "Multinational"
            or "Asian" or "Commonwealth of Independent States" or "Sinhalese" => 1,
        _ => 0,
    };
}
