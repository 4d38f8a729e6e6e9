//! The leave record: a leave with the days it counts, loaded by id or by period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::{Counting, Half, LeaveStatus, LeaveType};
use crate::base::i18n::Msg;
use crate::domain::calendar::{Calendar, first_of_month, last_of_month};
use crate::error::{Error, Result};
use crate::rules::RuleId;
use crate::storage::audit::{Correction, json};
use crate::storage::store::Tx;

/// A leave with the days it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leave {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub id_number: String,
    pub unit: String,
    pub assignment_id: i64,
    #[serde(rename = "type")]
    pub kind: LeaveType,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub half: Option<Half>,
    pub reason: String,
    pub status: LeaveStatus,
    pub requested_on: NaiveDate,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_note: Option<String>,
    pub returned_on: Option<NaiveDate>,
    pub revoke_reason: Option<String>,
    pub counting: Counting,
    /// Days as requested.
    pub days: f64,
    /// Days actually taken: up to the day before an early return.
    pub days_taken: f64,
}

impl Leave {
    /// The last day the leave covers: the day before the return, or its end.
    pub fn effective_to(&self) -> Option<NaiveDate> {
        match self.returned_on {
            Some(back) if back <= self.to => back.pred_opt().filter(|d| *d >= self.from),
            _ => Some(self.to),
        }
    }

    /// Approved, past its end, and no return recorded.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == LeaveStatus::Approved && self.to < today
    }

    /// Days taken, split by month.
    pub fn taken_by_month(&self, cal: &Calendar) -> BTreeMap<NaiveDate, f64> {
        match self.effective_to() {
            Some(to) => cal.by_month(self.from, to, self.counting, self.half),
            None => BTreeMap::new(),
        }
    }
}

pub(super) const SELECT: &str =
    "SELECT l.id, l.person_id, p.name, p.id_number, u.code, l.assignment_id, l.type, l.from_date,
    l.to_date, l.half, l.reason, l.status, l.requested_on, l.decided_by, l.decided_on, l.decision_note,
    l.returned_on, t.counting, l.revoke_reason
    FROM leave l JOIN person p ON p.id = l.person_id JOIN assignment a ON a.id = l.assignment_id
    JOIN unit u ON u.id = a.unit_id JOIN leave_type t ON t.type = l.type";

fn from_row(r: &rusqlite::Row, cal: &Calendar) -> rusqlite::Result<Leave> {
    let mut leave = Leave {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        id_number: r.get(3)?,
        unit: r.get(4)?,
        assignment_id: r.get(5)?,
        kind: r.get(6)?,
        from: r.get(7)?,
        to: r.get(8)?,
        half: r.get(9)?,
        reason: r.get(10)?,
        status: r.get(11)?,
        requested_on: r.get(12)?,
        decided_by: r.get(13)?,
        decided_on: r.get(14)?,
        decision_note: r.get(15)?,
        returned_on: r.get(16)?,
        revoke_reason: r.get(18)?,
        counting: r.get(17)?,
        days: 0.0,
        days_taken: 0.0,
    };
    leave.days = cal.count(leave.from, leave.to, leave.counting, leave.half);
    let taken = matches!(leave.status, LeaveStatus::Approved | LeaveStatus::Returned);
    leave.days_taken = match leave.effective_to() {
        Some(to) if taken => cal.count(leave.from, to, leave.counting, leave.half),
        _ => 0.0,
    };
    Ok(leave)
}

pub fn load(conn: &Connection, cal: &Calendar, id: i64) -> Result<Leave> {
    conn.query_row(&format!("{SELECT} WHERE l.id = ?1"), [id], |r| from_row(r, cal)).optional()?.ok_or_else(|| {
        let id = id.to_string();
        Error::invalid("leave", &id, Msg::new("reason.record.unknown").label("what", "entity.leave").arg("id", &id))
    })
}

/// Leaves touching the period, optionally of one person, in any of `statuses`.
pub fn in_period(
    conn: &Connection,
    cal: &Calendar,
    from: NaiveDate,
    to: NaiveDate,
    person_id: Option<i64>,
) -> Result<Vec<Leave>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE l.from_date <= ?2 AND l.to_date >= ?1 AND (?3 IS NULL OR l.person_id = ?3)
         ORDER BY u.code, p.id, l.from_date"
    ))?;
    let rows = stmt.query_map(params![from, to, person_id], |r| from_row(r, cal))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A leave as its audit rows record it. Its days are counted with an empty calendar:
/// they follow the calendar, which is audited on its own, so `db check` leaves them out.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&load(conn, &Calendar::default(), id.parse().unwrap_or_default())?))
}

/// A leave type's counting as `leave types --set` records it.
pub fn leave_type_json(conn: &Connection, kind: &str) -> Result<serde_json::Value> {
    let counting: String =
        conn.prepare_cached("SELECT counting FROM leave_type WHERE type = ?1")?.query_row([kind], |r| r.get(0))?;
    Ok(serde_json::json!({ "type": kind, "counting": counting }))
}

pub(super) fn counting_of(conn: &Connection, kind: LeaveType) -> Result<Counting> {
    Ok(conn.prepare_cached("SELECT counting FROM leave_type WHERE type = ?1")?.query_row([kind], |r| r.get(0))?)
}

pub(super) fn refuse(detail: Msg) -> Error {
    Error::refused(RuleId::Art19Leave, detail)
}

/// The widest period, in dates that compare correctly as the stored YYYY-MM-DD text
/// (chrono's MIN and MAX are written with a sign and six-digit years, which sort wrongly).
pub(super) fn all_time() -> (NaiveDate, NaiveDate) {
    (year_bounds(1).0, year_bounds(9999).1)
}

pub(super) fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(), NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default())
}

/// The month `--month YYYY-MM` names, as a date range.
pub fn month_range(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = first_of_month(first);
    (first, last_of_month(first))
}

/// The year `--year Y` names, as a date range.
pub fn year_range(year: i32) -> (NaiveDate, NaiveDate) {
    year_bounds(year)
}

/// Loads a leave, lets `change` check and modify it, and audits before and after.
pub(super) fn audited(
    tx: &mut Tx,
    id: i64,
    action: &str,
    change: impl FnOnce(&mut Tx, &Leave) -> Result<()>,
) -> Result<Leave> {
    let cal = Calendar::load(tx)?;
    let before = load(tx, &cal, id)?;
    change(tx, &before)?;
    let after = load(tx, &cal, id)?;
    tx.audit("leave", id, action, Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

pub(super) fn refuse_status(l: &Leave, key: &'static str) -> Error {
    refuse(Msg::new(key).arg("id", l.id).label("status", l.status.label_key()))
}

/// Like `audited`, for a correction: its audit row carries the reason and the leave.
pub(super) fn corrected(
    tx: &mut Tx,
    id: i64,
    action: &str,
    correction: &Correction,
    change: impl FnOnce(&mut Tx, &Calendar, &Leave) -> Result<()>,
) -> Result<Leave> {
    let cal = Calendar::load(tx)?;
    let before = load(tx, &cal, id)?;
    change(tx, &cal, &before)?;
    let after = load(tx, &cal, id)?;
    tx.audit_correction("leave", id, action, (Some(&json(&before)), Some(&json(&after))), correction)?;
    Ok(after)
}

/// ART21-MONTHLY: a leave's days in a closed month are frozen with it.
pub(super) fn refuse_closed_months(conn: &Connection, months: impl IntoIterator<Item = NaiveDate>) -> Result<()> {
    for month in months {
        if crate::domain::calendar::is_month_closed(conn, month)? {
            return Err(Error::refused(
                RuleId::Art21Monthly,
                Msg::new("refuse.leave.closed-month").arg("month", month.format("%Y-%m")),
            ));
        }
    }
    Ok(())
}

/// The months whose leave days differ between two states of one leave.
pub(super) fn changed_months(cal: &Calendar, before: &Leave, after: Option<&Leave>) -> Vec<NaiveDate> {
    let taken = |l: &Leave| if l.status.holds_days() { l.taken_by_month(cal) } else { BTreeMap::new() };
    let (old, new) = (taken(before), after.map(taken).unwrap_or_default());
    let mut months: Vec<NaiveDate> = old.keys().chain(new.keys()).copied().collect();
    months.sort_unstable();
    months.dedup();
    months.retain(|m| old.get(m) != new.get(m));
    months
}

/// Whether an approved leave of the whole day covers `date` for the person.
pub fn on_leave(conn: &Connection, person_id: i64, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM leave WHERE person_id = ?1 AND status IN ('approved', 'returned') AND half IS NULL
             AND from_date <= ?2 AND to_date >= ?2 AND (returned_on IS NULL OR returned_on > ?2)",
        )?
        .query_row(params![person_id, date], |_| Ok(()))
        .optional()?
        .is_some())
}
