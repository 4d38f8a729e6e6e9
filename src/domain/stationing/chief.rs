//! Chief representatives (Art 12–13): one per unit, with the powers delegated to them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::Power;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::org;
use crate::domain::personnel::{self};
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, RuleId};
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// A chief representative's authorisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chief {
    pub id: i64,
    pub unit: String,
    pub unit_name: String,
    pub person_id: i64,
    pub person: String,
    pub assignment_id: i64,
    pub doc: String,
    pub powers: Vec<String>,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
}

fn chief_row(r: &rusqlite::Row) -> rusqlite::Result<Chief> {
    let powers: String = r.get(6)?;
    Ok(Chief {
        id: r.get(0)?,
        unit: r.get(1)?,
        person_id: r.get(2)?,
        person: r.get(3)?,
        assignment_id: r.get(4)?,
        doc: r.get(5)?,
        powers: powers.split(',').map(str::to_string).collect(),
        from_date: r.get(7)?,
        to_date: r.get(8)?,
        unit_name: r.get(9)?,
    })
}

const CHIEF_SELECT: &str = "SELECT ch.id, u.code, ch.person_id, p.name, ch.assignment_id, ch.doc, ch.powers,
    ch.from_date, ch.to_date, u.name FROM chief ch JOIN unit u ON u.id = ch.unit_id JOIN person p ON p.id = ch.person_id";

/// A chief representative's authorisation as its audit rows record it.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    chief_json(conn, id.parse().unwrap_or_default())
}

pub(super) fn chief_json(conn: &Connection, id: i64) -> Result<serde_json::Value> {
    let c = conn.query_row(&format!("{CHIEF_SELECT} WHERE ch.id = ?1"), [id], chief_row)?;
    Ok(json(&c))
}

/// `assign chief` (ART12-CHIEF, ART13-POWERS): names a unit's chief representative from
/// `from`; an earlier chief's authorisation ends the day before.
pub fn name_chief(
    tx: &mut Tx,
    unit_key: &str,
    person_key: &str,
    doc: &str,
    powers: &str,
    from: NaiveDate,
) -> Result<Chief> {
    let unit = org::resolve_unit(tx, unit_key)?;
    let person = personnel::resolve(tx, person_key)?;
    let stationed: Option<i64> = tx.prepare_cached("SELECT id FROM assignment WHERE person_id = ?1 AND unit_id = ?2 AND status = 'active' AND started_on <= ?3")?.query_row(params![person.id, unit.id, from],
            |r| r.get(0),
        )
        .optional()?;
    let Some(assignment_id) = stationed else {
        return Err(Error::refused(
            RuleId::Art12Chief,
            Msg::new("refuse.chief.not-stationed").arg("name", &person.name).arg("unit", &unit.code).arg("date", from),
        ));
    };
    rules::check_chief_position(person.position, person.filed, person.service_section)
        .map_err(|m| Error::refused(RuleId::Art12Chief, m))?;
    let powers: Vec<Power> = rules::parse_powers(powers).map_err(|r| Error::invalid("powers", powers, r))?;
    let doc = parse::text(doc, 100).map_err(|r| Error::invalid("doc", doc, r))?;
    org::check_not_future(tx, "date", from)?;
    let current: Option<(i64, NaiveDate)> = tx
        .prepare_cached("SELECT id, from_date FROM chief WHERE unit_id = ?1 AND to_date IS NULL")?
        .query_row([unit.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((old, old_from)) = current {
        if old_from >= from {
            return Err(Error::refused(
                RuleId::Art12Chief,
                Msg::new("refuse.chief.order").arg("unit", &unit.code).arg("since", old_from).arg("date", from),
            ));
        }
        let before = chief_json(tx, old)?;
        tx.prepare_cached("UPDATE chief SET to_date = ?2 WHERE id = ?1")?
            .execute(params![old, from.pred_opt().unwrap_or(from)])?;
        tx.audit("chief", old, "end", Some(&before), Some(&chief_json(tx, old)?))?;
    }
    let keys = powers.iter().map(|p| p.key()).collect::<Vec<_>>().join(",");
    tx.prepare_cached(
        "INSERT INTO chief (unit_id, person_id, assignment_id, doc, powers, from_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![unit.id, person.id, assignment_id, doc, keys, from])?;
    let id = tx.last_insert_rowid();
    let chief = tx.query_row(&format!("{CHIEF_SELECT} WHERE ch.id = ?1"), [id], chief_row)?;
    tx.audit_created("chief", id, "insert", &chief)?;
    Ok(chief)
}

/// Chief representatives, of one assignment or all.
pub fn chief_table(conn: &Connection, assignment: Option<i64>) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.chiefs"), &["unit", "name", "doc", "powers", "from_date", "to_date"]);
    let mut stmt = conn.prepare(&format!(
        "{CHIEF_SELECT} WHERE (?1 IS NULL OR ch.assignment_id = ?1) ORDER BY u.code, ch.from_date"
    ))?;
    for c in stmt.query_map([assignment], chief_row)? {
        let c = c?;
        let powers = c.powers.iter().filter_map(|p| Power::parse(p)).map(|p| Msg::new(p.label_key())).collect();
        t.push(vec![
            Cell::text(c.unit),
            Cell::text(c.person),
            Cell::text(c.doc),
            Cell::Messages(powers),
            Cell::Date(c.from_date),
            Cell::opt_date(c.to_date),
        ]);
    }
    Ok(t)
}
