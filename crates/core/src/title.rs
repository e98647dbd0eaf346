//! How a title reads on screen. Releases print titles in capitals; shown as
//! they are they read as shouting, so the app shows them in sentence case
//! without losing acronyms or proper nouns. The archive keeps the title as
//! printed: casing is presentation, decided here, for every view alike.
//!
//! The best witness of a word's case is the event's own text ("OPM",
//! "UMVD", "Proletarka", "held"), so [`display_title_in`] reads the body;
//! the ingest's gazetteer and country names decide the words the body does
//! not settle. This runs for every row the list renders, so the body scan
//! looks only at words of the title and allocates only for those.

use crate::text::{is_capitalized, is_upper_line, with_lower, words};

/// Sentence case for an upper-case title, from the title alone:
/// `"OPERATION “KARASORA-2025” CONTINUES IN ALMATY"` becomes
/// `"Operation “Karasora-2025” continues in Almaty"`. Acronyms (no vowel:
/// MVD, UNK; or with digits), the first word of a quotation or a sentence,
/// and the places and countries the ingest knows keep their capital. A title
/// that is not in capitals is returned unchanged.
pub fn display_title(title: &str) -> String {
    render_title(title, |_| None)
}

/// Like [`display_title`], but each word takes the case the event's `body`
/// writes it in inside a sentence: written in lower case anywhere, it is a
/// common word; else its commonest form (an acronym, a name).
pub fn display_title_in(title: &str, body: &[String]) -> String {
    if !is_upper_line(title) {
        return title.to_string();
    }
    // The title's words in lower case, each with the forms the body gives it.
    let mut forms: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for (_, word) in words(title) {
        if word.chars().any(char::is_alphabetic) {
            let lower = with_lower(word, str::to_string);
            if !forms.iter().any(|(l, _)| *l == lower) {
                forms.push((lower, Vec::new()));
            }
        }
    }
    let longest = forms.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    for paragraph in body {
        let ws: Vec<(usize, &str)> = words(paragraph).collect();
        let capital = |k: usize| ws.get(k).is_some_and(|(_, w)| is_capitalized(w));
        let mut sentence_start = true;
        let mut last = 0;
        for (k, &(start, word)) in ws.iter().enumerate() {
            let between = &paragraph[last..start];
            if between.contains(['.', '!', '?', '«', '“', '"', ':', '(', '-', '—']) {
                sentence_start = true;
            }
            last = start + word.len();
            // A sentence's first word says nothing about its case. A
            // capitalised word next to another one is part of a name
            // ("Department for Combating Drug Crime") and says little about
            // the word alone; one standing alone ("Yenbekshikazakh district")
            // is a name.
            let counts =
                !std::mem::replace(&mut sentence_start, false) && word.len() <= longest * 2;
            if !counts {
                continue;
            }
            let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase);
            let in_name =
                is_capitalized(word) && !acronym && ((k > 0 && capital(k - 1)) || capital(k + 1));
            if in_name {
                continue;
            }
            with_lower(word, |lower| {
                if let Some((_, seen)) = forms.iter_mut().find(|(l, _)| l == lower) {
                    match seen.iter_mut().find(|(f, _)| f == word) {
                        Some((_, n)) => *n += 1,
                        None => seen.push((word.to_string(), 1)),
                    }
                }
            });
        }
    }
    render_title(title, |word| {
        let seen = with_lower(word, |lower| {
            forms.iter().find(|(l, _)| l == lower).map(|(_, seen)| seen)
        })?;
        if let Some((f, _)) = seen
            .iter()
            .find(|(f, _)| !f.chars().any(char::is_uppercase))
        {
            return Some(f.clone());
        }
        seen.iter().max_by_key(|(_, n)| *n).map(|(f, _)| f.clone())
    })
}

fn render_title(title: &str, known_form: impl Fn(&str) -> Option<String>) -> String {
    if !is_upper_line(title) {
        return title.to_string();
    }
    let mut out = String::with_capacity(title.len());
    let mut last = 0;
    let mut first_word = true;
    // A sentence end or an opening quote capitalises the next word.
    let mut after_stop = false;
    for (start, word) in words(title) {
        let between = &title[last..start];
        let mut prev = out.chars().last().unwrap_or(' ');
        for c in between.chars() {
            match c {
                '“' | '«' | '„' => after_stop = true,
                '"' if prev.is_whitespace() => after_stop = true,
                '.' | '!' | '?' if !between.contains(['”', '»']) => after_stop = true,
                _ => {}
            }
            prev = c;
        }
        out.push_str(between);
        let form = known_form(word);
        let capitalize = |w: &str, out: &mut String| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        };
        match form {
            // The text's own form, capitalised where the title needs it.
            Some(f) if first_word || after_stop => {
                if f.chars().next().is_some_and(char::is_lowercase) {
                    capitalize(&f, &mut out);
                } else {
                    out.push_str(&f);
                }
            }
            Some(f) => out.push_str(&f),
            None if is_acronym(word) => out.push_str(word),
            None if first_word || after_stop || is_proper(word) => capitalize(word, &mut out),
            None => out.push_str(&word.to_lowercase()),
        }
        first_word = false;
        after_stop = false;
        last = start + word.len();
    }
    out.push_str(&title[last..]);
    out
}

/// Upper-case words with no vowel (MVD, UNK, PDN, МВД; НПО has one, so is
/// not) or with digits are acronyms or codes and keep their case.
fn is_acronym(word: &str) -> bool {
    let vowels = "AEIOUYАЕЁИОУЫЭЮЯ";
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && (word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| !vowels.contains(c)))
        || (word.chars().any(|c| c.is_numeric()) && letters > 0 && !word.contains('-'))
}

/// A country or a place the ingest's gazetteer knows.
fn is_proper(word: &str) -> bool {
    let lower = word.to_lowercase();
    crate::names::word_country(&lower).is_some() || crate::gazetteer::is_place_word(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_keeps_acronyms_places_and_quoted_names() {
        assert_eq!(
            display_title("OPERATION “KARASORA-2025” CONTINUES IN ALMATY"),
            "Operation “Karasora-2025” continues in Almaty"
        );
        assert_eq!(
            display_title("KYRGYZ AND RUSSIAN MVD DISCUSS COOPERATION IN COMBATING DRUG THREAT"),
            "Kyrgyz and Russian MVD discuss cooperation in combating drug threat"
        );
        assert_eq!(
            display_title("CULTURE AGAINST DRUGS: ZHETYSU COMBATS DRUG THREAT"),
            "Culture against drugs: Zhetysu combats drug threat"
        );
        assert_eq!(
            display_title("ФРОНТ ПРОТИВ НАРКОТИКОВ. СТАРТ"),
            "Фронт против наркотиков. Старт"
        );
    }

    #[test]
    fn titles_not_in_capitals_are_left_alone() {
        assert_eq!(
            display_title("Already sentence case"),
            "Already sentence case"
        );
        let body = vec!["The OPM was held.".to_string()];
        assert_eq!(
            display_title_in("MVD held a meeting on the OPM", &body),
            "MVD held a meeting on the OPM"
        );
        assert_eq!(display_title_in("", &body), "");
    }

    #[test]
    fn the_body_decides_acronyms_and_names() {
        let body = vec![
            "National OPM “Karaasora - 2025” started. The OPM was held by the UMVD of Russia in Mari El.".to_string(),
            "Events were held in the Proletarka palace and held again.".to_string(),
        ];
        assert_eq!(
            display_title_in("FRONT AGAINST DRUGS: OPM “KARASORA - 2025” WAS HELD IN PROLETARKA BY UMVD OF RUSSIA", &body),
            "Front against drugs: OPM “Karasora - 2025” was held in Proletarka by UMVD of Russia"
        );
        let body = vec![
            "Police in Tver region met. The region of Tver is large; drug police work.".to_string(),
        ];
        assert_eq!(
            display_title_in("DRUG POLICE IN TVER REGION", &body),
            "Drug police in Tver region"
        );
    }

    #[test]
    fn a_word_the_body_writes_in_lower_case_anywhere_is_common() {
        // "Held" capitalised inside a name, "held" alone: the lower case wins.
        let body = vec!["The Held Group met. Officers held a raid and Held talks.".to_string()];
        assert_eq!(
            display_title_in("OFFICERS HELD A RAID", &body),
            "Officers held a raid"
        );
    }

    #[test]
    fn hostile_or_huge_titles_do_not_panic() {
        let long = "A".repeat(50_000);
        let body = vec![format!("{long} {} \u{202e}", "b".repeat(50_000))];
        assert_eq!(display_title_in(&long, &body).chars().count(), 50_000);
        assert_eq!(
            display_title_in("<SCRIPT>ALERT(1)</SCRIPT>", &[]),
            "<Script>alert(1)</script>"
        );
    }
}
