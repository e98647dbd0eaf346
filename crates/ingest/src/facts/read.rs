//! Reading one sentence: the weights it says were seized (amount, unit,
//! the words of seizure and destruction, parts after "including"), the
//! substance of each, and its counts.

use super::number::*;
use super::*;

/// True when `toks` say that what follows is part of what came before
/// ("including", "of which", «в том числе», «из них», «включая»).
pub(super) fn includes(toks: &[Tok<'_>]) -> bool {
    let words: Vec<&str> = toks.iter().filter_map(Tok::word).collect();
    words.iter().enumerate().any(|(k, w)| {
        let next = words.get(k + 1).copied();
        matches!(*w, "including" | "incl" | "включая")
            || (*w == "of" && matches!(next, Some("which" | "them" | "these")))
            || (*w == "among" && matches!(next, Some("them" | "which")))
            || (*w == "в" && next == Some("том") && words.get(k + 2) == Some(&"числе"))
            || (*w == "в" && next == Some("т") && words.get(k + 2) == Some(&"ч"))
            || (*w == "из" && matches!(next, Some("них" | "которых" | "этого" | "общего")))
    })
}

/// Words after which a count is of something else ("17 cases of
/// cultivation of plants", «17 фактов культивирования растений»).
pub(super) fn counts_something_else(word: &str) -> bool {
    matches!(word, "of" | "из" | "people" | "человек")
        || [
            "case",
            "fact",
            "crime",
            "offen",
            "group",
            "person",
            "факт",
            "случа",
            "преступлен",
            "правонаруш",
            "групп",
            "лиц",
        ]
        .iter()
        .any(|p| word.starts_with(p))
}

pub(super) fn is_seizure_word(word: &str) -> bool {
    matches!(
        word,
        "found"
            | "discovered"
            | "uncovered"
            | "seized"
            | "confiscated"
            | "intercepted"
            | "withdrawn"
            | "removed"
            | "find"
            | "finds"
    ) || [
        "seiz",
        "confisc",
        "intercept",
        "изъя",
        "изъят",
        "конфиск",
        "обнаруж",
        "выявлен",
        "выявил",
        "изым",
        // Detained with it, taken out of circulation, a smuggling stopped.
        "discover",
        "detect",
        "reveal",
        "detain",
        "arrest",
        "apprehend",
        "thwart",
        "foil",
        "задерж",
        "арестов",
        "выведен",
        "пресеч",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

pub(super) fn is_destruction_word(word: &str) -> bool {
    [
        "destr",
        "eradicat",
        "burn",
        "уничтож",
        "сожж",
        "сожг",
        "ликвидирован",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

/// An amount: a number, maybe multiplied (`7.5 thousand`, `1 million 218
/// thousand`), and the index of the token after it.
pub(super) fn amount(toks: &[Tok<'_>], i: usize, cyrillic: bool) -> Option<(f64, usize)> {
    let Tok::Num(n) = &toks[i] else { return None };
    let mut value = n.value(cyrillic)?;
    let mut j = i + 1;
    let skip_stop = |j: &mut usize| {
        if matches!(toks.get(*j), Some(Tok::Punct { c: '.', .. })) {
            *j += 1;
        }
    };
    // The multiplier word, maybe abbreviated with a stop ("тыс.").
    if let Some(m) = toks.get(j).and_then(Tok::word).and_then(multiplier) {
        value *= m;
        j += 1;
        skip_stop(&mut j);
        // "1 million 218 thousand": a number with a smaller multiplier.
        if let (Some(Tok::Num(n2)), Some(m2)) = (
            toks.get(j),
            toks.get(j + 1).and_then(Tok::word).and_then(multiplier),
        ) {
            if m2 < m {
                value += n2.value(cyrillic)? * m2;
                j += 2;
                skip_stop(&mut j);
            }
        }
    }
    Some((value, j))
}

/// The script of the unit after an amount, looking past the number.
pub(super) fn unit_after(toks: &[Tok<'_>], mut j: usize) -> Option<(f64, bool, usize)> {
    while let Some(t) = toks.get(j) {
        match t {
            Tok::Word { lower, .. } => {
                if multiplier(lower).is_some() {
                    j += 1;
                    continue;
                }
                return unit(lower).map(|(f, c)| (f, c, j));
            }
            Tok::Punct { c: '.', .. } => j += 1,
            // "a 5-kilogram bag".
            Tok::Punct { c: '-', .. } if j > 0 && matches!(toks[j - 1], Tok::Num(_)) => j += 1,
            _ => return None,
        }
    }
    None
}

/// A weight found in a sentence: kilograms and its token span.
pub(super) struct Weight {
    pub(super) kg: f64,
    /// A compound whose smaller part is not smaller ("1 ton 2083 kg").
    pub(super) glued: bool,
    pub(super) first: usize,
    /// The token after the weight.
    pub(super) next: usize,
}

/// The weight that starts at token `i`, if one does.
pub(super) fn weight_at(toks: &[Tok<'_>], i: usize) -> Option<Weight> {
    let Tok::Num(_) = &toks[i] else { return None };
    let (_, cyrillic, _) = unit_after(toks, i + 1)?;
    let (value, mut j) = amount(toks, i, cyrillic)?;
    if matches!(toks.get(j), Some(Tok::Punct { c: '-', .. })) {
        j += 1;
    }
    let (factor, _) = toks.get(j).and_then(Tok::word).and_then(unit)?;
    // "2024 г." is a year.
    if factor == 0.001 && cyrillic && value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) {
        return None;
    }
    let mut kg = value * factor;
    let mut next = j + 1;
    if matches!(toks.get(next), Some(Tok::Punct { c: '.', .. }))
        && matches!(toks.get(next + 1), Some(Tok::Num(_)))
    {
        next += 1;
    }
    // "1 ton 208 kg", «1 т 208 кг», "2 kg and 300 g".
    let mut smaller = factor;
    let mut glued = false;
    loop {
        let mut k = next;
        if toks
            .get(k)
            .and_then(Tok::word)
            .is_some_and(|w| w == "and" || w == "и")
        {
            k += 1;
        }
        if !matches!(toks.get(k), Some(Tok::Num(_))) {
            break;
        }
        let Some((v2, j2)) = amount(toks, k, cyrillic) else {
            break;
        };
        let Some((f2, _)) = toks.get(j2).and_then(Tok::word).and_then(unit) else {
            break;
        };
        if f2 >= smaller {
            break;
        }
        glued |= v2 * f2 >= smaller;
        kg += v2 * f2;
        smaller = f2;
        next = j2 + 1;
    }
    Some(Weight {
        kg,
        glued,
        first: i,
        next,
    })
}

pub(super) fn round(kg: f64) -> f64 {
    // Grams and milligrams to kg without binary noise: 6 decimals.
    (kg * 1e6).round() / 1e6
}

/// Reads the seized weights and the counts of one sentence.
/// `sentence` is one [`split_sentences`] kept (it may state a quantity).
pub(super) fn read_sentence(sentence: &str, seized: &mut Vec<Seized>, counts: &mut Vec<Count>) {
    debug_assert!(may_quantify(sentence));
    let toks = tokens(sentence);
    let seize_at: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].word().is_some_and(is_seizure_word))
        .collect();
    let destroy_at: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].word().is_some_and(is_destruction_word))
        .collect();
    if seize_at.is_empty() && destroy_at.is_empty() {
        return;
    }
    let distance = |at: &[usize], from: usize, to: usize| {
        at.iter()
            .map(|&k| {
                if k < from {
                    from - k
                } else {
                    k.saturating_sub(to)
                }
            })
            .min()
            .unwrap_or(usize::MAX)
    };
    // The drugs the sentence names, read when it has a weight seized.
    let mut drugs: Option<Vec<Found<'static>>> = None;

    // "6 tons of drugs, including 2 kg of synthetics": after a word of
    // inclusion, the weights are parts of the last weight before it.
    let mut outer: Option<usize> = None; // index in `seized`
    let mut within: Option<usize> = None;
    let mut last_end = 0; // token after the last weight seized
    let mut i = 0;
    while i < toks.len() {
        if let Some(w) = weight_at(&toks, i) {
            if within.is_none() && outer.is_some() && includes(&toks[last_end..w.first]) {
                within = outer;
            }
            let is_seized = !seize_at.is_empty()
                && distance(&seize_at, w.first, w.next) <= distance(&destroy_at, w.first, w.next);
            if is_seized && w.kg > 0.0 {
                let start = toks[w.first].start();
                let end = toks[w.next - 1].end();
                let kg = round(w.kg);
                let doubtful = if w.glued {
                    Some("glued".to_string())
                } else if kg > Seized::PLAUSIBLE_KG {
                    Some("implausible".to_string())
                } else {
                    None
                };
                seized.push(Seized {
                    substance: substance_for(
                        sentence,
                        drugs.get_or_insert_with(|| {
                            let words = thesaurus::text_words(sentence);
                            thesaurus::thesaurus().find(&words, EntryKind::Substance)
                        }),
                        start,
                        end,
                    )
                    .to_string(),
                    kg,
                    quote: sentence.to_string(),
                    doubtful,
                    part_of: within,
                });
                if within.is_none() {
                    outer = Some(seized.len() - 1);
                }
                last_end = w.next;
            }
            i = w.next;
            continue;
        }
        if let Tok::Num(n) = &toks[i] {
            let cyrillic = sentence[n.end..]
                .chars()
                .any(caricc_core::text::is_cyrillic);
            if let Some((value, j)) = amount(&toks, i, cyrillic) {
                // Up to four words (adjectives, a drug's name) before the noun.
                let what = toks[j..]
                    .iter()
                    .take(5)
                    .take_while(|t| {
                        matches!(
                            t,
                            Tok::Word { .. }
                                | Tok::Punct {
                                    c: '-' | '«' | '»' | '"',
                                    ..
                                }
                        )
                    })
                    .take_while(|t| !t.word().is_some_and(counts_something_else))
                    .filter_map(|t| t.word().and_then(count_noun))
                    // "1000 штук таблеток": the thing, not the pieces.
                    .reduce(|a, b| if a == "pieces" { b } else { a });
                if let Some(what) = what {
                    counts.push(Count {
                        what: what.to_string(),
                        n: value,
                        quote: sentence.to_string(),
                    });
                }
                i = j.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// The substance a weight at `start..end` of `sentence` is of: the drug
/// named right after it, else right before it, else the nearest.
pub(super) fn substance_for<'t>(
    sentence: &str,
    drugs: &[Found<'t>],
    start: usize,
    end: usize,
) -> &'t str {
    let close = |between: &str, stops: &[char]| {
        !between
            .chars()
            .any(|c| c.is_ascii_digit() || stops.contains(&c))
            && between.split_whitespace().count() <= 4
    };
    // Right after: a drug named within four words, no stop between; a
    // specific one before a generic word ("1,5 кг наркотиков
    // синтетического происхождения" is synthetic).
    let after_stops = [',', '.', ';', ':', '(', ')', '!', '?'];
    let mut after_all = drugs
        .iter()
        .filter(|f| f.start >= end)
        .take_while(|f| close(&sentence[end..f.start], &after_stops));
    let first_after = after_all.next();
    let after = match first_after {
        Some(f) if f.entry.id == "unspecified" => {
            after_all.find(|g| g.entry.id != "unspecified").or(Some(f))
        }
        other => other,
    };
    let before = || {
        drugs.iter().rev().find(|f| f.end <= start).filter(|f| {
            close(
                &sentence[f.end..start],
                &['.', ';', ':', '(', ')', '!', '?'],
            )
        })
    };
    let nearest = || {
        drugs.iter().min_by_key(|f| {
            if f.start >= end {
                f.start - end
            } else {
                start.saturating_sub(f.end)
            }
        })
    };
    after
        .or_else(before)
        .or_else(nearest)
        .map(|f| f.entry.id.as_str())
        .unwrap_or("unspecified")
}
