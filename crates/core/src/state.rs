//! The view state that lives in the URL fragment: `#/events?country=KZ,KG&from=2025-01`.
//!
//! Fragment routing works on file:// and on any static host without server
//! rules, and a fragment can be shared, reloaded and embedded. This module
//! owns the parameters, their parsing (untrusted: every value is checked and
//! a bad one is dropped with a [`Problem`] saying why) and their canonical
//! encoding, which only writes values that differ from the defaults.

use std::fmt;

use crate::aggregate::Period;
use crate::chart::ChartKind;
use crate::date::Date;
use crate::index::Filter;
use crate::model::{Kind, Lang};
use crate::search::sort::sort_dedup;

/// The page the fragment's path names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// `#/` or `#/releases`
    #[default]
    Releases,
    /// `#/release/<id>`
    Release(String),
    /// `#/events`
    Events,
    /// `#/event/<id>`
    Event(String),
}

/// How the events page shows the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    List,
    Chart,
    Table,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::List => "list",
            View::Chart => "chart",
            View::Table => "table",
        }
    }
    pub fn parse(s: &str) -> Option<View> {
        [View::List, View::Chart, View::Table]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Relevance when there is a query, else newest first.
    #[default]
    Auto,
    Newest,
    Relevance,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Auto => "auto",
            Sort::Newest => "newest",
            Sort::Relevance => "relevance",
        }
    }
    pub fn parse(s: &str) -> Option<Sort> {
        [Sort::Auto, Sort::Newest, Sort::Relevance]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// A day or month bound of the date filter, written `YYYY-MM-DD` or `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Month(Date),
    Day(Date),
}

impl DateBound {
    pub fn parse(s: &str) -> Option<DateBound> {
        if s.len() == 7 {
            Date::parse_iso(&format!("{s}-01")).map(DateBound::Month)
        } else {
            Date::parse_iso(s).map(DateBound::Day)
        }
    }

    /// The first day the bound admits, as a lower bound.
    pub fn first_day(self) -> Date {
        match self {
            DateBound::Month(d) | DateBound::Day(d) => d,
        }
    }

    /// The last day the bound admits, as an upper bound.
    pub fn last_day(self) -> Date {
        match self {
            DateBound::Month(d) => d.last_of_month(),
            DateBound::Day(d) => d,
        }
    }
}

impl fmt::Display for DateBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateBound::Month(d) => write!(f, "{:04}-{:02}", d.year(), d.month()),
            DateBound::Day(d) => write!(f, "{d}"),
        }
    }
}

/// Everything a view is: page, filters, query, presentation.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    pub route: Route,
    pub q: String,
    /// Upper-case ISO codes, sorted, without duplicates.
    pub countries: Vec<String>,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
    /// Sorted, without duplicates.
    pub kinds: Vec<Kind>,
    /// Content languages; sorted, without duplicates.
    pub langs: Vec<Lang>,
    /// Topic ids (`index::TOPICS`); sorted, without duplicates.
    pub topics: Vec<String>,
    /// Substance ids (`index::SUBSTANCES`); sorted, without duplicates.
    pub substances: Vec<String>,
    /// Interface language when the URL sets one.
    pub ui: Option<Lang>,
    pub by: Period,
    pub view: View,
    pub chart: ChartKind,
    pub sort: Sort,
    /// 1-based page of the event list.
    pub page: u32,
    /// A same-origin relative path to another archive file.
    pub archive: Option<String>,
    pub embed: bool,
    /// `rrggbb`, lower case, without `#`.
    pub accent: Option<String>,
    pub theme: Option<Theme>,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            route: Route::Releases,
            q: String::new(),
            countries: Vec::new(),
            from: None,
            to: None,
            kinds: Vec::new(),
            langs: Vec::new(),
            topics: Vec::new(),
            substances: Vec::new(),
            ui: None,
            by: Period::Month,
            view: View::List,
            chart: ChartKind::Stacked,
            sort: Sort::Auto,
            page: 1,
            archive: None,
            embed: false,
            accent: None,
            theme: None,
        }
    }
}

/// A parameter the fragment carried that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub param: String,
    pub value: String,
    pub reason: &'static str,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}: {}", self.param, self.value, self.reason)
    }
}

/// Longest query kept from a URL; longer ones are cut (at a char boundary).
pub const MAX_QUERY_CHARS: usize = 10_000;

/// Checks `archive=`: a relative path below the app's folder ending in
/// `.json`, so it can only name a file of the app's own origin.
pub fn check_archive_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() || path.len() > 200 {
        return Err("the archive path must be 1 to 200 characters");
    }
    if path.starts_with('/') || path.contains(':') || path.contains('\\') {
        return Err("only a relative path on this site is allowed (no scheme, host or leading /)");
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err("the archive path may not have empty, . or .. segments");
        }
        if !segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            return Err("the archive path may hold only letters, digits, - _ . and /");
        }
    }
    if !path.ends_with(".json") {
        return Err("the archive path must name a .json file");
    }
    Ok(())
}

fn parse_accent(v: &str) -> Option<String> {
    let hex = v.strip_prefix('#').unwrap_or(v);
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hex.to_ascii_lowercase())
}

fn split_list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

impl ViewState {
    /// Parses a location hash (with or without the leading `#`). Never fails:
    /// what cannot be used is left at its default and reported.
    pub fn parse(fragment: &str) -> (ViewState, Vec<Problem>) {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let mut st = ViewState::default();
        let mut problems = Vec::new();
        let mut bad = |param: &str, value: &str, reason: &'static str| {
            problems.push(Problem {
                param: param.to_string(),
                value: value.chars().take(80).collect(),
                reason,
            })
        };

        let path = path.trim_start_matches('/');
        let (head, rest) = path.split_once('/').unwrap_or((path, ""));
        let rest: String = form_urlencoded::parse(format!("x={rest}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        st.route = match (head, rest.as_str()) {
            ("" | "releases", _) => Route::Releases,
            ("events", _) => Route::Events,
            ("release", id) if !id.is_empty() => Route::Release(id.to_string()),
            ("event", id) if !id.is_empty() => Route::Event(id.to_string()),
            _ => {
                bad("path", path, "no such page; showing the releases");
                Route::Releases
            }
        };

        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let v = value.as_ref();
            match key.as_ref() {
                "q" => {
                    st.q = match v.char_indices().nth(MAX_QUERY_CHARS) {
                        Some((cut, _)) => v[..cut].to_string(),
                        None => v.to_string(),
                    }
                }
                "country" => {
                    for code in split_list(v) {
                        let code = code.to_ascii_uppercase();
                        if crate::country::is_iso_code(&code) {
                            st.countries.push(code);
                        } else {
                            bad("country", &code, "not an ISO 3166-1 alpha-2 code");
                        }
                    }
                }
                "from" | "to" => match DateBound::parse(v) {
                    Some(b) if key == "from" => st.from = Some(b),
                    Some(b) => st.to = Some(b),
                    None => bad(&key, v, "not a date (YYYY-MM or YYYY-MM-DD)"),
                },
                "topic" | "substance" => {
                    let (all, list, reason) = if key == "topic" {
                        (crate::index::TOPICS, &mut st.topics, "not a topic (seizure, arrest, laboratory, eradication, controlled-delivery, prevention, training, cooperation, policy, treatment)")
                    } else {
                        (crate::index::SUBSTANCES, &mut st.substances, "not a substance (heroin, opium, hashish, cannabis, cocaine, methamphetamine, mephedrone, amphetamine, synthetic, nps, precursors, medicines, unspecified)")
                    };
                    for id in split_list(v) {
                        if all.contains(&id) {
                            list.push(id.to_string());
                        } else {
                            bad(&key, id, reason);
                        }
                    }
                }
                "kind" => {
                    for k in split_list(v) {
                        match Kind::parse(k) {
                            Some(k) => st.kinds.push(k),
                            None => {
                                bad("kind", k, "not information-release, press-release or news")
                            }
                        }
                    }
                }
                "lang" => {
                    for l in split_list(v) {
                        match Lang::parse(l) {
                            Some(l) => st.langs.push(l),
                            None => bad("lang", l, "not en or ru"),
                        }
                    }
                }
                "ui" => match Lang::parse(v) {
                    Some(l) => st.ui = Some(l),
                    None => bad("ui", v, "not en or ru"),
                },
                "by" => match Period::parse(v) {
                    Some(p) => st.by = p,
                    None => bad("by", v, "not release, month, quarter or year"),
                },
                "view" => match View::parse(v) {
                    Some(x) => st.view = x,
                    None => bad("view", v, "not list, chart or table"),
                },
                "chart" => match ChartKind::parse(v) {
                    Some(x) => st.chart = x,
                    None => bad("chart", v, "not stacked, grouped or lines"),
                },
                "sort" => match Sort::parse(v) {
                    Some(x) => st.sort = x,
                    None => bad("sort", v, "not relevance or newest"),
                },
                "page" => match v.parse::<u32>() {
                    Ok(n) if n >= 1 => st.page = n,
                    _ => bad("page", v, "not a page number"),
                },
                "archive" => match check_archive_path(v) {
                    Ok(()) => st.archive = Some(v.to_string()),
                    Err(reason) => bad("archive", v, reason),
                },
                "embed" => match v {
                    "1" | "true" => st.embed = true,
                    "0" | "false" => st.embed = false,
                    _ => bad("embed", v, "not 1 or 0"),
                },
                "accent" => match parse_accent(v) {
                    Some(a) => st.accent = Some(a),
                    None => bad("accent", v, "not a colour written rrggbb"),
                },
                "theme" => match v {
                    "light" => st.theme = Some(Theme::Light),
                    "dark" => st.theme = Some(Theme::Dark),
                    _ => bad("theme", v, "not light or dark"),
                },
                _ => bad(&key, v, "unknown parameter"),
            }
        }
        sort_dedup(&mut st.countries);
        sort_dedup(&mut st.kinds);
        sort_dedup(&mut st.langs);
        sort_dedup(&mut st.topics);
        sort_dedup(&mut st.substances);
        (st, problems)
    }

    /// The canonical fragment, `#/path?params`, writing only non-defaults.
    pub fn to_fragment(&self) -> String {
        let enc = |s: &str| -> String { form_urlencoded::byte_serialize(s.as_bytes()).collect() };
        let mut out = match &self.route {
            Route::Releases => "#/".to_string(),
            Route::Events => "#/events".to_string(),
            Route::Release(id) => format!("#/release/{}", enc(id)),
            Route::Event(id) => format!("#/event/{}", enc(id)),
        };
        let default = ViewState::default();
        let mut q = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            q.append_pair("q", &self.q);
        }
        if !self.countries.is_empty() {
            q.append_pair("country", &self.countries.join(","));
        }
        if let Some(b) = self.from {
            q.append_pair("from", &b.to_string());
        }
        if let Some(b) = self.to {
            q.append_pair("to", &b.to_string());
        }
        if !self.topics.is_empty() {
            q.append_pair("topic", &self.topics.join(","));
        }
        if !self.substances.is_empty() {
            q.append_pair("substance", &self.substances.join(","));
        }
        if !self.kinds.is_empty() {
            q.append_pair(
                "kind",
                &self
                    .kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if !self.langs.is_empty() {
            q.append_pair(
                "lang",
                &self
                    .langs
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if let Some(l) = self.ui {
            q.append_pair("ui", l.as_str());
        }
        if self.by != default.by {
            q.append_pair("by", self.by.as_str());
        }
        if self.view != default.view {
            q.append_pair("view", self.view.as_str());
        }
        if self.chart != default.chart {
            q.append_pair("chart", self.chart.as_str());
        }
        if self.sort != default.sort {
            q.append_pair("sort", self.sort.as_str());
        }
        if self.page != 1 {
            q.append_pair("page", &self.page.to_string());
        }
        if let Some(a) = &self.archive {
            q.append_pair("archive", a);
        }
        if self.embed {
            q.append_pair("embed", "1");
        }
        if let Some(a) = &self.accent {
            q.append_pair("accent", a);
        }
        if let Some(t) = self.theme {
            q.append_pair("theme", t.as_str());
        }
        let params = q.finish();
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params);
        }
        out
    }

    /// The event filter this state asks for.
    pub fn filter(&self) -> Filter {
        Filter {
            countries: self.countries.clone(),
            from: self.from.map(DateBound::first_day),
            to: self.to.map(DateBound::last_day),
            kinds: self.kinds.clone(),
            langs: self.langs.clone(),
            topics: self.topics.clone(),
            substances: self.substances.clone(),
        }
    }

    /// True when any filter or query narrows the events.
    pub fn is_narrowed(&self) -> bool {
        !self.q.trim().is_empty()
            || !self.countries.is_empty()
            || self.from.is_some()
            || self.to.is_some()
            || !self.kinds.is_empty()
            || !self.langs.is_empty()
            || !self.topics.is_empty()
            || !self.substances.is_empty()
    }

    /// The same view with the filters and query cleared (page reset too).
    pub fn cleared(&self) -> ViewState {
        ViewState {
            q: String::new(),
            countries: Vec::new(),
            from: None,
            to: None,
            kinds: Vec::new(),
            langs: Vec::new(),
            topics: Vec::new(),
            substances: Vec::new(),
            page: 1,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_documented_example() {
        let (st, problems) = ViewState::parse("#/events?country=KZ,KG&from=2025-01&to=2025-06");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(st.route, Route::Events);
        assert_eq!(st.countries, ["KG", "KZ"]);
        let f = st.filter();
        assert_eq!(f.from.unwrap().to_string(), "2025-01-01");
        assert_eq!(f.to.unwrap().to_string(), "2025-06-30");
        assert_eq!(
            st.to_fragment(),
            "#/events?country=KG%2CKZ&from=2025-01&to=2025-06"
        );
    }

    #[test]
    fn topics_and_substances_are_lists_of_known_ids() {
        let (st, problems) =
            ViewState::parse("#/events?topic=seizure,arrest,seizure&substance=heroin,glue");
        assert_eq!(st.topics, ["arrest", "seizure"]);
        assert_eq!(st.substances, ["heroin"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].param.as_str(), problems[0].value.as_str()),
            ("substance", "glue")
        );
        assert!(st.is_narrowed());
        assert_eq!(st.filter().topics, st.topics);
        let frag = st.to_fragment();
        assert_eq!(frag, "#/events?topic=arrest%2Cseizure&substance=heroin");
        assert_eq!(ViewState::parse(&frag), (st.clone(), vec![]));
        assert!(st.cleared().topics.is_empty() && st.cleared().substances.is_empty());
    }

    #[test]
    fn bad_values_are_dropped_and_reported() {
        let (st, problems) = ViewState::parse(
            "/events?country=KZ,zz,<b>&from=2025-13&kind=memo&archive=https://evil.example/a.json&accent=red;x&page=0&theme=dark",
        );
        assert_eq!(st.countries, ["KZ"]);
        assert_eq!(st.from, None);
        assert_eq!(st.archive, None);
        assert_eq!(st.accent, None);
        assert_eq!(st.theme, Some(Theme::Dark));
        let params: Vec<_> = problems.iter().map(|p| p.param.as_str()).collect();
        assert_eq!(
            params,
            ["country", "country", "from", "kind", "archive", "accent", "page"]
        );
    }

    #[test]
    fn archive_paths_stay_on_the_site() {
        assert!(check_archive_path("bench/synth-10000.json").is_ok());
        for bad in [
            "//evil.com/a.json",
            "/a.json",
            "../a.json",
            "a/../../b.json",
            "data:x.json",
            "a.txt",
            "a b.json",
            "http:x.json",
        ] {
            assert!(check_archive_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn routes_and_ids_round_trip() {
        for frag in [
            "#/",
            "#/events",
            "#/release/ir-2025-11",
            "#/event/e%2F1%3Fx",
        ] {
            let (st, p) = ViewState::parse(frag);
            assert!(p.is_empty());
            assert_eq!(st.to_fragment(), frag);
        }
        assert_eq!(
            ViewState::parse("#/event/e%2F1%3Fx").0.route,
            Route::Event("e/1?x".into())
        );
        let (st, p) = ViewState::parse("#/nowhere");
        assert_eq!((st.route, p.len()), (Route::Releases, 1));
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        let codes = proptest::sample::subsequence(vec!["KG", "KZ", "RU", "TJ", "TM", "UZ"], 0..4);
        let bound = proptest::option::of(
            (2012i32..2027, 1u8..13, proptest::option::of(1u8..29)).prop_map(|(y, m, d)| match d {
                Some(d) => DateBound::Day(Date::from_ymd(y, m, d).unwrap()),
                None => DateBound::Month(Date::from_ymd(y, m, 1).unwrap()),
            }),
        );
        let route = prop_oneof![
            Just(Route::Releases),
            Just(Route::Events),
            "\\PC{1,12}".prop_map(Route::Release),
            "\\PC{1,12}".prop_map(Route::Event),
        ];
        (
            route,
            "\\PC{0,20}",
            codes,
            bound.clone(),
            bound,
            proptest::sample::subsequence(Kind::ALL.to_vec(), 0..3),
            proptest::sample::subsequence(Lang::ALL.to_vec(), 0..2),
            proptest::option::of(proptest::sample::select(Lang::ALL.to_vec())),
            proptest::sample::select(Period::ALL.to_vec()),
            proptest::sample::select(vec![View::List, View::Chart, View::Table]),
            (
                1u32..500,
                any::<bool>(),
                proptest::option::of("[0-9a-f]{6}"),
            ),
        )
            .prop_map(
                |(route, q, codes, from, to, kinds, langs, ui, by, view, (page, embed, accent))| {
                    ViewState {
                        route,
                        q,
                        countries: codes.into_iter().map(String::from).collect(),
                        from,
                        to,
                        kinds,
                        langs,
                        ui,
                        by,
                        view,
                        page,
                        embed,
                        accent,
                        ..ViewState::default()
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn encode_then_decode_is_identity(st in arb_state()) {
            let frag = st.to_fragment();
            let (back, problems) = ViewState::parse(&frag);
            prop_assert!(problems.is_empty(), "{:?} from {}", problems, frag);
            prop_assert_eq!(back, st);
        }

        #[test]
        fn any_fragment_parses_without_panic(s in "\\PC{0,200}") {
            let (st, _) = ViewState::parse(&s);
            // What comes out is canonical: encoding and parsing again changes nothing.
            let (again, problems) = ViewState::parse(&st.to_fragment());
            prop_assert!(problems.is_empty());
            prop_assert_eq!(again, st);
        }
    }
}
