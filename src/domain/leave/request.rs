//! Requesting and editing a leave (ART19-LEAVE): within the person's stationing, never
//! overlapping another (the morning and afternoon of one day are two halves), counted by
//! the type's rule, never in a closed month.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::balance::check_annual;
use super::record::{Leave, audited, counting_of, in_period, load, refuse, refuse_closed_months, refuse_status};
use crate::base::enums::{Half, LeaveStatus, LeaveType};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::Calendar;
use crate::domain::personnel::{self, Person};
use crate::error::{Error, ParseField, Result};
use crate::rules::{self, RuleId};
use crate::storage::store::Tx;

/// What `leave request` is given.
#[derive(Debug, Clone, Copy)]
pub struct NewLeave<'a> {
    pub person: &'a str,
    pub kind: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub half: Option<&'a str>,
    pub reason: &'a str,
}

/// A leave as requested, checked against every rule, ready to store.
struct Checked {
    person: Person,
    assignment: i64,
    kind: LeaveType,
    half: Option<Half>,
    reason: String,
}

/// Every rule a leave request must pass; `replacing` is the pending leave an edit
/// changes, which neither overlaps nor spends the balance of its new self.
fn check_request(tx: &Tx, cal: &Calendar, n: NewLeave, replacing: Option<i64>) -> Result<Checked> {
    let person = personnel::resolve(tx, n.person)?;
    let kind = LeaveType::parse_field("type", n.kind)?;
    let half = n.half.map(|h| Half::parse_field("half", h)).transpose()?;
    let reason = parse::text(n.reason, 500).map_err(|r| Error::invalid("reason", n.reason, r))?;
    rules::check_leave_span(n.from, n.to, half.is_some()).map_err(refuse)?;
    rules::leave_type_allowed(kind, person.sex).map_err(refuse)?;
    let assignment = covering_assignment(tx, &person, n.from, n.to)?;
    cal.require_years(n.from, n.to, RuleId::Art19Leave)?;
    if let Some(other) = overlapping(tx, cal, &person, (n.from, n.to, half), replacing)? {
        return Err(refuse(
            Msg::new("refuse.leave.overlap")
                .arg("id", other.id)
                .arg("from", other.from)
                .arg("to", other.effective_to().unwrap_or(other.to))
                .label("status", other.status.label_key()),
        ));
    }
    let counting = counting_of(tx, kind)?;
    let days = cal.count(n.from, n.to, counting, half);
    if days == 0.0 {
        return Err(Error::invalid(
            "from",
            n.from,
            Msg::new("reason.leave.no-days").label("counting", counting.label_key()),
        ));
    }
    refuse_closed_months(tx, cal.by_month(n.from, n.to, counting, half).keys().copied())?;
    if kind == LeaveType::Annual {
        check_annual(tx, cal, &person, (n.from, n.to), counting, half, replacing)?;
    }
    Ok(Checked { person, assignment, kind, half, reason })
}

/// `leave request`: ART19-LEAVE and the annual entitlement.
pub fn request(tx: &mut Tx, n: NewLeave) -> Result<Leave> {
    let cal = Calendar::load(tx)?;
    let c = check_request(tx, &cal, n, None)?;
    tx.prepare_cached(
        "INSERT INTO leave (person_id, assignment_id, type, from_date, to_date, half, reason, requested_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![c.person.id, c.assignment, c.kind, n.from, n.to, c.half, c.reason, tx.ctx.today])?;
    let leave = load(tx, &cal, tx.last_insert_rowid())?;
    tx.audit_created("leave", leave.id, "request", &leave)?;
    Ok(leave)
}

/// What `leave edit` changes of a pending leave; `None` keeps the field.
#[derive(Debug, Clone, Copy, Default)]
pub struct LeaveEdit<'a> {
    pub kind: Option<&'a str>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `Some("")` removes the half day.
    pub half: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// `leave edit`: a pending leave changed, every rule checked again as for a new request.
pub fn edit(tx: &mut Tx, id: i64, e: LeaveEdit) -> Result<Leave> {
    audited(tx, id, "edit", |tx, before| {
        if before.status != LeaveStatus::Pending {
            return Err(refuse_status(before, "refuse.leave.edit"));
        }
        let cal = Calendar::load(tx)?;
        let person = before.person_id.to_string();
        let half = match e.half {
            Some(h) if h.trim().is_empty() => None,
            Some(h) => Some(h),
            None => before.half.map(|h| h.key()),
        };
        let n = NewLeave {
            person: &person,
            kind: e.kind.unwrap_or(before.kind.key()),
            from: e.from.unwrap_or(before.from),
            to: e.to.unwrap_or(before.to),
            half,
            reason: e.reason.unwrap_or(&before.reason),
        };
        let c = check_request(tx, &cal, n, Some(id))?;
        tx.prepare_cached(
            "UPDATE leave SET assignment_id = ?2, type = ?3, from_date = ?4, to_date = ?5, half = ?6, reason = ?7
             WHERE id = ?1",
        )?
        .execute(params![id, c.assignment, c.kind, n.from, n.to, c.half, c.reason])?;
        Ok(())
    })
}

/// ART19-LEAVE: the stationing that covers every day of the leave.
fn covering_assignment(conn: &Connection, person: &Person, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM assignment WHERE person_id = ?1 AND status IN ('active', 'ended')
             AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?3)",
        )?
        .query_row(params![person.id, from, to], |r| r.get(0))
        .optional()?;
    found.ok_or_else(|| {
        refuse(Msg::new("refuse.leave.not-stationed").arg("name", &person.name).arg("from", from).arg("to", to))
    })
}

/// ART19-LEAVE: a pending, approved or taken leave of the person that shares a day (the
/// morning and the afternoon of one day are two halves that do not overlap), other than
/// the leave `except`.
fn overlapping(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    (from, to, half): (NaiveDate, NaiveDate, Option<Half>),
    except: Option<i64>,
) -> Result<Option<Leave>> {
    let other_half = |l: &Leave| matches!((l.half, half), (Some(a), Some(b)) if a != b);
    Ok(in_period(conn, cal, from, to, Some(person.id))?.into_iter().find(|l| {
        Some(l.id) != except
            && l.status.holds_days()
            && l.effective_to().is_some_and(|end| end >= from)
            && !other_half(l)
    }))
}
