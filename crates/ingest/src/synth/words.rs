//! The words of synthetic events: a word-bigram Markov chain learned from
//! the real texts, rare names spelt from syllables in both scripts, and the
//! writer that puts titles, bodies and links together.

use super::*;

/// A word-bigram Markov chain: words, the words seen after each, and the
/// words that start sentences.
#[derive(Debug, Clone, Default)]
pub(super) struct Chain {
    pub(super) words: Vec<String>,
    pub(super) next: Vec<Vec<u32>>,
    pub(super) starts: Vec<u32>,
}

impl Chain {
    pub(super) fn learn(paragraphs: &[&str]) -> Chain {
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

    pub(super) fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

pub(super) fn ends_sentence(token: &str) -> bool {
    token.ends_with(['.', '!', '?']) && token.chars().filter(|c| c.is_alphabetic()).count() > 2
}

pub(super) fn starts_sentence(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Syllables of the rare-word tail, Latin and Cyrillic in parallel, so a
/// rank spells the same name in both scripts.
pub(super) const SYLLABLES: &[(&str, &str)] = &[
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
pub(super) const PLACE_ENDINGS: &[(&str, &str)] = &[
    ("abad", "абад"),
    ("kent", "кент"),
    ("sk", "ск"),
    ("ovka", "овка"),
    ("tobe", "тобе"),
    ("kul", "куль"),
];
pub(super) const SURNAME_ENDINGS: &[(&str, &str)] = &[
    ("ov", "ов"),
    ("ev", "ев"),
    ("bekov", "беков"),
    ("uly", "улы"),
    ("zoda", "зода"),
    ("ova", "ова"),
];

/// The rare word of `rank` in `lang`'s script: a place name, a surname or an
/// operation name, by rank.
pub(super) fn rare_word(rank: u64, lang: Lang) -> String {
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

pub(super) struct Writer<'a> {
    pub(super) model: &'a Model,
    pub(super) dice: Dice,
}

impl Writer<'_> {
    /// One sentence from the chain, with capitalised words (names) often
    /// swapped for rare words of the tail.
    pub(super) fn sentence(&mut self, lang: Lang, out: &mut String) {
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

    pub(super) fn paragraph(&mut self, lang: Lang) -> String {
        let mut p = String::with_capacity(400);
        for _ in 0..self.dice.range(1, 4) {
            self.sentence(lang, &mut p);
        }
        p
    }

    pub(super) fn body(&mut self, lang: Lang) -> Vec<String> {
        let n = self.dice.range(3, 8);
        (0..n).map(|_| self.paragraph(lang)).collect()
    }

    /// A title: the start of a chain sentence, 5 to 12 words.
    pub(super) fn title(&mut self, lang: Lang, place: Option<&str>, upper: bool) -> String {
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

    pub(super) fn link(&mut self, country: &str, title: &str, serial: u64) -> String {
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
