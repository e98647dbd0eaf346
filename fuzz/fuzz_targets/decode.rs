//! The archive decoder, and everything the app does with what it accepts:
//! untrusted archive text (a partner's `archive.json`) -> `decode` -> the
//! index, a selection, the aggregate per period, its CSV and its chart, and
//! the text the pages show.
//!
//! Never a panic. What `decode` accepts keeps the promises the app relies
//! on: unique ids, ISO country codes, ordered dates within 1990-2100, only
//! http(s) source links.
#![no_main]

use std::collections::HashSet;

use caricc_core::aggregate::{self, Period};
use caricc_core::chart::{self, ChartKind, ChartOptions};
use caricc_core::index::{ArchiveIndex, Filter};
use caricc_core::model::{self, Lang, EARLIEST_YEAR, LATEST_YEAR};
use caricc_core::{country, display, title};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((archive, _warnings)) = model::decode(text) else { return };

    let mut ids = HashSet::new();
    for r in &archive.releases {
        assert!(r.period.start <= r.period.end);
        for e in &r.events {
            assert!(ids.insert(e.id.as_str()), "duplicate event id {:?}", e.id);
            assert!(country::is_iso_code(&e.country), "country {:?}", e.country);
            assert!(e.date.start <= e.date.end);
            for d in [e.date.start, e.date.end] {
                assert!((EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()));
            }
            if let Some(url) = &e.source_url {
                assert!(model::is_web_url(url), "source_url {url:?}");
            }
            assert!(e.mentioned_countries.iter().all(|c| country::is_iso_code(c)));
        }
    }

    let (index, events) = ArchiveIndex::new(archive);
    let selection = index.select(&Filter::default(), None);
    assert_eq!(selection.rows.len(), index.len());
    for &pos in selection.rows.iter().take(64) {
        let e = events.get(pos).unwrap();
        assert_eq!(events.position(&e.id), Some(pos));
        let _ = index.release_of(pos);
        let _ = title::display_title_in(&e.title, &e.body);
        for p in &e.body {
            assert_eq!(display::blocks(p, 64).concat(), *p);
        }
    }
    // Every period's aggregate and CSV; one chart (the costly part) per input.
    let kind = ChartKind::ALL[data.len() % ChartKind::ALL.len()];
    let palette = country::Palette::for_codes(index.countries.iter().map(String::as_str));
    let chart_period = Period::ALL[data.len() / 3 % Period::ALL.len()];
    for period in Period::ALL {
        let agg = aggregate::aggregate(
            selection.rows.iter().map(|&p| {
                let e = events.get(p).unwrap();
                (e.country.as_str(), e.date.start)
            }),
            period,
        );
        assert_eq!(agg.total as usize, selection.rows.len());
        let _ = aggregate::to_csv(&agg, caricc_core::model::Lang::Ru);
        if period != chart_period {
            continue;
        }
        let c = chart::render(
            &agg,
            &ChartOptions {
                kind,
                width: 960,
                height: 420,
                lang: Lang::En,
                foreground: "#222",
                background: None,
                title: "t",
                palette: Some(&palette),
                dark: data.len() % 2 == 0,
            },
        );
        assert!(!c.svg.contains("<script"));
    }
});
