//! Calendar dates and date ranges as the archive stores them (`YYYY-MM-DD`).
//!
//! The archive only ever needs whole days, so this wraps [`time::Date`] and
//! gives it the ISO text form the JSON contract uses.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, written `YYYY-MM-DD` in the archive.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// The day `year-month-day`, or `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// Parses `YYYY-MM-DD` (exactly that shape; the archive contract).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = text[0..4].parse().ok()?;
        let month: u8 = text[5..7].parse().ok()?;
        let day: u8 = text[8..10].parse().ok()?;
        if !text[0..4].bytes().all(|c| c.is_ascii_digit())
            || !text[5..7].bytes().all(|c| c.is_ascii_digit())
            || !text[8..10].bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Date::from_ymd(year, month, day)
    }

    /// The year (the archive keeps them within 1990-2100: `model::EARLIEST_YEAR`).
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Month of the year, 1 to 12.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// Day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// The last day of this date's month.
    pub fn last_of_month(self) -> Date {
        Date::from_ymd(
            self.year(),
            self.month(),
            days_in_month(self.year(), self.month()),
        )
        .expect("the last day of a month exists")
    }

    /// Days since an arbitrary fixed origin; differences are day counts.
    pub fn day_number(self) -> i32 {
        self.0.to_julian_day()
    }

    /// The inverse of [`Date::day_number`], `None` outside `time`'s range.
    pub fn from_day_number(n: i32) -> Option<Date> {
        time::Date::from_julian_day(n).ok().map(Date)
    }
}

/// Number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    time::Month::try_from(month)
        .map(|m| m.length(year))
        .unwrap_or(30)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse_iso(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a valid YYYY-MM-DD date")))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// An inclusive range of days: `{ "start": ..., "end": ... }`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct DateRange {
    /// The first day.
    pub start: Date,
    /// The last day (a checked range never ends before it starts).
    pub end: Date,
}

impl DateRange {
    /// The range of the one day `d`.
    pub fn day(d: Date) -> DateRange {
        DateRange { start: d, end: d }
    }

    /// True when `start <= end`.
    pub fn is_ordered(&self) -> bool {
        self.start <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_and_rejects() {
        let d = Date::parse_iso("2025-06-15").unwrap();
        assert_eq!(d.to_string(), "2025-06-15");
        assert_eq!((d.year(), d.month(), d.day()), (2025, 6, 15));
        for bad in [
            "2025-02-30",
            "2025-6-15",
            "2025-13-01",
            "20250615xx",
            "",
            "abcd-ef-gh",
            "+202-01-01",
        ] {
            assert!(Date::parse_iso(bad).is_none(), "{bad} must be refused");
        }
        assert_eq!(
            Date::parse_iso("2024-02-10")
                .unwrap()
                .last_of_month()
                .to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn day_numbers_are_consecutive() {
        let a = Date::parse_iso("2024-12-31").unwrap();
        let b = Date::from_day_number(a.day_number() + 1).unwrap();
        assert_eq!(b.to_string(), "2025-01-01");
    }
}
