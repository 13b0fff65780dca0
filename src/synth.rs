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
}
