//! The shared finishing steps of every parser: a draft event (title,
//! paragraphs, link) becomes an archive event, with its date, place,
//! country, mentioned countries, language, checked link, facts and
//! content-derived id.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use caricc_core::date::{Date, DateRange};
use caricc_core::model::{Event, Kind, Lang, Release};

use super::*;

/// A short stable hex digest of `parts` (SHA-256, first 16 hex digits).
pub(crate) fn digest_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let out = h.finalize();
    // Two hex digits per byte, pushed (not one `format!` per byte: a
    // string allocated for each of the eight).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    for &b in out.iter().take(8) {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    id
}

/// The id of an event: derived from its release, title and link, so it
/// survives re-ingests and re-ordering of the same text.
pub fn event_id(release_id: &str, title: &str, url: Option<&str>) -> String {
    format!("e-{}", digest_id(&[release_id, title, url.unwrap_or("")]))
}

/// An event as a parser found it, before the shared finishing steps.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The line the event starts on (its title, or its first text).
    pub line: usize,
    pub title: String,
    pub title_line: usize,
    pub paragraphs: Vec<Paragraph>,
    /// The link as written, and its line.
    pub link: Option<(usize, String)>,
}

/// What the finishing steps need to know about the release.
pub(crate) struct EventContext<'a> {
    pub release_id: &'a str,
    /// The country the event is counted under; `None` to take it from the
    /// place the text names (press releases and news).
    pub country: Option<&'a str>,
    /// Date used when the text states none.
    pub default_date: DateRange,
    /// Dates the text states are accepted inside this window only.
    pub window: DateRange,
    pub fallback_language: Lang,
}

/// A release that is one event (a press release, a news item): its title,
/// language and year are the event's.
pub(crate) fn single_event_release(
    id: String,
    kind: Kind,
    period: DateRange,
    event: Event,
) -> Release {
    Release {
        id,
        kind,
        number: None,
        year: Some(period.start.year()),
        title: event.title.clone(),
        period,
        language: event.language,
        declared_counts: None,
        source_file: String::new(),
        summary: Vec::new(),
        events: vec![event],
        translations: Vec::new(),
    }
}

/// Turns a draft into an archive event: repairs paragraphs, reads date,
/// place, mentioned countries and language from the text, checks the
/// link, and derives the id. An error when the country is not given and
/// the text names no known place or country.
pub(crate) fn finish_event(
    draft: Draft,
    ctx: &EventContext,
    notes: &mut Notes,
) -> Result<Event, DocError> {
    let body: Vec<String> = paragraphs::repair(draft.paragraphs)
        .into_iter()
        .map(|p| p.text)
        .collect();
    let mut title = text::collapse_spaces(&draft.title);
    // Every event has a title with a word in it: a title line that was only
    // markup or punctuation gives way to one made from the text. (The news
    // and press parsers do this themselves first, since their release ids
    // are made from the title; this holds it for every parser.)
    if !title.chars().any(char::is_alphanumeric) {
        let derived = body
            .iter()
            .map(|p| crate::news::derive_title(p))
            .find(|t| t.chars().any(char::is_alphanumeric))
            .ok_or_else(|| {
                DocError::at(
                    draft.title_line,
                    "the event has no title and no words to make one from",
                )
            })?;
        notes.add(
            draft.title_line,
            What::DerivedTitle {
                title: derived.clone(),
            },
        );
        title = derived;
    }
    let mut texts: Vec<&str> = Vec::with_capacity(body.len() + 1);
    texts.push(&title);
    texts.extend(body.iter().map(String::as_str));

    // Each text cut into words once, for its names, places and facts.
    let tokens: Vec<Vec<(usize, &str)>> = texts.iter().map(|t| text::words_vec(t)).collect();
    let mentions: Vec<&'static str> = tokens
        .iter()
        .flat_map(|t| names::mentions_in(t.iter().copied()))
        .map(|(_, c)| c)
        .collect();
    let places_found: Vec<Vec<gazetteer::Found>> =
        tokens.iter().map(|t| gazetteer::find_all_in(t)).collect();
    let place_hint = gazetteer::first_place_in(&places_found, ctx.country);
    let country: String = match ctx.country {
        Some(c) => c.to_string(),
        None => match place_hint {
            Some(p) => p.country.to_string(),
            None => match most_mentioned(&mentions) {
                Some(c) => {
                    notes.add(draft.line, What::CountryFromMentions { country: c.to_string() });
                    c.to_string()
                }
                None => {
                    return Err(DocError::at(
                        draft.line,
                        "cannot tell where the event happened: the text names no known place or country",
                    ))
                }
            },
        },
    };
    let place = place_hint
        .filter(|p| p.country == country)
        .map(|p| p.name.to_string());
    let mentioned_countries: Vec<String> = mentions
        .iter()
        .filter(|&&c| c != country)
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(String::from)
        .collect();

    // Only dates an archive may hold: an older or later one is a misreading.
    let days = caricc_core::model::archive_days();
    let window = DateRange {
        start: ctx.window.start.max(days.start),
        end: ctx.window.end.min(days.end),
    };
    let stated = if window.is_ordered() {
        dates::first_in_window(&texts, ctx.window.end, window)
    } else {
        None
    };
    let date = stated.unwrap_or(ctx.default_date);

    let mut letters = text::Letters::default();
    for t in &texts {
        letters += text::Letters::of(t);
    }
    let language = letters.language().unwrap_or(ctx.fallback_language);

    let source_url = match &draft.link {
        None => {
            notes.add(
                draft.title_line,
                What::EventWithoutSource {
                    title: title.clone(),
                },
            );
            None
        }
        Some((line, raw)) => match links::clean_url(raw) {
            Ok(clean) => {
                if links::has_mixed_script_word(&clean.url) {
                    notes.add(
                        *line,
                        What::MixedScriptLink {
                            url: clean.url.clone(),
                        },
                    );
                }
                if let Some(from) = clean.repaired_from {
                    notes.add(
                        *line,
                        What::RepairedLink {
                            from,
                            to: clean.url.clone(),
                        },
                    );
                }
                Some(clean.url)
            }
            Err(reason) => {
                notes.add(
                    *line,
                    What::InvalidLink {
                        text: raw.clone(),
                        reason,
                    },
                );
                notes.add(
                    draft.title_line,
                    What::EventWithoutSource {
                        title: title.clone(),
                    },
                );
                None
            }
        },
    };
    if body.is_empty() {
        notes.add(
            draft.title_line,
            What::EventWithoutBody {
                title: title.clone(),
            },
        );
    }
    let id = event_id(ctx.release_id, &title, source_url.as_deref());
    let facts = facts::extract_with(&title, &body, &tokens, &places_found);
    for s in &facts.seized {
        if let Some(reason) = &s.doubtful {
            notes.add(
                draft.title_line,
                What::DoubtfulQuantity {
                    kg: s.kg,
                    reason: reason.clone(),
                    quote: s.quote.clone(),
                },
            );
        }
    }
    let facts = Some(facts);
    Ok(Event {
        id,
        country,
        date,
        title,
        body,
        language,
        source_url,
        place,
        mentioned_countries,
        counterpart: None,
        facts,
    })
}

fn most_mentioned(mentions: &[&'static str]) -> Option<&'static str> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, c) in mentions.iter().enumerate() {
        let entry = counts.entry(c).or_insert((0, usize::MAX - i));
        entry.0 += 1;
    }
    // Most mentions; ties go to the first mentioned.
    counts.into_iter().max_by_key(|&(_, v)| v).map(|(c, _)| c)
}

/// `days` days before `date` (saturating at the calendar's start).
pub(crate) fn days_before(date: Date, days: i32) -> Date {
    Date::from_day_number(date.day_number() - days).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_id_is_the_first_eight_bytes_in_hex() {
        let mut h = Sha256::new();
        h.update(b"a\0b\0");
        let want: String = h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest_id(&["a", "b"]), want);
        assert_eq!(digest_id(&["a", "b"]).len(), 16);
    }

    #[test]
    fn most_mentioned_breaks_ties_by_first_mention() {
        assert_eq!(most_mentioned(&["RU", "KZ", "KZ", "RU"]), Some("RU"));
        assert_eq!(most_mentioned(&["RU", "KZ", "KZ"]), Some("KZ"));
        assert_eq!(most_mentioned(&[]), None);
    }
}
