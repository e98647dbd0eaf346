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
//! About a third of the events have `facts`: a seizure with its weights
//! (`facts.rs`). The same model, parameters and seed give the same archive.

use std::collections::{BTreeMap, HashMap};

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, SeedableRng};

use caricc_core::date::{days_in_month, Date, DateRange};
use caricc_core::gazetteer;

mod facts;
mod words;
use caricc_core::model::{Archive, Event, Kind, Lang, Release, SCHEMA_VERSION};
use words::*;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Events in the whole archive.
    pub events: usize,
    /// The seed of the random source: the same seed, the same archive.
    pub seed: u64,
    /// The first half-month is January of this year.
    pub first_year: i32,
    /// The last half-month ends in this year and month.
    pub last_year: i32,
    /// The month (1-12) of `last_year` the last half-month ends in.
    pub last_month: u8,
    /// Shares of the events that are press releases and news items (one
    /// event each); the rest are in information releases.
    pub press_share: f64,
    /// The share of news items (see `press_share`).
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
    pub fn from_corpus_dir(dir: &std::path::Path) -> Result<Model, crate::FileError> {
        let inputs = crate::read_inputs(&[dir.to_path_buf()])?;
        let (archive, report) = crate::ingest(&inputs);
        match archive {
            Some(a) if !a.releases.is_empty() => Ok(Model::from_archive(&a)),
            _ => Err(report
                .errors
                .into_iter()
                .next()
                .unwrap_or(crate::FileError {
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

/// Places of a country from the gazetteer: English name and Russian
/// (nominative) name.
fn places_of(country: &str) -> Vec<(&'static str, &'static str)> {
    gazetteer::places()
        .iter()
        .filter(|p| p.country == country)
        .map(|p| (p.name, p.ru))
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
            &crate::event_id("", &e.title, Some(&k.to_string()))[2..10]
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
    crate::sort_releases(&mut releases);
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
    let id = crate::event_id(
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
        facts: facts::facts(serial),
    }
}

/// The digest's count sentence, in the corpus's form.
fn declared_sentence(period: &DateRange, counts: &BTreeMap<String, u32>) -> String {
    let total: u32 = counts.values().sum();
    let list: Vec<String> = counts
        .iter()
        .map(|(c, n)| {
            format!(
                "{} - {n}",
                caricc_core::country::name(c, caricc_core::model::Lang::En)
            )
        })
        .collect();
    format!(
        "In the period from {} to {} {} {}, based on information from mass media CARICC member states and other countries covered {total} events in the anti-narcotics field ({}).",
        period.start.day(),
        period.end.day(),
        caricc_core::locale::month_name(period.end.month(), Lang::En),
        period.end.year(),
        list.join(", ")
    )
}

#[cfg(test)]
mod tests;
