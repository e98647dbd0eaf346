//! Aggregation: events per country per calendar period, the table behind the
//! charts and the CSV download.
//!
//! This module owns the calendar periods ([`Period`]) and their buckets
//! (their labels are [`crate::locale`]'s), the counting itself ([`aggregate`]) and the CSV form of the result
//! ([`to_csv`]). The time axis is continuous: every period from the first to
//! the last one holding an event gets a bucket, empty ones count zero, so a
//! quiet month shows as a gap instead of vanishing.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::date::Date;
use crate::locale;
use crate::model::Lang;

/// The length of one bucket of the time axis.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Period {
    /// Half a month, as CARICC information releases cover: days 1-15, then
    /// 16 to the month's end. Spelled `release` in URLs and the CSV (see
    /// [`Period::as_str`]): the period of one release, as the address has
    /// always called it.
    HalfMonth,
    /// A calendar month.
    Month,
    /// A calendar quarter: January-March, April-June...
    Quarter,
    /// A calendar year.
    Year,
}

impl Period {
    /// Every period, shortest first, as the period switch offers them.
    pub const ALL: [Period; 4] = [
        Period::HalfMonth,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// The spelling used in URLs and the CSV download.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::HalfMonth => "release",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The period [`Period::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The number of the period holding `d`, counted from year 0; consecutive
    /// periods have consecutive numbers, which is what makes the axis continuous.
    fn ordinal(self, d: Date) -> i64 {
        let year = i64::from(d.year());
        let month0 = i64::from(d.month()) - 1;
        match self {
            Period::HalfMonth => (year * 12 + month0) * 2 + i64::from(d.day() > 15),
            Period::Month => year * 12 + month0,
            Period::Quarter => year * 4 + month0 / 3,
            Period::Year => year,
        }
    }

    /// The bucket whose [`Period::ordinal`] is `n`, `None` outside the calendar's range.
    fn bucket(self, n: i64) -> Option<Bucket> {
        let (year, first_month, last_month, first_day, last_day) = match self {
            Period::HalfMonth => {
                let (month_n, half) = (n.div_euclid(2), n.rem_euclid(2));
                let (year, month) = (month_n.div_euclid(12), month_n.rem_euclid(12) as u8 + 1);
                if half == 0 {
                    (year, month, month, 1, Some(15))
                } else {
                    (year, month, month, 16, None)
                }
            }
            Period::Month => {
                let month = n.rem_euclid(12) as u8 + 1;
                (n.div_euclid(12), month, month, 1, None)
            }
            Period::Quarter => {
                let first = n.rem_euclid(4) as u8 * 3 + 1;
                (n.div_euclid(4), first, first + 2, 1, None)
            }
            Period::Year => (n, 1, 12, 1, None),
        };
        let year = i32::try_from(year).ok()?;
        let start = Date::from_ymd(year, first_month, first_day)?;
        let end = match last_day {
            Some(day) => Date::from_ymd(year, last_month, day)?,
            None => Date::from_ymd(year, last_month, 1)?.last_of_month(),
        };
        Some(Bucket { start, end })
    }
}

/// One period of the time axis: the days `start..=end`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Bucket {
    /// Its first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
}

impl Bucket {
    /// The bucket's name for a reader ("1–15 Jun 2025", "2 кв. 2025"):
    /// [`locale::period_label`].
    pub fn label(&self, period: Period, lang: Lang) -> String {
        locale::period_label(self, period, lang)
    }

    /// True when `d` falls in the bucket (both ends included).
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
}

/// What a cell of an [`Aggregate`] holds (`measure=` in the address).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Default)]
pub enum Measure {
    /// `events` (the default): the number of events.
    #[default]
    Events,
    /// `kg`: kilograms seized, as the events' facts report them, doubtful
    /// amounts left out ([`crate::seized`]), rounded to whole kilograms.
    Kg,
}

/// What the series of an [`Aggregate`] are (`series=` in the address).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Default)]
pub enum SeriesOf {
    /// `country` (the default): one series per country code.
    #[default]
    Country,
    /// `substance`: one series per substance id of the thesaurus
    /// ([`crate::index::SUBSTANCES`]); an event naming several counts in each.
    Substance,
}

impl Measure {
    /// The spelling used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Events => "events",
            Measure::Kg => "kg",
        }
    }
    /// The measure [`Measure::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<Measure> {
        [Measure::Events, Measure::Kg]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

impl SeriesOf {
    /// The spelling used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SeriesOf::Country => "country",
            SeriesOf::Substance => "substance",
        }
    }
    /// The series [`SeriesOf::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<SeriesOf> {
        [SeriesOf::Country, SeriesOf::Substance]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// One country's (or substance's) values, bucket by bucket.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Series {
    /// The series' key: a country code exactly as the events carry it
    /// (untrusted text), or a substance id when the aggregate is
    /// [`SeriesOf::Substance`].
    pub country: String,
    /// One value per bucket of the [`Aggregate`]: events, or whole kilograms.
    pub counts: Vec<u32>,
    /// The sum of `counts`: the series' value on the whole axis.
    pub total: u32,
}

/// Events (or kilograms seized) per country (or substance) per period: the
/// table the charts draw.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Aggregate {
    /// The length of each bucket.
    pub period: Period,
    /// Consecutive buckets from the first to the last period holding an event.
    pub buckets: Vec<Bucket>,
    /// Sorted by total, largest first, then by key.
    pub series: Vec<Series>,
    /// The sum of every series' total: the events counted (by country), or
    /// the kilograms.
    pub total: u32,
    /// What the values are.
    pub measure: Measure,
    /// What the series are.
    pub of: SeriesOf,
}

/// The series of an aggregate from each country's counts per bucket: the
/// country with the most events first (its colour and legend entry lead),
/// ties by code, so the order is the same on every run.
fn ranked_series<'a>(counts: impl Iterator<Item = (&'a str, Vec<u32>)>) -> Vec<Series> {
    let mut series: Vec<Series> = counts
        .map(|(code, counts)| Series {
            country: code.to_string(),
            total: counts.iter().fold(0u32, |a, &c| a.saturating_add(c)),
            counts,
        })
        .collect();
    crate::search::sort::sort_by(&mut series, |a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.country.cmp(&b.country))
    });
    series
}

/// Counts `events`, each a country code and the day that places it (the
/// event's `date.start`), per country per `period`.
///
/// The buckets run without gaps from the first to the last period with an
/// event; no events give no buckets and no series. The bucket vectors are
/// dense, so the span of dates sets the memory: the archive's contract keeps
/// dates within 1990-2100, a few thousand half-months at most.
pub fn aggregate<'a>(
    events: impl IntoIterator<Item = (&'a str, Date)>,
    period: Period,
) -> Aggregate {
    // One pass to number countries and periods, one to count: the span of
    // periods is only known once every event has been seen.
    let mut codes: Vec<&'a str> = Vec::new();
    let mut series_of: HashMap<&'a str, u32> = HashMap::new();
    let mut placed: Vec<(u32, i64)> = Vec::new();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for (code, date) in events {
        let series = *series_of.entry(code).or_insert_with(|| {
            codes.push(code);
            (codes.len() - 1) as u32
        });
        let n = period.ordinal(date);
        first = first.min(n);
        last = last.max(n);
        placed.push((series, n));
    }
    if placed.is_empty() {
        return Aggregate::empty(period);
    }

    // Every ordinal between two real dates maps back to a real bucket.
    let buckets: Vec<Bucket> = (first..=last).filter_map(|n| period.bucket(n)).collect();
    let mut counts = vec![vec![0u32; buckets.len()]; codes.len()];
    for &(series, n) in &placed {
        let cell = &mut counts[series as usize][(n - first) as usize];
        *cell = cell.saturating_add(1);
    }
    let series = ranked_series(codes.into_iter().zip(counts));
    let total = u32::try_from(placed.len()).unwrap_or(u32::MAX);
    Aggregate {
        total,
        series,
        buckets,
        ..Aggregate::empty(period)
    }
}

/// [`aggregate`] for events given as an index into `codes` (distinct
/// country codes) and the [`Date::day_number`] of their first day, as the
/// rows of [`crate::index::ArchiveIndex`] hold them. The same result, without
/// hashing a code or doing calendar arithmetic per event: the app charts
/// 100,000 events this way in a few milliseconds. Events whose code index is
/// out of range or whose day is not a date are left out.
pub fn aggregate_days(
    codes: &[String],
    events: impl IntoIterator<Item = (usize, i32)>,
    period: Period,
) -> Aggregate {
    let names: Vec<&str> = codes.iter().map(String::as_str).collect();
    aggregate_weighted(
        &names,
        events.into_iter().map(|(c, d)| (c, d, 1)),
        period,
        Measure::Events,
        SeriesOf::Country,
    )
}

/// The general form of [`aggregate_days`]: items `(series, day, amount)`,
/// `series` an index into `names`, summed per series per bucket. With
/// [`Measure::Kg`] the amounts are grams and each cell is rounded to the
/// nearest whole kilogram once summed (so a series' total is the sum of
/// the cells a table shows); with [`Measure::Events`] they are counts.
/// Items with a series out of range or a day that is not a date are left out.
pub fn aggregate_weighted(
    names: &[&str],
    items: impl IntoIterator<Item = (usize, i32, u64)>,
    period: Period,
    measure: Measure,
    of: SeriesOf,
) -> Aggregate {
    let placed: Vec<(usize, i32, u64)> = items
        .into_iter()
        .filter(|&(s, day, _)| s < names.len() && Date::from_day_number(day).is_some())
        .collect();
    let days = placed.iter().map(|&(_, day, _)| day);
    let empty = Aggregate {
        measure,
        of,
        ..Aggregate::empty(period)
    };
    let (Some(first_day), Some(last_day)) = (days.clone().min(), days.max()) else {
        return empty;
    };
    let ordinal = |day: i32| Date::from_day_number(day).map(|d| period.ordinal(d));
    let (Some(first), Some(last)) = (ordinal(first_day), ordinal(last_day)) else {
        unreachable!("the days were checked above")
    };
    let buckets: Vec<Bucket> = (first..=last).filter_map(|n| period.bucket(n)).collect();
    // The first day of each bucket, ascending: an event's bucket is the last
    // one starting on or before its day.
    let starts: Vec<i32> = buckets.iter().map(|b| b.start.day_number()).collect();
    let mut sums = vec![vec![0u64; buckets.len()]; names.len()];
    let mut seen = vec![false; names.len()];
    // Selections come newest first, so neighbours mostly share a bucket.
    let mut cached = (i32::MAX, i32::MIN, 0usize);
    for &(s, day, amount) in &placed {
        let b = if cached.0 <= day && day <= cached.1 {
            cached.2
        } else {
            let b = starts.partition_point(|&st| st <= day).saturating_sub(1);
            let end = starts.get(b + 1).map_or(i32::MAX, |st| st - 1);
            cached = (starts[b], end, b);
            b
        };
        let cell = &mut sums[s][b];
        *cell = cell.saturating_add(amount);
        seen[s] = true;
    }
    let unit = match measure {
        Measure::Events => 1,
        Measure::Kg => 1000,
    };
    let series = ranked_series(
        names
            .iter()
            .zip(sums)
            .zip(seen)
            .filter(|(_, seen)| *seen)
            .map(|((name, sums), _)| {
                let cells = sums
                    .into_iter()
                    .map(|g| u32::try_from((g + unit / 2) / unit).unwrap_or(u32::MAX))
                    .collect();
                (*name, cells)
            }),
    );
    Aggregate {
        total: series.iter().fold(0u32, |a, s| a.saturating_add(s.total)),
        series,
        buckets,
        ..empty
    }
}

impl Aggregate {
    /// No buckets and no series: events per country, over nothing.
    pub fn empty(period: Period) -> Aggregate {
        Aggregate {
            period,
            buckets: Vec::new(),
            series: Vec::new(),
            total: 0,
            measure: Measure::Events,
            of: SeriesOf::Country,
        }
    }

    /// The name of series `i` for a reader: its country's name, or its
    /// substance's ([`crate::seized::substance_name`]).
    pub fn series_name(&self, i: usize, lang: Lang) -> &str {
        let key = self.series.get(i).map_or("", |s| s.country.as_str());
        match self.of {
            SeriesOf::Country => crate::country::name(key, lang),
            SeriesOf::Substance => crate::seized::substance_name(key, lang),
        }
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// The index of the bucket holding `d`, `None` outside the axis.
    pub fn bucket_of(&self, d: Date) -> Option<usize> {
        let first = self.period.ordinal(self.buckets.first()?.start);
        let i = usize::try_from(self.period.ordinal(d) - first).ok()?;
        (i < self.buckets.len()).then_some(i)
    }

    /// The count of `series` in `bucket`, 0 when either is out of range.
    pub fn count(&self, series: usize, bucket: usize) -> u32 {
        self.series
            .get(series)
            .and_then(|s| s.counts.get(bucket))
            .copied()
            .unwrap_or(0)
    }

    /// All events in `bucket`, every country together.
    pub fn bucket_total(&self, bucket: usize) -> u32 {
        self.series
            .iter()
            .filter_map(|s| s.counts.get(bucket))
            .fold(0u32, |a, &c| a.saturating_add(c))
    }

    /// The index of the series of `country`.
    pub fn series_index(&self, country: &str) -> Option<usize> {
        self.series.iter().position(|s| s.country == country)
    }

    /// The largest bucket total, the height a stacked chart needs.
    pub fn max_bucket_total(&self) -> u32 {
        (0..self.buckets.len())
            .map(|b| self.bucket_total(b))
            .max()
            .unwrap_or(0)
    }

    /// The largest single count, the height grouped bars and lines need.
    pub fn max_count(&self) -> u32 {
        self.series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
            .max()
            .unwrap_or(0)
    }
}

/// The table as CSV (RFC 4180, CRLF line ends): a header
/// `period,start,end,<country codes...>,total`, then one row per bucket with
/// its label in `lang`, its first and last day, the count per country and
/// the bucket's total. The series are substance ids instead of country
/// codes for [`SeriesOf::Substance`]; in kilograms ([`Measure::Kg`]) each
/// value column's header ends with ` (kg)`: `KZ (kg)`, `total (kg)`.
///
/// In Russian (`lang == Lang::Ru`) the header is Russian too
/// (`период;начало;конец;...;всего`) and the separator is `;` (see
/// [`csv_separator`]): what a spreadsheet in a Russian locale, where `,` is
/// the decimal comma, splits columns by when the file is opened directly.
///
/// Country codes come from partner archives, so every cell is made safe for
/// spreadsheets: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
/// return is prefixed with `'` so it is never read as a formula, and cells
/// holding the separator, a quote or a line break are quoted.
pub fn to_csv(agg: &Aggregate, lang: Lang) -> String {
    let sep = csv_separator(lang);
    let ru = lang == Lang::Ru;
    let mut out = String::with_capacity(64 + agg.buckets.len() * (24 + 4 * agg.series.len()));
    if ru {
        let _ = write!(out, "период{sep}начало{sep}конец");
    } else {
        let _ = write!(out, "period{sep}start{sep}end");
    }
    // In kilograms every value column says so: "KZ (kg)", "total (kg)".
    let unit = match (agg.measure, ru) {
        (Measure::Events, _) => "",
        (Measure::Kg, false) => " (kg)",
        (Measure::Kg, true) => " (кг)",
    };
    for s in &agg.series {
        out.push(sep);
        push_csv_cell(&mut out, &format!("{}{unit}", s.country), sep);
    }
    out.push(sep);
    out.push_str(if ru { "всего" } else { "total" });
    out.push_str(unit);
    out.push_str("\r\n");
    for (b, bucket) in agg.buckets.iter().enumerate() {
        push_csv_cell(&mut out, &bucket.label(agg.period, lang), sep);
        let _ = write!(out, "{sep}{}{sep}{}", bucket.start, bucket.end);
        for s in &agg.series {
            let _ = write!(out, "{sep}{}", s.counts[b]);
        }
        let _ = write!(out, "{sep}{}\r\n", agg.bucket_total(b));
    }
    out
}

/// The CSV separator for readers of `lang`: `;` in Russian, else `,`.
pub fn csv_separator(lang: Lang) -> char {
    if lang == Lang::Ru {
        ';'
    } else {
        ','
    }
}

/// Appends `text` as one CSV cell, neutralised and quoted as [`to_csv`] says.
pub(crate) fn push_csv_cell(out: &mut String, text: &str, sep: char) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([sep, ',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// The half-month keeps the spelling addresses and bookmarks use.
    #[test]
    fn half_month_is_spelled_release() {
        assert_eq!(Period::HalfMonth.as_str(), "release");
        assert_eq!(Period::parse("release"), Some(Period::HalfMonth));
        assert_eq!(Period::parse("half-month"), None);
    }

    #[test]
    fn ordinals_round_trip_through_buckets() {
        for period in Period::ALL {
            for day in [
                "2012-01-01",
                "2024-02-15",
                "2024-02-16",
                "2024-02-29",
                "2025-12-31",
                "1990-07-04",
            ] {
                let date = d(day);
                let bucket = period.bucket(period.ordinal(date)).unwrap();
                assert!(bucket.contains(date), "{period:?} {day} -> {bucket:?}");
                assert_eq!(period.ordinal(bucket.start), period.ordinal(bucket.end));
                assert_eq!(
                    period.ordinal(bucket.end) + 1,
                    period.ordinal(Date::from_day_number(bucket.end.day_number() + 1).unwrap())
                );
            }
        }
    }
}
