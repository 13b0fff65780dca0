//! Language detection for articles whose front matter does not say.
//!
//! whatlang's trigram model, restricted to languages newsgraph's archives hold, so that short Swedish
//! texts are not taken for Norwegian or Danish unless they clearly are. `fast` computes whatlang's answer
//! for Latin-script text with the trigram lookup turned around (about a fifth of the work; its tests
//! compare it with whatlang bit for bit) and hands every other script to whatlang itself.

mod fast;

use whatlang::Lang;

/// Languages considered, with their BCP 47 tags.
const LANGS: [(Lang, &str); 9] = [
    (Lang::Swe, "sv"),
    (Lang::Eng, "en"),
    (Lang::Nob, "nb"),
    (Lang::Dan, "da"),
    (Lang::Fin, "fi"),
    (Lang::Deu, "de"),
    (Lang::Fra, "fr"),
    (Lang::Spa, "es"),
    (Lang::Nld, "nl"),
];

/// Characters looked at first: a headline and a sentence or two settle most articles.
const FIRST_SAMPLE_CHARS: usize = 120;

/// Characters looked at when the first sample leaves doubt: a few paragraphs decide the language as well
/// as the whole article does.
pub const SAMPLE_CHARS: usize = 400;

/// The BCP 47 tag of the text's language; `und` (undetermined) when nothing fits.
///
/// Detection costs time in proportion to the sample, so a short sample goes first and is kept only when
/// whatlang calls its answer reliable; otherwise the longer sample decides.
pub fn detect(text: &str) -> String {
    let short = fast::detect(prefix(text, FIRST_SAMPLE_CHARS)).filter(fast::Detection::is_reliable);
    short
        .or_else(|| fast::detect(prefix(text, SAMPLE_CHARS)))
        .and_then(|d| LANGS.iter().find(|(l, _)| *l == d.lang))
        .map_or("und", |(_, tag)| tag)
        .to_owned()
}

/// Builds the detector's tables now rather than on first use.
pub fn warm_up() {
    fast::warm_up();
}

/// The text's first `chars` characters.
fn prefix(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english_are_told_apart() {
        assert_eq!(detect("Staden satsar på nya bostäder i flera stadsdelar och arbetet fortsätter under våren."), "sv");
        assert_eq!(detect("The council will build new homes in several districts and the work continues in spring."), "en");
    }

    #[test]
    fn a_neighbouring_language_is_not_taken_for_swedish() {
        let danish = "Kommunen vil bygge flere boliger. Arbejdet med de nye lejligheder i bydelen fortsætter i foråret, \
            og beboerne bliver inviteret til møder, hvor de kan komme med forslag til, hvordan området skal se ud. \
            Borgmesteren siger, at det er vigtigt, at alle bliver hørt, og at planerne bliver justeret undervejs.";
        assert_eq!(detect(danish), "da");
    }
}
