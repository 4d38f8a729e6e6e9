//! Putting appraisal events right (ART21-MONTHLY): an event of an open month is voided
//! (it stops counting, the row stays); an event of a closed month is corrected in the
//! current open month, by the points the correction changes, while the closed month and
//! its bulletin stay as they were frozen.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::period::{closed_rulebook, is_closed, month_key};
use crate::base::enums::EventSource;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::{first_of_month, last_of_month};
use crate::domain::personnel;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, RuleId};
use crate::storage::audit::{Correction, json};
use crate::storage::store::Tx;

/// An event as `appraise events` lists it: the stored event, and whether it still counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub unit: String,
    pub item: String,
    pub date: NaiveDate,
    pub times: i64,
    pub note: Option<String>,
    pub source: EventSource,
    pub void: Option<Void>,
    pub correction: Option<EventCorrection>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Void {
    pub reason: String,
    pub operator: String,
    pub voided_on: NaiveDate,
}

/// A correction of a closed month's event, counted in the month of `date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCorrection {
    pub id: i64,
    pub event_id: i64,
    pub person_id: i64,
    pub date: NaiveDate,
    /// What the event should have said (0: it should not have been recorded).
    pub times: i64,
    /// The change to the score, counted in the month of `date`.
    pub points: f64,
    pub reason: String,
    pub operator: String,
}

const SELECT: &str = "SELECT e.id, e.person_id, p.name, u.code, e.item, e.date, e.times, e.note, e.source,
     v.reason, v.operator, v.voided_on,
     c.id, c.date, c.times, c.points, c.reason, c.operator
     FROM appraisal_event e JOIN person p ON p.id = e.person_id JOIN unit u ON u.id = p.unit_id
     LEFT JOIN event_void v ON v.event_id = e.id LEFT JOIN event_correction c ON c.event_id = e.id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<EventRecord> {
    let id: i64 = r.get(0)?;
    let person_id: i64 = r.get(1)?;
    let void = match r.get::<_, Option<String>>(9)? {
        Some(reason) => Some(Void { reason, operator: r.get(10)?, voided_on: r.get(11)? }),
        None => None,
    };
    let correction = match r.get::<_, Option<i64>>(12)? {
        Some(cid) => Some(EventCorrection {
            id: cid,
            event_id: id,
            person_id,
            date: r.get(13)?,
            times: r.get(14)?,
            points: r.get(15)?,
            reason: r.get(16)?,
            operator: r.get(17)?,
        }),
        None => None,
    };
    Ok(EventRecord {
        id,
        person_id,
        name: r.get(2)?,
        unit: r.get(3)?,
        item: r.get(4)?,
        date: r.get(5)?,
        times: r.get(6)?,
        note: r.get(7)?,
        source: r.get(8)?,
        void,
        correction,
    })
}

pub fn load_event(conn: &Connection, id: i64) -> Result<EventRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?.query_row([id], from_row).optional()?.ok_or_else(|| {
        Error::invalid(
            "event",
            id,
            Msg::new("reason.record.unknown").label("what", "entity.appraisal_event").arg("id", id),
        )
    })
}

/// `appraise events`: the events, optionally of one person, month and item.
pub fn events(conn: &Connection, person: Option<&str>, month: Option<NaiveDate>, item: Option<&str>) -> Result<Table> {
    let person_id = person.map(|key| personnel::resolve(conn, key)).transpose()?.map(|p| p.id);
    let (from, to) = month.map(|m| (first_of_month(m), last_of_month(m))).unzip();
    let item = item.map(|i| i.trim().to_uppercase());
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR e.person_id = ?1) AND (?2 IS NULL OR e.date BETWEEN ?2 AND ?3)
         AND (?4 IS NULL OR e.item = ?4) ORDER BY e.date, e.id"
    ))?;
    let rows = stmt.query_map(params![person_id, from, to, item], from_row)?;
    let mut t = Table::new(
        Msg::new("title.events"),
        &["id", "date", "unit", "name", "item", "times", "source", "note", "state"],
    );
    for e in rows {
        let e = e?;
        let state = match (&e.void, &e.correction) {
            (Some(v), _) => Cell::Message(Msg::new("event.void").arg("reason", &v.reason)),
            (None, Some(c)) => Cell::Message(
                Msg::new("event.corrected")
                    .arg("id", c.id)
                    .arg("times", c.times)
                    .arg("points", format!("{:+}", c.points)),
            ),
            (None, None) => Cell::Label("event.counts"),
        };
        t.push(vec![
            Cell::Int(e.id),
            Cell::Date(e.date),
            Cell::text(&e.unit),
            Cell::text(&e.name),
            Cell::text(&e.item),
            Cell::Int(e.times),
            Cell::Label(e.source.label_key()),
            Cell::text(e.note.as_deref().unwrap_or("")),
            state,
        ]);
    }
    Ok(t)
}

/// Every event dated in the month `first` begins, oldest first.
pub fn events_of_month(conn: &Connection, first: NaiveDate) -> Result<Vec<EventRecord>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE e.date BETWEEN ?1 AND ?2 ORDER BY e.date, e.id"))?;
    let rows = stmt.query_map(params![first_of_month(first), last_of_month(first)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn reason_text(reason: &str) -> Result<String> {
    parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))
}

/// Refuses a second correction of one event, or a correction of a void one.
fn refuse_settled(e: &EventRecord) -> Result<()> {
    if e.void.is_some() {
        return Err(Error::refused(RuleId::Art21Monthly, Msg::new("refuse.event.voided").arg("id", e.id)));
    }
    if let Some(c) = &e.correction {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.event.corrected").arg("id", e.id).arg("correction", c.id),
        ));
    }
    Ok(())
}

/// `appraise void`: an event of an open month stops counting; the row stays with the
/// reason, the operator and the day.
pub fn void(tx: &mut Tx, id: i64, reason: &str) -> Result<EventRecord> {
    let reason = reason_text(reason)?;
    let before = load_event(tx, id)?;
    refuse_settled(&before)?;
    if is_closed(tx, first_of_month(before.date))? {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.void.closed").arg("id", id).arg("month", month_key(before.date)),
        ));
    }
    tx.prepare_cached(
        "INSERT INTO event_void (event_id, date, reason, operator, voided_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, before.date, reason, tx.ctx.operator, tx.ctx.today])?;
    let after = load_event(tx, id)?;
    let correction = Correction::new(&reason, "appraisal_event", id);
    tx.audit_correction("appraisal_event", id, "void", (Some(&json(&before)), Some(&json(&after))), &correction)?;
    Ok(after)
}

/// How many times the event's item counted for the person in the event's closed month,
/// as frozen, moved by the corrections already recorded for that month and item.
fn counted_times(conn: &Connection, e: &EventRecord) -> Result<i64> {
    let month = month_key(e.date);
    let detail: Option<String> = conn
        .prepare_cached("SELECT detail FROM monthly_result WHERE month = ?1 AND person_id = ?2")?
        .query_row(params![month, e.person_id], |r| r.get(0))
        .optional()?;
    let detail: BTreeMap<String, (i64, f64)> = detail.and_then(|d| serde_json::from_str(&d).ok()).unwrap_or_default();
    let frozen = detail.get(&e.item).map_or(0, |(times, _)| *times);
    let moved: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(c.times - e.times), 0) FROM event_correction c JOIN appraisal_event e ON e.id = c.event_id
             WHERE e.person_id = ?1 AND e.item = ?2 AND e.date BETWEEN ?3 AND ?4",
        )?
        .query_row(params![e.person_id, e.item, first_of_month(e.date), last_of_month(e.date)], |r| r.get(0))?;
    Ok(frozen + moved)
}

/// `appraise correct`: an event of a closed month is corrected in the current open month
/// (today's): `times` is what it should have said (none: it should not have counted).
pub fn correct(tx: &mut Tx, id: i64, reason: &str, times: Option<i64>) -> Result<EventCorrection> {
    let reason = reason_text(reason)?;
    let should = times.unwrap_or(0);
    if should < 0 {
        return Err(Error::invalid("times", should, Msg::new("reason.number").arg("min", 0)));
    }
    let e = load_event(tx, id)?;
    refuse_settled(&e)?;
    let month = first_of_month(e.date);
    if !is_closed(tx, month)? {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.correct.open").arg("id", id).arg("month", month_key(e.date)),
        ));
    }
    if should == e.times {
        return Err(Error::invalid("times", should, Msg::new("reason.correct.same").arg("times", e.times)));
    }
    let today = tx.ctx.today;
    if is_closed(tx, first_of_month(today))? {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.correct.today-closed").arg("month", month_key(today)),
        ));
    }
    let rb = closed_rulebook(tx, first_of_month(e.date))?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let item = rb.items.get(&e.item).ok_or_else(|| {
        Error::refused(
            RuleId::Art21Monthly,
            Msg::new("reason.rulebook.no-item").arg("code", &e.item).arg("name", &rb.name),
        )
    })?;
    let points = rules::correction_points(item.points, item.cap, counted_times(tx, &e)?, e.times, should);
    tx.prepare_cached(
        "INSERT INTO event_correction (event_id, person_id, date, times, points, reason, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, e.person_id, today, should, points, reason, tx.ctx.operator])?;
    let c = EventCorrection {
        id: tx.last_insert_rowid(),
        event_id: id,
        person_id: e.person_id,
        date: today,
        times: should,
        points,
        reason: reason.clone(),
        operator: tx.ctx.operator.clone(),
    };
    let correction = Correction::new(&reason, "appraisal_event", id);
    tx.audit_correction("event_correction", c.id, "correct", (None, Some(&json(&c))), &correction)?;
    Ok(c)
}

/// The corrections counted in a month: person → their points, and the bulletin's lines.
pub(super) fn corrections_in(conn: &Connection, first: NaiveDate) -> Result<Vec<(EventCorrection, EventRecord)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, event_id FROM event_correction WHERE date BETWEEN ?1 AND ?2 ORDER BY id")?;
    let ids: Vec<i64> = stmt
        .query_map(params![first, last_of_month(first)], |r| r.get::<_, i64>(1))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::with_capacity(ids.len());
    for event_id in ids {
        let e = load_event(conn, event_id)?;
        if let Some(c) = e.correction.clone() {
            found.push((c, e));
        }
    }
    Ok(found)
}

/// The times of voided events in a month, to take off the month's sums.
pub(super) fn voided_in(conn: &Connection, first: NaiveDate) -> Result<Vec<(i64, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.person_id, e.item, e.times FROM event_void v JOIN appraisal_event e ON e.id = v.event_id
         WHERE v.date BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(params![first, last_of_month(first)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The bulletin's line for a correction counted in its month.
pub(super) fn correction_note(c: &EventCorrection, e: &EventRecord) -> Msg {
    Msg::new("note.month.correction")
        .arg("id", c.id)
        .arg("event", e.id)
        .arg("name", &e.name)
        .arg("date", e.date)
        .arg("item", &e.item)
        .arg("was", e.times)
        .arg("times", c.times)
        .arg("points", format!("{:+}", c.points))
        .arg("reason", &c.reason)
}
