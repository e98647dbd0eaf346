//! Country names as release texts write them: the official and short
//! forms of section headings, contents entries and declared counts
//! ("REPUBLIC OF KAZAKHSTAN", "KYRGYZ REPUBLIC", "Russia", "Республика
//! Таджикистан"), and the inflected nouns, adjectives and abbreviations by
//! which a text mentions a country ("в Кыргызской Республике", "MVD RK",
//! "Iranian").
//!
//! [`crate::country`] owns codes, display names and colours; this module
//! owns recognising the names in text.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::text::{is_capitalized, strip_markup, with_lower, words};

/// One country: ISO code, the names a heading or a count list uses (English
/// and Russian nominative, compared case-insensitively), the English words
/// that mention it (capitalised in text), the Russian nouns (capitalised,
/// inflected) and adjectives (any case, inflected), and abbreviations
/// (exact case).
struct Entry {
    code: &'static str,
    names: &'static [&'static str],
    en_words: &'static [&'static str],
    ru_nouns: &'static [&'static str],
    ru_adjectives: &'static [&'static str],
    abbreviations: &'static [&'static str],
}

const fn e(
    code: &'static str,
    names: &'static [&'static str],
    en_words: &'static [&'static str],
    ru_nouns: &'static [&'static str],
    ru_adjectives: &'static [&'static str],
    abbreviations: &'static [&'static str],
) -> Entry {
    Entry {
        code,
        names,
        en_words,
        ru_nouns,
        ru_adjectives,
        abbreviations,
    }
}

#[rustfmt::skip]
const ENTRIES: &[Entry] = &[
    e("KZ", &["Kazakhstan", "Republic of Kazakhstan", "Казахстан", "Республика Казахстан", "Қазақстан", "Қазақстан Республикасы"],
        &["kazakhstan", "kazakh", "kazakhstani"], &["Казахстан"], &["казахстанский", "казахский"], &["RK", "РК"]),
    e("KG", &["Kyrgyzstan", "Kyrgyz Republic", "Republic of Kyrgyzstan", "Kirghizia", "Кыргызстан", "Киргизия", "Кыргызская Республика", "Киргизская Республика"],
        &["kyrgyzstan", "kyrgyz", "kirghizia", "kirghiz"], &["Кыргызстан", "Киргизия"], &["кыргызский", "киргизский", "кыргызстанский"], &["KR", "КР"]),
    e("RU", &["Russia", "Russian Federation", "Россия", "Российская Федерация"],
        &["russia", "russian"], &["Россия"], &["российский"], &["RF", "РФ"]),
    e("TJ", &["Tajikistan", "Republic of Tajikistan", "Таджикистан", "Республика Таджикистан"],
        &["tajikistan", "tajik"], &["Таджикистан"], &["таджикский", "таджикистанский"], &[]),
    e("UZ", &["Uzbekistan", "Republic of Uzbekistan", "Узбекистан", "Республика Узбекистан"],
        &["uzbekistan", "uzbek"], &["Узбекистан"], &["узбекский", "узбекистанский"], &["РУз"]),
    e("TM", &["Turkmenistan", "Туркменистан"],
        &["turkmenistan", "turkmen"], &["Туркменистан", "Туркмения"], &["туркменский", "туркменистанский"], &[]),
    e("AZ", &["Azerbaijan", "Republic of Azerbaijan", "Азербайджан", "Азербайджанская Республика"],
        &["azerbaijan", "azerbaijani"], &["Азербайджан"], &["азербайджанский"], &[]),
    e("AF", &["Afghanistan", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan", "Афганистан"],
        &["afghanistan", "afghan"], &["Афганистан"], &["афганский"], &[]),
    e("IR", &["Iran", "Islamic Republic of Iran", "Иран", "Исламская Республика Иран"],
        &["iran", "iranian"], &["Иран"], &["иранский"], &[]),
    e("CN", &["China", "People's Republic of China", "Китай", "Китайская Народная Республика"],
        &["china", "chinese"], &["Китай"], &["китайский"], &["PRC", "КНР"]),
    e("BY", &["Belarus", "Republic of Belarus", "Беларусь", "Республика Беларусь", "Белоруссия"],
        &["belarus", "belarusian"], &["Беларусь", "Белоруссия"], &["белорусский"], &[]),
    e("AM", &["Armenia", "Republic of Armenia", "Армения", "Республика Армения"],
        &["armenia", "armenian"], &["Армения"], &["армянский"], &[]),
    e("GE", &["Georgia", "Грузия"], &["georgia", "georgian"], &["Грузия"], &["грузинский"], &[]),
    e("TR", &["Turkey", "Türkiye", "Republic of Türkiye", "Турция", "Турецкая Республика"],
        &["turkey", "türkiye", "turkish"], &["Турция"], &["турецкий"], &[]),
    e("PK", &["Pakistan", "Islamic Republic of Pakistan", "Пакистан"], &["pakistan", "pakistani"], &["Пакистан"], &["пакистанский"], &[]),
    e("IN", &["India", "Индия"], &["india", "indian"], &["Индия"], &["индийский"], &[]),
    e("MN", &["Mongolia", "Монголия"], &["mongolia", "mongolian"], &["Монголия"], &["монгольский"], &[]),
    e("UA", &["Ukraine", "Украина"], &["ukraine", "ukrainian"], &["Украина"], &["украинский"], &[]),
    e("MD", &["Moldova", "Republic of Moldova", "Молдова", "Молдавия"], &["moldova", "moldovan"], &["Молдова", "Молдавия"], &["молдавский"], &[]),
    e("DE", &["Germany", "Федеративная Республика Германия", "Германия"], &["germany", "german"], &["Германия"], &["германский", "немецкий"], &["ФРГ"]),
    e("PL", &["Poland", "Польша"], &["poland", "polish"], &["Польша"], &["польский"], &[]),
    e("LT", &["Lithuania", "Литва"], &["lithuania", "lithuanian"], &["Литва"], &["литовский"], &[]),
    e("LV", &["Latvia", "Латвия"], &["latvia", "latvian"], &["Латвия"], &["латвийский"], &[]),
    e("EE", &["Estonia", "Эстония"], &["estonia", "estonian"], &["Эстония"], &["эстонский"], &[]),
    e("ES", &["Spain", "Испания"], &["spain", "spanish"], &["Испания"], &["испанский"], &[]),
    e("FR", &["France", "Франция"], &["france", "french"], &["Франция"], &["французский"], &[]),
    e("IT", &["Italy", "Италия"], &["italy", "italian"], &["Италия"], &["итальянский"], &[]),
    e("NL", &["Netherlands", "Нидерланды"], &["netherlands", "dutch"], &["Нидерланды", "Голландия"], &["нидерландский"], &[]),
    e("GB", &["United Kingdom", "Великобритания"], &["britain", "british"], &["Великобритания"], &["британский"], &["UK"]),
    e("US", &["United States", "United States of America", "USA", "США", "Соединённые Штаты Америки", "Соединенные Штаты Америки"],
        &["america", "american"], &["Америка"], &["американский"], &["USA", "США"]),
    e("KR", &["South Korea", "Republic of Korea", "Южная Корея", "Республика Корея"], &[], &[], &["южнокорейский"], &[]),
    e("AE", &["United Arab Emirates", "Объединённые Арабские Эмираты", "Объединенные Арабские Эмираты"], &["emirati"], &[], &["эмиратский"], &["UAE", "ОАЭ"]),
    e("SA", &["Saudi Arabia", "Саудовская Аравия"], &["saudi"], &[], &["саудовский"], &[]),
    e("IQ", &["Iraq", "Ирак"], &["iraq", "iraqi"], &["Ирак"], &["иракский"], &[]),
    e("IL", &["Israel", "Израиль"], &["israel", "israeli"], &["Израиль"], &["израильский"], &[]),
];

/// English two-word names that mention a country (first word, second word).
const EN_PAIRS: &[(&str, &str, &str)] = &[
    ("united", "states", "US"),
    ("united", "kingdom", "GB"),
    ("south", "korea", "KR"),
    ("saudi", "arabia", "SA"),
    ("united", "emirates", "AE"),
];

struct Tables {
    /// Normalised full name -> code (headings, contents, count lists).
    names: HashMap<String, &'static str>,
    /// Lower-case word -> (code, must the word be capitalised in text?).
    words: HashMap<String, (&'static str, bool)>,
    /// Exact-case abbreviation -> code.
    abbreviations: HashMap<&'static str, &'static str>,
    /// The first two letters of every word that names a country without a
    /// capital (the Russian adjectives' forms): a word in lower case that
    /// starts otherwise is passed over without being lowered and looked
    /// up (most long Russian words of a text).
    adjective_heads: HashSet<String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            names: HashMap::default(),
            words: HashMap::default(),
            abbreviations: HashMap::default(),
            adjective_heads: HashSet::default(),
        };
        for entry in ENTRIES {
            for name in entry.names {
                t.names.insert(normalize_name(name), entry.code);
            }
            for w in entry.en_words {
                t.words.entry(w.to_string()).or_insert((entry.code, true));
            }
            for noun in entry.ru_nouns {
                for form in ru_noun_forms(&noun.to_lowercase()) {
                    t.words.entry(form).or_insert((entry.code, true));
                }
            }
            for adjective in entry.ru_adjectives {
                for form in ru_adjective_forms(adjective) {
                    t.words.entry(form).or_insert((entry.code, false));
                }
            }
            for a in entry.abbreviations {
                t.abbreviations.insert(a, entry.code);
            }
        }
        t.adjective_heads = t
            .words
            .iter()
            .filter(|(_, &(_, needs_capital))| !needs_capital)
            .map(|(word, _)| head(word).to_string())
            .collect();
        t
    })
}

/// The first two characters of `word` (all of a shorter one).
fn head(word: &str) -> &str {
    word.char_indices()
        .nth(2)
        .map_or(word, |(end, _)| &word[..end])
}

/// Lower case, markup and surrounding punctuation removed, one space
/// between words, a leading "the" dropped.
fn normalize_name(name: &str) -> String {
    let stripped = strip_markup(name);
    let mut out = String::with_capacity(stripped.len());
    for (_, w) in words(&stripped) {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            // Most names are in Latin letters: lowered in place, without
            // the two strings of the general case.
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            out.push_str(&w.to_lowercase().replace('ё', "е"));
        }
    }
    out.strip_prefix("the ").map(str::to_string).unwrap_or(out)
}

/// The code of the country `name` names as a whole, e.g. a heading
/// "REPUBLIC OF KAZAKHSTAN", a count entry "Kyrgyzstan" or "Российская
/// Федерация". Mentions inside a sentence are [`mentions`]' job.
pub fn country_of_name(name: &str) -> Option<&'static str> {
    let n = normalize_name(name);
    if n.is_empty() {
        return None;
    }
    let t = tables();
    if let Some(code) = t.names.get(&n) {
        return Some(code);
    }
    // "Republic of X", "Республика X", "X Republic" for any known X (a
    // name, or a single word that names the country: "TAJIK REPUBLIC").
    let known = |rest: &str| {
        t.names
            .get(rest)
            .copied()
            .or_else(|| (!rest.contains(' ')).then(|| word_country(rest)).flatten())
    };
    for prefix in [
        "republic of ",
        "islamic republic of ",
        "kingdom of ",
        "state of ",
        "республика ",
    ] {
        if let Some(code) = n.strip_prefix(prefix).and_then(known) {
            return Some(code);
        }
    }
    for suffix in [" republic", " республика"] {
        if let Some(code) = n.strip_suffix(suffix).and_then(known) {
            return Some(code);
        }
    }
    None
}

/// The country a single lower-case word names (nouns and adjectives), for
/// capitalising display titles.
pub fn word_country(lower_word: &str) -> Option<&'static str> {
    tables().words.get(lower_word).map(|&(code, _)| code)
}

/// Every country `text` mentions, with the byte offset of the mention, in
/// text order (a country may appear several times).
pub fn mentions(text: &str) -> Vec<(usize, &'static str)> {
    mentions_in(words(text))
}

/// [`mentions`] in a text already cut into [`words`] (with their byte
/// offsets): the ingest cuts each text once for its names and places.
pub fn mentions_in<'a>(
    words: impl IntoIterator<Item = (usize, &'a str)>,
) -> Vec<(usize, &'static str)> {
    let t = tables();
    let mut found = Vec::new();
    let mut previous_capitalized: Option<&str> = None;
    for (offset, word) in words {
        let capitalized = is_capitalized(word);
        // Only capitalised words and Russian adjectives (any case, at least
        // six letters) can mention a country: skip the rest cheaply.
        let maybe = capitalized
            || (word.len() >= 12 && word.starts_with(|c: char| crate::text::is_cyrillic(c)));
        // A word not capitalised names a country only as an adjective's
        // form (abbreviations all start with a capital), or by a part of
        // it after a hyphen: by its first two letters most are none.
        let maybe = maybe
            && (capitalized
                || word.contains('-')
                || with_lower(head(word), |h| t.adjective_heads.contains(h)));
        if !maybe {
            previous_capitalized = None;
            continue;
        }
        if let Some(code) = t.abbreviations.get(word) {
            found.push((offset, *code));
            previous_capitalized = Some(word);
            continue;
        }
        let hit = with_lower(word, |lower| {
            // "Kazakhstan's" is a mention of Kazakhstan.
            let lower = lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
                .unwrap_or(lower);
            if let Some(code) = lookup_word(t, capitalized, lower) {
                return Some(code);
            }
            if lower.contains('-') {
                // "All-Russian", "Russian-Kazakh": each part counts.
                let mut part_offset = offset;
                for (part, lower_part) in word.split('-').zip(lower.split('-')) {
                    if let Some(code) = lookup_word(t, is_capitalized(part), lower_part) {
                        found.push((part_offset, code));
                    }
                    part_offset += part.len() + 1;
                }
                return None;
            }
            let prev = previous_capitalized?;
            with_lower(prev, |prev| {
                EN_PAIRS
                    .iter()
                    .find(|(a, b, _)| *a == prev && *b == lower && capitalized)
                    .map(|&(_, _, code)| code)
            })
        });
        if let Some(code) = hit {
            found.push((offset, code));
        }
        previous_capitalized = capitalized.then_some(word);
    }
    found
}

fn lookup_word(t: &Tables, capitalized: bool, lower: &str) -> Option<&'static str> {
    match t.words.get(lower) {
        Some(&(code, needs_capital)) if !needs_capital || capitalized => Some(code),
        _ => None,
    }
}

/// The case forms of a Russian noun given in the nominative (lower case):
/// enough of the declension to catch "в Казахстане", "из России",
/// "Польши", "Китаю". Nouns ending in other vowels do not decline.
pub(crate) fn ru_noun_forms(noun: &str) -> Vec<String> {
    let mut chars: Vec<char> = noun.chars().collect();
    let Some(&last) = chars.last() else {
        return Vec::new();
    };
    let endings: &[&str] = match last {
        'а' => &["а", "ы", "и", "е", "у", "ой", "ей", "ою"],
        'я' => &["я", "и", "е", "ю", "ей", "ею"],
        'ь' => &["ь", "и", "ью", "я", "ю", "ем", "е"],
        'й' => &["й", "я", "ю", "ем", "е", "и"],
        'ы' | 'о' | 'е' | 'и' | 'у' | 'ю' | 'э' => return vec![noun.to_string()],
        _ => {
            chars.push('\0');
            &["", "а", "у", "е", "ом", "ы", "ов"]
        }
    };
    chars.pop();
    let stem: String = chars.into_iter().collect();
    endings.iter().map(|e| format!("{stem}{e}")).collect()
}

/// The forms of a Russian adjective given as `…ий`/`…ый`/`…ой`.
pub(crate) fn ru_adjective_forms(adjective: &str) -> Vec<String> {
    let stem = adjective
        .strip_suffix("ий")
        .or_else(|| adjective.strip_suffix("ый"))
        .or_else(|| adjective.strip_suffix("ой"))
        .unwrap_or(adjective);
    [
        "ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "ому", "ым", "им", "ом", "ую", "ых", "их",
        "ыми", "ими", "ей",
        // Soft stems: "Нижний" -> "Нижнем", "Нижнего".
        "ем", "его", "ему", "яя", "ее", "юю",
    ]
    .iter()
    .map(|e| format!("{stem}{e}"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_count_names() {
        assert_eq!(country_of_name("REPUBLIC OF KAZAKHSTAN"), Some("KZ"));
        assert_eq!(country_of_name("KYRGYZ REPUBLIC"), Some("KG"));
        assert_eq!(country_of_name("RUSSIAN FEDERATION"), Some("RU"));
        assert_eq!(country_of_name("TAJIKISTAN"), Some("TJ"));
        assert_eq!(country_of_name("<i>REPUBLIC OF AZERBAIJAN</i>"), Some("AZ"));
        assert_eq!(country_of_name("РЕСПУБЛИКА ТАДЖИКИСТАН"), Some("TJ"));
        assert_eq!(country_of_name("КЫРГЫЗСКАЯ РЕСПУБЛИКА"), Some("KG"));
        assert_eq!(country_of_name("*Kazakhstan"), Some("KZ"));
        assert_eq!(country_of_name("Republic of Turkmenistan"), Some("TM"));
        assert_eq!(country_of_name("AZERBAIJAN REPUBLIC"), Some("AZ"));
        assert_eq!(country_of_name("TAJIK REPUBLIC"), Some("TJ"));
        assert_eq!(country_of_name("Узбекская Республика"), Some("UZ"));
        assert_eq!(country_of_name("CZECH REPUBLIC"), None);
        assert_eq!(
            country_of_name("KYRGYZ AND RUSSIAN MVD DISCUSS COOPERATION"),
            None
        );
        assert_eq!(country_of_name(""), None);
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let mut c: Vec<_> = mentions(text).into_iter().map(|(_, c)| c).collect();
        c.sort();
        c.dedup();
        c
    }

    #[test]
    fn mentions_in_running_text() {
        assert_eq!(
            codes(
                "делегации из стран (Казахстан, Кыргызстан, Таджикистан, Туркменистан, Узбекистан)"
            ),
            ["KG", "KZ", "TJ", "TM", "UZ"]
        );
        assert_eq!(
            codes("представителя МВД Кыргызской Республики и пенитенциарных учреждений Испании"),
            ["ES", "KG"]
        );
        assert_eq!(
            codes("в Казахстане создан комитет; (Польша), Akzept (Германия)"),
            ["DE", "KZ", "PL"]
        );
        assert_eq!(
            codes("Ambassador of Iran to KR held the All-Russian month"),
            ["IR", "KG", "RU"]
        );
        assert_eq!(
            codes("a turkey was served with polish and china"),
            Vec::<&str>::new()
        );
        assert_eq!(codes("the United States and Georgia"), ["GE", "US"]);
        assert_eq!(codes("погрузили груз"), Vec::<&str>::new());
    }

    #[test]
    fn abbreviations_start_with_a_capital() {
        // mentions_in does not look a word without one up among them.
        for entry in ENTRIES {
            for a in entry.abbreviations {
                assert!(is_capitalized(a), "{a}");
            }
        }
    }

    #[test]
    fn russian_declension() {
        assert!(ru_noun_forms("казахстан").contains(&"казахстане".to_string()));
        assert!(ru_noun_forms("россия").contains(&"россии".to_string()));
        assert!(ru_noun_forms("польша").contains(&"польши".to_string()));
        assert!(ru_noun_forms("китай").contains(&"китаю".to_string()));
        assert_eq!(ru_noun_forms("душанбе"), ["душанбе"]);
        assert!(ru_adjective_forms("кыргызский").contains(&"кыргызской".to_string()));
    }
}
