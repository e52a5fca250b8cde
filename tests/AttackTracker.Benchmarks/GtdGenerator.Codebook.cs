namespace AttackTracker.Benchmarks;

/// <summary>The codebook values the generator draws from, weighted roughly as the GTD has them.</summary>
public sealed partial class GtdGenerator
{
    private static readonly string[] Regions =
    [
        "", "North America", "Central America & Caribbean", "South America", "East Asia", "Southeast Asia", "South Asia",
        "Central Asia", "Western Europe", "Eastern Europe", "Middle East & North Africa", "Sub-Saharan Africa", "Australasia & Oceania",
    ];

    private sealed record Place(string Province, string City, double Lat, double Lon);

    private sealed record Land(int Code, string Name, int Region, int From, int To, double Weight, string[] Groups, Place[] Places);

    private static readonly Land[] Lands =
    [
        new(95, "Iraq", 10, 1970, 2020, 12, ["Islamic State of Iraq and the Levant (ISIL)", "Al-Qaida in Iraq"], [new("Baghdad", "Baghdad", 33.3152, 44.3661), new("Nineveh", "Mosul", 36.34, 43.13)]),
        new(4, "Afghanistan", 6, 1979, 2020, 8, ["Taliban", "Khorasan Chapter of the Islamic State"], [new("Kabul", "Kabul", 34.5553, 69.2075), new("Helmand", "Lashkar Gah", 31.5938, 64.37)]),
        new(153, "Pakistan", 6, 1970, 2020, 6, ["Tehrik-i-Taliban Pakistan (TTP)", "Baloch Liberation Army (BLA)"], [new("Khyber Pakhtunkhwa", "Peshawar", 34.0151, 71.5249), new("Balochistan", "Quetta", 30.1798, 66.975)]),
        new(92, "India", 6, 1970, 2020, 5, ["Communist Party of India - Maoist (CPI-Maoist)", "Sikh Extremists"], [new("Chhattisgarh", "Sukma", 18.39, 81.66), new("Jammu and Kashmir", "Srinagar", 34.0837, 74.7973)]),
        new(45, "Colombia", 3, 1970, 2020, 4, ["Revolutionary Armed Forces of Colombia (FARC)", "National Liberation Army of Colombia (ELN)"], [new("Antioquia", "Medellín", 6.2442, -75.5812), new("Cauca", "Popayán", 2.4448, -76.6147)]),
        new(160, "Philippines", 5, 1970, 2020, 3, ["New People's Army (NPA)", "Abu Sayyaf Group (ASG)"], [new("Sulu", "Jolo", 6.0535, 121.0024), new("Davao del Sur", "Davao", 7.1907, 125.4553)]),
        new(159, "Peru", 3, 1978, 2000, 3, ["Shining Path (SL)", "Tupac Amaru Revolutionary Movement (MRTA)"], [new("Lima", "Lima", -12.0464, -77.0428), new("Ayacucho", "Ayacucho", -13.1588, -74.2232)]),
        new(61, "El Salvador", 2, 1975, 1992, 3, ["Farabundo Marti National Liberation Front (FMLN)"], [new("San Salvador", "San Salvador", 13.6929, -89.2182)]),
        new(603, "United Kingdom", 8, 1970, 2020, 3, ["Irish Republican Army (IRA)", "Ulster Volunteer Force (UVF)"], [new("Northern Ireland", "Belfast", 54.5973, -5.9301), new("England", "London", 51.5074, -0.1278)]),
        new(209, "Turkey", 10, 1970, 2020, 3, ["Kurdistan Workers' Party (PKK)"], [new("Diyarbakir", "Diyarbakir", 37.9144, 40.2306), new("Istanbul", "Istanbul", 41.0082, 28.9784)]),
        new(182, "Somalia", 11, 1990, 2020, 3, ["Al-Shabaab"], [new("Banaadir", "Mogadishu", 2.0469, 45.3182)]),
        new(147, "Nigeria", 11, 1990, 2020, 3, ["Boko Haram", "Fulani extremists"], [new("Borno", "Maiduguri", 11.8311, 13.151)]),
        new(185, "Spain", 8, 1970, 2012, 2, ["Basque Fatherland and Freedom (ETA)"], [new("Basque Country", "Bilbao", 43.263, -2.935), new("Madrid", "Madrid", 40.4168, -3.7038)]),
        new(69, "France", 8, 1970, 2020, 2, ["Corsican National Liberation Front (FLNC)", "Islamic State of Iraq and the Levant (ISIL)"], [new("Corsica", "Ajaccio", 41.9192, 8.7386), new("Occitanie", "Trèbes", 43.2103, 2.4431), new("Île-de-France", "Paris", 48.8566, 2.3522)]),
        new(99, "Ivory Coast", 11, 1990, 2020, 1, ["Al-Qaida in the Islamic Maghreb (AQIM)"], [new("Sud-Comoé", "Grand-Bassam", 5.211, -3.7389), new("Lagunes", "Abidjan", 5.36, -4.0083)]),
        new(75, "Germany", 8, 1991, 2020, 1, ["Neo-Nazi extremists"], [new("Berlin", "Berlin", 52.52, 13.405), new("Bavaria", "München", 48.1351, 11.582)]),
        new(167, "Russia", 9, 1992, 2020, 2, ["Chechen Rebels", "Caucasus Emirate"], [new("Chechnya", "Grozny", 43.3178, 45.6949), new("Moscow", "Moscow", 55.7558, 37.6173)]),
        new(359, "Soviet Union", 9, 1970, 1991, 0.6, ["Armenian nationalists"], [new("Moscow", "Moscow", 55.7558, 37.6173), new("Georgian SSR", "Tbilisi", 41.7151, 44.8271)]),
        new(362, "West Germany (FRG)", 8, 1970, 1990, 1.5, ["Red Army Faction (RAF)", "Revolutionary Cells"], [new("North Rhine-Westphalia", "Köln", 50.9375, 6.9603), new("Hesse", "Frankfurt", 50.1109, 8.6821)]),
        new(499, "East Germany (GDR)", 9, 1970, 1990, 0.2, ["Commune 1"], [new("Berlin", "East Berlin", 52.5167, 13.4)]),
        new(235, "Yugoslavia", 9, 1970, 1991, 0.5, ["Croatian Nationalists"], [new("Kosovo", "Pristina", 42.6629, 21.1655), new("Croatia", "Zagreb", 45.815, 15.9819)]),
        new(236, "Czechoslovakia", 9, 1970, 1992, 0.1, [], [new("Bohemia", "Praha", 50.0755, 14.4378)]),
        new(403, "Rhodesia", 11, 1970, 1979, 0.5, ["Zimbabwe African National Union (ZANU)"], [new("Manicaland", "Umtali", -18.97, 32.67)]),
        new(604, "Zaire", 11, 1971, 1997, 0.4, [], [new("Kinshasa", "Kinshasa", -4.4419, 15.2663)]),
        new(428, "South Vietnam", 5, 1970, 1975, 0.4, ["Viet Cong"], [new("Saigon", "Saigon", 10.8231, 106.6297)]),
        new(406, "South Yemen", 10, 1970, 1990, 0.2, [], [new("Aden", "Aden", 12.7855, 45.0187)]),
        new(175, "Serbia-Montenegro", 9, 1992, 2006, 0.3, ["Kosovo Liberation Army (KLA)"], [new("Kosovo", "Mitrovica", 42.8833, 20.8667)]),
        new(155, "West Bank and Gaza Strip", 10, 1970, 2020, 2, ["Hamas (Islamic Resistance Movement)"], [new("Gaza Strip", "Gaza", 31.5017, 34.4668), new("West Bank", "Hebron", 31.5326, 35.0998)]),
        new(422, "International", 10, 1970, 2020, 0.1, [], [new(string.Empty, "Unknown", double.NaN, double.NaN)]),
    ];

    private static readonly (int Code, string Text, double Weight)[] AttackTypes =
        [(3, "Bombing/Explosion", 48), (2, "Armed Assault", 23), (1, "Assassination", 11), (6, "Hostage Taking (Kidnapping)", 6), (7, "Facility/Infrastructure Attack", 6), (9, "Unknown", 4), (8, "Unarmed Assault", 1), (4, "Hijacking", 0.5), (5, "Hostage Taking (Barricade Incident)", 0.5)];

    private static readonly (int Code, string Text, string Target, double Weight)[] Targets =
        [(14, "Private Citizens & Property", "Civilians", 24), (4, "Military", "Military patrol", 16), (3, "Police", "Police checkpoint", 14), (2, "Government (General)", "Government office", 12), (1, "Business", "Shop, with its owner", 11), (19, "Transportation", "Bus", 4), (15, "Religious Figures/Institutions", "Mosque", 3), (21, "Utilities", "Power line", 3), (8, "Educational Institution", "School", 3), (20, "Unknown", "Unknown", 3)];

    private static readonly (int Code, string Text, string Sub, double Weight)[] Weapons =
        [(6, "Explosives", "Unknown Explosive Type", 50), (5, "Firearms", "Unknown Gun Type", 32), (13, "Unknown", string.Empty, 8), (8, "Incendiary", "Arson/Fire", 6), (9, "Melee", "Knife or Other Sharp Object", 4)];
}
