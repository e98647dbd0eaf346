//! Times aggregation and SVG rendering on synthetic selections of 10,000 and
//! 100,000 events: countries skewed towards KZ and RU as in the archive,
//! days from 2012 to mid-2026, every period and chart kind.
//!
//! `cargo run --release -p caricc-ingest --bin bench_chart [-- --svg-dir DIR]`
//! (`--svg-dir` also writes sample charts, light and dark, for inspection).

use std::time::{Duration, Instant};

use caricc_core::aggregate::{aggregate, Aggregate, Period};
use caricc_core::chart::{render, ChartKind, ChartOptions};
use caricc_core::{Date, Lang};

/// Relative frequencies of the countries in the synthetic selection.
const WEIGHTS: &[(&str, u32)] = &[
    ("KZ", 340),
    ("RU", 260),
    ("KG", 90),
    ("TJ", 80),
    ("UZ", 80),
    ("TM", 25),
    ("AZ", 30),
    ("AF", 25),
    ("IR", 20),
    ("CN", 12),
    ("BY", 10),
    ("AM", 6),
    ("GE", 6),
    ("TR", 5),
    ("PK", 4),
    ("UA", 3),
    ("DE", 2),
    ("PL", 1),
    ("LT", 1),
];

/// splitmix64: a reproducible stream without a dependency in the wasm crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn events(n: usize, seed: u64) -> Vec<(&'static str, Date)> {
    let mut rng = Rng(seed);
    let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
    let first = Date::from_ymd(2012, 1, 1).unwrap().day_number();
    let span = Date::from_ymd(2026, 6, 30).unwrap().day_number() - first;
    (0..n)
        .map(|_| {
            let mut pick = rng.below(u64::from(total)) as u32;
            let code = WEIGHTS
                .iter()
                .find(|(_, w)| {
                    let hit = pick < *w;
                    pick = pick.saturating_sub(*w);
                    hit
                })
                .map_or("KZ", |(c, _)| c);
            // More releases in later years: skew towards the end of the span.
            let day = first + (rng.unit().sqrt() * f64::from(span)) as i32;
            (code, Date::from_day_number(day).unwrap())
        })
        .collect()
}

/// The fastest of `runs` timings of `f` (the least disturbed by the machine).
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn ms(d: Duration) -> String {
    format!("{:7.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let svg_dir = args
        .iter()
        .position(|a| a == "--svg-dir")
        .and_then(|i| args.get(i + 1))
        .cloned();

    println!("aggregate + render (best of 5, 800x400 SVG), native release build");
    println!(
        "{:>8} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "events",
        "period",
        "buckets",
        "aggregate",
        "stacked",
        "grouped",
        "lines",
        "worst sum",
        "svg KiB"
    );
    for n in [10_000, 100_000] {
        let input = events(n, 42);
        for period in Period::ALL {
            let (t_agg, agg): (Duration, Aggregate) =
                best(5, || aggregate(input.iter().copied(), period));
            let mut times = Vec::new();
            let mut svg_len = 0;
            for kind in ChartKind::ALL {
                let opts = ChartOptions {
                    kind,
                    title: "CARICC: events per country",
                    ..ChartOptions::default()
                };
                let (t, chart) = best(5, || render(&agg, &opts));
                svg_len = svg_len.max(chart.svg.len());
                times.push(t);
            }
            let worst = t_agg + *times.iter().max().unwrap();
            println!(
                "{n:>8} {:>8} {:>8} {} {} {} {} {} {:>9}",
                period.as_str(),
                agg.buckets.len(),
                ms(t_agg),
                ms(times[0]),
                ms(times[1]),
                ms(times[2]),
                ms(worst),
                svg_len / 1024
            );
        }
    }

    if let Some(dir) = svg_dir {
        let input = events(10_000, 7);
        let _ = std::fs::create_dir_all(&dir);
        let few: Vec<_> = input
            .iter()
            .copied()
            .filter(|(_, d)| d.year() == 2025)
            .collect();
        for (name, agg) in [
            (
                "release",
                aggregate(input.iter().copied(), Period::HalfMonth),
            ),
            ("month2025", aggregate(few.iter().copied(), Period::Month)),
            ("quarter", aggregate(input.iter().copied(), Period::Quarter)),
            ("year", aggregate(input.iter().copied(), Period::Year)),
            ("empty", aggregate(std::iter::empty(), Period::Month)),
        ] {
            for kind in ChartKind::ALL {
                for (theme, fg, bg, lang, width, height) in [
                    ("light", "#222", "#fff", Lang::En, 900, 420),
                    ("dark", "#ddd", "#121212", Lang::Ru, 900, 420),
                    ("phone", "#222", "#fff", Lang::Ru, 340, 360),
                ] {
                    let opts = ChartOptions {
                        kind,
                        width,
                        height,
                        lang,
                        foreground: fg,
                        background: Some(bg),
                        title:
                            "CARICC: events per country, all releases 2012 to 2026 (a long title)",
                        palette: None,
                        dark: theme == "dark",
                    };
                    let path = format!("{dir}/{name}-{}-{theme}.svg", kind.as_str());
                    if let Err(e) = std::fs::write(&path, render(&agg, &opts).svg) {
                        eprintln!("cannot write {path}: {e}");
                    }
                }
            }
        }
        println!("sample charts written to {dir}");
    }
}
