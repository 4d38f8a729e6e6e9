//! The person record: a registered person as stored, found by ID number or id, and the
//! person's open stationing.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::day;
use crate::base::enums::{AssignmentStatus, Category, Establishment, Position, Sex};
use crate::base::i18n::Msg;
use crate::domain::org;
use crate::error::{Error, Result};
use crate::rules::{self, Check, StationingFacts};
use crate::storage::audit::json;

/// A registered person, with the fields derived from the ID number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: i64,
    pub id_number: String,
    pub name: String,
    pub unit: String,
    pub position: Position,
    pub filed: bool,
    pub establishment: Establishment,
    pub category: Category,
    #[serde(serialize_with = "day::serialize")]
    pub joined_unit: NaiveDate,
    #[serde(serialize_with = "day::serialize")]
    pub work_start: NaiveDate,
    pub service_section: bool,
    pub party_member: bool,
    pub union_member: bool,
    pub phone: Option<String>,
    #[serde(serialize_with = "day::serialize_opt")]
    pub archived_on: Option<NaiveDate>,
    pub archive_reason: Option<String>,
    #[serde(serialize_with = "day::serialize")]
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

/// A macro, not a const: `concat!` makes each query a literal, with no string built per
/// lookup (an import looks up every row's person).
macro_rules! person_select {
    () => {
        "SELECT p.id, p.id_number, p.name, u.code, p.position, p.filed, p.establishment,
    p.category, p.joined_unit, p.work_start, p.service_section, p.party_member, p.union_member, p.phone,
    p.archived_on, p.archive_reason, p.birth_date, p.sex FROM person p JOIN unit u ON u.id = p.unit_id"
    };
}

impl Person {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Person> {
        Ok(Person {
            id: r.get(0)?,
            id_number: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            position: r.get(4)?,
            filed: r.get(5)?,
            establishment: r.get(6)?,
            category: r.get(7)?,
            joined_unit: r.get(8)?,
            work_start: r.get(9)?,
            service_section: r.get(10)?,
            party_member: r.get(11)?,
            union_member: r.get(12)?,
            phone: r.get(13)?,
            archived_on: r.get(14)?,
            archive_reason: r.get(15)?,
            birth_date: r.get(16)?,
            sex: r.get(17)?,
        })
    }

    pub fn facts(&self) -> StationingFacts {
        StationingFacts {
            birth_date: self.birth_date,
            position: self.position,
            filed: self.filed,
            service_section: self.service_section,
            establishment: self.establishment,
            joined_unit: self.joined_unit,
        }
    }

    /// The Art 6 and Art 7 checks for a stationing starting on `on`.
    pub fn checks_on(&self, on: NaiveDate) -> [Check; 3] {
        rules::stationing_checks(&self.facts(), on)
    }
}

/// A person as the audit trail records it.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&by_id(conn, id.parse().unwrap_or_default())?))
}

pub(super) fn by_id(conn: &Connection, id: i64) -> Result<Person> {
    Ok(conn.prepare_cached(concat!(person_select!(), " WHERE p.id = ?1"))?.query_row([id], Person::from_row)?)
}

pub(super) fn id_of(conn: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM person WHERE id_number = ?1")?
        .query_row([id_number], |r| r.get(0))
        .optional()?)
}

/// A person by ID number (either case of X) or internal id.
pub fn find(conn: &Connection, key: &str) -> Result<Option<Person>> {
    let key = key.trim();
    let by_number = conn
        .prepare_cached(concat!(person_select!(), " WHERE p.id_number = ?1"))?
        .query_row([key.to_ascii_uppercase()], Person::from_row)
        .optional()?;
    if by_number.is_some() {
        return Ok(by_number);
    }
    match key.parse::<i64>() {
        Ok(id) if key.len() < 18 => Ok(conn
            .prepare_cached(concat!(person_select!(), " WHERE p.id = ?1"))?
            .query_row([id], Person::from_row)
            .optional()?),
        _ => Ok(None),
    }
}

/// A person by ID number or id, or the error that names the unknown person.
pub fn resolve(conn: &Connection, key: &str) -> Result<Person> {
    find(conn, key)?.ok_or_else(|| Error::invalid("person", key, Msg::new("reason.person.unknown").arg("person", key)))
}

/// The person's proposed, approved or active stationing, if any: one at a time
/// (ART11-TERM), and none while the person is archived or moved to another unit.
pub fn open_stationing(conn: &Connection, person_id: i64) -> Result<Option<(i64, AssignmentStatus)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, status FROM assignment WHERE person_id = ?1 AND status IN ('proposed', 'approved', 'active')",
        )?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// All persons, optionally of one unit; archived ones only when asked.
pub fn all(conn: &Connection, unit: Option<&str>, include_archived: bool) -> Result<Vec<Person>> {
    let unit_id = unit.map(|u| org::resolve_unit(conn, u)).transpose()?.map(|u| u.id);
    let mut stmt = conn.prepare(concat!(
        person_select!(),
        " WHERE (?1 IS NULL OR p.unit_id = ?1) AND (?2 OR p.archived_on IS NULL) ORDER BY u.code, p.id"
    ))?;
    let rows = stmt.query_map(params![unit_id, include_archived], Person::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
