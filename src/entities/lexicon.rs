//! Word lists the extraction rules use: job titles, organization and place heads, cue words.
//! They are language facts written for this project (no outside source), kept here so rules stay short.

/// Swedish job-title endings: a lowercase word ending in one of these is a title ("stadsbyggnadsdirektör").
pub const SV_TITLE_ENDINGS: &[&str] = &[
    "direktör", "chef", "ansvarig", "ledare", "ordförande", "kommunalråd", "samordnare", "handläggare",
    "sekreterare", "strateg", "ingenjör", "arkitekt", "lärare", "rektor", "läkare", "sköterska", "forskare",
    "professor", "docent", "expert", "talesperson", "ombudsman", "redaktör", "tränare", "kapten", "inspektör",
    "konsult", "ekonom", "planerare", "utvecklare", "kommissarie", "åklagare", "domare", "advokat", "jurist",
    "präst", "kyrkoherde", "bibliotekarie", "pedagog", "kurator", "psykolog", "minister", "statsråd",
    "ledamot", "politiker", "borgmästare", "landshövding", "grundare", "koordinator", "förvaltare",
    "kommunikatör", "informatör", "talesman", "talskvinna", "vd", "controller", "biolog", "analytiker",
    "förare", "guide", "författare", "konstnär", "musiker", "regissör", "kurator", "ordf", "producent",
    "sjuksköterska", "barnmorska", "undersköterska", "polis", "brandman", "räddningschef", "ägare",
    "innehavare", "företagare", "entreprenör", "direktor", "vicerektor", "skolchef", "fritidsledare",
    "kock", "byggherre", "projektör", "antikvarie", "intendent", "arkivarie", "historiker", "statistiker",
    "samhällsvetare", "stadsträdgårdsmästare", "trafikplanerare", "miljöstrateg",
];

/// English job-title words (lowercase); multiword titles are built from these with "of" phrases.
pub const EN_TITLE_WORDS: &[&str] = &[
    "director", "head", "chief", "executive", "manager", "officer", "councillor", "councilor", "leader",
    "chair", "chairman", "chairwoman", "chairperson", "spokesperson", "spokesman", "spokeswoman", "mayor",
    "minister", "secretary", "coordinator", "co-ordinator", "principal", "headteacher", "headmaster",
    "headmistress", "teacher", "professor", "lecturer", "researcher", "scientist", "inspector",
    "superintendent", "constable", "sergeant", "detective", "nurse", "doctor", "surgeon", "consultant",
    "engineer", "architect", "planner", "president", "founder", "co-founder", "owner", "editor", "coach",
    "captain", "deputy", "analyst", "economist", "lawyer", "solicitor", "barrister", "judge", "campaigner",
    "organiser", "organizer", "librarian", "curator", "commissioner", "governor", "trustee", "administrator",
    "supervisor", "ranger", "warden", "midwife", "paramedic", "firefighter", "pastor", "vicar", "priest",
    "rabbi", "imam", "historian", "author", "artist", "designer", "producer", "partner", "adviser", "advisor",
    "treasurer", "clerk", "steward", "mp", "mep", "member", "convener", "convenor", "lead", "boss", "ceo",
];

/// Modifiers that belong to a title when they stand right before it ("deputy head", "biträdande rektor").
pub const TITLE_MODIFIERS: &[&str] = &[
    "biträdande", "tillförordnad", "tf", "t.f.", "ställföreträdande", "vice", "förste", "deputy", "acting",
    "interim", "assistant", "senior", "chief", "local", "lead", "associate", "executive", "managing",
    "general", "former", "tidigare", "före", "detta", "ward", "county", "city", "opposition", "shadow",
];

/// Capitalized titles that stand before a name ("Councillor Sean Doyle", "Dr Anna Berg").
pub const HONORIFICS: &[&str] = &[
    "Councillor", "Councilor", "Cllr", "Mayor", "Dr", "Dr.", "Professor", "Prof", "Prof.", "Sir", "Dame",
    "Lord", "Lady", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Rev", "Reverend", "Inspector", "Detective",
    "Sergeant", "Constable", "Captain", "Judge", "Minister", "President", "Chief",
];

/// Endings of Swedish organization names; the first group may be written in lowercase in running text
/// ("trafikkontoret"), the second needs a capital ("Familjebostäder", "Kulturskolan").
pub const SV_ORG_ENDINGS_ANY_CASE: &[&str] = &[
    "förvaltningen", "nämnden", "kontoret", "kommunstyrelsen", "fullmäktige", "inspektionen", "myndigheten",
];
/// See [`SV_ORG_ENDINGS_ANY_CASE`].
pub const SV_ORG_ENDINGS_CAPITAL: &[&str] = &[
    "förvaltning", "nämnd", "bolaget", "koncernen", "styrelsen", "verket", "förbundet", "föreningen",
    "regionen", "skolan", "gymnasiet", "universitetet", "högskolan", "bostäder", "fastigheter",
    "sjukhuset", "polisen", "stiftelsen", "akademin", "institutet", "kyrkan", "församlingen", "teatern",
    "operan", "museet", "biblioteket", "kåren", "byrån", "banken", "gruppen", "huset", "partiet",
];

/// English organization heads: a capitalized name ending in one of these is an organization.
pub const EN_ORG_HEADS: &[&str] = &[
    "Council", "Trust", "Ltd", "Limited", "plc", "PLC", "Group", "Association", "Authority", "Agency",
    "Department", "Ministry", "Foundation", "Institute", "University", "College", "School", "Academy",
    "Hospital", "Police", "Service", "Services", "Board", "Commission", "Committee", "Partnership",
    "Society", "Union", "Club", "Company", "Corporation", "Inc", "Bank", "Museum", "Library", "Office",
    "Federation", "Alliance", "Charity", "Network", "Centre", "Center", "Cooperative", "Co-operative",
    "Housing", "Homes", "Trust's", "Parliament", "Government", "Executive", "Assembly", "Court", "Party",
    "Fund", "Press", "Times", "News", "Post", "Guardian", "Herald", "Theatre", "Orchestra", "Choir",
    "Church", "Cathedral", "Mosque", "Synagogue", "Brigade", "Services", "Surgery", "Clinic", "Practice",
];

/// First words that start an English organization name ("University of Leeds", "Transport for London").
pub const EN_ORG_STARTS: &[&str] = &[
    "University", "Department", "Ministry", "Transport", "Bank", "Office", "Church", "Friends", "Museum",
    "Board", "Institute", "College",
];

/// Government-like organization words: such organizations are `GovernmentOrganization`s.
pub const GOVERNMENT_WORDS: &[&str] = &[
    "Council", "Authority", "Ministry", "Department", "Police", "Agency", "Commission", "Parliament",
    "Government", "Assembly", "Transport", "kommun", "stad", "Stad", "Region", "regionen", "förvaltningen",
    "förvaltning", "nämnden", "nämnd", "kontoret", "styrelsen", "kommunstyrelsen", "fullmäktige",
    "verket", "inspektionen", "myndigheten", "polisen", "Länsstyrelsen", "Polisen", "Court", "Executive",
];

/// Educational organization words.
pub const EDUCATION_WORDS: &[&str] = &[
    "School", "Academy", "College", "University", "skolan", "gymnasiet", "universitetet", "högskolan",
    "universitet", "högskola",
];

/// English place heads ("Chapel Street", "Piccadilly Gardens").
pub const EN_PLACE_HEADS: &[&str] = &[
    "Street", "Road", "Avenue", "Lane", "Square", "Gardens", "Park", "Way", "Bridge", "Station", "Estate",
    "Green", "Row", "Terrace", "Crescent", "Drive", "Close", "Hill", "Quay", "Wharf", "Market", "Common",
    "Heath", "Moor", "Valley", "River", "Harbour", "Island", "Beach", "Airport", "Port", "Village", "Town",
    "City", "Borough", "County", "District", "Quarter",
];

/// Swedish place endings ("Hammarkulletorget", "Chapmans torg", "Kungsgatan").
pub const SV_PLACE_ENDINGS: &[&str] = &[
    "torget", "gatan", "vägen", "platsen", "parken", "leden", "backen", "stigen", "allén", "kajen",
    "hamnen", "bron", "torg", "gränd", "plan", "berget", "skogen", "ängen", "viken", "ön", "holmen",
    "sjön", "älven", "dalen", "området", "centrum", "Torg", "Centrum",
];

/// Prepositions after which a capitalized name is usually a place.
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "i", "från", "till", "vid", "utanför", "nära", "mot", "kring", "runt", "genom", "över", "in", "from",
    "to", "near", "around", "across", "outside", "inside", "through", "towards", "between", "via", "at",
];

/// Cue words before a Swedish initiative name ("fokusområdet X", "satsningen X").
pub const SV_INITIATIVE_CUES: &[&str] = &[
    "fokusområdet", "målområdet", "satsningen", "projektet", "programmet", "kampanjen", "initiativet",
    "nätverket", "konceptet", "modellen", "metoden", "insatsen", "planen", "strategin", "reformen",
    "utvecklingsprojektet", "pilotprojektet", "samarbetsprojektet", "arbetet", "området", "uppdraget",
];

/// English initiative heads ("the Crosstown Connect scheme").
pub const EN_INITIATIVE_HEADS: &[&str] = &[
    "programme", "program", "scheme", "initiative", "project", "campaign", "strategy", "plan", "pilot",
    "partnership", "fund", "drive", "challenge", "pledge", "network", "trial",
];

/// Words that end a lowercase-continued initiative name ("Kultur nära alla har ...").
pub const NAME_STOPS: &[&str] = &[
    "är", "var", "har", "hade", "ska", "skulle", "kan", "kunde", "går", "gick", "blir", "blev", "finns",
    "fanns", "får", "fick", "vill", "ville", "måste", "kommer", "kom", "som", "där", "när", "men", "att",
    "med", "för", "från", "till", "på", "under", "efter", "sedan", "genom", "mellan", "inom", "utan",
    "också", "även", "redan", "just", "nu", "bland", "startade", "började", "pågår", "innebär", "handlar",
    "syftar", "ger", "gav", "leds", "drivs", "fortsätter", "vilket", "samt", "eller", "the", "is", "was",
    "has", "had", "will", "would", "can", "could", "and", "which", "that", "who", "with", "from", "to", "at",
    "in", "on", "for", "by", "of", "as", "but", "or", "it", "its", "this", "these", "were", "are", "be",
    "been", "den", "det", "de", "han", "hon", "vi", "man", "sig", "sin", "sitt", "sina", "om", "av", "ut",
    "in", "upp", "ned", "ner", "hos", "vid", "mot", "så", "nya", "ny", "nytt", "tar", "tog", "gör", "gjorde",
    "startar", "startat", "heter", "kallas", "kallat", "drog", "drar", "riktar", "vänder", "lanserades",
    "lanseras", "syftade", "omfattar", "ledde", "leder", "hjälper",
];

/// Words that are capitalized at the start of a sentence but are never names.
pub const SENTENCE_WORDS: &[&str] = &[
    "Även", "Men", "När", "Det", "Den", "De", "Där", "Här", "Han", "Hon", "Vi", "Jag", "Du", "Ni", "Man",
    "Om", "Efter", "Under", "Innan", "Sedan", "Enligt", "Inom", "Genom", "Med", "För", "Från", "Till",
    "På", "I", "Vid", "Som", "Och", "Eller", "Att", "Nu", "Då", "Så", "Redan", "Också", "Dessutom",
    "Samtidigt", "Tidigare", "Senare", "Nästa", "Förra", "Ett", "En", "Flera", "Många", "Alla", "Inga",
    "Några", "Vilka", "Vad", "Varför", "Hur", "Vem", "Detta", "Dessa", "Denna", "Det", "Intervju",
    "The", "A", "An", "In", "On", "At", "For", "From", "To", "With", "By", "After", "Before", "During",
    "When", "While", "But", "And", "Or", "This", "That", "These", "Those", "It", "He", "She", "They", "We",
    "I", "You", "There", "Here", "According", "Last", "Next", "Many", "Most", "Some", "All", "Every",
    "Each", "Both", "Since", "Until", "If", "As", "Also", "Now", "Then", "However", "Meanwhile",
    "Interview", "Local", "Under", "Between", "Over", "About", "Around", "Across", "One", "Two", "Three",
    "Its", "His", "Her", "Their", "Our", "My", "Your", "What", "Why", "How", "Who", "Where", "Which",
];

/// Month and weekday names (never places or people after "in"/"i").
pub const CALENDAR_WORDS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Christmas", "Easter", "Januari", "Februari", "Mars", "Maj", "Juni", "Juli", "Augusti", "Oktober",
    "Jul", "Påsk", "Midsommar",
];

/// Pronouns that refer back to the last person mentioned ("säger hon").
pub const PRONOUNS: &[&str] = &["han", "hon", "hen", "he", "she", "they", "de", "dom"];

/// Prepositions that introduce an employer after a title ("kulturchef i Göteborgs Stad").
pub const EMPLOYER_PREPOSITIONS: &[&str] = &["i", "på", "vid", "hos", "inom", "för", "at", "with", "of", "for", "in"];

/// True when a lowercase word is a job title (or ends like one, for Swedish compounds).
pub fn is_title_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if w.is_empty() {
        return false;
    }
    EN_TITLE_WORDS.contains(&w.as_str())
        || SV_TITLE_ENDINGS
            .iter()
            .any(|e| w.ends_with(e) && (w.len() == e.len() || w.len() >= e.len() + 3 || *e == "chef"))
}
