//! How an event title reads on screen. Releases print titles in capitals;
//! shown as they are they read as shouting, so the app shows them in
//! sentence case without losing acronyms or proper nouns.

/// Upper-case titles as the releases print them read as shouting; show them
/// in sentence case. Acronyms stay in capitals, and a word keeps its capital
/// when the event's own text spells it capitalised and never in lower case
/// (a proper noun: "Tver", "Almaty").
pub fn display_title_with_body(title: &str, body: &[String]) -> String {
    let cased = display_title(title);
    if cased == title {
        return cased;
    }
    let mut out = String::with_capacity(cased.len());
    for (i, word) in cased.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let is_proper = core.chars().count() > 1
            && core.chars().all(|c| c.is_lowercase())
            && proper_noun_in(&core, body);
        if is_proper {
            push_capitalised(&mut out, word);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Appends `word` with its first letter (not its first char: it may start
/// with a quote) in upper case.
fn push_capitalised(out: &mut String, word: &str) {
    let mut done = false;
    for c in word.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
}

/// True when `lower` occurs in `body` as a whole word, always capitalised.
fn proper_noun_in(lower: &str, body: &[String]) -> bool {
    let mut capitalised = false;
    for paragraph in body {
        for w in paragraph.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() != lower.chars().count() || w.to_lowercase() != lower {
                continue;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                capitalised = true;
            } else {
                return false;
            }
        }
    }
    capitalised
}

pub fn display_title(title: &str) -> String {
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.is_empty() || upper * 10 < letters.len() * 8 {
        return title.to_string();
    }
    const ACRONYMS: &[&str] = &[
        "MVD", "OPM", "UMVD", "UNK", "GUNK", "KPN", "CARICC", "CADAP", "UNODC", "CSTO", "CIS", "SCO", "EU", "USA",
        "KR", "RK", "RF", "MMA", "NGO", "PDN", "IT", "UN", "OSCE", "ЦАРИКЦ", "МВД", "ОДКБ", "СНГ", "ШОС", "ООН",
        "КНБ", "ГУНК", "УНК", "ОПМ",
    ];
    let lower = title.to_lowercase();
    let mut out = String::with_capacity(title.len());
    let mut sentence_start = true;
    for (orig, low) in title.split(' ').zip(lower.split(' ')) {
        if !out.is_empty() {
            out.push(' ');
        }
        let core: String = orig.chars().filter(|c| c.is_alphanumeric()).collect();
        if ACRONYMS.contains(&core.as_str()) || core.chars().any(|c| c.is_ascii_digit()) && core.chars().any(|c| c.is_alphabetic()) {
            out.push_str(orig);
        } else if sentence_start {
            push_capitalised(&mut out, low);
        } else {
            out.push_str(low);
        }
        if core.chars().any(|c| c.is_alphabetic()) {
            sentence_start = orig.ends_with(['.', ':', '!', '?']);
        }
    }
    // Quoted names ("KARASORA - 2025") keep a capital after an opening quote.
    let mut fixed = String::with_capacity(out.len());
    let mut after_quote = false;
    for c in out.chars() {
        if after_quote && c.is_alphabetic() {
            fixed.extend(c.to_uppercase());
            after_quote = false;
            continue;
        }
        after_quote = matches!(c, '“' | '«' | '"');
        fixed.push(c);
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_keeps_acronyms_and_quoted_names() {
        assert_eq!(
            display_title("MVD HELD A MEETING ON LAUNCHING OPERATIONAL AND PREVENTIVE MEASURE “KARASORA - 2025”"),
            "MVD held a meeting on launching operational and preventive measure “Karasora - 2025”"
        );
        assert_eq!(display_title("Already mixed Case"), "Already mixed Case");
        assert_eq!(display_title("ФРОНТ ПРОТИВ НАРКОТИКОВ: СТАРТ"), "Фронт против наркотиков: Старт");
        let body = vec!["Police in Tver region met. The region of Tver is large; drug police work.".to_string()];
        assert_eq!(display_title_with_body("DRUG POLICE IN TVER REGION", &body), "Drug police in Tver region");
    }

}
