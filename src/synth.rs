//! Synthetic corpus for benchmarks: seed-shaped Swedish articles (caption, kicker and lead, related block,
//! subheadings, dash quotes; about 600 words), different for every index and the same on every run.

/// Given names, family names, titles, places, organizations and initiatives the generator combines.
const GIVEN: [&str; 12] = [
    "Anna", "Erik", "Maria", "Johan", "Sara", "Ali", "Lena", "Omar", "Karin", "Per", "Fatima",
    "Nils",
];
const FAMILY: [&str; 12] = [
    "Berg",
    "Lind",
    "Holm",
    "Strand",
    "Ek",
    "Sjöberg",
    "Nilsson",
    "Hassan",
    "Wallin",
    "Dahl",
    "Åkesson",
    "Lundqvist",
];
const TITLES: [&str; 6] = [
    "stadsdelsdirektör",
    "kulturchef",
    "projektledare",
    "förvaltningschef",
    "enhetschef",
    "planeringschef",
];
const PLACES: [&str; 8] = [
    "Angered",
    "Hjällbo",
    "Biskopsgården",
    "Kortedala",
    "Majorna",
    "Frölunda",
    "Bergsjön",
    "Tynnered",
];
const ORGS: [&str; 6] = [
    "Göteborgs Stad",
    "Kulturförvaltningen",
    "Stadsbyggnadskontoret",
    "Trafikkontoret",
    "Bostadsbolaget",
    "Familjebostäder",
];
const INITIATIVES: [&str; 4] = [
    "Trygga platser",
    "Kultur nära alla",
    "Jämlik start",
    "Gröna gårdar",
];

/// The `i`th synthetic article.
pub fn article(i: usize) -> String {
    let pick =
        |list: &[&'static str], salt: usize| list[(i / (salt + 1) + salt * 7 + i) % list.len()];
    let person = format!("{} {}", pick(&GIVEN, 0), pick(&FAMILY, 1));
    let given = person.split(' ').next().unwrap_or_default().to_owned();
    let (title, place, place2) = (pick(&TITLES, 2), pick(&PLACES, 3), pick(&PLACES, 5));
    let (org, org2, initiative) = (pick(&ORGS, 4), pick(&ORGS, 6), pick(&INITIATIVES, 7));
    let filler = "Arbetet sker i nära samarbete med boende, föreningar och skolor i området, och varje steg följs upp med enkäter och öppna möten där alla som vill kan komma till tals.";
    format!(
        "{person}, {title} i {org}.\n\n\
Intervju nummer {i}. {org} fortsätter arbetet för en jämlik stad i {place}. Den här gången berättar {title} {person} om hur satsningen {initiative} har gått under året. {filler}\n\n\
Läs också:\nNya lokaler öppnar i {place2}\nSå gick sommarens satsningar\nFler bostäder planeras i nordost\n\n\
Inom ramen för {initiative} har {org2} under året genomfört flera insatser i {place} och {place2}. {filler} {filler}\n\n\
– Vi ser redan att fler kommer till våra verksamheter, och det är ett kvitto på att vi gör rätt saker. Men det tar tid att bygga förtroende, säger {person}.\n\n\
Långsiktigt arbete\n{given} konstaterar att resurserna är begränsade men att viljan är stor. {filler} {filler}\n\n\
– Det viktigaste är att vi finns på plats varje vecka. När vi har gjort det i ett par år märks skillnaden på riktigt, och då vill ingen gå tillbaka till hur det var förut.\n\n\
Samarbete över gränserna\nEnligt {given} har {org2} varit en viktig partner i {place}. {filler} {filler} {filler}\n\n\
– Vi har lärt oss att vi måste tänka nytt och lyssna mer. Det tror jag är det viktigaste för framtiden, säger {person}.\n\n\
Framåt\n{filler} {filler} {filler} {filler}\n"
    )
}

/// Writes `count` synthetic articles as `synth-NNNNNN.txt` into `dir`.
pub fn write_corpus(dir: &std::path::Path, count: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for i in 0..count {
        std::fs::write(dir.join(format!("synth-{i:06}.txt")), article(i))?;
    }
    Ok(())
}

/// Generated archives for the query benchmark: article models (not text) in which people, places,
/// organizations and initiatives recur with a realistic skew. An entity's rank is drawn log-uniformly
/// (Zipf with exponent 1), so the first few ranks appear in a large share of the articles and most ranks
/// in one or two; the vocabularies grow with the archive. A person keeps their name, employer and (mostly)
/// job title across articles; one in eight changes title halfway through the archive's dates. Every article
/// is the converted text of [`article`] with its entities, quotes, id and date replaced, so its sections
/// and word counts are real.
pub struct Archive {
    total: usize,
    templates: Vec<crate::model::Article>,
    people: usize,
    places: usize,
    orgs: usize,
    initiatives: usize,
}

/// Templates converted once and reused (their sections and bodies; entities are replaced).
const TEMPLATES: usize = 16;

const GIVEN_MANY: [&str; 32] = [
    "Anna", "Erik", "Maria", "Johan", "Sara", "Ali", "Lena", "Omar", "Karin", "Per", "Fatima",
    "Nils", "Emma", "Lars", "Amira", "Jonas", "Elin", "Mohammed", "Sofia", "Anders", "Leila",
    "Mikael", "Ida", "Hassan", "Helena", "Peter", "Linnea", "Yusuf", "Maja", "Stefan", "Nora",
    "Daniel",
];
const FAMILY_HEAD: [&str; 16] = [
    "Berg", "Lind", "Holm", "Strand", "Ek", "Sjö", "Dahl", "Wall", "Lund", "Ny", "Ås", "Björk",
    "Gran", "Hag", "Sand", "Fors",
];
const FAMILY_TAIL: [&str; 12] = [
    "berg", "lund", "ström", "gren", "qvist", "man", "ling", "stedt", "dahl", "holm", "blad",
    "vall",
];
const PLACE_HEAD: [&str; 16] = [
    "Angered",
    "Hjäll",
    "Bergs",
    "Korte",
    "Major",
    "Frö",
    "Tynne",
    "Kviberg",
    "Lövgärdet",
    "Gårds",
    "Backa",
    "Torslanda",
    "Askim",
    "Lunden",
    "Kärra",
    "Eriks",
];
const PLACE_TAIL: [&str; 8] = ["", "bo", "dal", "torp", "vik", "hed", "näs", " centrum"];
const ORG_KIND: [&str; 8] = [
    "förvaltningen",
    "bolaget",
    "föreningen",
    "nämnden",
    "skolan",
    "kontoret",
    "stiftelsen",
    "gruppen",
];
const PLACE_TYPES: [&str; 3] = ["Place", "AdministrativeArea", "City"];
const ORG_TYPES: [&str; 3] = ["GovernmentOrganization", "Organization", "NGO"];

impl Archive {
    /// An archive of `total` articles.
    pub fn new(total: usize) -> Self {
        let opts = crate::article::Options::default();
        let templates = (0..TEMPLATES)
            .map(|i| {
                let path = std::path::PathBuf::from(format!("synth-{i:06}.txt"));
                crate::article::from_bytes(&path, article(i).as_bytes(), &opts)
                    .expect("synthetic articles convert")
            })
            .collect();
        Self {
            total,
            templates,
            people: (total / 2).max(100),
            places: 200 + total / 50,
            orgs: 100 + total / 100,
            initiatives: 50 + total / 200,
        }
    }

    /// Articles in the archive.
    pub fn len(&self) -> usize {
        self.total
    }

    /// Whether the archive has no article.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The `i`th article.
    pub fn article(&self, i: usize) -> crate::model::Article {
        use crate::model::EntityKind;
        let mut a = self.templates[i % TEMPLATES].clone();
        a.id = format!("archive-{i:07}");
        a.iri = crate::ids::Base::default().article(&a.id);
        let day = (i * 3650 / self.total.max(1)) as i64;
        let date = jiff::civil::date(2016, 1, 1)
            .checked_add(jiff::Span::new().days(day))
            .expect("date in range");
        a.meta.date_published = Some(date.to_string());
        let template = |kind: EntityKind| {
            a.entities
                .iter()
                .find(|e| e.kind == kind)
                .cloned()
                .expect("the template names one of each kind")
        };
        let (person, place, org, initiative) = (
            template(EntityKind::Person),
            template(EntityKind::Place),
            template(EntityKind::Organization),
            template(EntityKind::Initiative),
        );
        let mut rng = Mix(i as u64 * 0x9E37_79B9_7F4A_7C15 + 1);
        let mut entities: Vec<crate::model::Entity> = Vec::new();
        let mut add = |e: crate::model::Entity| {
            if !entities.iter().any(|x| x.key == e.key) {
                entities.push(e);
            }
        };
        let n_people = 1 + rng.below(4);
        let mut speakers = Vec::new();
        for _ in 0..n_people {
            let r = rng.zipf(self.people);
            let employer = self.org(&org, (r * 7 + 3) % self.orgs);
            let mut p = person.clone();
            p.about = speakers.is_empty();
            p.name = person_name(r);
            let (given, family) = p.name.split_once(' ').expect("two-part name");
            p.given_name = Some(given.to_owned());
            p.family_name = Some(family.to_owned());
            let late = i * 2 > self.total;
            let title = TITLES[(r + usize::from(late && r.is_multiple_of(8))) % TITLES.len()];
            p.job_title = Some(title.to_owned());
            p.works_for = Some(employer.key.clone());
            p.key = format!("person/{}", crate::ids::slug(&p.name));
            p.iri = crate::ids::Base::default().entity(&p.key);
            p.same_as.clear();
            speakers.push(p.key.clone());
            add(employer);
            add(p);
        }
        for _ in 0..2 + rng.below(4) {
            let r = rng.zipf(self.places);
            let mut p = place.clone();
            p.name = place_name(r);
            p.schema_type = PLACE_TYPES[r % 3].to_owned();
            p.key = format!("place/{}", crate::ids::slug(&p.name));
            p.iri = crate::ids::Base::default().entity(&p.key);
            p.same_as = if r < 50 {
                vec![format!("http://www.wikidata.org/entity/Q{}", 900_000 + r)]
            } else {
                Vec::new()
            };
            p.about = false;
            add(p);
        }
        for _ in 0..1 + rng.below(3) {
            let r = rng.zipf(self.orgs);
            add(self.org(&org, r));
        }
        for _ in 0..rng.below(3) {
            let r = rng.zipf(self.initiatives);
            let mut p = initiative.clone();
            p.name = format!(
                "{} {}",
                ["Trygga", "Gröna", "Jämlika", "Levande"][r % 4],
                place_name(r)
            );
            p.key = format!("initiative/{}", crate::ids::slug(&p.name));
            p.iri = crate::ids::Base::default().entity(&p.key);
            p.about = false;
            add(p);
        }
        a.entities = entities;
        for (k, q) in a.quotes.iter_mut().enumerate() {
            q.speaker = Some(speakers[k % speakers.len()].clone());
        }
        a
    }

    fn org(&self, template: &crate::model::Entity, r: usize) -> crate::model::Entity {
        let mut o = template.clone();
        o.name = if r == 0 {
            "Göteborgs Stad".to_owned()
        } else {
            let base = place_name(r / ORG_KIND.len());
            format!("{}{}", base.replace(' ', ""), ORG_KIND[r % ORG_KIND.len()])
        };
        o.schema_type = ORG_TYPES[r % 3].to_owned();
        o.key = format!("organization/{}", crate::ids::slug(&o.name));
        o.iri = crate::ids::Base::default().entity(&o.key);
        o.same_as.clear();
        o.about = false;
        o
    }
}

/// The name of the person of rank `r`: distinct for every rank.
fn person_name(r: usize) -> String {
    let g = GIVEN_MANY[r % GIVEN_MANY.len()];
    let f = r / GIVEN_MANY.len();
    let family = |k: usize| {
        format!(
            "{}{}",
            FAMILY_HEAD[k % FAMILY_HEAD.len()],
            FAMILY_TAIL[(k / FAMILY_HEAD.len()) % FAMILY_TAIL.len()]
        )
    };
    let per = FAMILY_HEAD.len() * FAMILY_TAIL.len();
    if f < per {
        format!("{g} {}", family(f))
    } else {
        format!("{g} {}-{}", family(f % per), family(f / per))
    }
}

/// The name of the place of rank `r`: distinct for every rank.
fn place_name(r: usize) -> String {
    let per = PLACE_HEAD.len() * PLACE_TAIL.len();
    let name = format!(
        "{}{}",
        PLACE_HEAD[r % PLACE_HEAD.len()],
        PLACE_TAIL[(r / PLACE_HEAD.len()) % PLACE_TAIL.len()]
    );
    if r < per {
        name
    } else {
        format!("{name} {}", r / per + 1)
    }
}

/// A small deterministic generator (SplitMix64): the archive is the same on every run.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A rank in `0..n`, log-uniform: rank r is drawn with probability about 1 / ((r + 1) ln n).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u)) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn articles_are_seed_sized_and_distinct() {
        let a = super::article(1);
        let words = crate::model::count_words(&a);
        assert!((450..900).contains(&words), "{words} words");
        assert_ne!(super::article(1), super::article(2));
        assert_eq!(super::article(7), super::article(7));
    }

    #[test]
    fn archives_repeat_the_first_ranks_and_name_every_rank_differently() {
        let archive = super::Archive::new(400);
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for i in 0..archive.len() {
            let a = archive.article(i);
            assert_eq!(a, archive.article(i), "deterministic");
            for e in &a.entities {
                *seen.entry(e.iri.clone()).or_default() += 1;
            }
            for q in &a.quotes {
                let speaker = q.speaker.as_deref().unwrap();
                assert!(a.entity(speaker).is_some(), "{speaker} is in the article");
            }
        }
        let goteborg = seen["https://id.newsgraph.example/organization/goteborgs-stad"];
        assert!(goteborg > 40, "the first rank recurs: {goteborg}");
        let rare = seen.values().filter(|n| **n <= 2).count();
        assert!(
            rare * 10 > seen.len(),
            "a long tail: {rare} of {}",
            seen.len()
        );
        let names: std::collections::HashSet<String> = (0..5000).map(super::person_name).collect();
        assert_eq!(names.len(), 5000);
        let places: std::collections::HashSet<String> = (0..5000).map(super::place_name).collect();
        assert_eq!(places.len(), 5000);
    }
}
