//! The stationing record (进驻): an assignment with its approvals, stored exceptions and
//! terms, loaded as one value; what every other part of stationing reads.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::day;
use crate::base::enums::{AssignmentStatus, Body, EndCause, Review};
use crate::base::i18n::Msg;
use crate::domain::org;
use crate::error::{Error, Result};
use crate::rules::{self, RuleId};
use crate::storage::audit::{Correction, json};
use crate::storage::store::Tx;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Approval {
    pub body: Body,
    pub doc: String,
    #[serde(serialize_with = "day::serialize")]
    pub date: NaiveDate,
    pub remark: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exception {
    pub rule: String,
    pub reason: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub seq: i64,
    #[serde(serialize_with = "day::serialize")]
    pub start: NaiveDate,
    #[serde(serialize_with = "day::serialize")]
    pub end: NaiveDate,
    pub doc: Option<String>,
}

/// An assignment with its approvals, exceptions and terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub id_number: String,
    pub unit: String,
    /// The unit's id, which an import's fingerprint names the unit by (not audited: the
    /// unit is audited by its code).
    #[serde(skip)]
    pub unit_id: i64,
    pub center: String,
    pub window: Option<String>,
    pub review: Review,
    #[serde(serialize_with = "day::serialize")]
    pub proposed_start: NaiveDate,
    /// The day it was proposed (unknown for stationings proposed before schema 8).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "day::serialize_opt")]
    pub proposed_on: Option<NaiveDate>,
    pub status: AssignmentStatus,
    #[serde(serialize_with = "day::serialize_opt")]
    pub started_on: Option<NaiveDate>,
    #[serde(serialize_with = "day::serialize_opt")]
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    /// ART11-LETTER: the unit's letter and the center's reply of an early end, or its cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_letter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_reply: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_cause: Option<EndCause>,
    pub rejected_by: Option<Body>,
    pub reject_reason: Option<String>,
    pub transfer_union: bool,
    pub transfer_party: bool,
    /// The current (last) term's end: derived from `terms`.
    #[serde(serialize_with = "day::serialize_opt")]
    pub term_end: Option<NaiveDate>,
    /// Bodies whose approval is still missing.
    pub needs: Vec<Body>,
    pub approvals: Vec<Approval>,
    pub exceptions: Vec<Exception>,
    pub terms: Vec<Term>,
}

impl Assignment {
    pub(super) fn current_term(&self) -> Option<&Term> {
        self.terms.last()
    }
}

pub(super) const SELECT: &str = "SELECT a.id, a.person_id, p.name, p.id_number, u.code, c.code, a.window, a.review,
    a.proposed_start, a.status, a.started_on, a.ended_on, a.end_reason, a.rejected_by, a.reject_reason,
    a.transfer_union, a.transfer_party, u.id, a.proposed_on, a.end_letter, a.end_reply, a.end_cause
    FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
    JOIN center c ON c.id = a.center_id";

/// An assignment by id, with everything attached to it.
pub fn load(conn: &Connection, id: i64) -> Result<Assignment> {
    let base = conn
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], |r| {
            Ok(Assignment {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person: r.get(2)?,
                id_number: r.get(3)?,
                unit: r.get(4)?,
                unit_id: r.get(17)?,
                center: r.get(5)?,
                window: r.get(6)?,
                review: r.get(7)?,
                proposed_start: r.get(8)?,
                proposed_on: r.get(18)?,
                status: r.get(9)?,
                started_on: r.get(10)?,
                ended_on: r.get(11)?,
                end_reason: r.get(12)?,
                end_letter: r.get(19)?,
                end_reply: r.get(20)?,
                end_cause: r.get(21)?,
                rejected_by: r.get(13)?,
                reject_reason: r.get(14)?,
                transfer_union: r.get(15)?,
                transfer_party: r.get(16)?,
                term_end: None,
                needs: Vec::new(),
                approvals: Vec::new(),
                exceptions: Vec::new(),
                terms: Vec::new(),
            })
        })
        .optional()?;
    let mut a = base.ok_or_else(|| unknown("assignment", id))?;
    a.approvals = conn
        .prepare_cached("SELECT body, doc, date, remark FROM approval WHERE assignment_id = ?1 ORDER BY date, body")?
        .query_map([id], |r| Ok(Approval { body: r.get(0)?, doc: r.get(1)?, date: r.get(2)?, remark: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    a.exceptions = conn
        .prepare_cached("SELECT rule, reason, detail FROM stationing_exception WHERE assignment_id = ?1 ORDER BY rule")?
        .query_map([id], |r| Ok(Exception { rule: r.get(0)?, reason: r.get(1)?, detail: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    a.terms = conn
        .prepare_cached("SELECT seq, start, end, doc FROM term WHERE assignment_id = ?1 ORDER BY seq")?
        .query_map([id], |r| Ok(Term { seq: r.get(0)?, start: r.get(1)?, end: r.get(2)?, doc: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    a.term_end = a.current_term().map(|t| t.end);
    let (_, required) = rules::required_bodies(a.review);
    if a.status == AssignmentStatus::Proposed {
        a.needs = required.iter().copied().filter(|b| !a.approvals.iter().any(|x| x.body == *b)).collect();
    }
    Ok(a)
}

pub(super) fn unknown(what: &'static str, id: impl ToString) -> Error {
    let id = id.to_string();
    let label = match what {
        "request" => "entity.request",
        _ => "entity.assignment",
    };
    Error::invalid(what, &id, Msg::new("reason.record.unknown").label("what", label).arg("id", &id))
}

/// An assignment as the audit trail records it.
/// The fields of an assignment's audited form that are other records' (the person's
/// name and ID number, the center's code): their own audit rows follow them.
pub const JOINED: &[&str] = &["person", "id_number", "center"];

pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&load(conn, id.parse().unwrap_or_default())?))
}

/// An id typed on the command line.
pub fn parse_id(field: &str, text: &str) -> Result<i64> {
    text.trim().parse::<i64>().map_err(|_| Error::invalid(field, text, Msg::new("reason.number").arg("min", 1)))
}

pub(super) fn refuse_status(rule: RuleId, a: &Assignment, key: &'static str) -> Error {
    Error::refused(rule, Msg::new(key).arg("id", a.id).label("status", a.status.label_key()))
}

/// Loads an assignment, lets `change` check and modify it, and audits before and after.
/// Like `audited`, for a correction: its audit row carries the reason and the stationing.
pub(super) fn corrected(
    tx: &mut Tx,
    id: i64,
    action: &str,
    correction: &Correction,
    change: impl FnOnce(&mut Tx, &Assignment) -> Result<()>,
) -> Result<Assignment> {
    let before = load(tx, id)?;
    change(tx, &before)?;
    let after = load(tx, id)?;
    tx.audit_correction("assignment", id, action, (Some(&json(&before)), Some(&json(&after))), correction)?;
    Ok(after)
}

pub(super) fn audited(
    tx: &mut Tx,
    id: i64,
    action: &str,
    change: impl FnOnce(&mut Tx, &Assignment) -> Result<()>,
) -> Result<Assignment> {
    let before = load(tx, id)?;
    change(tx, &before)?;
    let after = load(tx, id)?;
    tx.audit("assignment", id, action, Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// Every assignment, optionally of one status and one unit.
pub fn all(conn: &Connection, status: Option<AssignmentStatus>, unit: Option<&str>) -> Result<Vec<Assignment>> {
    let unit_id = unit.map(|u| org::resolve_unit(conn, u)).transpose()?.map(|u| u.id);
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM assignment WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR unit_id = ?2) ORDER BY id",
        )?
        .query_map(params![status, unit_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| load(conn, id)).collect()
}
