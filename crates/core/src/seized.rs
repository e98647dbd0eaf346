//! Kilograms seized: what the chart and table sum when `measure=kg`.
//!
//! Each event's `facts.seized` lists the quantities its text reports, in
//! kilograms. What reaches a sum is decided here, once, for the published
//! catalogue and the portable build alike ([`event_grams`]):
//! - a quantity marked `doubtful` (above [`crate::model::Seized::PLAUSIBLE_KG`],
//!   or numbers the PDF extraction glued together) is left out;
//! - a quantity that is part of an earlier one (`part_of`: "6 tons of drugs,
//!   including 2 kg of synthetics") counts under its own substance, and the
//!   whole it belongs to only with what is left of it (6 tons less 2 kg
//!   "unspecified"), so the substances of one event add up to what it
//!   reports in all, never twice;
//! - a substance id the app does not know counts as `unspecified`.
//!
//! Amounts are held as whole grams (`u32`: a plausible quantity, at most
//! 100 tonnes, is 10^8 grams), never as floats past this point, and summed
//! per row of the index ([`crate::index::Seizure`]).
//!
//! The figures are quantities as reported in the media: one seizure may be
//! reported more than once (by two releases, or in two languages), and the
//! app says so beside every figure.

use crate::aggregate::{aggregate_weighted, Aggregate, Measure, Period, SeriesOf};
use crate::index::{ArchiveIndex, RowFacts, RowPos, Seizure, SUBSTANCES};
use crate::model::{Facts, Lang};

/// The substances' names in English, in [`SUBSTANCES`] order (the
/// thesaurus's labels).
pub const SUBSTANCE_NAMES_EN: [&str; 13] = [
    "Heroin",
    "Opium",
    "Hashish",
    "Cannabis",
    "Cocaine",
    "Methamphetamine",
    "Mephedrone",
    "Amphetamine",
    "Synthetic drugs",
    "New psychoactive substances",
    "Precursors",
    "Medicines",
    "Drugs (not named)",
];

/// The same in Russian.
pub const SUBSTANCE_NAMES_RU: [&str; 13] = [
    "Героин",
    "Опий",
    "Гашиш",
    "Каннабис",
    "Кокаин",
    "Метамфетамин",
    "Мефедрон",
    "Амфетамин",
    "Синтетические наркотики",
    "Новые психоактивные вещества",
    "Прекурсоры",
    "Лекарственные препараты",
    "Наркотики (без уточнения)",
];

/// The name of substance `id` in `lang`; the id itself when it is not one
/// of [`SUBSTANCES`].
pub fn substance_name(id: &str, lang: Lang) -> &str {
    let names = match lang {
        Lang::En => &SUBSTANCE_NAMES_EN,
        Lang::Ru => &SUBSTANCE_NAMES_RU,
    };
    SUBSTANCES
        .iter()
        .position(|s| *s == id)
        .map_or(id, |i| names[i])
}

/// Each substance's slot in [`crate::country::PALETTE`], in [`SUBSTANCES`]
/// order: the commonest drugs apart (heroin vermilion, hashish green,
/// synthetics blue, cocaine sky blue), drugs not named grey.
const SUBSTANCE_SLOTS: [u8; 13] = [5, 16, 2, 18, 4, 3, 7, 15, 0, 13, 11, 9, 17];

/// The colour of substance `id`'s series, for a dark background when
/// `dark`: a fixed one per substance from [`crate::country::PALETTE`]
/// (whose colours read in both themes), so a substance keeps its colour in
/// every chart; an unknown id is drawn as `unspecified`.
pub fn substance_colour(id: &str, dark: bool) -> &'static str {
    let i = SUBSTANCES.iter().position(|s| *s == id).unwrap_or(12);
    crate::country::PALETTE[usize::from(SUBSTANCE_SLOTS[i])].on(dark)
}

/// The slot of `unspecified` in [`SUBSTANCES`], where unknown ids count.
fn unspecified() -> u8 {
    (SUBSTANCES.len() - 1) as u8
}

/// What one event's facts add to the sums: `(substance slot in
/// [`SUBSTANCES`], grams)`, one per substance with a non-zero amount, in
/// slot order; doubtful amounts left out, parts taken out of their whole
/// (see the module's notes).
pub fn event_grams(facts: &Facts) -> Vec<(u8, u32)> {
    let seized = &facts.seized;
    // Whole grams of each quantity, 0 when doubtful (or not a finite
    // positive number: the decoder allows none, a hand-made archive might).
    let grams: Vec<u64> = seized
        .iter()
        .map(|s| {
            let g = (s.kg * 1000.0).round();
            if s.doubtful.is_some() || g.is_nan() || g <= 0.0 {
                0
            } else {
                g.min(u32::MAX as f64) as u64
            }
        })
        .collect();
    let mut own = grams.clone();
    for (i, s) in seized.iter().enumerate() {
        if let Some(whole) = s.part_of.filter(|&j| j != i && j < seized.len()) {
            own[whole] = own[whole].saturating_sub(grams[i]);
        }
    }
    let mut per = [0u64; 16];
    for (s, g) in seized.iter().zip(own) {
        let slot = SUBSTANCES
            .iter()
            .position(|id| *id == s.substance)
            .map_or(unspecified(), |i| i as u8);
        per[slot as usize] = per[slot as usize].saturating_add(g);
    }
    per.iter()
        .enumerate()
        .filter(|&(_, &g)| g > 0)
        .map(|(slot, &g)| (slot as u8, u32::try_from(g).unwrap_or(u32::MAX)))
        .collect()
}

/// The aggregate the chart and table draw for the selected `rows` of `ix`:
/// `measure` per `of` per `period`.
/// - events per country: each row once, under its country;
/// - events per substance: each row under every substance its facts name;
/// - kilograms per country or per substance: the rows' [`Seizure`]s.
pub fn selection_aggregate(
    ix: &ArchiveIndex,
    rows: &[RowPos],
    period: Period,
    measure: Measure,
    of: SeriesOf,
) -> Aggregate {
    selection_aggregate_with(ix, &ix.seized, &ix.facts, rows, period, measure, of)
}

/// [`selection_aggregate`] with the index's seizures and the rows' facts
/// given apart: a published site fetches them (the catalogue's seized and
/// facts pieces) only when a view counts kilograms, or events per
/// substance.
pub fn selection_aggregate_with(
    ix: &ArchiveIndex,
    seized: &[Seizure],
    facts: &[RowFacts],
    rows: &[RowPos],
    period: Period,
    measure: Measure,
    of: SeriesOf,
) -> Aggregate {
    let countries: Vec<&str> = ix.countries.iter().map(String::as_str).collect();
    let names: &[&str] = match of {
        SeriesOf::Country => &countries,
        SeriesOf::Substance => SUBSTANCES,
    };
    let row = |p: RowPos| ix.rows.get(p.index());
    let items: Vec<(usize, i32, u64)> = match measure {
        Measure::Events => {
            let mut items = Vec::with_capacity(rows.len());
            for (p, r) in rows.iter().filter_map(|&p| Some((p, row(p)?))) {
                let mut bits = facts.get(p.index()).map_or(0, |f| f.substances);
                match of {
                    SeriesOf::Country => items.push((usize::from(r.country), r.start, 1)),
                    SeriesOf::Substance => {
                        while bits != 0 {
                            items.push((bits.trailing_zeros() as usize, r.start, 1));
                            bits &= bits - 1;
                        }
                    }
                }
            }
            items
        }
        Measure::Kg => {
            let mut selected = vec![false; ix.rows.len()];
            for p in rows {
                if let Some(s) = selected.get_mut(p.index()) {
                    *s = true;
                }
            }
            seized
                .iter()
                .filter(|s| selected.get(s.row as usize) == Some(&true))
                .map(|s| {
                    let r = &ix.rows[s.row as usize];
                    let series = match of {
                        SeriesOf::Country => usize::from(r.country),
                        SeriesOf::Substance => usize::from(s.substance),
                    };
                    (series, r.start, u64::from(s.grams))
                })
                .collect()
        }
    };
    aggregate_weighted(names, items, period, measure, of)
}

/// The seizures of every row from the events' facts, given in row order:
/// what [`ArchiveIndex::seized`] holds.
pub fn seizures<'a>(facts: impl IntoIterator<Item = Option<&'a Facts>>) -> Vec<Seizure> {
    let mut out = Vec::new();
    for (row, facts) in facts.into_iter().enumerate() {
        for (substance, grams) in facts.map(event_grams).unwrap_or_default() {
            out.push(Seizure {
                row: row as u32,
                substance,
                grams,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Seized;

    fn seized(substance: &str, kg: f64, doubtful: bool, part_of: Option<usize>) -> Seized {
        Seized {
            substance: substance.into(),
            kg,
            quote: String::new(),
            doubtful: doubtful.then(|| "implausible".into()),
            part_of,
        }
    }

    fn facts(seized: Vec<Seized>) -> Facts {
        Facts {
            seized,
            ..Facts::default()
        }
    }

    fn slot(id: &str) -> u8 {
        SUBSTANCES.iter().position(|s| *s == id).unwrap() as u8
    }

    #[test]
    fn doubtful_amounts_never_reach_a_sum() {
        let f = facts(vec![
            seized("heroin", 2.5, false, None),
            seized("heroin", 250_000.0, true, None),
            seized("hashish", 0.0004, false, None),
        ]);
        assert_eq!(event_grams(&f), [(slot("heroin"), 2500)]);
    }

    #[test]
    fn parts_count_under_their_substance_and_leave_the_rest_to_the_whole() {
        // "6 tons of drugs, including 2 kg of synthetics".
        let f = facts(vec![
            seized("unspecified", 6000.0, false, None),
            seized("synthetic", 2.0, false, Some(0)),
        ]);
        assert_eq!(
            event_grams(&f),
            [(slot("synthetic"), 2000), (slot("unspecified"), 5_998_000)]
        );
        // A doubtful whole is left out; its parts still count.
        let f = facts(vec![
            seized("unspecified", 600_000.0, true, None),
            seized("synthetic", 2.0, false, Some(0)),
        ]);
        assert_eq!(event_grams(&f), [(slot("synthetic"), 2000)]);
        // A part pointing nowhere, or at itself, is a quantity of its own.
        let f = facts(vec![
            seized("cocaine", 1.0, false, Some(0)),
            seized("glue", 3.0, false, Some(9)),
        ]);
        assert_eq!(
            event_grams(&f),
            [(slot("cocaine"), 1000), (slot("unspecified"), 3000)]
        );
    }

    #[test]
    fn each_substance_has_a_colour_of_its_own() {
        let mut colours: Vec<&str> = SUBSTANCES
            .iter()
            .map(|s| substance_colour(s, false))
            .collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), SUBSTANCES.len());
        assert_eq!(
            substance_colour("glue", true),
            substance_colour("unspecified", true)
        );
    }

    #[test]
    fn substances_have_names_in_both_languages() {
        assert_eq!(SUBSTANCE_NAMES_EN.len(), SUBSTANCES.len());
        assert_eq!(substance_name("heroin", Lang::Ru), "Героин");
        assert_eq!(substance_name("unspecified", Lang::En), "Drugs (not named)");
        assert_eq!(substance_name("glue", Lang::En), "glue");
    }
}
