//! A date as the database and the audit trail write it, `YYYY-MM-DD`, made without
//! chrono's format machinery: rusqlite's own conversion and chrono's `Serialize` go
//! through a format string for every date, and an import binds and audits millions.
//! Same text as theirs, byte for byte (a property test holds them to it).

use chrono::{Datelike, NaiveDate};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};

/// The date's `YYYY-MM-DD`, for the years 0 to 9999 (others are written by chrono, with
/// a sign).
fn iso_text(d: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = *b"0000-00-00";
    let mut put = |at: usize, width: usize, mut n: u32| {
        for digit in text[at..at + width].iter_mut().rev() {
            *digit = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, d.month());
    put(8, 2, d.day());
    Some(text)
}

/// A date (or none) to bind as a statement's parameter: `Day::of(d)` where `d` would do.
pub enum Day {
    Iso([u8; 10]),
    Other(NaiveDate),
    Null,
}

impl Day {
    pub fn of(d: NaiveDate) -> Day {
        iso_text(d).map_or(Day::Other(d), Day::Iso)
    }

    pub fn of_opt(d: Option<NaiveDate>) -> Day {
        d.map_or(Day::Null, Day::of)
    }
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Day::Iso(text) => Ok(ToSqlOutput::Borrowed(ValueRef::Text(text))),
            Day::Other(d) => d.to_sql(),
            Day::Null => Ok(ToSqlOutput::Borrowed(ValueRef::Null)),
        }
    }
}

/// `#[serde(serialize_with = "day::serialize")]`: a date as chrono writes it.
pub fn serialize<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    match iso_text(*d) {
        Some(text) => s.serialize_str(std::str::from_utf8(&text).unwrap_or_default()),
        None => serde::Serialize::serialize(d, s),
    }
}

/// `serialize` of a date that may be missing.
pub fn serialize_opt<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => serialize(d, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bound(d: Day) -> Vec<u8> {
        match d.to_sql().unwrap() {
            ToSqlOutput::Borrowed(ValueRef::Text(t)) => t.to_vec(),
            ToSqlOutput::Owned(rusqlite::types::Value::Text(t)) => t.into_bytes(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[derive(serde::Serialize)]
    struct Dated {
        #[serde(serialize_with = "serialize")]
        on: NaiveDate,
        #[serde(serialize_with = "serialize_opt")]
        until: Option<NaiveDate>,
    }

    proptest! {
        #[test]
        fn a_day_is_written_as_chrono_and_rusqlite_write_it(days in -400_000i32..4_000_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(bound(Day::of(d)), bound_by_rusqlite(d));
            let ours = serde_json::to_string(&Dated { on: d, until: Some(d) }).unwrap();
            let chrono = serde_json::to_string(&serde_json::json!({"on": d, "until": d})).unwrap();
            prop_assert_eq!(ours, chrono);
        }
    }

    fn bound_by_rusqlite(d: NaiveDate) -> Vec<u8> {
        match d.to_sql().unwrap() {
            ToSqlOutput::Owned(rusqlite::types::Value::Text(t)) => t.into_bytes(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn a_missing_day_is_null() {
        assert!(matches!(Day::of_opt(None).to_sql().unwrap(), ToSqlOutput::Borrowed(ValueRef::Null)));
        let text = serde_json::to_string(&Dated { on: NaiveDate::MIN, until: None }).unwrap();
        assert_eq!(
            text,
            format!(r#"{{"on":"{}","until":null}}"#, serde_json::to_value(NaiveDate::MIN).unwrap().as_str().unwrap())
        );
    }
}
