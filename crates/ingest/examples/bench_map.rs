//! Times the map view's work once its geodata is loaded: the selection's
//! events counted per country and the map's SVG written, as the app does
//! (`src/events/map_view.rs`), the regions the events name counted and
//! drawn inside their countries,
//! over an archive's selections (everything,
//! each of the three largest countries, the last year, the first half).
//!
//! `cargo run --release -p caricc-ingest --example bench_map -- --archive target/bench/synth-10000.json [--runs N]`
//!
//! Prints the median and p95 per selection and over all; a benchmark, not a
//! test (the target is 50 ms p95 at 10,000 events, in the browser).

use std::time::Instant;

use caricc_core::index::{ArchiveIndex, Filter};
use caricc_core::map::outlines::RegionGeo;
use caricc_core::map::regions::RegionRows;
use caricc_core::map::{self, Geo, MapOptions};
use caricc_core::Lang;

fn main() {
    let mut archive = String::from("data/archive.json");
    let mut runs = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--archive" => archive = args.next().expect("--archive FILE"),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let json = std::fs::read_to_string(&archive).unwrap_or_else(|e| panic!("{archive}: {e}"));
    let (decoded, _) =
        caricc_core::model::decode(&json).unwrap_or_else(|e| panic!("{archive}: {e}"));
    let (index, table) = ArchiveIndex::new(decoded);
    let mut regions = RegionRows::from_events(table.events());
    if regions.rows.is_empty() {
        // An archive without facts (the synthetic ones): every event names
        // one of the gazetteer's regions, for a count as large as any.
        let names: Vec<String> = caricc_core::gazetteer::places()
            .iter()
            .filter(|p| p.kind == caricc_core::gazetteer::PlaceKind::Region)
            .map(|p| p.name.to_string())
            .collect();
        regions.rows = (0..index.rows.len() as u32).collect();
        regions.regions = (0..index.rows.len())
            .map(|i| (i * 7 % names.len()) as u16)
            .collect();
        regions.names = names;
    }
    let geo = Geo::parse(include_str!("../../../data/geo/map.txt")).expect("geodata");
    let region_geo =
        RegionGeo::parse(include_str!("../../../data/geo/regions.txt")).expect("regions");

    let newest = index.rows.first().map_or(0, |r| r.start);
    let oldest = index.rows.last().map_or(0, |r| r.start);
    let day = |n: i32| caricc_core::Date::from_day_number(n);
    let mut selections: Vec<(String, Filter)> = vec![("all".into(), Filter::default())];
    for code in index.countries.iter().take(3) {
        selections.push((
            format!("country {code}"),
            Filter {
                countries: vec![code.clone()],
                ..Filter::default()
            },
        ));
    }
    selections.push((
        "last year".into(),
        Filter {
            from: day(newest - 365),
            ..Filter::default()
        },
    ));
    selections.push((
        "first half".into(),
        Filter {
            to: day(oldest + (newest - oldest) / 2),
            ..Filter::default()
        },
    ));

    println!(
        "{archive}: {} events, {} countries, {} regions named ({} mentions), geodata {} areas; {runs} runs per selection",
        index.rows.len(),
        index.countries.len(),
        regions.names.len(),
        regions.rows.len(),
        geo.areas.len()
    );
    println!(
        "{:<16} {:>8} {:>10} {:>10}",
        "selection", "events", "median ms", "p95 ms"
    );
    let mut all = Vec::new();
    for (name, filter) in &selections {
        let selection = index.select(filter, None);
        let mut times = Vec::with_capacity(runs);
        let mut bytes = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let counts = map::count(
                index.countries.len(),
                selection
                    .rows
                    .iter()
                    .filter_map(|&p| index.rows.get(p.index()))
                    .map(|r| usize::from(r.country)),
            );
            let pairs: Vec<(&str, u32)> = index
                .countries
                .iter()
                .map(String::as_str)
                .zip(counts)
                .collect();
            let by_region = regions.count(selection.rows.iter().map(|p| p.0), index.rows.len());
            let named: Vec<(&str, &str, u32)> = by_region
                .iter()
                .map(|&(i, n)| (regions.names[i].as_str(), regions.names[i].as_str(), n))
                .collect();
            let m = map::render(
                &geo,
                &pairs,
                &MapOptions {
                    lang: Lang::En,
                    title: "CARICC archive",
                    foreground: "currentColor",
                    background: None,
                    dark: false,
                    interactive: true,
                    regions: Some((&region_geo, &named)),
                    narrow: false,
                },
            );
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            bytes = m.svg.len() + by_region.len();
        }
        all.extend_from_slice(&times);
        let (median, p95) = figures(&mut times);
        println!(
            "{name:<16} {:>8} {median:>10.3} {p95:>10.3}   (SVG {bytes} bytes)",
            selection.rows.len()
        );
    }
    let (median, p95) = figures(&mut all);
    println!("{:<16} {:>8} {median:>10.3} {p95:>10.3}", "over all", "");
}

/// Median and p95 of `times`.
fn figures(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.95))
}
