//! The appraisal records as their audit rows record them, for `db check`: each loader
//! gives a record's current state in the shape its last audit row's `after` has.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::storage::audit::json;

fn int_id(id: &str) -> i64 {
    id.parse().unwrap_or_default()
}

pub fn review_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let review = super::reviews::load_review(conn, Some(int_id(id)), None)?;
    Ok(review.map_or(serde_json::Value::Null, |r| json(&r)))
}

/// An event with its void, if any (what `appraise void` records).
pub fn event_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&super::load_event(conn, int_id(id))?))
}

pub fn event_correction_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let c = conn
        .prepare_cached(
            "SELECT id, event_id, person_id, date, times, points, reason, operator FROM event_correction WHERE id = ?1",
        )?
        .query_row([int_id(id)], |r| {
            Ok(super::EventCorrection {
                id: r.get(0)?,
                event_id: r.get(1)?,
                person_id: r.get(2)?,
                date: r.get(3)?,
                times: r.get(4)?,
                points: r.get(5)?,
                reason: r.get(6)?,
                operator: r.get(7)?,
            })
        })?;
    Ok(json(&c))
}

/// A rule book, by its effective date (the id its audit rows carry).
pub fn rulebook_json(conn: &Connection, effective: &str) -> Result<serde_json::Value> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM rulebook WHERE effective = ?1")?
        .query_row([effective], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => super::rulebook::rulebook_json(conn, id),
        None => Ok(serde_json::Value::Null),
    }
}

/// A year's appraisal of one center, by "year/center".
pub fn year_json(conn: &Connection, key: &str) -> Result<serde_json::Value> {
    let (year, center) = key.split_once('/').unwrap_or((key, "0"));
    let year_json = super::year::year_json(conn, year.parse().unwrap_or_default(), center.parse().unwrap_or_default())?;
    Ok(year_json.unwrap_or(serde_json::Value::Null))
}

/// A closed month: its rule book and the digest of its frozen results.
pub fn month_json(conn: &Connection, month: &str) -> Result<serde_json::Value> {
    super::month::frozen_month_json(conn, month)
}
