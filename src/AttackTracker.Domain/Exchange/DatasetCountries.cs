using System.Globalization;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// The record's country for the data sets' own spellings and codes (docs/datasets.md): names as
/// <see cref="GtdCodebook.Country"/> knows them, and UCDP's "Current (Former)" names by either
/// part; ACLED's <c>iso</c>, the ISO 3166-1 numeric code; UCDP's <c>country_id</c>, the
/// Gleditsch–Ward number.
/// </summary>
public static class DatasetCountries
{
    /// <summary>
    /// ISO 3166-1 numeric codes, every entry of Debian's iso-codes 4.15 (iso_3166-1.json), as
    /// number:alpha-2. ACLED writes Kosovo, which has no numeric code, by name.
    /// </summary>
    private static readonly Dictionary<int, string> IsoNumeric = Pairs(
        "4:AF 8:AL 10:AQ 12:DZ 16:AS 20:AD 24:AO 28:AG 31:AZ 32:AR 36:AU 40:AT 44:BS 48:BH 50:BD 51:AM 52:BB "
        + "56:BE 60:BM 64:BT 68:BO 70:BA 72:BW 74:BV 76:BR 84:BZ 86:IO 90:SB 92:VG 96:BN 100:BG 104:MM 108:BI "
        + "112:BY 116:KH 120:CM 124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL 156:CN 158:TW 162:CX 166:CC "
        + "170:CO 174:KM 175:YT 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK 212:DM "
        + "214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ 246:FI 248:AX 250:FR "
        + "254:GF 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE 288:GH 292:GI 296:KI 300:GR 304:GL "
        + "308:GD 312:GP 316:GU 320:GT 324:GN 328:GY 332:HT 334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN "
        + "360:ID 364:IR 368:IQ 372:IE 376:IL 380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR "
        + "414:KW 417:KG 418:LA 422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW "
        + "458:MY 462:MV 466:ML 470:MT 474:MQ 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS 504:MA "
        + "508:MZ 512:OM 516:NA 520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 535:BQ 540:NC 548:VU 554:NZ 558:NI "
        + "562:NE 566:NG 570:NU 574:NF 578:NO 580:MP 581:UM 583:FM 584:MH 585:PW 586:PK 591:PA 598:PG 600:PY "
        + "604:PE 608:PH 612:PN 616:PL 620:PT 624:GW 626:TL 630:PR 634:QA 638:RE 642:RO 643:RU 646:RW 652:BL "
        + "654:SH 659:KN 660:AI 662:LC 663:MF 666:PM 670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL "
        + "702:SG 703:SK 704:VN 705:SI 706:SO 710:ZA 716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 744:SJ 748:SZ "
        + "752:SE 756:CH 760:SY 762:TJ 764:TH 768:TG 772:TK 776:TO 780:TT 784:AE 788:TN 792:TR 795:TM 796:TC "
        + "798:TV 800:UG 804:UA 807:MK 818:EG 826:GB 831:GG 832:JE 833:IM 834:TZ 840:US 850:VI 854:BF 858:UY "
        + "860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM");

    /// <summary>
    /// Gleditsch–Ward state numbers (Gleditsch and Ward 1999, as UCDP uses them in <c>country_id</c>):
    /// the independent states since 1946, mostly the Correlates of War numbers. Where GW differs
    /// from COW it is followed: 260 is Germany (the Federal Republic, and Germany since 1990),
    /// 265 the GDR, 340 Serbia, 345 Yugoslavia (UCDP's "Serbia (Yugoslavia)", filed under Serbia
    /// as its name is), 347 Kosovo, 678 Yemen (the Yemen Arab Republic, and Yemen since 1990), 680
    /// South Yemen, 816 Vietnam, 817 the Republic of Vietnam (VN, as the GTD's South Vietnam is),
    /// 626 South Sudan. Microstates GW leaves out have no number; their rows are read by name.
    /// </summary>
    private static readonly Dictionary<int, string> GleditschWard = Pairs(
        "2:US 20:CA 31:BS 40:CU 41:HT 42:DO 51:JM 52:TT 53:BB 70:MX 80:BZ 90:GT 91:HN 92:SV 93:NI 94:CR 95:PA "
        + "100:CO 101:VE 110:GY 115:SR 130:EC 135:PE 140:BR 145:BO 150:PY 155:CL 160:AR 165:UY 200:GB 205:IE "
        + "210:NL 211:BE 212:LU 220:FR 225:CH 230:ES 235:PT 260:DE 265:DDDE 290:PL 305:AT 310:HU 315:CSHH "
        + "316:CZ 317:SK 325:IT 338:MT 339:AL 340:RS 341:ME 343:MK 344:HR 345:RS 346:BA 347:XK 349:SI 350:GR "
        + "352:CY 355:BG 359:MD 360:RO 365:RU 366:EE 367:LV 368:LT 369:UA 370:BY 371:AM 372:GE 373:AZ 375:FI "
        + "380:SE 385:NO 390:DK 395:IS 402:CV 403:ST 404:GW 411:GQ 420:GM 432:ML 433:SN 434:BJ 435:MR 436:NE "
        + "437:CI 438:GN 439:BF 450:LR 451:SL 452:GH 461:TG 471:CM 475:NG 481:GA 482:CF 483:TD 484:CG 490:CD "
        + "500:UG 501:KE 510:TZ 516:BI 517:RW 520:SO 522:DJ 530:ET 531:ER 540:AO 541:MZ 551:ZM 552:ZW 553:MW "
        + "560:ZA 565:NA 570:LS 571:BW 572:SZ 580:MG 581:KM 590:MU 591:SC 600:MA 615:DZ 616:TN 620:LY 625:SD "
        + "626:SS 630:IR 640:TR 645:IQ 651:EG 652:SY 660:LB 663:JO 666:IL 670:SA 678:YE 680:YDYE 690:KW 692:BH "
        + "694:QA 696:AE 698:OM 700:AF 701:TM 702:TJ 703:KG 704:UZ 705:KZ 710:CN 712:MN 713:TW 731:KP 732:KR "
        + "740:JP 750:IN 760:BT 770:PK 771:BD 775:MM 780:LK 781:MV 790:NP 800:TH 811:KH 812:LA 816:VN 817:VN "
        + "820:MY 830:SG 835:BN 840:PH 850:ID 860:TL 900:AU 910:PG 920:NZ 935:VU 940:SB 950:FJ");

    /// <summary>
    /// A country name as a data set spells it: the names <see cref="GtdCodebook.Country"/> knows,
    /// else, for UCDP's "Current (Former)" names ("DR Congo (Zaire)", "Yemen (North Yemen)"), the
    /// current name, then the former; null when none is known.
    /// </summary>
    public static GtdCountry? ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (GtdCodebook.Country(name) is { } known)
        {
            return known;
        }

        var open = name.IndexOf('(', StringComparison.Ordinal);
        var close = name.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            return null;
        }

        return GtdCodebook.Country(name[..open].Trim()) is { } current
            ? current
            : GtdCodebook.Country(name[(open + 1)..close].Trim());
    }

    /// <summary>The record's code for an ISO 3166-1 numeric code, or null.</summary>
    public static string? ByIsoNumeric(int code) => IsoNumeric.GetValueOrDefault(code);

    /// <summary>The record's code for a Gleditsch–Ward state number, or null.</summary>
    public static string? ByGleditschWard(int code) => GleditschWard.GetValueOrDefault(code);

    private static Dictionary<int, string> Pairs(string list) =>
        list.Split(' ').Select(p => p.Split(':')).ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => p[1]);
}
