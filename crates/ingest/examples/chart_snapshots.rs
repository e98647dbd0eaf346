//! Renders a broad, fixed set of charts and writes each one's SVG (and its
//! regions, plot area, bucket count and height) to a directory, so that a
//! refactoring of `chart` can be checked byte for byte: run it before and
//! after, then `diff -r` the two directories.
//!
//! `cargo run -p caricc-ingest --example chart_snapshots -- DIR`
//!
//! The charts: the bundled `data/archive.json`, synthetic archives of two
//! sizes, and hand-made aggregates (empty, one event, many countries, long
//! and hostile country codes), each in every period, kind and language, in
//! light, dark and download themes, at several sizes (the clamped ones
//! included), with no title, a short one, a long one and a hostile one.

use std::fmt::Write as _;

use caricc_core::aggregate::{aggregate, Aggregate, Period};
use caricc_core::chart::{render, ChartKind, ChartOptions};
use caricc_core::country::Palette;
use caricc_core::{model, Archive, Date, Lang};
use caricc_ingest::synth::{self, Model, Params};

/// The chart's language option for Russian or English.
fn chart_lang(ru: bool) -> Lang {
    if ru {
        Lang::Ru
    } else {
        Lang::En
    }
}

/// A theme's name, foreground, background, palette and darkness.
struct Theme<'a>(
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'a Palette>,
    bool,
);

fn events_of(archive: &Archive) -> Vec<(String, Date)> {
    archive
        .releases
        .iter()
        .flat_map(|r| r.events.iter())
        .map(|e| (e.country.clone(), e.date.start))
        .collect()
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: chart_snapshots OUT_DIR");
    std::fs::create_dir_all(&dir).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/archive.json");
    let json = std::fs::read_to_string(root).unwrap();
    let (archive, _) = model::decode(&json).unwrap();
    let model = Model::from_archive(&archive);
    let synth_big = synth::generate(
        &model,
        &Params {
            events: 10_000,
            seed: 7,
            ..Params::default()
        },
    );
    let synth_small = synth::generate(
        &model,
        &Params {
            events: 150,
            seed: 3,
            first_year: 2024,
            last_year: 2025,
            last_month: 3,
            ..Params::default()
        },
    );

    let mut sources: Vec<(&str, Vec<(String, Date)>)> = vec![
        ("archive", events_of(&archive)),
        ("synth10k", events_of(&synth_big)),
        ("synth150", events_of(&synth_small)),
        ("empty", Vec::new()),
        ("one", vec![("KZ".to_string(), d("2025-06-03"))]),
    ];
    // Many countries: more than the palette's 24 and than a legend's rows.
    let codes = [
        "KZ", "RU", "KG", "TJ", "UZ", "TM", "AZ", "AF", "IR", "CN", "BY", "AM", "GE", "TR", "PK",
        "IN", "UA", "MD", "LV", "LT", "EE", "DE", "FR", "US", "GB", "IT", "ES", "PL", "MN", "KR",
    ];
    sources.push((
        "many",
        (0..900)
            .map(|i| {
                let code = codes[(i * i + 3 * i) % codes.len()].to_string();
                (
                    code,
                    Date::from_day_number(d("2023-01-01").day_number() + (i as i32 * 7) % 900)
                        .unwrap(),
                )
            })
            .collect(),
    ));
    // Long and hostile codes, as a partner archive might carry them.
    let hostile = [
        "<script>alert(1)</script>",
        "\u{202E}ZK\u{202C}",
        "A&B \"quoted\" 'apos'",
        "Ctl\u{1}\u{7}\u{FFFE}",
        "A very long country name that no legend row can hold in one piece at all",
        "Кыргызская Республика очень длинное название",
        "中华人民共和国",
        "KZ",
    ];
    sources.push((
        "hostile",
        (0..120)
            .map(|i| {
                (
                    hostile[i % hostile.len()].to_string(),
                    Date::from_day_number(d("2024-11-20").day_number() + (i as i32 * 5) % 200)
                        .unwrap(),
                )
            })
            .collect(),
    ));

    let titles = [
        "",
        "CARICC: events",
        "CARICC: events per country, all releases from 2012 to 2026, both languages, every kind (a long title that wraps)",
        "<script>alert(\"x\")</script> & \u{202E}evil\u{202C} ]]> <!--",
        "ОченьДлинноеСловоБезПробеловКотороеНеПомещаетсяВСтрокуНиВКакуюИПереносится",
    ];
    // (name, width, height)
    let sizes = [
        ("desk", 800, 400),
        ("phone", 340, 360),
        ("min", 240, 160),
        ("tiny", 10, 10),
        ("wide", 1900, 600),
        ("tall", 500, 1200),
    ];

    let mut n = 0usize;
    for (source, events) in &sources {
        let palette = Palette::for_codes(events.iter().map(|(c, _)| c.as_str()));
        for period in Period::ALL {
            let agg: Aggregate = aggregate(events.iter().map(|(c, d)| (c.as_str(), *d)), period);
            for kind in ChartKind::ALL {
                for ru in [false, true] {
                    let themes = [
                        Theme("light", "currentColor", None, Some(&palette), false),
                        Theme("dark", "#ddd", Some("#121212"), Some(&palette), true),
                        Theme("download", "#1f2328", Some("#ffffff"), None, false),
                        Theme(
                            "hostile",
                            "\"><script>x</script>",
                            Some("red\" onload=\"x"),
                            None,
                            true,
                        ),
                    ];
                    for (ti, theme) in themes.iter().enumerate() {
                        // Every size for the light theme; one per other theme, varied.
                        let picked: Vec<usize> = if ti == 0 {
                            (0..sizes.len()).collect()
                        } else {
                            vec![(ti + n) % sizes.len()]
                        };
                        for si in picked {
                            let (size, width, height) = sizes[si];
                            let title = titles[(n + si + ti) % titles.len()];
                            let opts = ChartOptions {
                                kind,
                                width,
                                height,
                                lang: chart_lang(ru),
                                foreground: theme.1,
                                background: theme.2,
                                title,
                                palette: theme.3,
                                dark: theme.4,
                            };
                            let chart = render(&agg, &opts);
                            let name = format!(
                                "{dir}/{n:04}-{source}-{}-{}-{}-{}-{size}",
                                period.as_str(),
                                kind.as_str(),
                                if ru { "ru" } else { "en" },
                                theme.0
                            );
                            std::fs::write(format!("{name}.svg"), &chart.svg).unwrap();
                            let mut meta = String::new();
                            let _ = writeln!(
                                meta,
                                "plot {:?}\nbuckets {}\nheight {}",
                                chart.plot, chart.buckets, chart.height
                            );
                            for r in &chart.regions {
                                let _ = writeln!(meta, "{r:?}");
                            }
                            for x in [-1.0f32, 0.0, 57.3, 120.0, 400.25, 799.0, 5000.0] {
                                let _ = writeln!(meta, "bucket_at({x}) = {:?}", chart.bucket_at(x));
                            }
                            std::fs::write(format!("{name}.txt"), meta).unwrap();
                            n += 1;
                        }
                    }
                }
            }
        }
    }
    println!("{n} charts written to {dir}");
}
