//! Entities and quotes on text shaped like real publishers' articles: Swedish municipal news (goteborg.se,
//! Vårt Göteborg), Swedish local papers (Mitt i, GP), BBC regional news, the Guardian and UK council news
//! pages. Each test is one kind of thing those texts do that the rules must read.

use std::path::Path;

use newsgraph::article::{self, Options};
use newsgraph::model::{Article, EntityKind};

fn convert(name: &str, text: &str) -> Article {
    article::from_bytes(Path::new(name), text.as_bytes(), &Options::default()).unwrap()
}

fn names(a: &Article, kind: EntityKind) -> Vec<&str> {
    a.entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.name.as_str())
        .collect()
}

fn speaker_of<'a>(a: &'a Article, start: &str) -> Option<&'a str> {
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("quote {start:?} in {:#?}", a.quotes));
    q.speaker
        .as_deref()
        .and_then(|k| a.entity(k))
        .map(|e| e.name.as_str())
}

#[test]
fn figure_dash_and_minus_sign_open_quotes() {
    let a = convert(
        "sv.txt",
        "Ny lekplats i Kortedala\n\nEn ny lekplats har öppnat i Kortedala.\n\n\u{2012} Barnen bestämde allt själva, säger Maria Lindgren, projektledare.\n\n\u{2212} Vi ser att gårdarna blir lugnare, säger Tobias Ek.\n",
    );
    assert_eq!(speaker_of(&a, "Barnen bestämde"), Some("Maria Lindgren"));
    assert_eq!(speaker_of(&a, "Vi ser att"), Some("Tobias Ek"));
}

#[test]
fn party_abbreviations_after_names_are_parties() {
    let a = convert(
        "sv.txt",
        "Badhuset öppnar\n\nKommunalrådet Ulf Berntsson (S) och oppositionsrådet Karin Sjöstedt (M) är överens. Ledamoten Sara Nilsson (V) röstade nej, liksom Lina Engström (MP).\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for party in [
        "Socialdemokraterna",
        "Moderaterna",
        "Vänsterpartiet",
        "Miljöpartiet",
    ] {
        assert!(orgs.contains(&party), "{party} in {orgs:?}");
    }
    let people = names(&a, EntityKind::Person);
    assert!(people.contains(&"Ulf Berntsson"), "{people:?}");
}

#[test]
fn masthead_names_the_paper_not_the_place() {
    let a = convert(
        "sv.txt",
        "Sommarjobb för unga\n\nDet berättar Leila Haddad för Vårt Göteborg. Hon säger till Mitt i att fler jobb behövs.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Vårt Göteborg"), "{orgs:?}");
    assert!(orgs.contains(&"Mitt i"), "{orgs:?}");
    assert!(
        !names(&a, EntityKind::Place).contains(&"Göteborg"),
        "{:?}",
        names(&a, EntityKind::Place)
    );
}

#[test]
fn administrations_keep_their_full_names() {
    let a = convert(
        "sv.txt",
        "Nya jobb i Hjällbo\n\nLeila Haddad är chef på förvaltningen för arbetsmarknad och vuxenutbildning. Förvaltningen för funktionsstöd öppnar gruppbostäder. Socialförvaltningen Hisingen driver fritidsgården, och Rinkeby-Kista stadsdelsnämnd ska diskutera frågan. Arbetet ingår i Socialnämnden Hisingens plan.\n",
    );
    let orgs: Vec<String> = names(&a, EntityKind::Organization)
        .iter()
        .map(|n| n.to_lowercase())
        .collect();
    for o in [
        "förvaltningen för arbetsmarknad och vuxenutbildning",
        "förvaltningen för funktionsstöd",
        "socialförvaltningen hisingen",
        "rinkeby-kista stadsdelsnämnd",
        "socialnämnden hisingen",
    ] {
        assert!(orgs.iter().any(|x| x == o), "{o} in {orgs:?}");
    }
}

#[test]
fn programmes_keep_their_years_and_listed_ones_are_apart() {
    let a = convert(
        "sv.txt",
        "Jobbtorg i Hjällbo\n\nLekplatsen byggs inom satsningen Gröna gårdar 2022–2025, som staden driver. Jobbtorget är en del av satsningarna Jobbsprånget och Sommarlyftet. Programmet Hållbara och jämlika livsmiljöer fortsätter. Projektet heter Svalare stad och finansieras av Formas. Ombyggnaden ingår i Cykelplanen 2018–2030.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for i in [
        "Svalare stad",
        "Cykelplanen 2018–2030",
        "Gröna gårdar 2022–2025",
        "Jobbsprånget",
        "Sommarlyftet",
        "Hållbara och jämlika livsmiljöer",
    ] {
        assert!(initiatives.contains(&i), "{i} in {initiatives:?}");
    }
}

#[test]
fn english_programmes_named_by_capitalized_words() {
    let a = convert(
        "en.txt",
        "Help with bills\n\nHouseholds who receive Working Tax Credit or Pension Credit can apply to the Household Support Fund. The centre opened under Sure Start, and the Inclusive Growth Strategy 2023–2030 pays for the rest.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for i in [
        "Working Tax Credit",
        "Pension Credit",
        "Household Support Fund",
        "Sure Start",
        "Inclusive Growth Strategy 2023–2030",
    ] {
        assert!(initiatives.contains(&i), "{i} in {initiatives:?}");
    }
}

#[test]
fn compound_cues_and_listed_programmes_after_a_comma() {
    let a = convert(
        "sv.txt",
        "Sommar i Kronoparken\n\nKommunen förlänger trygghetssatsningen Tryggare Kronoparken. Forskningsprojektet Rörelse och gemenskap 2025–2027 följer deltagarna. Biblioteket driver två satsningar, Sagostund på arabiska och Läxhjälp i Andersberg, med hjälp av ABF. Samarbetsprojektet Unga läsare och skrivare startar tillsammans med teatern. Satsningen är en del av programmet Unga in i arbetslivet.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for i in [
        "Tryggare Kronoparken",
        "Rörelse och gemenskap 2025–2027",
        "Sagostund på arabiska",
        "Läxhjälp i Andersberg",
        "Unga läsare och skrivare",
        "Unga in i arbetslivet",
    ] {
        assert!(initiatives.contains(&i), "{i} in {initiatives:?}");
    }
    assert_eq!(initiatives.len(), 6, "{initiatives:?}");
}

#[test]
fn english_programmes_after_called_listed_before_a_plural_and_in_zones() {
    let a = convert(
        "en.txt",
        "Help for patients\n\nThe scheme, called Waiting Well, starts in May. Families can use the Warm Homes and Healthy Homes schemes. The Early Years Strategy 2023–2028 needs money. Sparkhill lies outside Birmingham's Clean Air Zone. A fresh start is needed in the zone, she said.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for i in [
        "Waiting Well",
        "Warm Homes",
        "Healthy Homes",
        "Early Years Strategy 2023–2028",
        "Clean Air Zone",
    ] {
        assert!(initiatives.contains(&i), "{i} in {initiatives:?}");
    }
    assert_eq!(initiatives.len(), 5, "{initiatives:?}");
}

#[test]
fn places_and_organizations_after_their_kind_of_noun() {
    let a = convert(
        "sv.txt",
        "Mötesplats i Bäckby\n\nStaden öppnar en mötesplats i stadsdelen Bäckby. Lekplatser byggs om i stadsdelarna Råby och Skallberget, och i bostadsområdet Pettersberg finns en sedan 2021. Husen ägs av bostadsbolaget Mimer, och studieförbundet Vuxenskolan hjälper till. Kultur-, idrott- och fritidsnämnden betalar.\n",
    );
    let places = names(&a, EntityKind::Place);
    for p in ["Bäckby", "Råby", "Skallberget", "Pettersberg"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
    let orgs: Vec<String> = names(&a, EntityKind::Organization)
        .iter()
        .map(|n| n.to_lowercase())
        .collect();
    // "studieförbundet Vuxenskolan" is the gazetteer's Studieförbundet Vuxenskolan.
    for o in [
        "mimer",
        "studieförbundet vuxenskolan",
        "kultur-, idrott- och fritidsnämnden",
    ] {
        assert!(orgs.iter().any(|x| x == o), "{o} in {orgs:?}");
    }
    let en = convert(
        "en.txt",
        "Repairs\n\nThe charity National Energy Action said the scheme was slow. A company in Leeds did the work.\n",
    );
    assert!(
        names(&en, EntityKind::Organization).contains(&"National Energy Action"),
        "{:?}",
        en.entities
    );
    assert!(
        names(&en, EntityKind::Person).is_empty(),
        "{:?}",
        en.entities
    );
}

#[test]
fn localities_are_places_with_their_geonames_iri() {
    let a = convert(
        "sv.txt",
        "Biblioteksbussen\n\nBussen stannar i Sävar, Holmsund och Hörnefors varje vecka.\n",
    );
    let places = names(&a, EntityKind::Place);
    for p in ["Sävar", "Holmsund", "Hörnefors"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
    let savar = a.entities.iter().find(|e| e.name == "Sävar").unwrap();
    assert_eq!(savar.same_as, ["https://sws.geonames.org/603037/"]);
}

#[test]
fn a_place_name_opening_a_sentence_is_the_word_when_the_text_writes_it_in_lowercase() {
    let common = convert(
        "sv.txt",
        "Dyr tomt\n\nMark är dyr i centrum. Kommunen köper mark av staten.\n",
    );
    assert!(
        !names(&common, EntityKind::Place).contains(&"Mark"),
        "{:?}",
        common.entities
    );
    let place = convert(
        "sv.txt",
        "Ny skola\n\nMark får en ny skola. Eleverna i Mark flyttar in i höst.\n",
    );
    assert!(
        names(&place, EntityKind::Place).contains(&"Mark"),
        "{:?}",
        place.entities
    );
}

#[test]
fn english_quote_over_two_paragraphs_is_one_quote() {
    let a = convert(
        "en.txt",
        "Flood defences delayed\n\nWork will not start until spring.\n\nSarah Whitworth, who runs a café, said: “We have been told it is coming for five years now.\n\n“Every time it rains hard I move the stock upstairs.”\n\nThe council said it would write to residents.\n",
    );
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We have been told"))
        .expect("the quote");
    assert!(q.text.contains("Every time it rains"), "{q:?}");
    assert_eq!(speaker_of(&a, "We have been told"), Some("Sarah Whitworth"));
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
}

#[test]
fn split_quote_is_one_quote_with_its_speaker() {
    let a = convert(
        "en.txt",
        "Delay frustrating\n\nCouncil leader Tim Holroyd spoke to residents.\n\n“We understand the reasons,” he said, “but people here have waited long enough and they deserve a date they can trust.”\n\n“We want these places,” said Joanne Hebden, who runs two nurseries, “and parents pay for it.”\n",
    );
    assert_eq!(a.quotes.len(), 2, "{:#?}", a.quotes);
    assert!(a.quotes[0].text.contains("but people here"));
    assert_eq!(speaker_of(&a, "We understand"), Some("Tim Holroyd"));
    assert!(a.quotes[1].text.contains("and parents pay"));
    assert_eq!(speaker_of(&a, "We want these"), Some("Joanne Hebden"));
}

#[test]
fn second_sentence_after_the_attribution_stays_with_the_quote() {
    let a = convert(
        "en.txt",
        "Pitches approved\n\nCoach Gary Lowes runs a girls' team.\n\n\"Half of our games get called off,\" he said. \"This will change that.\"\n",
    );
    assert_eq!(a.quotes.len(), 1, "{:#?}", a.quotes);
    assert!(a.quotes[0].text.contains("This will change that"));
    assert_eq!(speaker_of(&a, "Half of our games"), Some("Gary Lowes"));
}

#[test]
fn organizations_speak_through_spokespeople_and_their_own_noun() {
    let a = convert(
        "en.txt",
        "Funding row\n\nThe Department for Education said councils had received extra funding. A spokesperson said: “We expect local authorities to prioritise early years support.”\n",
    );
    assert_eq!(
        speaker_of(&a, "We expect local"),
        Some("Department for Education")
    );
    let a = convert(
        "sv.txt",
        "Nya hyror\n\nHyresgästföreningen har varit med i förhandlingarna från början.\n\n”Vi är nöjda med avtalet. Nu kan hyresgästerna välja”, skriver föreningen på sin webbplats.\n",
    );
    assert_eq!(speaker_of(&a, "Vi är nöjda"), Some("Hyresgästföreningen"));
}

#[test]
fn an_administration_is_qualified_by_its_municipality() {
    let iri = |text: &str| {
        let a = convert("sv.txt", text);
        a.entities
            .iter()
            .find(|e| e.name.to_lowercase() == "kulturförvaltningen")
            .unwrap_or_else(|| panic!("kulturförvaltningen in {:?}", a.entities))
            .iri
            .clone()
    };
    let goteborg =
        iri("Konserter på torgen\n\nKulturförvaltningen i Göteborgs Stad ordnar konserter.\n");
    let malmo =
        iri("Biblioteken öppnar\n\nKulturförvaltningen i Malmö stad håller biblioteken öppna.\n");
    let malmo_again = iri(
        "Läslust\n\nMalmö stad satsar på läsning. Det är kulturförvaltningen som driver det.\n",
    );
    assert_ne!(goteborg, malmo);
    assert_eq!(malmo, malmo_again);
}

#[test]
fn gothenburg_the_city_and_the_municipality_are_not_one_thing() {
    let a = convert(
        "sv.txt",
        "Göteborg växer\n\nGöteborgs Stad bygger fler bostäder i Göteborg.\n",
    );
    let same_as = |name: &str| {
        a.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", a.entities))
            .same_as
            .clone()
    };
    let city = same_as("Göteborg");
    let municipality = same_as("Göteborgs Stad");
    assert!(!city.is_empty() && !municipality.is_empty());
    assert!(city.iter().all(|c| !municipality.contains(c)));
}

#[test]
fn national_bodies_regions_and_universities_are_known() {
    let a = convert(
        "sv.txt",
        "Vårdcentral byggs ut\n\nVästra Götalandsregionen och Högskolan Väst samarbetar. Socialdepartementet har gett Försäkringskassan ett uppdrag, och forskare vid Göteborgs universitet följer arbetet.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for o in [
        "Västra Götalandsregionen",
        "Högskolan Väst",
        "Socialdepartementet",
        "Försäkringskassan",
        "Göteborgs universitet",
    ] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
}

#[test]
fn islands_are_not_cities() {
    let a = convert(
        "sv.txt",
        "Färjan till Gotland\n\nFärjorna till Gotland och Orust går som vanligt.\n",
    );
    for island in ["Gotland", "Orust"] {
        let e = a
            .entities
            .iter()
            .find(|e| e.name == island)
            .unwrap_or_else(|| panic!("{island} in {:?}", a.entities));
        assert_ne!(e.schema_type, "City", "{island}");
    }
}

#[test]
fn a_name_before_a_range_of_years_is_a_programme_without_a_cue_word() {
    let a = convert(
        "sv.txt",
        "Nytt torg i Tuve\n\nOmbyggnaden är en del av Hela Tuve 2023–2027, som kommunen driver. Satsningen Unga på Backa 2024–2026 fortsätter. Göteborg 2025 blir ett bra år.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    assert!(inits.contains(&"Hela Tuve 2023–2027"), "{inits:?}");
    assert!(inits.contains(&"Unga på Backa 2024–2026"), "{inits:?}");
    // One year after a name is a date as often as a programme's period.
    assert!(
        !inits.iter().any(|i| i.starts_with("Göteborg")),
        "{inits:?}"
    );
}

#[test]
fn a_listed_programme_keeps_its_place_after_pa() {
    let a = convert(
        "sv.txt",
        "Läxhjälp flyttar\n\nTvå satsningar, Simkunnig Kalmar och Läxhjälp på Funkabo, flyttar till skolan.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    assert!(inits.contains(&"Läxhjälp på Funkabo"), "{inits:?}");
    assert!(!inits.contains(&"Läxhjälp"), "{inits:?}");
}

#[test]
fn the_party_running_a_council_is_a_party_not_part_of_its_name() {
    let a = convert(
        "en.txt",
        "Schools warn\n\nThe Labour-run Hartlepool Borough Council has hired staff. The Conservative-led Rutland County Council has not.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for org in [
        "Hartlepool Borough Council",
        "Rutland County Council",
        "Labour Party",
        "Conservative Party",
    ] {
        assert!(orgs.contains(&org), "{org} in {orgs:?}");
    }
    assert!(
        !orgs
            .iter()
            .any(|o| o.contains("-run") || o.contains("-led")),
        "{orgs:?}"
    );
}

#[test]
fn river_before_its_name_is_a_place() {
    let a = convert(
        "en.txt",
        "Clean-up\n\nVolunteers cleared weed from the River Wensum and the River Tud on Sunday.\n",
    );
    let places = names(&a, EntityKind::Place);
    assert!(places.contains(&"River Wensum"), "{places:?}");
    assert!(places.contains(&"River Tud"), "{places:?}");
}

#[test]
fn bbc_local_outlets_are_organizations_not_their_county() {
    let a = convert(
        "en.txt",
        "Ferry fares to rise\n\nA commuter told BBC Radio Kent the rise was unfair. Figures seen by BBC Essex show the ferry lost money.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"BBC Radio Kent"), "{orgs:?}");
    assert!(orgs.contains(&"BBC Essex"), "{orgs:?}");
    let places = names(&a, EntityKind::Place);
    assert!(!places.contains(&"Kent"), "{places:?}");
    assert!(!places.contains(&"Essex"), "{places:?}");
}

#[test]
fn english_streets_yards_and_grounds_are_places() {
    let a = convert(
        "en.txt",
        "Market moves\n\nStalls will move from Keswick Drive to Tanner's Yard, with a fair on Elmfield Recreation Ground and a bus stop at Victoria Circus.\n",
    );
    let places = names(&a, EntityKind::Place);
    for p in [
        "Keswick Drive",
        "Tanner's Yard",
        "Elmfield Recreation Ground",
        "Victoria Circus",
    ] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
    assert!(
        names(&a, EntityKind::Initiative).is_empty(),
        "{:?}",
        names(&a, EntityKind::Initiative)
    );
}

#[test]
fn english_institutions_by_head_noun() {
    let a = convert(
        "en.txt",
        "Reading club\n\nThe club at Fenwick Library is run by Cumbria Libraries with pupils from Thornbury Academy. The Kendal BID paid for the books.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for o in [
        "Fenwick Library",
        "Cumbria Libraries",
        "Thornbury Academy",
        "Kendal BID",
    ] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
    assert!(!orgs.contains(&"BID"), "{orgs:?}");
}

#[test]
fn an_owner_before_a_fund_is_the_organization() {
    let a = convert(
        "en.txt",
        "Lighting for the path\n\nThe lights were paid for by the Home Office's Safer Streets Fund and a grant from the National Lottery Community Fund.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Home Office"), "{orgs:?}");
    assert!(
        orgs.contains(&"National Lottery Community Fund"),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.contains("Safer")), "{orgs:?}");
}

#[test]
fn english_villages_and_a_town_park() {
    let a = convert(
        "en.txt",
        "Bolton park gets new play area\n\nFamilies from Horwich, Westhoughton and Padiham are expected at the opening.\n",
    );
    let places = names(&a, EntityKind::Place);
    for p in ["Horwich", "Westhoughton", "Padiham"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
    assert!(!places.contains(&"Bolton park"), "{places:?}");
}

#[test]
fn swedish_baths_clubs_farms_and_terminals() {
    let a = convert(
        "sv.txt",
        "Simhallen stänger\n\nEnligt Skärholmens stadsdelsförvaltning ska badet renoveras. Medlemmar i Vårby Simsällskap får träna i Bredängsbadet, och bussar går från Vårby gård och Cityterminalen. Det är den största simhallen i Stockholmsområdet.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(
        orgs.contains(&"Skärholmens stadsdelsförvaltning"),
        "{orgs:?}"
    );
    assert!(orgs.contains(&"Vårby Simsällskap"), "{orgs:?}");
    assert!(orgs.contains(&"Bredängsbadet"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.starts_with("Enligt")), "{orgs:?}");
    let places = names(&a, EntityKind::Place);
    for p in ["Vårby gård", "Cityterminalen", "Stockholmsområdet"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
}

#[test]
fn listed_swedish_programmes_end_at_their_own_words() {
    let a = convert(
        "sv.txt",
        "Lov i Oxhagen\n\nI programmet ingår satsningarna Kvällsbad i Oxhagen och Läxläsning för alla, som är gratis. Enligt förvaltningen ska också kurserna inom projektet Simstart i Rinkaby fortsätta under hösten. Bolaget driver två mindre satsningar, Gröna gårdar på Sjöbo och Odling på taken i Norr, där hyresgästerna får plantor.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    for want in [
        "Kvällsbad i Oxhagen",
        "Läxläsning för alla",
        "Simstart i Rinkaby",
        "Gröna gårdar på Sjöbo",
        "Odling på taken i Norr",
    ] {
        assert!(inits.contains(&want), "{want}: {inits:?}");
    }
    for not in ["Läxläsning", "Simstart i Rinkaby fortsätta", "Odling"] {
        assert!(!inits.contains(&not), "{not}: {inits:?}");
    }
}

#[test]
fn swedish_programmes_by_version_years_lyftet_and_appositive() {
    let a = convert(
        "sv.txt",
        "Nytt i Oxhagen\n\nSedan 2018 har bolaget byggt om området inom projektet Oxhagen 2.0. Läxhjälpen blev i våras ett gemensamt program, Örby läser 2025–2027. Pengarna kommer från Oxhagslyftet. Stödet är en del av arbetet med Starka familjer, den nationella satsning som startade i fjol, och av arbetet med Örby 2040, kommunens vision. Bygget i Norrby pågår 2024–2026.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    for want in [
        "Oxhagen 2.0",
        "Örby läser 2025–2027",
        "Oxhagslyftet",
        "Starka familjer",
        "Örby 2040",
    ] {
        assert!(inits.contains(&want), "{want}: {inits:?}");
    }
    // A place and its verb before a range of years are no programme.
    assert!(!inits.iter().any(|i| i.starts_with("Norrby")), "{inits:?}");
}

#[test]
fn english_programme_names_with_a_colon_an_owner_or_a_nation() {
    let a = convert(
        "en.txt",
        "Retrofit bid\n\nThe council is bidding for money from the government's Cosy Homes: Council Stock Fund this year. Street lights were paid for by the Home Office's Safer Lanes Fund. Tenants can join Skills First Wales, the national employment support service.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    for want in [
        "Cosy Homes: Council Stock Fund",
        "Safer Lanes Fund",
        "Skills First Wales",
    ] {
        assert!(inits.contains(&want), "{want}: {inits:?}");
    }
    assert!(!inits.contains(&"Council Stock Fund"), "{inits:?}");
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Home Office"), "{orgs:?}");
}

#[test]
fn a_fund_that_pays_is_a_funder_and_a_drive_is_a_street() {
    let a = convert(
        "en.txt",
        "Trees for the estate\n\nThe youth club has been funded by the Pit Villages Trust Fund since 2020, and the garden opened with a grant from the Valley Heritage Community Fund. Planting is paid for through the Shade Streets Challenge Fund as part of the Calder and Two Rivers Community Forest. Volunteers meet at the Greenside Academy on Larch Drive.\n",
    );
    let inits = names(&a, EntityKind::Initiative);
    for want in [
        "Shade Streets Challenge Fund",
        "Calder and Two Rivers Community Forest",
    ] {
        assert!(inits.contains(&want), "{want}: {inits:?}");
    }
    for not in [
        "Pit Villages Trust Fund",
        "Valley Heritage Community Fund",
        "Larch Drive",
        "Greenside Academy on Larch Drive",
    ] {
        assert!(!inits.contains(&not), "{not}: {inits:?}");
    }
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Pit Villages Trust Fund"), "{orgs:?}");
    assert!(orgs.contains(&"Valley Heritage Community Fund"), "{orgs:?}");
}

/// The person's title and the name of their employer, by the person's name.
fn title_and_employer<'a>(a: &'a Article, person: &str) -> (Option<&'a str>, Option<&'a str>) {
    let p = a
        .entities
        .iter()
        .find(|e| e.name == person)
        .unwrap_or_else(|| panic!("{person} in {:#?}", a.entities));
    let employer = p
        .works_for
        .as_deref()
        .and_then(|k| a.entity(k))
        .map(|e| e.name.as_str());
    (p.job_title.as_deref(), employer)
}

#[test]
fn a_swedish_body_in_the_genitive_before_a_title_is_the_employer() {
    let a = convert(
        "sv.txt",
        "Jobbtorg i Tjärna\n\nProjektet har pågått i två år.\n\nKommunstyrelsens ordförande Mikael Rosén (S) vill fortsätta. Idrotts- och föreningsnämndens ordförande Anna Lövgren (C) håller med, och grundskolenämndens förste vice ordförande Eva Lind (M) väntar på regionstyrelsen.\n",
    );
    assert_eq!(
        title_and_employer(&a, "Mikael Rosén"),
        (Some("ordförande"), Some("Kommunstyrelsen"))
    );
    assert_eq!(
        title_and_employer(&a, "Anna Lövgren"),
        (Some("ordförande"), Some("Idrotts- och föreningsnämnden"))
    );
    assert_eq!(
        title_and_employer(&a, "Eva Lind"),
        (Some("förste vice ordförande"), Some("Grundskolenämnden"))
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Regionstyrelsen"), "{orgs:?}");
    // The paragraph before ends in a word, not a body: no organization spans the break.
    assert!(!orgs.iter().any(|o| o.contains('\n')), "{orgs:?}");
}

#[test]
fn datelines_county_boards_and_councillors_named_like_places() {
    let a = convert(
        "sv.txt",
        "Ny skola på Norrliden\n\nKALMAR. Kalmar kommun bygger en ny skola. Enligt en rapport från Länsstyrelsen i Stockholm och Länsstyrelsen i Gävleborgs län måste jorden grävas bort.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(!orgs.contains(&"KALMAR"), "{orgs:?}");
    for o in [
        "Kalmar kommun",
        "Länsstyrelsen i Stockholm",
        "Länsstyrelsen i Gävleborgs län",
    ] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
    let b = convert(
        "en.txt",
        "Holiday clubs return\n\nCllr Jane Hill, Cabinet Member for Housing, said the clubs work. Children at NHS sites were invited, and the Director of Public Health agreed.\n",
    );
    assert_eq!(
        title_and_employer(&b, "Jane Hill").0,
        Some("cabinet member for housing")
    );
    let orgs = names(&b, EntityKind::Organization);
    assert!(orgs.contains(&"NHS"), "{orgs:?}");
    assert!(
        !orgs
            .iter()
            .any(|o| o.contains("Member") || o.contains("Director")),
        "{orgs:?}"
    );
    let places = names(&b, EntityKind::Place);
    assert!(!places.iter().any(|p| p.contains("Hill")), "{places:?}");
}

#[test]
fn determiners_before_the_verb_attribute_quotes() {
    let a = convert(
        "en.txt",
        "Path stays shut\n\nA spokesperson for Shropshire Council said the slope had moved.\n\n“Our engineers need a full season of monitoring,” the spokesperson said.\n\n“We are supporting the council with data,” the Environment Agency said in a statement.\n\nNot everyone minds. “It's lovely and quiet down there now,” one resident said.\n",
    );
    assert_eq!(
        speaker_of(&a, "Our engineers need"),
        Some("Shropshire Council")
    );
    assert_eq!(
        speaker_of(&a, "We are supporting"),
        Some("Environment Agency")
    );
    assert_eq!(speaker_of(&a, "It's lovely"), None);
}

#[test]
fn the_paper_an_email_went_to_is_no_speaker() {
    let a = convert(
        "sv.txt",
        "Trångt på förskolan\n\nBarn- och utbildningsförvaltningen i Nyköpings kommun planerar en ny förskola.\n\n”Vi förstår att situationen är ansträngd och tittar på moduler”, skriver förvaltningen i ett mejl till Södermanlands Nyheter.\n",
    );
    let speaker = speaker_of(&a, "Vi förstår").unwrap_or_default();
    assert!(
        speaker.to_lowercase().contains("utbildningsförvaltningen"),
        "{speaker:?}"
    );
}

#[test]
fn a_pronoun_after_someone_unnamed_or_named_by_a_given_name_alone_has_no_speaker() {
    let a = convert(
        "sv.txt",
        "Trångt på förskolan\n\nLinnea Forsberg har två barn på förskolan.\n\n”Mina barn äter lunch i korridoren”, säger hon.\n\nBarnskötaren Sofia har arbetat där i elva år.\n\n”Vi gör vårt bästa, men ljudnivån är för hög”, menar hon.\n",
    );
    assert_eq!(speaker_of(&a, "Mina barn"), Some("Linnea Forsberg"));
    assert_eq!(speaker_of(&a, "Vi gör vårt"), None);
    let b = convert(
        "en.txt",
        "Pantry hours double\n\nPantry coordinator Michelle Okafor said demand had risen.\n\n\"We had 60 families in October,\" she said.\n\nOne parent, waiting at the door, said the pantry had helped.\n\n\"I start work at eight and this saves me,\" she said.\n",
    );
    assert_eq!(speaker_of(&b, "We had 60"), Some("Michelle Okafor"));
    assert_eq!(speaker_of(&b, "I start work"), None);
}

#[test]
fn headline_and_subheading_quotes_take_the_speaker_of_their_words() {
    let a = convert(
        "en.txt",
        "“It feels like it will never open”: riverside path delay angers walkers\n\nA riverside path in Shrewsbury will stay closed.\n\nJean Pryce, 71, has walked the path every morning for 30 years.\n\n“Every month they tell us something new. It feels like it will never open,” she said.\n",
    );
    assert_eq!(speaker_of(&a, "It feels like"), Some("Jean Pryce"));
    assert_eq!(speaker_of(&a, "Every month"), Some("Jean Pryce"));
    let b = convert(
        "en.md",
        "# Pantry opens longer\n\nPantry coordinator Michelle Okafor said demand had risen.\n\n\"We had 60 families in October,\" she said.\n\n## \"We can't keep up with the queue\"\n\nPeople start queuing an hour early.\n",
    );
    assert_eq!(speaker_of(&b, "We can't keep up"), None);
}

/// The kind of a named entity, by its name.
fn kind_of(a: &Article, name: &str) -> Option<EntityKind> {
    a.entities.iter().find(|e| e.name == name).map(|e| e.kind)
}

#[test]
fn a_lowercase_compound_head_or_a_head_in_the_genitive_ends_an_organization_name() {
    let a = convert(
        "sv.txt",
        "Protester mot bygget\n\nIngrid Ek är ordförande i Hammarkullens villaägareförening. Barn från Rannebergens förskola var med, och mötet hölls i Angereds församlings lokaler. Västra Hisingen stadsdelsnämnds ordförande Omar Ali (S) lyssnade.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for org in [
        "Hammarkullens villaägareförening",
        "Rannebergens förskola",
        "Angereds församling",
        "Västra Hisingen stadsdelsnämnd",
    ] {
        assert!(orgs.contains(&org), "{org} in {orgs:?}");
    }
    assert_eq!(
        title_and_employer(&a, "Omar Ali"),
        (Some("ordförande"), Some("Västra Hisingen stadsdelsnämnd"))
    );
}

#[test]
fn a_district_body_without_its_district_is_the_one_the_article_names() {
    let a = convert(
        "sv.txt",
        "Fritidsgården öppnar igen\n\nSkärholmens stadsdelsnämnd har beslutat att öppna gården. Satsningen leds av stadsdelsförvaltningen.\n\nLars Berg (M), ledamot i stadsdelsnämnden, är kritisk.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(!orgs.contains(&"Stadsdelsförvaltningen"), "{orgs:?}");
    assert!(!orgs.contains(&"Stadsdelsnämnden"), "{orgs:?}");
    assert_eq!(
        title_and_employer(&a, "Lars Berg"),
        (Some("ledamot"), Some("Skärholmens stadsdelsnämnd"))
    );
}

#[test]
fn a_body_followed_by_its_place_is_a_local_branch_not_a_place() {
    let a = convert(
        "sv.txt",
        "Hyrorna höjs\n\nHyresgästföreningen Kortedala protesterar. Många äldre går till Vårdcentralen Rosenlund varje vecka, och Lokalpolisområde Angered har fått fler poliser.\n\nOppositionsregionrådet Nora Lindgren (S) är kritisk.\n",
    );
    // Nora is a town too, but here it opens a person's name after her title.
    assert_eq!(kind_of(&a, "Nora Lindgren"), Some(EntityKind::Person));
    for org in [
        "Hyresgästföreningen Kortedala",
        "Vårdcentralen Rosenlund",
        "Lokalpolisområde Angered",
    ] {
        assert_eq!(kind_of(&a, org), Some(EntityKind::Organization), "{org}");
    }
}

#[test]
fn a_street_named_after_a_person_is_a_place() {
    let a = convert(
        "sv.txt",
        "Brand i källaren\n\nGården stängdes efter en brand i källarlokalen vid Selma Lagerlöfsgången i Husby.\n",
    );
    assert_eq!(
        kind_of(&a, "Selma Lagerlöfsgången"),
        Some(EntityKind::Place)
    );
    assert!(names(&a, EntityKind::Person).is_empty(), "{:?}", a.entities);
}

#[test]
fn a_title_with_where_it_serves_before_a_name_and_a_comma() {
    let a = convert(
        "sv.txt",
        "Ny belysning\n\nFamiljebostäders fastighetschef i Söderort, Mattias Öberg, ser projektet som en chans. Ordföranden i trafiknämnden, Per Holm (M), medger att det brustit.\n\n– Vi har hundratals liknande gårdar, säger fastighetschefen.\n",
    );
    assert_eq!(
        title_and_employer(&a, "Mattias Öberg"),
        (
            Some("fastighetschef"),
            Some("Familjebostäder i Göteborg AB")
        )
    );
    assert_eq!(
        title_and_employer(&a, "Per Holm"),
        (Some("ordförande"), Some("Trafiknämnden"))
    );
    assert_eq!(speaker_of(&a, "Vi har hundratals"), Some("Mattias Öberg"));
}

#[test]
fn a_title_with_a_qualifier_still_names_its_holder_in_definite_form() {
    let a = convert(
        "sv.txt",
        "Fritidsgården öppnar\n\nSamira Haddou är enhetschef för fritidsverksamheten i Rinkeby.\n\n– Det är de unga själva som vet bäst, säger enhetschefen.\n\nKlubbens ungdomsansvarige Peter Nilsson håller med.\n",
    );
    assert_eq!(speaker_of(&a, "Det är de unga"), Some("Samira Haddou"));
    assert_eq!(
        title_and_employer(&a, "Peter Nilsson").0,
        Some("ungdomsansvarig")
    );
}

#[test]
fn an_organization_speaks_under_the_name_the_text_gives_it() {
    let a = convert(
        "sv.txt",
        "Linje 3 glesas ut\n\nBussen går mer sällan från augusti.\n\n”Vi behöver använda skattebetalarnas pengar där resenärerna finns”, skriver SL i ett mejl till Mitt i.\n\n”Syftet är att vara synliga för de boende”, meddelar Polisen i ett pressmeddelande.\n",
    );
    // The gazetteer's names for what the text calls "SL" and "Polisen".
    assert_eq!(
        speaker_of(&a, "Vi behöver"),
        Some("Storstockholms Lokaltrafik")
    );
    assert_eq!(speaker_of(&a, "Syftet är"), Some("Polismyndigheten"));
}

#[test]
fn a_dateline_in_capitals_names_its_place() {
    let a = convert(
        "sv.txt",
        "Nytt ljus i Skatås\n\nÖRGRYTE-HÄRLANDA. Under hösten får motionsspåren ny belysning.\n",
    );
    assert_eq!(kind_of(&a, "Örgryte-Härlanda"), Some(EntityKind::Place));
}

#[test]
fn initiative_names_end_before_an_owner_and_take_ampersands_and_quoted_names() {
    let a = convert(
        "sv.txt",
        "Gårdar och rörelse\n\nProjektet är en del av fokusområdet Trygga gårdar i stadens miljöprogram. Skolan arbetar inom programmet Read & Play, och försöket på torget har fått namnet ”Söndag på torget”. Forskningen får stöd från EU:s ramprogram Horisont Europa och kan bli ett exempel för hela Europa.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for name in [
        "Trygga gårdar",
        "Read & Play",
        "Söndag på torget",
        "Horisont Europa",
    ] {
        assert!(initiatives.contains(&name), "{name} in {initiatives:?}");
    }
    assert_eq!(kind_of(&a, "Europa"), Some(EntityKind::Place));
}

#[test]
fn swedish_organization_word_endings_and_business_cue_compounds() {
    let a = convert(
        "sv.txt",
        "Sommarjobb i Bergsjön\n\nBland arbetsgivarna finns cykelverkstaden Hjällbo Cykel och kaféet Mariabageriet. Träningen leds av Friluftsfrämjandet och Studiefrämjandet.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for org in [
        "Hjällbo Cykel",
        "Mariabageriet",
        "Friluftsfrämjandet",
        "Studiefrämjandet",
    ] {
        assert!(orgs.contains(&org), "{org} in {orgs:?}");
    }
}

#[test]
fn related_titles_written_inline_after_the_marker_are_not_read_for_entities() {
    let a = convert(
        "sv.txt",
        "Förskolor slås ihop\n\nTre förskolor i Tynnered slås ihop till en.\n\nLäs också: Kön till förskolan i Torslanda växer\n\nLäs också: Färjetrafiken till Helsingör slår rekord\n",
    );
    assert_eq!(a.related.len(), 2, "{:?}", a.related);
    let places = names(&a, EntityKind::Place);
    assert!(!places.contains(&"Torslanda"), "{places:?}");
    assert!(!places.contains(&"Helsingör"), "{places:?}");
}

#[test]
fn swedish_bodies_papers_channels_and_roads() {
    let a = convert(
        "sv.txt",
        "Nytt lager\n\nÄldre samt vård- och omsorgsnämndens ordförande Karl Dahl (S) var på plats. Mark- och miljödomstolen har gett tillstånd, och Statens geotekniska institut har granskat marken vid väg 158. Elever från Burgårdens gymnasium gör praktik. Det berättar hon för Angeredsbladet och P4 Uppland.\n",
    );
    assert_eq!(
        title_and_employer(&a, "Karl Dahl"),
        (
            Some("ordförande"),
            Some("Äldre samt vård- och omsorgsnämnden")
        )
    );
    let orgs = names(&a, EntityKind::Organization);
    for org in [
        "Mark- och miljödomstolen",
        "Statens geotekniska institut",
        "Burgårdens gymnasium",
        "Angeredsbladet",
        "P4 Uppland",
    ] {
        assert!(orgs.contains(&org), "{org} in {orgs:?}");
    }
    assert_eq!(kind_of(&a, "väg 158"), Some(EntityKind::Place));
    let paper = a
        .entities
        .iter()
        .find(|e| e.name == "Angeredsbladet")
        .unwrap();
    assert_eq!(paper.schema_type, "NewsMediaOrganization");
}

#[test]
fn programme_names_with_years_plan_compounds_and_naming_clauses() {
    let a = convert(
        "sv.txt",
        "Planer för staden\n\nBoendet är det första i Boendeplan för äldre 2024–2032, som nämnden antog. Beslutet är en del av Skolstruktur 2030, planen för grundskolorna, och av Stombuss 2030, Region Stockholms plan för bussarna. Chalmers pekar ut bostäder i campusplanen Campus Johanneberg 2040. Mölndal deltar i EU-projektet Resilient Rivers. Kommunen har startat förbättringsarbetet ”Hemtjänst i tid”. Satsningen, som kallas Midnight League Angered, startade i januari.\n",
    );
    let initiatives = names(&a, EntityKind::Initiative);
    for name in [
        "Boendeplan för äldre 2024–2032",
        "Skolstruktur 2030",
        "Stombuss 2030",
        "Campus Johanneberg 2040",
        "Resilient Rivers",
        "Hemtjänst i tid",
        "Midnight League Angered",
    ] {
        assert!(initiatives.contains(&name), "{name} in {initiatives:?}");
    }
    assert_eq!(kind_of(&a, "EU-projektet Resilient Rivers"), None);
}

#[test]
fn a_decision_or_report_is_the_channel_of_an_agency_s_quote() {
    let a = convert(
        "sv.txt",
        "Kritik mot hemtjänsten\n\nInspektionen för vård och omsorg (IVO) har granskat hemtjänsten i Gottsunda.\n\n”Bristerna är allvarliga och har inneburit en risk”, skriver IVO i sitt beslut.\n\nAhmed Yilmaz, huvudskyddsombud på Kommunal, håller med.\n",
    );
    assert_eq!(
        speaker_of(&a, "Bristerna är"),
        Some("Inspektionen för vård och omsorg")
    );
    assert_eq!(
        title_and_employer(&a, "Ahmed Yilmaz"),
        (Some("huvudskyddsombud"), Some("Kommunal"))
    );
}

#[test]
fn english_names_joined_by_and_or_a_comma_list_are_one_name_when_they_end_in_a_head_word() {
    let a = convert(
        "en.txt",
        "Youth charity to close\n\nMarsh and Fenwick Youth Action said it could no longer pay its staff. Cllr Ian Ross will raise it at the council's Communities, Housing and Public Protection Committee. A spokesperson for Kirkby City Health and Social Care Partnership said the service would go on, while NHS Grampian said nurses had been told. The Kingsford and Haleton Hospital NHS Trust, Harrowby Fire and Rescue Service and Telford & Wrekin Council's Cabinet Member for Housing agreed. The Office of the West Midlands Police and Crime Commissioner gave £12,000 from Homes England's Brownfield, Infrastructure and Land Fund. Lights will go up along the Wyrley and Essington Canal, on Kingsmills Road and Peris Road and in Great Lever and Tonge Moor.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for o in [
        "Marsh and Fenwick Youth Action",
        "Communities, Housing and Public Protection Committee",
        "Kirkby City Health and Social Care Partnership",
        "NHS Grampian",
        "Kingsford and Haleton Hospital NHS Trust",
        "Harrowby Fire and Rescue Service",
        "Telford & Wrekin Council",
        "Office of the West Midlands Police and Crime Commissioner",
    ] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
    for piece in [
        "Public Protection Committee",
        "Rescue Service",
        "Housing",
        "Office",
    ] {
        assert!(!orgs.contains(&piece), "{piece} in {orgs:?}");
    }
    assert!(names(&a, EntityKind::Person)
        .iter()
        .all(|p| !p.contains("NHS")));
    let initiatives = names(&a, EntityKind::Initiative);
    assert!(
        initiatives.contains(&"Brownfield, Infrastructure and Land Fund"),
        "{initiatives:?}"
    );
    assert!(!initiatives.iter().any(|i| i.contains("Partnership")));
    let places = names(&a, EntityKind::Place);
    for p in [
        "Wyrley and Essington Canal",
        "Kingsmills Road",
        "Peris Road",
        "Tonge Moor",
    ] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
}

#[test]
fn a_list_of_names_before_a_headed_name_is_not_part_of_it() {
    let a = convert(
        "en.txt",
        "Jobs hub opens\n\nThe hub is run by Dundee City Council with NHS Tayside, Dundee and Angus College and the charity Street Soccer. Families can use the Warm Homes and Healthy Homes schemes, said Sarah Jones and Leeds City Council.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for o in ["NHS Tayside", "Angus College", "Leeds City Council"] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
    assert!(!orgs.iter().any(|o| o.contains(" and ")), "{orgs:?}");
}

#[test]
fn unitary_authorities_named_with_and_are_places() {
    let a = convert(
        "en.txt",
        "Homes let\n\nNuplace now manages 500 homes across Telford and Wrekin, and more in Brighton and Hove.\n",
    );
    let places = names(&a, EntityKind::Place);
    for p in ["Telford and Wrekin", "Brighton and Hove"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
}

#[test]
fn organizations_named_with_their_town_keep_it() {
    let a = convert(
        "en.txt",
        "Surgery to close\n\nTenants of First Choice Homes Oldham were told by letter. Healthwatch Oldham's manager said it would hurt. Families can get help from St Leger Homes of Doncaster and Citizens Advice Doncaster Borough.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for o in [
        "First Choice Homes Oldham",
        "Healthwatch Oldham",
        "St Leger Homes of Doncaster",
        "Citizens Advice Doncaster Borough",
    ] {
        assert!(orgs.contains(&o), "{o} in {orgs:?}");
    }
    let places = names(&a, EntityKind::Place);
    assert!(!places.iter().any(|p| p.contains("Citizens")), "{places:?}");
}

#[test]
fn a_body_named_with_its_town_keeps_it_when_named_again_without() {
    let a = convert(
        "en.txt",
        "Hubs open\n\nTenants can get advice from St Leger Homes of Doncaster at both hubs.\n\nA spokesperson for St Leger Homes said tenants could book help “without having to ring round the council”.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert_eq!(orgs, ["St Leger Homes of Doncaster"]);
    assert_eq!(
        speaker_of(&a, "without having to ring"),
        Some("St Leger Homes of Doncaster")
    );
}

#[test]
fn places_listed_after_in_and_parts_of_portfolios_are_not_people() {
    let a = convert(
        "en.txt",
        "Crisis support\n\nThe money paid for energy bills for pensioners in Leam Lane, Windy Nook and Chopwell. Leanne, 34, who works at a care home in Low Fell, said vouchers had helped. Cllr Sunita Bains (Con), Cabinet Member for Community, Leisure and Public Safety, said: \"We listened.\" The Active Citizens Fund gave £500 to Blakenall Community Watch, a volunteer group. In March, Sarah Jones said the fund was too small.\n",
    );
    let people = names(&a, EntityKind::Person);
    for p in [
        "Windy Nook",
        "Low Fell",
        "Public Safety",
        "Blakenall Community Watch",
    ] {
        assert!(!people.contains(&p), "{p} in {people:?}");
    }
    assert!(people.contains(&"Sarah Jones"), "{people:?}");
    let places = names(&a, EntityKind::Place);
    for p in ["Windy Nook", "Low Fell"] {
        assert!(places.contains(&p), "{p} in {places:?}");
    }
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Blakenall Community Watch"), "{orgs:?}");
}

#[test]
fn an_abbreviation_given_in_brackets_names_the_organization_and_speaks_for_it() {
    let a = convert(
        "en.txt",
        "Flood warning\n\nNatural Resources Wales (NRW) said a warning had been issued at 21:40 GMT, before brighter LED lights went up.\n\nIn a statement, NRW said: “Our teams were on the ground throughout the night.”\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert_eq!(orgs, ["Natural Resources Wales"]);
    assert_eq!(
        speaker_of(&a, "Our teams were on"),
        Some("Natural Resources Wales")
    );
}

#[test]
fn green_councillors_name_their_party_and_a_possessive_opens_no_programme() {
    let a = convert(
        "en.txt",
        "Homes open\n\nGreen councillor Abi Turner said it showed what councils can do. Its Friday Night Project draws 60 young people a week. The village green was full.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    assert!(orgs.contains(&"Green Party"), "{orgs:?}");
    let initiatives = names(&a, EntityKind::Initiative);
    assert_eq!(initiatives, ["Friday Night Project"]);
}

#[test]
fn constabularies_water_companies_and_two_word_parties_that_run_a_council() {
    let a = convert(
        "en.txt",
        "Hub opens in Millfield\n\nA new youth hub has opened in Millfield, Peterborough.\n\nCambridgeshire Constabulary said patrols would continue. Severn Trent said the main had been repaired, and the Plaid Cymru-led Carmarthenshire County Council backed the plan.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for org in [
        "Cambridgeshire Constabulary",
        "Severn Trent",
        "Plaid Cymru",
        "Carmarthenshire County Council",
    ] {
        assert!(orgs.contains(&org), "{org} in {orgs:?}");
    }
    assert!(names(&a, EntityKind::Person).is_empty(), "{:?}", a.entities);
}

#[test]
fn a_surname_alone_is_the_person_and_small_places_come_from_geonames_cities500() {
    // "Barnes" is a London district in GeoNames and Sarah Barnes's surname; "Portswood" (Southampton) and
    // "Fjällbacka" are places of under 1,000 inhabitants that only the cities500 list holds.
    let a = convert(
        "en.txt",
        "Bins change in Portswood\n\nThe council will change collections, said deputy leader Sarah Barnes.\n\n“We have listened,” Barnes said. Families in Barnes and Portswood will get new bins.\n",
    );
    let places = names(&a, EntityKind::Place);
    assert_eq!(places, ["Portswood", "Barnes"], "{places:?}");
    let barnes = a.entities.iter().find(|e| e.name == "Barnes").unwrap();
    assert_eq!(barnes.mentions.len(), 1, "only 'in Barnes' is the place");
    let b = convert(
        "sv.txt",
        "Ny brygga i Fjällbacka\n\nBryggan i Fjällbacka byggs om i vår, säger hamnchefen Anna Kjellberg.\n",
    );
    assert!(names(&b, EntityKind::Place).contains(&"Fjällbacka"));
}

#[test]
fn programmes_named_before_an_owners_appositive_and_plans_for_a_place() {
    // BBC Scotland and Swedish local-paper shapes: the name, a comma, then an owner's genitive and a
    // programme noun ("the council's anti-poverty programme", "kommunens klimatprogram").
    let en = convert(
        "en.txt",
        "Pantry lease ends\n\nThe pantry got £18,000 from Fairer Renfrewshire, the council's anti-poverty programme, last year. The work is funded under Safe and Strong Wolverhampton 2026-2030, the city's youth violence strategy. The money comes from the government's Plan for Neighbourhoods, which replaced the Long-Term Plan for Towns.\n",
    );
    let found = names(&en, EntityKind::Initiative);
    for name in [
        "Fairer Renfrewshire",
        "Safe and Strong Wolverhampton 2026-2030",
        "Plan for Neighbourhoods",
        "Long-Term Plan for Towns",
    ] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    let sv = convert(
        "sv.txt",
        "Matavfall sorteras\n\nSorteringen är en del av Hållbara Sollentuna 2030, kommunens miljö- och klimatprogram. Programmet ingår i Tryggare Landskrona, stadens trygghetsprogram sedan 2019.\n",
    );
    let found = names(&sv, EntityKind::Initiative);
    for name in ["Hållbara Sollentuna 2030", "Tryggare Landskrona"] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    let charity = convert(
        "en.txt",
        "Buses cut\n\nThe cuts were criticised by the Campaign for Better Transport on Monday.\n",
    );
    assert!(names(&charity, EntityKind::Initiative).is_empty());
}

#[test]
fn devolved_parties_health_boards_and_the_conservative_adjective() {
    // BBC News NI and BBC Scotland shapes: parties by abbreviation, health boards, police; the adjective
    // "Conservative" names the party as "Labour" does.
    let a = convert(
        "en.txt",
        "Youth hub funding cut\n\nAn SDLP councillor on Derry City and Strabane District Council said the PSNI and NHS Greater Glasgow and Clyde had been asked. The Conservative leader of the council, Mark Ingleby, disagreed.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for name in [
        "Social Democratic and Labour Party",
        "Derry City and Strabane District Council",
        "Police Service of Northern Ireland",
        "NHS Greater Glasgow and Clyde",
        "Conservative Party",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
}

#[test]
fn headline_quotes_in_single_marks_or_after_a_dash_take_the_speaker_who_says_them_in_the_body() {
    // BBC: a headline opening with a quote in straight single marks, its words shortened from the body's.
    let bbc = convert(
        "en.txt",
        "'We can hear the sea under the floor': Headland residents wait\n\nResidents say they are living on borrowed time.\n\nPat Heselton, 71, said high tides had become frightening.\n\n“Some nights you can hear it booming under the floor,” she said.\n\nCouncillor Brenda Laidler (Ind), who represents Headland and Harbour ward, said people had done everything asked of them. Reform UK councillor Dean Ashby disagreed.\n",
    );
    assert_eq!(
        bbc.headline,
        "'We can hear the sea under the floor': Headland residents wait"
    );
    assert_eq!(
        speaker_of(&bbc, "We can hear the sea"),
        Some("Pat Heselton")
    );
    // A paragraph's first name after an honorific keeps it as the title, though "councillor" is also
    // written in lower case in the article.
    assert_eq!(
        title_and_employer(&bbc, "Brenda Laidler").0,
        Some("councillor")
    );
    // Swedish local papers: the quote after a dash ends the headline, and the body says it from
    // mid-sentence.
    let sv = convert(
        "sv.txt",
        "Fjärrvärmen blir dyrare – ”Slag mot villaägarna”\n\nSandviken Energi höjer priset med nio procent.\n\nRolf Hedin, ordförande i Villaägarna Sandviken, är kritisk.\n\n”Det här är ett slag mot villaägarna. Många har redan pressade marginaler”, säger han.\n",
    );
    assert_eq!(speaker_of(&sv, "Slag mot villaägarna"), Some("Rolf Hedin"));
    // A subheading quote in single marks with an apostrophe inside.
    let sub = convert(
        "en.txt",
        "Surgery to close\n\nThe practice will move in May.\n\n'Not a mile and a half if you can't drive'\n\nJean Broadbent, 69, has been a patient for 30 years.\n\n“It's not a mile and a half if you can't drive. It's two buses,” she said.\n",
    );
    assert_eq!(
        speaker_of(&sub, "Not a mile and a half if you can't drive"),
        Some("Jean Broadbent")
    );
}

#[test]
fn organizations_speak_through_their_nouns_and_pronouns_and_welsh_bodies_put_their_head_first() {
    // BBC Wales and BBC England shapes: a subject with an opener, a relative clause or an abbreviation in
    // brackets before the speech verb; "It said"; "the charity said" for a charity named before.
    let a = convert(
        "en.txt",
        "Coal tip monitored\n\nThe Mining Remediation Authority inspected the tip. In a statement, the authority said it had found “no evidence of deep-seated movement”.\n\nNHS West Yorkshire Integrated Care Board (ICB) approved the move. It said the building was “no longer fit for modern general practice”.\n\nThe housing charity Shelter urged the council to act. “Tenants should not have to wait for a successful bid,” the charity said.\n\nThe Black Country Chamber of Commerce, which helped promote the first round, said the grants were “a practical bit of help”.\n",
    );
    assert_eq!(
        speaker_of(&a, "no evidence of deep-seated movement"),
        Some("Mining Remediation Authority")
    );
    assert_eq!(
        speaker_of(&a, "no longer fit for modern"),
        Some("NHS West Yorkshire Integrated Care Board")
    );
    assert_eq!(speaker_of(&a, "Tenants should not"), Some("Shelter"));
    assert_eq!(
        speaker_of(&a, "a practical bit of help"),
        Some("Black Country Chamber of Commerce")
    );
    // Swedish: "skriver föreningen" names the association by its noun's base form.
    let sv = convert(
        "sv.txt",
        "Bron stängs\n\nMotala Centrumförening är kritisk.\n\n”Vi förväntar oss att kommunen tar ansvar för centrum”, skriver föreningen i ett brev.\n",
    );
    assert_eq!(
        speaker_of(&sv, "Vi förväntar oss"),
        Some("Motala Centrumförening")
    );
    // People: an age makes a person of an unlisted given name; a party's genitive is not the name's;
    // acronyms open and end no name; Welsh bodies open with their head noun.
    let w = convert(
        "en.txt",
        "Tip fears\n\nCarys Jenkins, 52, who has lived on Coegnant Road all her life, was terrified. Plaid Cymru's Luned Hopkin said communities had waited. NI Water said crews had worked. Patients fear the Dalton GP branch will close. Volunteers at Hwb Maesgeirchen say 300 people use the pantry.\n",
    );
    let people = names(&w, EntityKind::Person);
    assert!(people.contains(&"Carys Jenkins"), "{people:?}");
    assert!(people.contains(&"Luned Hopkin"), "{people:?}");
    assert!(!people.contains(&"NI Water") && !people.contains(&"Dalton GP"));
    let orgs = names(&w, EntityKind::Organization);
    assert!(orgs.contains(&"Hwb Maesgeirchen"), "{orgs:?}");
    assert!(orgs.contains(&"Plaid Cymru"), "{orgs:?}");
}

#[test]
fn programmes_named_in_an_appositive_a_quoted_name_before_its_head_and_model_compounds() {
    // Guardian, BBC Scotland and council shapes: "X, a scheme that", "X, a sportscotland programme", "X,
    // the Scottish government's employability programme", "a plan it calls X", "the “X” scheme".
    let en = convert(
        "en.txt",
        "Jobs hub opens\n\nVolunteers run Bwyd i Bawb, a scheme that delivers meals. The girls trained with help from Fit for Girls, a sportscotland programme that trains coaches. Support is funded through No One Left Behind, the Scottish government's employability programme. The landlord will fit heat pumps as part of a wider plan it calls Middlegate Renewed. Residents asked to join the council's “Tip Watch” scheme. The club raised money through the \"Light Up Raploch\" appeal.\n",
    );
    let found = names(&en, EntityKind::Initiative);
    for name in [
        "Bwyd i Bawb",
        "Fit for Girls",
        "No One Left Behind",
        "Middlegate Renewed",
        "Tip Watch",
        "Light Up Raploch",
    ] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    // Swedish local papers: "X, ett samarbete mellan", "förskoleprogram X 2025–2030", "den så kallade
    // Xmodellen", a cue word before a dated name, and "heter X och kostar" (the verb is not the name's).
    let sv = convert(
        "sv.txt",
        "Feriejobb i sommar\n\nI år deltar arbetsgivare genom Ung i jobb, ett samarbete mellan kommunen och Företagarna. Projektet är en del av Göteborgs Stads förskoleprogram Plats för alla 2025–2030. Sopsuget var en del av den så kallade Hammarbymodellen. Renoveringen ingår i Trafikverkets satsning Bärkraft Östergötland 2025–2030. Satsningen heter Mötesplats Noltorp och kostar fyra miljoner kronor.\n",
    );
    let found = names(&sv, EntityKind::Initiative);
    for name in [
        "Ung i jobb",
        "Plats för alla 2025–2030",
        "Hammarbymodellen",
        "Bärkraft Östergötland 2025–2030",
        "Mötesplats Noltorp",
    ] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    assert!(
        !found.iter().any(|n| n.starts_with("Trafikverkets")),
        "{found:?}"
    );
}

#[test]
fn mastheads_by_their_paper_word_one_word_short_names_and_local_branches() {
    let sv = convert(
        "sv.txt",
        "Bibliotek flyttar\n\nBiblioteket öppnar i Noltorp, skriver Alingsås Tidning. Marken är förorenad, och Länsstyrelsen i Västra Götalands län förelade kommunen att sanera.\n\n”Saneringen ska vara klar”, skriver Länsstyrelsen. Rolf Hedin, ordförande i Villaägarna Sandviken, är kritisk.\n",
    );
    let orgs = names(&sv, EntityKind::Organization);
    for name in [
        "Alingsås Tidning",
        "Länsstyrelsen i Västra Götalands län",
        "Villaägarna Sandviken",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
    assert!(!orgs.contains(&"Länsstyrelsen"), "{orgs:?}");
    assert!(!names(&sv, EntityKind::Place).contains(&"Alingsås Tidning"));
    assert_eq!(
        speaker_of(&sv, "Saneringen ska vara klar"),
        Some("Länsstyrelsen i Västra Götalands län")
    );
    let en = convert(
        "en.txt",
        "Pantry opens\n\nThe pantry, run with Church Action on Poverty, opened on Monday, the Dumfries and Galloway Standard reported. Support comes from the Scottish government.\n",
    );
    let orgs = names(&en, EntityKind::Organization);
    for name in [
        "Church Action on Poverty",
        "Dumfries and Galloway Standard",
        "Scottish Government",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
}

#[test]
fn northern_irish_councils_with_commas_in_their_names() {
    let a = convert(
        "en.txt",
        "Flood works\n\nNewry, Mourne and Down District Council said the works would start in May, and Mid Ulster District Council agreed.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for name in [
        "Newry, Mourne and Down District Council",
        "Mid Ulster District Council",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
    assert!(!orgs.contains(&"Down District Council"), "{orgs:?}");
}

#[test]
fn readers_comments_and_partial_quotes_later_in_a_sentence_are_quotes_of_their_own() {
    let a = convert(
        "en.txt",
        "Pantry opens in Burnley Wood\n\nA pantry has opened.\n\nReaders praised it on Facebook. One wrote: \"Brilliant idea, well done to everyone involved.\" Another said: \"This is what community looks like.\"\n\nConservative councillor Peter Winstanley said the administration had “run out of ideas” and that libraries were “always first in the firing line” when money was short.\n\nRegular users say the building is \"a lifeline\" for older people.\n\nAmong the comments we received:\n\n– “More benches, please, and somewhere to sit.”\n– “Keep the old oak trees. They were here first.”\n",
    );
    let texts: Vec<&str> = a.quotes.iter().map(|q| q.text.as_str()).collect();
    for start in [
        "Brilliant idea",
        "This is what community",
        "always first in the firing line",
        "a lifeline",
        "More benches",
        "Keep the old oak",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(start)),
            "{start} in {texts:?}"
        );
    }
    assert!(!texts
        .iter()
        .any(|t| t.contains("Brilliant") && t.contains("community")));
    assert_eq!(
        speaker_of(&a, "always first in the firing line"),
        Some("Peter Winstanley")
    );
    assert!(names(&a, EntityKind::Organization).contains(&"Facebook"));
}

#[test]
fn headline_quotes_inside_the_headline_count_when_the_body_says_them() {
    let a = convert(
        "en.txt",
        "Byker Wall tenants ‘living with buckets’ as repair waits grow\n\nTenants say repairs take months.\n\n“We’re living with buckets,” said Joanne Hedley, who has lived on the estate for 20 years.\n\nThe ‘Wall to Wall’ programme will start in May.\n",
    );
    assert_eq!(speaker_of(&a, "living with buckets"), Some("Joanne Hedley"));
    let b = convert(
        "en.txt",
        "Teenagers fear for Rhyl youth club as ‘Funding Cliff’ looms\n\nThe club may close.\n\n“It is a worry,” said Rhian Parry, a youth worker.\n",
    );
    assert!(
        !b.quotes.iter().any(|q| q.text.starts_with("Funding Cliff")),
        "{:?}",
        b.quotes
    );
    let c = convert(
        "en.txt",
        "School merger plan\n\nParents object.\n\n'Once in a generation'\n\nThe convener, Martin Boyle, said the proposal was \"a once-in-a-generation chance\" for the town.\n",
    );
    assert_eq!(speaker_of(&c, "Once in a generation"), Some("Martin Boyle"));
}

#[test]
fn people_after_a_place_list_force_titles_welsh_names_saints_and_bylines() {
    let a = convert(
        "en.txt",
        "Schools merger\n\nBy Kirsty Lennox, Local Democracy Reporter\n\nIts local association secretary in Inverclyde, Tom Devlin, said: \"Staff have been told very little so far.\"\n\nPSNI Inspector Mark Dunlop said: \"We would appeal to anyone with information.\"\n\nVolunteers at St Cuthbert's church and Sioned Pritchard, a parent, helped. Pupils at Gibshill Primary wrote letters.\n",
    );
    let people = names(&a, EntityKind::Person);
    for name in ["Tom Devlin", "Mark Dunlop", "Sioned Pritchard"] {
        assert!(people.contains(&name), "{name} in {people:?}");
    }
    for name in ["Kirsty Lennox", "St Cuthbert", "Gibshill Primary"] {
        assert!(!people.contains(&name), "{name} in {people:?}");
    }
    assert_eq!(speaker_of(&a, "Staff have been told"), Some("Tom Devlin"));
    assert!(names(&a, EntityKind::Organization).contains(&"Gibshill Primary"));
    let places = names(&a, EntityKind::Place);
    assert!(!places.contains(&"Tom Devlin"), "{places:?}");
}

#[test]
fn hospitals_by_town_and_royal_and_infirmaries_are_organizations() {
    let a = convert(
        "en.txt",
        "New bus route\n\nThe route stops at Salford Royal and Manchester Royal Infirmary.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for name in ["Salford Royal", "Manchester Royal Infirmary"] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
    assert!(!names(&a, EntityKind::Place).contains(&"Salford Royal"));
}

#[test]
fn swedish_town_companies_papers_squares_rivers_and_regional_branches() {
    let a = convert(
        "sv.txt",
        "Fukt i husen\n\nKarlshamnsbostäder har två hus nära Mieån. Härnösandshus har hittat fuktskador, säger Tomas Edlund till Tidningen Ångermanland.\n\nStyrsöbolaget, som kör båtarna, skriver i ett mejl att turerna ändras. Handlarna runt Stora torget märker det, skriver Piteå-Tidningen.\n\nRing Göteborgs Stad för mer information.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for name in [
        "Karlshamnsbostäder",
        "Härnösandshus",
        "Tidningen Ångermanland",
        "Styrsöbolaget",
        "Piteå-Tidningen",
        "Göteborgs Stad",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
    assert!(!orgs.contains(&"Ring Göteborgs Stad"), "{orgs:?}");
    let places = names(&a, EntityKind::Place);
    for name in ["Mieån", "Stora torget"] {
        assert!(places.contains(&name), "{name} in {places:?}");
    }
    assert!(!places.contains(&"Piteå-Tidningen"), "{places:?}");
}

#[test]
fn quotes_of_unnamed_people_and_listed_comments_have_no_speaker() {
    let en = convert(
        "en.txt",
        "Family hubs\n\nJoanne Whitfield, who runs the Parr Family Hub, said the hub was busy.\n\nOne father at the session, who did not want to be named, had not known the hub existed. “If it went, I honestly don't know where we'd go,” he said.\n\nWe asked shoppers what they thought:\n\n– It's the only reason I come into town on a Saturday.\n\n– The market needs the work, but not like this.\n",
    );
    assert_eq!(speaker_of(&en, "If it went"), None);
    assert_eq!(speaker_of(&en, "It's the only reason"), None);
    assert_eq!(speaker_of(&en, "The market needs"), None);
    let sv = convert(
        "sv.txt",
        "Kulan stänger\n\nFritidsgården Kulan i Svanesund stänger i sommar.\n\n– Vi har inga pengar kvar, säger Emil Strand, fritidsledare.\n\n16-åriga Wilma har gått till Kulan sedan hon gick i femman.\n\n– Det är här man träffar alla.\n\nPå perrongen väntar en kvinna som pendlar till Göteborg.\n\n– Äntligen, säger hon.\n",
    );
    assert_eq!(speaker_of(&sv, "Vi har inga pengar"), Some("Emil Strand"));
    assert_eq!(speaker_of(&sv, "Det är här man"), None);
    assert_eq!(speaker_of(&sv, "Äntligen"), None);
}

#[test]
fn crown_and_northern_irish_bodies_companies_hubs_roads_and_districts() {
    let a = convert(
        "en.txt",
        "Cliff path closed\n\nHM Coastguard and Libraries NI were told, and Coastal Link Buses will divert along the A590 near Parr Family Hub. The Scottish Housing Regulator and Mid and East Antrim were named in Transport for London’s report.\n",
    );
    let orgs = names(&a, EntityKind::Organization);
    for name in [
        "HM Coastguard",
        "Libraries NI",
        "Coastal Link Buses",
        "Parr Family Hub",
        "Scottish Housing Regulator",
        "Transport for London",
    ] {
        assert!(orgs.contains(&name), "{name} in {orgs:?}");
    }
    let places = names(&a, EntityKind::Place);
    for name in ["A590", "Mid and East Antrim"] {
        assert!(places.contains(&name), "{name} in {places:?}");
    }
    assert!(names(&a, EntityKind::Person).is_empty(), "{:?}", a.entities);
}

#[test]
fn programme_names_in_commas_after_a_petition_or_strategy_and_swedish_compounds() {
    let en = convert(
        "en.txt",
        "Bus axed\n\nShe has started a petition, Save the X15, which has 900 signatures. The council's five-year strategy, Libraries for Everyone 2026-2031, was published in May. Traders launched a petition, \"Keep the Market on the Broadway\", last week.\n",
    );
    let found = names(&en, EntityKind::Initiative);
    for name in [
        "Save the X15",
        "Libraries for Everyone 2026-2031",
        "Keep the Market on the Broadway",
    ] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    let sv = convert(
        "sv.txt",
        "Skolan ska stänga\n\nFöräldrarna startade namninsamlingen ”Behåll Järnbrottsskolan” i maj. Förslaget ingår i sparpaketet Balans 2027. I höstas hölls Hjärupsdialogen med de boende vid Norra hamnen.\n\nFAKTA\n\nLAHOLM. Bussen går inte längre.\n",
    );
    let found = names(&sv, EntityKind::Initiative);
    for name in ["Behåll Järnbrottsskolan", "Balans 2027", "Hjärupsdialogen"] {
        assert!(found.contains(&name), "{name} in {found:?}");
    }
    assert!(names(&sv, EntityKind::Place).contains(&"Norra hamnen"));
    let orgs = names(&sv, EntityKind::Organization);
    assert!(
        !orgs.contains(&"FAKTA") && !orgs.contains(&"LAHOLM"),
        "{orgs:?}"
    );
}
