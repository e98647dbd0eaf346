//! The view state that lives in the URL fragment: `#/events?country=KZ,KG&from=2025-01`.
//!
//! Fragment routing works on file:// and on any static host without server
//! rules, and a fragment can be shared, reloaded and embedded. This module
//! owns the parameters, their parsing (untrusted: every value is checked and
//! a bad one is dropped with a [`Problem`] saying why) and their canonical
//! encoding, which only writes values that differ from the defaults.

use std::fmt;

use crate::aggregate::{Measure, Period, SeriesOf};
use crate::chart::ChartKind;
use crate::date::Date;
use crate::index::Filter;
use crate::model::{Kind, Lang};
use crate::search::sort::sort_dedup;

/// The page the fragment's path names. A path that names no page parses as
/// [`Route::Releases`], with a [`Problem`] saying so.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// `#/` or `#/releases`: the list of releases, newest first; the home
    /// page, and what an empty or unknown path shows.
    #[default]
    Releases,
    /// `#/release/<id>`: one release (its summary, declared against parsed
    /// counts, events by country). Holds the release id, percent-decoded;
    /// whether such a release exists is for the app to find out.
    Release(String),
    /// `#/events`: every event, newest first, narrowed by the
    /// [`FilterState`] and shown as the [`Presentation`] says.
    Events,
    /// `#/event/<id>`: one event. Holds the event id, percent-decoded; it
    /// may contain `/` or `?`, which the fragment writes escaped.
    Event(String),
}

/// `view=`: which of the events page's three forms shows the selection.
/// The same events in each; only the form changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// `list` (the default): the events themselves, a page at a time.
    #[default]
    List,
    /// `chart`: event counts per country over time, drawn as
    /// [`Presentation::chart`] says, one bucket per [`Presentation::by`].
    Chart,
    /// `table`: the chart's counts as numbers, periods by countries.
    Table,
    /// `map`: event counts per country on a map (the table is its
    /// accessible twin).
    Map,
}

impl View {
    /// The value `view=` spells this view with.
    pub fn as_str(self) -> &'static str {
        match self {
            View::List => "list",
            View::Chart => "chart",
            View::Table => "table",
            View::Map => "map",
        }
    }
    /// The view [`View::as_str`] spells `s`, `None` for anything else
    /// (matched exactly: lower case only).
    pub fn parse(s: &str) -> Option<View> {
        [View::List, View::Chart, View::Table, View::Map]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// `sort=`: the order of the event list. It only matters with a query:
/// without one there is no relevance to rank by, so every value lists the
/// newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// No `sort=` in the address: relevance when there is a query, else
    /// newest first. Never written, being the default; `sort=auto` parses
    /// to it all the same.
    #[default]
    Auto,
    /// `newest`: newest first even with a query, which then only narrows.
    Newest,
    /// `relevance`: the search's ranking, best match first; the same as
    /// [`Sort::Auto`], but kept in the address when the reader chose it.
    Relevance,
}

impl Sort {
    /// The value `sort=` spells this order with.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Auto => "auto",
            Sort::Newest => "newest",
            Sort::Relevance => "relevance",
        }
    }
    /// The order [`Sort::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<Sort> {
        [Sort::Auto, Sort::Newest, Sort::Relevance]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// `theme=`: a colour scheme the address imposes, so that an embedding page
/// can match its own. Without it the page follows the reader's system
/// preference. Listed with the embed's styling, it applies to any page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// `light`: dark text on a light ground, whatever the system prefers.
    Light,
    /// `dark`: light text on a dark ground, whatever the system prefers.
    Dark,
}

impl Theme {
    /// The value `theme=` spells this theme with.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// A day or month bound of the date filter (`from=`, `to=`), written
/// `YYYY-MM-DD` or `YYYY-MM`. The precision is kept, not widened to days, so
/// that the address is written back as the reader gave it; a month bound
/// covers the whole month on either side of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// `YYYY-MM`: a whole month, held as its first day.
    Month(Date),
    /// `YYYY-MM-DD`: one day.
    Day(Date),
}

impl DateBound {
    /// Reads `YYYY-MM` (exactly seven characters) as a month and anything
    /// else as `YYYY-MM-DD`; `None` when that is not a real date.
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

/// Everything a view is: the page, what narrows its events, how they are
/// shown, the embed's styling, the interface language the address asks for
/// and the archive it names. Each group parses and writes its own
/// parameters, in the order the address spells them: route, [`FilterState`]
/// (`q`, `country`, `from`, `to`, `topic`, `substance`, `kind`, `lang`),
/// `ui`, [`Presentation`] (`by`, `view`, `chart`, `measure`, `series`, `sort`, `page`),
/// `archive`, [`Embed`] (`embed`, `accent`, `theme`).
///
/// The app keeps one, writes it to the address on every change and reads it
/// back on load and on back/forward; [`ViewState::parse`] and
/// [`ViewState::to_fragment`] are inverse on canonical fragments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// The page, from the fragment's path.
    pub route: Route,
    /// Which events the events page (and its chart and table) holds.
    pub filter: FilterState,
    /// How the events page shows them.
    pub show: Presentation,
    /// Whether the page is the compact embed, and its colours.
    pub embed: Embed,
    /// The interface language when the address names one (`ui=`): a
    /// request the app applies to the one interface language it keeps,
    /// which else follows the reader's last choice or the browser's.
    pub ui: Option<Lang>,
    /// A same-origin relative path to another archive file: where the
    /// events come from, not a way of showing them.
    pub archive: Option<String>,
}

/// The query and the filters: what decides which events a view holds.
/// Different filters narrow together (an event must pass each one set); the
/// values of one list widen (an event passes with any of them). An empty
/// list or `None` does not narrow.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterState {
    /// `q=`: the search query as typed, at most [`MAX_QUERY_CHARS`]
    /// characters; empty for none. It also makes relevance an order the
    /// list can have (see [`Sort`]).
    pub q: String,
    /// `country=`: ISO 3166-1 alpha-2 codes of the events' countries.
    /// Upper case, sorted, without duplicates; a code in any case is
    /// accepted, an unassigned one is refused.
    pub countries: Vec<String>,
    /// `from=`: the earliest day an event may start on. An event counts on
    /// its first day, as in the chart.
    pub from: Option<DateBound>,
    /// `to=`: the latest day an event may start on (the end of the month
    /// for a month bound).
    pub to: Option<DateBound>,
    /// `topic=`: what happened, as the ids of the thesaurus's topics
    /// (`index::TOPICS`, read from each event's facts); events with any of
    /// them. Sorted, without duplicates.
    pub topics: Vec<String>,
    /// `substance=`: the drugs an event names, as the thesaurus's substance
    /// ids (`index::SUBSTANCES`); events naming any of them. Sorted,
    /// without duplicates.
    pub substances: Vec<String>,
    /// `kind=`: the kinds of release the events come from (information
    /// release, press release, news). Sorted, without duplicates.
    pub kinds: Vec<Kind>,
    /// `lang=`: the languages of the events' own text, not of the
    /// interface (that is [`ViewState::ui`]). Sorted, without duplicates.
    pub langs: Vec<Lang>,
}

/// How the events page shows the selection (its results do not depend on it).
/// Each field is written to the address only when it differs from the
/// [`Default`]: a month-by-month stacked chart, the list, automatic order,
/// page 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    /// `by=`: the period a chart bar or a table row counts: `release` (the
    /// half-month an information release covers), `month` (the default),
    /// `quarter` or `year`.
    pub by: Period,
    /// `view=`: list, chart or table.
    pub view: View,
    /// `chart=`: how the chart draws the countries' series.
    pub chart: ChartKind,
    /// `measure=`: what the chart and table count: `events` (the default)
    /// or `kg`, the kilograms seized as the events' facts report them.
    pub measure: Measure,
    /// `series=`: what the chart's series and the table's columns are:
    /// `country` (the default) or `substance`.
    pub series: SeriesOf,
    /// `sort=`: the order of the list.
    pub sort: Sort,
    /// `page=`: the 1-based page of the event list. Not checked against the
    /// number of pages, which depends on the archive and the filters; the
    /// app shows the last page for one past the end.
    pub page: u32,
}

impl Default for Presentation {
    fn default() -> Presentation {
        Presentation {
            by: Period::Month,
            view: View::List,
            chart: ChartKind::Stacked,
            measure: Measure::Events,
            series: SeriesOf::Country,
            sort: Sort::Auto,
            page: 1,
        }
    }
}

/// The compact embed view and its styling: what a partner's page sets when
/// it shows a view of the archive in an iframe.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embed {
    /// `embed=1` (or `true`; `0` and `false` turn it off): the compact view
    /// without the site's header and footer.
    pub on: bool,
    /// `accent=`: the colour of links and highlights, to match the
    /// embedding page. Held as `rrggbb`, lower case, without `#` (a leading
    /// `#` is accepted when parsing); `None` keeps the site's own.
    pub accent: Option<String>,
    /// `theme=`: light or dark whatever the reader's system prefers; `None`
    /// follows the system.
    pub theme: Option<Theme>,
}

/// A parameter the fragment carried that was not used, and why. The app
/// lists these in a notice at the top of the page, so that a reader who
/// followed a mistyped or outdated link sees what was ignored rather than a
/// silently different view. [`fmt::Display`] writes `param=value: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The parameter's name as the address spells it, or `path` for a path
    /// that names no page.
    pub param: String,
    /// The refused value (for a list, the one refused item), cut to 80
    /// characters: it comes from the address and is shown back to the reader.
    pub value: String,
    /// Why it was refused, in English, naming what would have been accepted.
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

const TOPIC_REASON: &str = "not a topic (seizure, arrest, laboratory, eradication, controlled-delivery, prevention, training, cooperation, policy, treatment)";
const SUBSTANCE_REASON: &str = "not a substance (heroin, opium, hashish, cannabis, cocaine, methamphetamine, mephedrone, amphetamine, synthetic, nps, precursors, medicines, unspecified)";

/// The problems of one parse: a value that cannot be used, and why.
struct Report(Vec<Problem>);

impl Report {
    fn bad(&mut self, param: &str, value: &str, reason: &'static str) {
        self.0.push(Problem {
            param: param.to_string(),
            value: value.chars().take(80).collect(),
            reason,
        })
    }

    /// Offers each value of a comma-separated `param` to `take`, which
    /// keeps it and says true, or refuses it (reported with `reason`).
    /// Not generic: one copy in the wasm for every list.
    fn list(
        &mut self,
        param: &str,
        v: &str,
        reason: &'static str,
        take: &mut dyn FnMut(&str) -> bool,
    ) {
        for item in split_list(v) {
            if !take(item) {
                self.bad(param, item, reason);
            }
        }
    }
}

/// Writes a list parameter, comma-separated, when it has values.
fn append_list<T>(
    out: &mut form_urlencoded::Serializer<'_, String>,
    param: &str,
    list: &[T],
    spell: impl Fn(&T) -> &str,
) {
    if !list.is_empty() {
        out.append_pair(param, &list.iter().map(spell).collect::<Vec<_>>().join(","));
    }
}

impl FilterState {
    /// Reads `param=v` when it is one of the filters' parameters; false when not.
    fn read(&mut self, param: &str, v: &str, report: &mut Report) -> bool {
        match param {
            "q" => {
                self.q = match v.char_indices().nth(MAX_QUERY_CHARS) {
                    Some((cut, _)) => v[..cut].to_string(),
                    None => v.to_string(),
                }
            }
            "country" => {
                // Reported as read: upper case.
                for code in split_list(v) {
                    let code = code.to_ascii_uppercase();
                    if crate::country::is_iso_code(&code) {
                        self.countries.push(code);
                    } else {
                        report.bad(param, &code, "not an ISO 3166-1 alpha-2 code");
                    }
                }
            }
            "from" | "to" => match DateBound::parse(v) {
                Some(b) if param == "from" => self.from = Some(b),
                Some(b) => self.to = Some(b),
                None => report.bad(param, v, "not a date (YYYY-MM or YYYY-MM-DD)"),
            },
            "topic" => report.list(param, v, TOPIC_REASON, &mut |id| {
                let known = crate::index::TOPICS.contains(&id);
                if known {
                    self.topics.push(id.to_string());
                }
                known
            }),
            "substance" => report.list(param, v, SUBSTANCE_REASON, &mut |id| {
                let known = crate::index::SUBSTANCES.contains(&id);
                if known {
                    self.substances.push(id.to_string());
                }
                known
            }),
            "kind" => report.list(
                param,
                v,
                "not information-release, press-release or news",
                &mut |k| Kind::parse(k).map(|k| self.kinds.push(k)).is_some(),
            ),
            "lang" => report.list(param, v, "not en or ru", &mut |l| {
                Lang::parse(l).map(|l| self.langs.push(l)).is_some()
            }),
            _ => return false,
        }
        true
    }

    /// Sorts the lists and drops duplicates: the canonical form.
    fn canonical(&mut self) {
        sort_dedup(&mut self.countries);
        sort_dedup(&mut self.topics);
        sort_dedup(&mut self.substances);
        sort_dedup(&mut self.kinds);
        sort_dedup(&mut self.langs);
    }

    /// Writes the filters that narrow, in the address's order.
    fn write(&self, out: &mut form_urlencoded::Serializer<'_, String>) {
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        append_list(out, "country", &self.countries, String::as_str);
        if let Some(b) = self.from {
            out.append_pair("from", &b.to_string());
        }
        if let Some(b) = self.to {
            out.append_pair("to", &b.to_string());
        }
        append_list(out, "topic", &self.topics, String::as_str);
        append_list(out, "substance", &self.substances, String::as_str);
        append_list(out, "kind", &self.kinds, |k| k.as_str());
        append_list(out, "lang", &self.langs, |l| l.as_str());
    }

    /// How many filter values are set, the query aside (each list value,
    /// each date bound): what the folded filters' heading counts.
    pub fn active_count(&self) -> usize {
        self.countries.len()
            + self.kinds.len()
            + self.langs.len()
            + self.topics.len()
            + self.substances.len()
            + usize::from(self.from.is_some())
            + usize::from(self.to.is_some())
    }

    /// True when the query or any filter narrows the events.
    pub fn is_narrowed(&self) -> bool {
        !self.q.trim().is_empty() || self.active_count() > 0
    }

    /// Clears the query and every filter.
    pub fn clear(&mut self) {
        *self = FilterState::default();
    }

    /// The event filter of the index these filters ask for (the query aside).
    pub fn index_filter(&self) -> Filter {
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
}

impl Presentation {
    /// Reads `param=v` when it is one of the presentation's parameters.
    fn read(&mut self, param: &str, v: &str, report: &mut Report) -> bool {
        match param {
            "by" => match Period::parse(v) {
                Some(p) => self.by = p,
                None => report.bad(param, v, "not release, month, quarter or year"),
            },
            "view" => match View::parse(v) {
                Some(x) => self.view = x,
                None => report.bad(param, v, "not list, chart or table"),
            },
            "chart" => match ChartKind::parse(v) {
                Some(x) => self.chart = x,
                None => report.bad(param, v, "not stacked, grouped or lines"),
            },
            "measure" => match Measure::parse(v) {
                Some(x) => self.measure = x,
                None => report.bad(param, v, "not events or kg"),
            },
            "series" => match SeriesOf::parse(v) {
                Some(x) => self.series = x,
                None => report.bad(param, v, "not country or substance"),
            },
            "sort" => match Sort::parse(v) {
                Some(x) => self.sort = x,
                None => report.bad(param, v, "not relevance or newest"),
            },
            "page" => match v.parse::<u32>() {
                Ok(n) if n >= 1 => self.page = n,
                _ => report.bad(param, v, "not a page number"),
            },
            _ => return false,
        }
        true
    }

    /// Writes what differs from the defaults, in the address's order.
    fn write(&self, out: &mut form_urlencoded::Serializer<'_, String>) {
        let default = Presentation::default();
        if self.by != default.by {
            out.append_pair("by", self.by.as_str());
        }
        if self.view != default.view {
            out.append_pair("view", self.view.as_str());
        }
        if self.chart != default.chart {
            out.append_pair("chart", self.chart.as_str());
        }
        if self.measure != default.measure {
            out.append_pair("measure", self.measure.as_str());
        }
        if self.series != default.series {
            out.append_pair("series", self.series.as_str());
        }
        if self.sort != default.sort {
            out.append_pair("sort", self.sort.as_str());
        }
        if self.page != default.page {
            out.append_pair("page", &self.page.to_string());
        }
    }
}

impl Embed {
    /// Reads `param=v` when it is one of the embed's parameters.
    fn read(&mut self, param: &str, v: &str, report: &mut Report) -> bool {
        match param {
            "embed" => match v {
                "1" | "true" => self.on = true,
                "0" | "false" => self.on = false,
                _ => report.bad(param, v, "not 1 or 0"),
            },
            "accent" => match parse_accent(v) {
                Some(a) => self.accent = Some(a),
                None => report.bad(param, v, "not a colour written rrggbb"),
            },
            "theme" => match v {
                "light" => self.theme = Some(Theme::Light),
                "dark" => self.theme = Some(Theme::Dark),
                _ => report.bad(param, v, "not light or dark"),
            },
            _ => return false,
        }
        true
    }

    fn write(&self, out: &mut form_urlencoded::Serializer<'_, String>) {
        if self.on {
            out.append_pair("embed", "1");
        }
        if let Some(a) = &self.accent {
            out.append_pair("accent", a);
        }
        if let Some(t) = self.theme {
            out.append_pair("theme", t.as_str());
        }
    }
}

impl ViewState {
    /// Parses a location hash (with or without the leading `#`). Never fails:
    /// what cannot be used is left at its default and reported.
    pub fn parse(fragment: &str) -> (ViewState, Vec<Problem>) {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let mut st = ViewState::default();
        let mut report = Report(Vec::new());

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
                report.bad("path", path, "no such page; showing the releases");
                Route::Releases
            }
        };

        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let (key, v) = (key.as_ref(), value.as_ref());
            if st.filter.read(key, v, &mut report)
                || st.show.read(key, v, &mut report)
                || st.embed.read(key, v, &mut report)
            {
                continue;
            }
            match key {
                "ui" => match Lang::parse(v) {
                    Some(l) => st.ui = Some(l),
                    None => report.bad(key, v, "not en or ru"),
                },
                "archive" => match check_archive_path(v) {
                    Ok(()) => st.archive = Some(v.to_string()),
                    Err(reason) => report.bad(key, v, reason),
                },
                _ => report.bad(key, v, "unknown parameter"),
            }
        }
        st.filter.canonical();
        (st, report.0)
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
        let mut q = form_urlencoded::Serializer::new(String::new());
        self.filter.write(&mut q);
        if let Some(l) = self.ui {
            q.append_pair("ui", l.as_str());
        }
        self.show.write(&mut q);
        if let Some(a) = &self.archive {
            q.append_pair("archive", a);
        }
        self.embed.write(&mut q);
        let params = q.finish();
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params);
        }
        out
    }

    /// The same view with the filters and query cleared (page reset too).
    pub fn cleared(&self) -> ViewState {
        let mut next = self.clone();
        next.filter.clear();
        next.show.page = 1;
        next
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
        assert_eq!(st.filter.countries, ["KG", "KZ"]);
        let f = st.filter.index_filter();
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
        assert_eq!(st.filter.topics, ["arrest", "seizure"]);
        assert_eq!(st.filter.substances, ["heroin"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].param.as_str(), problems[0].value.as_str()),
            ("substance", "glue")
        );
        assert!(st.filter.is_narrowed());
        assert_eq!(st.filter.active_count(), 3);
        assert_eq!(st.filter.index_filter().topics, st.filter.topics);
        let frag = st.to_fragment();
        assert_eq!(frag, "#/events?topic=arrest%2Cseizure&substance=heroin");
        assert_eq!(ViewState::parse(&frag), (st.clone(), vec![]));
        assert_eq!(st.cleared().filter, FilterState::default());
    }

    #[test]
    fn bad_values_are_dropped_and_reported() {
        let (st, problems) = ViewState::parse(
            "/events?country=KZ,zz,<b>&from=2025-13&kind=memo&archive=https://evil.example/a.json&accent=red;x&page=0&theme=dark",
        );
        assert_eq!(st.filter.countries, ["KZ"]);
        assert_eq!(st.filter.from, None);
        assert_eq!(st.archive, None);
        assert_eq!(st.embed.accent, None);
        assert_eq!(st.embed.theme, Some(Theme::Dark));
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

    fn arb_filter() -> impl Strategy<Value = FilterState> {
        let codes = proptest::sample::subsequence(vec!["KG", "KZ", "RU", "TJ", "TM", "UZ"], 0..4);
        let bound = proptest::option::of(
            (2012i32..2027, 1u8..13, proptest::option::of(1u8..29)).prop_map(|(y, m, d)| match d {
                Some(d) => DateBound::Day(Date::from_ymd(y, m, d).unwrap()),
                None => DateBound::Month(Date::from_ymd(y, m, 1).unwrap()),
            }),
        );
        let ids = |all: &'static [&'static str]| {
            proptest::sample::subsequence(all.to_vec(), 0..4).prop_map(|v| {
                // Canonical: sorted, as a parse leaves them.
                let mut v: Vec<String> = v.into_iter().map(String::from).collect();
                v.sort();
                v
            })
        };
        (
            "\\PC{0,20}",
            codes,
            bound.clone(),
            bound,
            ids(crate::index::TOPICS),
            ids(crate::index::SUBSTANCES),
            proptest::sample::subsequence(Kind::ALL.to_vec(), 0..3),
            proptest::sample::subsequence(Lang::ALL.to_vec(), 0..2),
        )
            .prop_map(|(q, codes, from, to, topics, substances, kinds, langs)| {
                FilterState {
                    q,
                    countries: codes.into_iter().map(String::from).collect(),
                    from,
                    to,
                    topics,
                    substances,
                    kinds,
                    langs,
                }
            })
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        let route = prop_oneof![
            Just(Route::Releases),
            Just(Route::Events),
            "\\PC{1,12}".prop_map(Route::Release),
            "\\PC{1,12}".prop_map(Route::Event),
        ];
        let show = (
            proptest::sample::select(Period::ALL.to_vec()),
            proptest::sample::select(vec![View::List, View::Chart, View::Table, View::Map]),
            proptest::sample::select(vec![
                ChartKind::Stacked,
                ChartKind::Grouped,
                ChartKind::Lines,
            ]),
            proptest::sample::select(vec![Sort::Auto, Sort::Newest, Sort::Relevance]),
            1u32..500,
            proptest::sample::select(vec![Measure::Events, Measure::Kg]),
            proptest::sample::select(vec![SeriesOf::Country, SeriesOf::Substance]),
        )
            .prop_map(
                |(by, view, chart, sort, page, measure, series)| Presentation {
                    by,
                    view,
                    chart,
                    measure,
                    series,
                    sort,
                    page,
                },
            );
        let embed = (
            any::<bool>(),
            proptest::option::of("[0-9a-f]{6}"),
            proptest::option::of(proptest::sample::select(vec![Theme::Light, Theme::Dark])),
        )
            .prop_map(|(on, accent, theme)| Embed { on, accent, theme });
        (
            route,
            arb_filter(),
            show,
            embed,
            proptest::option::of(proptest::sample::select(Lang::ALL.to_vec())),
            proptest::option::of(
                "[a-z0-9_-]{1,8}(/[a-z0-9_.-]{1,8}){0,2}\\.json"
                    .prop_filter("a checked path", |p| check_archive_path(p).is_ok()),
            ),
        )
            .prop_map(|(route, filter, show, embed, ui, archive)| ViewState {
                route,
                filter,
                show,
                embed,
                ui,
                archive,
            })
    }

    #[test]
    fn parameters_keep_their_names_and_order() {
        let st = ViewState {
            route: Route::Events,
            filter: FilterState {
                q: "героин".into(),
                countries: vec!["KZ".into()],
                from: DateBound::parse("2025-01"),
                to: DateBound::parse("2025-06-30"),
                topics: vec!["seizure".into()],
                substances: vec!["heroin".into()],
                kinds: vec![Kind::parse("news").unwrap()],
                langs: vec![Lang::Ru],
            },
            show: Presentation {
                by: Period::Year,
                view: View::Chart,
                chart: ChartKind::Lines,
                measure: Measure::Kg,
                series: SeriesOf::Substance,
                sort: Sort::Newest,
                page: 3,
            },
            embed: Embed {
                on: true,
                accent: Some("0a7d5a".into()),
                theme: Some(Theme::Dark),
            },
            ui: Some(Lang::En),
            archive: Some("partners/kg/data/manifest.json".into()),
        };
        let frag = st.to_fragment();
        assert_eq!(
            frag,
            "#/events?q=%D0%B3%D0%B5%D1%80%D0%BE%D0%B8%D0%BD&country=KZ&from=2025-01&to=2025-06-30\
             &topic=seizure&substance=heroin&kind=news&lang=ru&ui=en&by=year&view=chart&chart=lines\
             &measure=kg&series=substance&sort=newest&page=3&archive=partners%2Fkg%2Fdata%2Fmanifest.json&embed=1&accent=0a7d5a&theme=dark"
        );
        assert_eq!(ViewState::parse(&frag), (st, vec![]));
        assert_eq!(ViewState::default().to_fragment(), "#/");
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
