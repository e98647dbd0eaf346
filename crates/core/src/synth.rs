//! Synthetic archives of the contract's shape, for scale tests and
//! benchmarks: information releases every half-month (2012 to mid-2026) with
//! their events and declared counts, plus some press releases and news
//! items; countries skewed toward Kazakhstan and Russia; English and Russian.
//!
//! Text comes from a word-bigram Markov chain learned from the real corpus
//! ([`Model::from_archive`]), so bodies read like releases, plus a long
//! Zipf-distributed tail of rare words (place names, surnames, operation
//! names, Latin and Cyrillic, built from syllables) so that the term
//! dictionary keeps growing with the archive as a real one does.
//! The same model, parameters and seed give the same archive.

use std::collections::{BTreeMap, HashMap};

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, SeedableRng};

use crate::date::{days_in_month, Date, DateRange};
use crate::ingest::{self, gazetteer};
use crate::model::{Archive, Event, Kind, Lang, Release, SCHEMA_VERSION};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Events in the whole archive.
    pub events: usize,
    pub seed: u64,
    /// The first half-month is January of this year.
    pub first_year: i32,
    /// The last half-month ends in this year and month.
    pub last_year: i32,
    pub last_month: u8,
    /// Shares of the events that are press releases and news items (one
    /// event each); the rest are in information releases.
    pub press_share: f64,
    pub news_share: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            events: 10_000,
            seed: 1,
            first_year: 2012,
            last_year: 2026,
            last_month: 6,
            press_share: 0.01,
            news_share: 0.02,
        }
    }
}

/// A word-bigram Markov chain: words, the words seen after each, and the
/// words that start sentences.
#[derive(Debug, Clone, Default)]
struct Chain {
    words: Vec<String>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

impl Chain {
    fn learn(paragraphs: &[&str]) -> Chain {
        let mut chain = Chain::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        for p in paragraphs {
            let mut prev: Option<u32> = None;
            for raw in p.split_whitespace() {
                // Quotes and brackets would come out unbalanced: drop them.
                let token: String = raw
                    .chars()
                    .filter(|c| !"«»“”\"„()[]*".contains(*c))
                    .collect();
                if token.is_empty() {
                    continue;
                }
                let id = *ids.entry(token.clone()).or_insert_with(|| {
                    chain.words.push(token.clone());
                    chain.next.push(Vec::new());
                    (chain.words.len() - 1) as u32
                });
                match prev {
                    Some(p) if !ends_sentence(&chain.words[p as usize]) => {
                        chain.next[p as usize].push(id)
                    }
                    _ => {
                        if starts_sentence(&token) {
                            chain.starts.push(id)
                        }
                    }
                }
                prev = Some(id);
            }
        }
        chain
    }

    fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

fn ends_sentence(token: &str) -> bool {
    token.ends_with(['.', '!', '?']) && token.chars().filter(|c| c.is_alphabetic()).count() > 2
}

fn starts_sentence(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_uppercase())
}

/// What the generator learned from a real archive.
#[derive(Debug, Clone)]
pub struct Model {
    en: Chain,
    ru: Chain,
    /// Source link prefixes seen per country (scheme, host, first segment).
    links: BTreeMap<String, Vec<String>>,
    digest_title: String,
}

/// Countries of the synthetic events and their weights (the member states;
/// Kazakhstan and Russia report most).
const COUNTRY_WEIGHTS: &[(&str, u32)] = &[
    ("KZ", 40),
    ("RU", 25),
    ("KG", 10),
    ("TJ", 8),
    ("UZ", 7),
    ("AZ", 6),
    ("TM", 4),
];

/// Link prefixes for countries the corpus has no link for.
const FALLBACK_LINKS: &[(&str, &str)] = &[
    ("KZ", "https://polisia.kz/ru"),
    ("RU", "https://xn--b1aew.xn--p1ai/news/item"),
    ("KG", "https://mvd.gov.kg/rus/news"),
    ("TJ", "https://www.vkd.tj"),
    ("UZ", "https://iiv.uz/news"),
    ("AZ", "https://mia.gov.az/news"),
    ("TM", "https://tdh.gov.tm/news"),
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Model {
    /// Learns the chains and link shapes from an archive (the ingested
    /// corpus). Text too thin for a chain falls back to the other language.
    pub fn from_archive(archive: &Archive) -> Model {
        let mut en: Vec<&str> = Vec::new();
        let mut ru: Vec<&str> = Vec::new();
        let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut digest_title = String::from("INFORMATION RELEASE");
        for r in &archive.releases {
            if r.kind == Kind::InformationRelease {
                digest_title = r.title.clone();
            }
            for e in &r.events {
                let target = if e.language == Lang::Ru {
                    &mut ru
                } else {
                    &mut en
                };
                target.extend(e.body.iter().map(String::as_str));
                if let Some(url) = &e.source_url {
                    if let Some(prefix) = link_prefix(url) {
                        let list = links.entry(e.country.clone()).or_default();
                        if !list.contains(&prefix) {
                            list.push(prefix);
                        }
                    }
                }
            }
        }
        let mut en = Chain::learn(&en);
        let mut ru = Chain::learn(&ru);
        if en.is_empty() {
            en = ru.clone();
        }
        if ru.is_empty() {
            ru = en.clone();
        }
        Model {
            en,
            ru,
            links,
            digest_title,
        }
    }

    /// Ingests the corpus in `dir` and learns from it.
    pub fn from_corpus_dir(dir: &std::path::Path) -> Result<Model, ingest::FileError> {
        let inputs = ingest::read_inputs(&[dir.to_path_buf()])?;
        let (archive, report) = ingest::ingest(&inputs);
        match archive {
            Some(a) if !a.releases.is_empty() => Ok(Model::from_archive(&a)),
            _ => Err(report
                .errors
                .into_iter()
                .next()
                .unwrap_or(ingest::FileError {
                    file: dir.display().to_string(),
                    line: None,
                    message: "no release texts to learn from".into(),
                })),
        }
    }

    /// True when the model has text to generate from.
    pub fn is_usable(&self) -> bool {
        !self.en.is_empty() && !self.ru.is_empty()
    }
}

/// `https://host/first-segment` of a URL (the part a site keeps for all its
/// news), or `https://host` when the path has one segment.
fn link_prefix(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let mut parts = rest.split('/');
    let host = parts.next()?;
    let segments: Vec<&str> = parts.filter(|s| !s.is_empty()).collect();
    let scheme = &url[..url.find("://")?];
    Some(match segments.len() {
        0 | 1 => format!("{scheme}://{host}"),
        n => format!("{scheme}://{host}/{}", segments[..n - 1].join("/")),
    })
}

/// The generator's random source: a fixed algorithm (xoshiro256++), so a
/// seed gives the same archive on every platform and version.
struct Dice(Xoshiro256PlusPlus);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.0.next_u64() as u128 * n as u128) >> 64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total as usize) as u32;
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1].0
    }

    /// A rank from a Zipf-Mandelbrot power law (exponent 1.1, offset 25)
    /// over 1..=10^7: most draws are small, no single name dominates, and
    /// new large ranks keep coming as the archive grows.
    fn zipf_rank(&mut self) -> u64 {
        const N: f64 = 1e7;
        const Q: f64 = 25.0;
        let s1 = -0.1f64; // 1 - exponent
        let (lo, hi) = (Q.powf(s1), (N + Q).powf(s1));
        let x = (lo + self.unit() * (hi - lo)).powf(1.0 / s1) - Q;
        (x as u64 + 1).clamp(1, N as u64)
    }
}

/// Syllables of the rare-word tail, Latin and Cyrillic in parallel, so a
/// rank spells the same name in both scripts.
const SYLLABLES: &[(&str, &str)] = &[
    ("ka", "ка"),
    ("ra", "ра"),
    ("zhan", "жан"),
    ("bek", "бек"),
    ("tal", "тал"),
    ("mur", "мур"),
    ("sa", "са"),
    ("ly", "лы"),
    ("nor", "нор"),
    ("dos", "дос"),
    ("tur", "тур"),
    ("gul", "гуль"),
    ("bai", "бай"),
    ("as", "ас"),
    ("yer", "ер"),
    ("ken", "кен"),
    ("zha", "жа"),
    ("tau", "тау"),
    ("kol", "коль"),
    ("sha", "ша"),
    ("ar", "ар"),
    ("man", "ман"),
    ("del", "дель"),
    ("ni", "ни"),
    ("ol", "ол"),
    ("vo", "во"),
    ("ro", "ро"),
    ("dim", "дим"),
    ("ta", "та"),
    ("sen", "сен"),
    ("mi", "ми"),
    ("her", "хер"),
    ("u", "у"),
    ("lan", "лан"),
    ("ek", "ек"),
    ("bo", "бо"),
];
const PLACE_ENDINGS: &[(&str, &str)] = &[
    ("abad", "абад"),
    ("kent", "кент"),
    ("sk", "ск"),
    ("ovka", "овка"),
    ("tobe", "тобе"),
    ("kul", "куль"),
];
const SURNAME_ENDINGS: &[(&str, &str)] = &[
    ("ov", "ов"),
    ("ev", "ев"),
    ("bekov", "беков"),
    ("uly", "улы"),
    ("zoda", "зода"),
    ("ova", "ова"),
];

/// The rare word of `rank` in `lang`'s script: a place name, a surname or an
/// operation name, by rank.
fn rare_word(rank: u64, lang: Lang) -> String {
    // Mix the rank so neighbouring ranks do not share their start.
    let mut h = rank.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (rank >> 7);
    let count = 2 + (h % 3) as usize;
    h /= 3;
    let mut word = String::new();
    for _ in 0..count {
        let (lat, cyr) = SYLLABLES[(h % SYLLABLES.len() as u64) as usize];
        h /= SYLLABLES.len() as u64;
        word.push_str(if lang == Lang::Ru { cyr } else { lat });
    }
    let ending = match rank % 3 {
        0 => Some(PLACE_ENDINGS[(rank / 3 % PLACE_ENDINGS.len() as u64) as usize]),
        1 => Some(SURNAME_ENDINGS[(rank / 3 % SURNAME_ENDINGS.len() as u64) as usize]),
        _ => None,
    };
    if let Some((lat, cyr)) = ending {
        word.push_str(if lang == Lang::Ru { cyr } else { lat });
    }
    // Rank digits keep the space of names unbounded.
    if rank > 50_000 {
        word.push_str(if lang == Lang::Ru { "ин" } else { "in" });
        for d in (rank / 50_000).to_string().bytes() {
            let (lat, cyr) = SYLLABLES[(d - b'0') as usize];
            word.push_str(if lang == Lang::Ru { cyr } else { lat });
        }
    }
    let mut cs = word.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => word,
    }
}

struct Writer<'a> {
    model: &'a Model,
    dice: Dice,
}

impl Writer<'_> {
    /// One sentence from the chain, with capitalised words (names) often
    /// swapped for rare words of the tail.
    fn sentence(&mut self, lang: Lang, out: &mut String) {
        let dice = &mut self.dice;
        let chain = if lang == Lang::Ru {
            &self.model.ru
        } else {
            &self.model.en
        };
        let mut id = chain.starts[dice.below(chain.starts.len())] as usize;
        let max = dice.range(12, 38);
        for n in 0.. {
            let word = &chain.words[id];
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            if n > 0 && starts_sentence(word) && dice.chance(0.45) {
                let trail: String = word
                    .chars()
                    .rev()
                    .take_while(|c| !c.is_alphanumeric())
                    .collect();
                out.push_str(&rare_word(dice.zipf_rank(), lang));
                out.extend(trail.chars().rev());
            } else {
                out.push_str(word);
            }
            if ends_sentence(word) && n >= 5 {
                return;
            }
            let next = &chain.next[id];
            // Past the planned length, the sentence gets a few more words
            // to find its own end before it is cut.
            if next.is_empty() || n >= max + 12 {
                let trimmed = out.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
                out.truncate(trimmed);
                out.push('.');
                return;
            }
            id = next[dice.below(next.len())] as usize;
            if n >= max {
                // Prefer a successor that ends the sentence.
                if let Some(&end) = next
                    .iter()
                    .find(|&&k| ends_sentence(&chain.words[k as usize]))
                {
                    id = end as usize;
                }
            }
        }
    }

    fn paragraph(&mut self, lang: Lang) -> String {
        let mut p = String::with_capacity(400);
        for _ in 0..self.dice.range(1, 4) {
            self.sentence(lang, &mut p);
        }
        p
    }

    fn body(&mut self, lang: Lang) -> Vec<String> {
        let n = self.dice.range(3, 8);
        (0..n).map(|_| self.paragraph(lang)).collect()
    }

    /// A title: the start of a chain sentence, 5 to 12 words.
    fn title(&mut self, lang: Lang, place: Option<&str>, upper: bool) -> String {
        let mut s = String::new();
        self.sentence(lang, &mut s);
        let words: Vec<&str> = s.split_whitespace().take(self.dice.range(5, 12)).collect();
        let mut t = words
            .join(" ")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        if let Some(place) = place {
            t.push_str(if lang == Lang::Ru { " — " } else { " in " });
            t.push_str(place);
        }
        if upper {
            t.to_uppercase()
        } else {
            t
        }
    }

    fn link(&mut self, country: &str, title: &str, serial: u64) -> String {
        let from_model = self.model.links.get(country).filter(|l| !l.is_empty());
        let prefix = match from_model {
            Some(list) => list[self.dice.below(list.len())].clone(),
            None => FALLBACK_LINKS
                .iter()
                .find(|(c, _)| *c == country)
                .map_or("https://caricc.org/news", |(_, p)| *p)
                .to_string(),
        };
        let slug: String = title
            .to_lowercase()
            .split_whitespace()
            .take(6)
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if slug.is_empty() {
            format!("{prefix}/{serial}")
        } else {
            format!("{prefix}/{serial}-{slug}")
        }
    }
}

/// Places of a country from the gazetteer: English name and Russian
/// (nominative) name.
fn places_of(country: &str) -> Vec<(&'static str, &'static str)> {
    gazetteer::PLACES
        .iter()
        .filter(|p| p.2 == country)
        .map(|p| {
            (
                p.1,
                p.4.split('|').next().unwrap_or(p.1).trim_end_matches('!'),
            )
        })
        .collect()
}

/// The half-month periods from January of `first_year` to `last_month` of
/// `last_year`.
fn half_months(p: &Params) -> Vec<DateRange> {
    let mut out = Vec::new();
    for year in p.first_year..=p.last_year {
        for month in 1..=12u8 {
            if year == p.last_year && month > p.last_month {
                break;
            }
            let last = days_in_month(year, month);
            for (a, b) in [(1, 15), (16, last)] {
                if let (Some(start), Some(end)) = (
                    Date::from_ymd(year, month, a),
                    Date::from_ymd(year, month, b),
                ) {
                    out.push(DateRange { start, end });
                }
            }
        }
    }
    out
}

/// Generates an archive: deterministic for the model, parameters and seed.
pub fn generate(model: &Model, params: &Params) -> Archive {
    let mut w = Writer {
        model,
        dice: Dice(Xoshiro256PlusPlus::seed_from_u64(params.seed)),
    };
    let periods = half_months(params);
    if periods.is_empty() || !model.is_usable() {
        return Archive {
            schema_version: SCHEMA_VERSION,
            releases: Vec::new(),
        };
    }
    let press = (params.events as f64 * params.press_share).round() as usize;
    let news = (params.events as f64 * params.news_share).round() as usize;
    let digest_events = params.events.saturating_sub(press + news);

    // Events per digest: more in later years, with noise.
    let weights: Vec<f64> = periods
        .iter()
        .map(|p| {
            (1.0 + 0.08 * (p.start.year() - params.first_year) as f64) * (0.6 + 0.8 * w.dice.unit())
        })
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let mut per_digest: Vec<usize> = weights
        .iter()
        .map(|x| (x / total_weight * digest_events as f64) as usize)
        .collect();
    let mut missing = digest_events - per_digest.iter().sum::<usize>();
    let mut i = 0;
    let n = per_digest.len();
    while missing > 0 {
        per_digest[i % n] += 1;
        missing -= 1;
        i += 7;
    }

    let mut releases = Vec::with_capacity(periods.len() + press + news);
    let mut serial: u64 = 100_000;
    let mut number_in_year = 0;
    let mut year = 0;
    for (period, &count) in periods.iter().zip(&per_digest) {
        if period.start.year() != year {
            year = period.start.year();
            number_in_year = 0;
        }
        number_in_year += 1;
        let id = format!("ir-{year}-{number_in_year:02}");
        let mut events = Vec::with_capacity(count);
        for _ in 0..count {
            let country = *w.dice.weighted(COUNTRY_WEIGHTS);
            let lang = if w.dice.chance(0.12) {
                Lang::Ru
            } else {
                Lang::En
            };
            serial += 1 + w.dice.below(40) as u64;
            events.push(event(&mut w, &id, country, lang, *period, true, serial));
        }
        // The sections run country by country, in the weights' order.
        events.sort_by_key(|e| COUNTRY_WEIGHTS.iter().position(|(c, _)| *c == e.country));
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for e in &events {
            *counts.entry(e.country.clone()).or_insert(0) += 1;
        }
        let summary = vec![declared_sentence(period, &counts), w.paragraph(Lang::En)];
        releases.push(Release {
            id,
            kind: Kind::InformationRelease,
            number: Some(number_in_year),
            year: Some(year),
            title: model.digest_title.clone(),
            period: *period,
            language: Lang::En,
            declared_counts: Some(counts),
            source_file: format!("synth/{}-{number_in_year:02}.txt", year),
            summary,
            events,
            translations: Vec::new(),
        });
    }
    for (k, kind) in std::iter::repeat_n(Kind::PressRelease, press)
        .chain(std::iter::repeat_n(Kind::News, news))
        .enumerate()
    {
        let period = periods[w.dice.below(periods.len())];
        let day = Date::from_day_number(period.start.day_number() + w.dice.below(15) as i32)
            .unwrap_or(period.start);
        let date = if kind == Kind::PressRelease && w.dice.chance(0.4) {
            DateRange {
                start: day,
                end: Date::from_day_number(day.day_number() + 1).unwrap_or(day),
            }
        } else {
            DateRange::day(day)
        };
        let country = *w.dice.weighted(COUNTRY_WEIGHTS);
        let prefix = if kind == Kind::PressRelease {
            "press"
        } else {
            "news"
        };
        let provisional = format!("{prefix}-{}-{k:06}", date.start);
        serial += 1;
        let e = event(&mut w, &provisional, country, Lang::Ru, date, false, serial);
        let id = format!(
            "{prefix}-{}-{}",
            date.start,
            &ingest::event_id("", &e.title, Some(&k.to_string()))[2..10]
        );
        releases.push(Release {
            id,
            kind,
            number: None,
            year: Some(date.start.year()),
            title: e.title.clone(),
            period: date,
            language: e.language,
            declared_counts: None,
            source_file: format!("synth/{prefix}-{k:06}.txt"),
            summary: Vec::new(),
            events: vec![e],
            translations: Vec::new(),
        });
    }
    ingest::sort_releases(&mut releases);
    Archive {
        schema_version: SCHEMA_VERSION,
        releases,
    }
}

fn event(
    w: &mut Writer,
    release_id: &str,
    country: &str,
    lang: Lang,
    period: DateRange,
    digest: bool,
    serial: u64,
) -> Event {
    let places = places_of(country);
    let place =
        (!places.is_empty() && w.dice.chance(0.7)).then(|| places[w.dice.below(places.len())]);
    // Digest titles are English capitals, even over a Russian text.
    let title_lang = if digest { Lang::En } else { lang };
    let place_in_title = place.map(|(en, ru)| if title_lang == Lang::Ru { ru } else { en });
    let title = w.title(title_lang, place_in_title, digest);
    let body = w.body(lang);
    let span = (period.end.day_number() - period.start.day_number()) as usize;
    let date = if w.dice.chance(0.6) {
        let d = Date::from_day_number(period.start.day_number() + w.dice.below(span + 1) as i32)
            .unwrap_or(period.start);
        DateRange::day(d)
    } else {
        period
    };
    let source_url = (!w.dice.chance(0.02)).then(|| w.link(country, &title, serial));
    let mut mentioned_countries = Vec::new();
    if w.dice.chance(0.15) {
        let other = *w.dice.weighted(COUNTRY_WEIGHTS);
        if other != country {
            mentioned_countries.push(other.to_string());
        }
    }
    let id = ingest::event_id(
        release_id,
        &title,
        source_url.as_deref().or(Some(&serial.to_string())),
    );
    Event {
        id,
        country: country.to_string(),
        date,
        title,
        body,
        language: lang,
        source_url,
        place: place.map(|(en, _)| en.to_string()),
        mentioned_countries,
        counterpart: None,
        facts: None,
    }
}

/// The digest's count sentence, in the corpus's form.
fn declared_sentence(period: &DateRange, counts: &BTreeMap<String, u32>) -> String {
    let total: u32 = counts.values().sum();
    let list: Vec<String> = counts
        .iter()
        .map(|(c, n)| format!("{} - {n}", crate::country::name(c, crate::model::Lang::En)))
        .collect();
    format!(
        "In the period from {} to {} {} {}, based on information from mass media CARICC member states and other countries covered {total} events in the anti-narcotics field ({}).",
        period.start.day(),
        period.end.day(),
        MONTHS_EN[(period.end.month() - 1) as usize],
        period.end.year(),
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        Model::from_corpus_dir(&dir).unwrap()
    }

    #[test]
    fn rare_words_are_names_in_both_scripts() {
        let en = rare_word(12, Lang::En);
        let ru = rare_word(12, Lang::Ru);
        assert!(
            en.chars().next().unwrap().is_uppercase() && en.is_ascii(),
            "{en}"
        );
        assert!(ru.chars().all(crate::ingest::text::is_cyrillic), "{ru}");
        assert_ne!(rare_word(12, Lang::En), rare_word(13, Lang::En));
        assert_ne!(rare_word(60_001, Lang::En), rare_word(110_001, Lang::En));
    }

    #[test]
    fn link_prefixes() {
        assert_eq!(
            link_prefix("https://polisia.kz/ru/a-b/").as_deref(),
            Some("https://polisia.kz/ru")
        );
        assert_eq!(
            link_prefix("https://mvd.gov.kg/rus/news/4336").as_deref(),
            Some("https://mvd.gov.kg/rus/news")
        );
        assert_eq!(
            link_prefix("https://www.vkd.tj/4368-x.html").as_deref(),
            Some("https://www.vkd.tj")
        );
    }

    #[test]
    fn small_archive_has_the_contract_shape() {
        let m = model();
        let params = Params {
            events: 2000,
            seed: 7,
            ..Params::default()
        };
        let a = generate(&m, &params);
        let events: usize = a.releases.iter().map(|r| r.events.len()).sum();
        assert_eq!(events, 2000);
        let digests = a
            .releases
            .iter()
            .filter(|r| r.kind == Kind::InformationRelease)
            .count();
        assert_eq!(
            digests,
            14 * 24 + 12,
            "every half-month from 2012-01 to 2026-06"
        );
        let json = ingest::archive_json(&a);
        let (decoded, warnings) = crate::model::decode(&json).unwrap();
        assert!(
            warnings.is_empty(),
            "{:?}",
            &warnings[..warnings.len().min(3)]
        );
        assert_eq!(decoded.releases.len(), a.releases.len());
        for r in &a.releases {
            if let Some(declared) = &r.declared_counts {
                let sum: u32 = declared.values().sum();
                assert_eq!(sum as usize, r.events.len());
            }
            for e in &r.events {
                assert!((3..=8).contains(&e.body.len()));
                assert!(r.period.start <= e.date.start && e.date.end <= r.period.end);
            }
        }
        let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
        for e in a.releases.iter().flat_map(|r| &r.events) {
            *by_country.entry(&e.country).or_insert(0) += 1;
        }
        assert!(
            by_country["KZ"] > by_country["RU"] && by_country["RU"] > by_country["KG"],
            "{by_country:?}"
        );
        let ru = a
            .releases
            .iter()
            .flat_map(|r| &r.events)
            .filter(|e| e.language == Lang::Ru)
            .count();
        assert!(ru > 150 && ru < 600, "{ru}");
    }

    #[test]
    fn same_seed_same_archive_other_seed_other_archive() {
        let m = model();
        let p = Params {
            events: 300,
            seed: 3,
            ..Params::default()
        };
        assert_eq!(
            ingest::archive_json(&generate(&m, &p)),
            ingest::archive_json(&generate(&m, &p))
        );
        let q = Params {
            seed: 4,
            ..p.clone()
        };
        assert_ne!(
            ingest::archive_json(&generate(&m, &p)),
            ingest::archive_json(&generate(&m, &q))
        );
    }

    #[test]
    fn vocabulary_keeps_growing_with_the_archive() {
        let m = model();
        let distinct = |events: usize| {
            let a = generate(
                &m,
                &Params {
                    events,
                    seed: 1,
                    ..Params::default()
                },
            );
            let mut words = std::collections::HashSet::new();
            for e in a.releases.iter().flat_map(|r| &r.events) {
                for p in &e.body {
                    for w in p.split_whitespace() {
                        words.insert(
                            w.trim_matches(|c: char| !c.is_alphanumeric())
                                .to_lowercase(),
                        );
                    }
                }
            }
            words.len()
        };
        let (small, large) = (distinct(500), distinct(5000));
        // Heaps' law: ten times the text, clearly more (but not ten times
        // more) distinct words.
        assert!(large as f64 > small as f64 * 1.8, "{small} -> {large}");
        assert!((large as f64) < small as f64 * 10.0, "{small} -> {large}");
    }
}
