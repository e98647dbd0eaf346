//! The documents and queries of the search benchmarks: synthetic documents
//! or an archive's events, and query classes drawn from their words. Shared
//! by `bench_search` and the split-index benchmark (`examples/bench_shards.rs`).

use std::collections::HashMap;

use caricc_core::Lang;

/// splitmix64: reproducible, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Words ranked by frequency, drawn with probability ~ 1/rank.
struct Zipf {
    words: Vec<String>,
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(words: Vec<String>) -> Zipf {
        let mut cdf = Vec::with_capacity(words.len());
        let mut total = 0.0;
        for r in 0..words.len() {
            total += 1.0 / (r as f64 + 2.7);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Zipf { words, cdf }
    }
    fn draw(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self
            .cdf
            .partition_point(|&c| c < u)
            .min(self.words.len() - 1);
        &self.words[i]
    }
}

fn corpus_vocabulary() -> (Vec<String>, Vec<String>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut counts: HashMap<String, usize> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                for w in text
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() > 1)
                {
                    *counts.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (ru, en): (Vec<_>, Vec<_>) = ranked
        .into_iter()
        .map(|(w, _)| w)
        .partition(|w| w.chars().any(|c| ('а'..='я').contains(&c)));
    (en, ru)
}

fn made_up_word(rng: &mut Rng, cyrillic: bool) -> String {
    const LAT_C: &[&str] = &[
        "b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh", "zh", "g", "p",
    ];
    const LAT_V: &[&str] = &["a", "e", "i", "o", "u", "y"];
    const CYR_C: &[&str] = &[
        "б", "д", "к", "л", "м", "н", "р", "с", "т", "в", "з", "ш", "х", "ж", "г", "п",
    ];
    const CYR_V: &[&str] = &["а", "е", "и", "о", "у", "ы"];
    let (c, v) = if cyrillic {
        (CYR_C, CYR_V)
    } else {
        (LAT_C, LAT_V)
    };
    let syllables = 2 + rng.below(3);
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(c[rng.below(c.len())]);
        w.push_str(v[rng.below(v.len())]);
    }
    if rng.below(2) == 0 {
        w.push_str(c[rng.below(c.len())]);
    }
    w
}

pub struct Doc {
    pub title: String,
    pub body: Vec<String>,
}

pub fn synthetic(n: usize, seed: u64) -> Vec<Doc> {
    let mut rng = Rng(seed);
    let (en, ru) = corpus_vocabulary();
    // The tail: as many made-up words as there are documents, per language.
    let tail = |rng: &mut Rng, cyr| {
        (0..n.max(1000))
            .map(|_| made_up_word(rng, cyr))
            .collect::<Vec<_>>()
    };
    let en = Zipf::new(en.into_iter().chain(tail(&mut rng, false)).collect());
    let ru = Zipf::new(ru.into_iter().chain(tail(&mut rng, true)).collect());
    (0..n)
        .map(|_| {
            let lang = if rng.below(10) < 6 {
                Lang::En
            } else {
                Lang::Ru
            };
            let z = if lang == Lang::En { &en } else { &ru };
            let sentence = |rng: &mut Rng, words: usize| {
                let mut s = String::new();
                for i in 0..words {
                    if i > 0 {
                        s.push(' ');
                    }
                    let w = z.draw(rng);
                    if i == 0 {
                        let mut cs = w.chars();
                        if let Some(f) = cs.next() {
                            s.extend(f.to_uppercase());
                            s.push_str(cs.as_str());
                        }
                    } else {
                        s.push_str(w);
                    }
                    if rng.below(12) == 0 {
                        s.push(',');
                    }
                }
                s.push('.');
                s
            };
            let title_words = 6 + rng.below(8);
            let title = sentence(&mut rng, title_words).to_uppercase();
            let words = 300 + rng.below(301);
            let paragraphs = 3 + rng.below(4);
            let body = (0..paragraphs)
                .map(|_| sentence(&mut rng, words / paragraphs))
                .collect();
            Doc { title, body }
        })
        .collect()
}

pub fn from_archive(path: &str) -> Vec<Doc> {
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let (archive, _) = caricc_core::model::decode(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
    archive
        .releases
        .into_iter()
        .flat_map(|r| r.events)
        .map(|e| Doc {
            title: e.title,
            body: e.body,
        })
        .collect()
}

/// This process's CPU time in seconds (Linux; 10 ms resolution), which,
/// unlike wall time, does not count time lost to other processes on a
/// busy machine.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Query classes, filled from the documents' own words so that every class
/// means the same on any corpus.
pub fn query_classes(docs: &[Doc], rng: &mut Rng) -> Vec<(&'static str, Vec<String>)> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for d in docs.iter().take(5000) {
        let mut seen: Vec<String> = d
            .body
            .iter()
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect();
        seen.sort();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut by_df: Vec<(String, usize)> = df.into_iter().collect();
    by_df.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let cyr = |w: &str| w.chars().any(|c| ('а'..='я').contains(&c));
    let pick = |lang_ru: bool, from: f64, to: f64, n: usize, rng: &mut Rng| -> Vec<String> {
        let pool: Vec<&String> = by_df
            .iter()
            .map(|(w, _)| w)
            .filter(|w| cyr(w) == lang_ru)
            .collect();
        let (a, b) = (
            (pool.len() as f64 * from) as usize,
            ((pool.len() as f64 * to) as usize).max(1),
        );
        let slice = &pool[a.min(pool.len() - 1)..b.min(pool.len())];
        (0..n)
            .map(|_| slice[rng.below(slice.len())].clone())
            .collect()
    };
    let n = 40;
    let common_en = pick(false, 0.0, 0.01, n, rng);
    let common_ru = pick(true, 0.0, 0.01, n, rng);
    let rare_en = pick(false, 0.5, 1.0, n, rng);
    let rare_ru = pick(true, 0.5, 1.0, n, rng);
    let mid_en = pick(false, 0.01, 0.1, n, rng);
    let mid_ru = pick(true, 0.01, 0.1, n, rng);
    let and_en: Vec<String> = common_en
        .iter()
        .zip(&mid_en)
        .map(|(a, b)| format!("{a} {b}"))
        .collect();
    let and_ru: Vec<String> = common_ru
        .iter()
        .zip(&mid_ru)
        .map(|(a, b)| format!("{a} {b}"))
        .collect();
    let prefix = |words: &[String], len: usize| -> Vec<String> {
        words
            .iter()
            .map(|w| w.chars().take(len).collect())
            .collect()
    };
    let typo: Vec<String> = mid_en
        .iter()
        .chain(&mid_ru)
        .filter(|w| w.chars().count() >= 6)
        .map(|w| {
            let mut c: Vec<char> = w.chars().collect();
            c.swap(2, 3);
            c.into_iter().collect::<String>() + " "
        })
        .collect();
    let phrase: Vec<String> = docs
        .iter()
        .take(n)
        .filter_map(|d| {
            let words: Vec<&str> = d.body[0].split_whitespace().skip(5).take(2).collect();
            (words.len() == 2).then(|| format!("\"{} {}\"", words[0], words[1]))
        })
        .collect();
    vec![
        ("common word en", common_en),
        ("common word ru", common_ru),
        ("rare word en", rare_en),
        ("rare word ru", rare_ru),
        ("two words en", and_en),
        ("two words ru", and_ru),
        ("prefix 3 en", prefix(&mid_en, 3)),
        ("prefix 4 ru", prefix(&mid_ru, 4)),
        ("typo (swap)", typo),
        ("phrase", phrase),
        (
            "translit",
            vec![
                "karasora".into(),
                "qarasora".into(),
                "карасора".into(),
                "kostanay".into(),
                "алматы".into(),
            ],
        ),
    ]
}
