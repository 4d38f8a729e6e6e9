//! Who was stationed when, for which center and unit: read once per command, asked per
//! punch and per day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;

/// One stationing: its days and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    from: NaiveDate,
    to: Option<NaiveDate>,
    center: i64,
    unit: i64,
}

/// Every started stationing (of one person, or of all), by person.
#[derive(Debug, Default)]
pub struct Stationed(BTreeMap<i64, Vec<Span>>);

impl Stationed {
    pub fn load(conn: &Connection, person: Option<i64>) -> Result<Stationed> {
        let mut stmt = conn.prepare_cached(
            "SELECT person_id, started_on, ended_on, center_id, unit_id FROM assignment
             WHERE started_on IS NOT NULL AND (?1 IS NULL OR person_id = ?1) ORDER BY person_id, started_on",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok((r.get::<_, i64>(0)?, Span { from: r.get(1)?, to: r.get(2)?, center: r.get(3)?, unit: r.get(4)? }))
        })?;
        let mut by_person: BTreeMap<i64, Vec<Span>> = BTreeMap::new();
        for row in rows {
            let (person, span) = row?;
            by_person.entry(person).or_default().push(span);
        }
        Ok(Stationed(by_person))
    }

    /// The (center, unit) the person was stationed for on `date`, if they were.
    pub fn on(&self, person: i64, date: NaiveDate) -> Option<(i64, i64)> {
        self.0
            .get(&person)?
            .iter()
            .find(|s| s.from <= date && s.to.is_none_or(|t| t >= date))
            .map(|s| (s.center, s.unit))
    }

    /// The persons stationed on at least one day from `from` to `to`, in id order.
    pub fn persons_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<i64> {
        let overlaps = |s: &Span| s.from <= to && s.to.is_none_or(|t| t >= from);
        self.0.iter().filter(|(_, spans)| spans.iter().any(overlaps)).map(|(p, _)| *p).collect()
    }
}
