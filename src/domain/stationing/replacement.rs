//! Replacements (Art 11): the unit's letter asking for one, and the center's reply.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::approval::{mark_rejected, refuse_archived, refuse_open, refuse_overlap, soft_checks, store_exceptions};
use super::record::{audited, load, refuse_status, unknown};
use super::term::{activate, finish, refuse_pending};
use crate::base::enums::{AssignmentStatus, Body, RequestStatus};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::org;
use crate::domain::personnel::{self};
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, RuleId};
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// A unit's letter asking to replace a stationed person (ART11-LETTER).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub id: i64,
    pub assignment_id: i64,
    pub replaced: String,
    pub replacement_id: i64,
    pub replacement: String,
    pub new_assignment_id: i64,
    pub unit: String,
    pub letter: String,
    pub reason: String,
    pub effective: NaiveDate,
    pub mid_term: bool,
    pub status: RequestStatus,
    pub reply_doc: Option<String>,
    pub reply_date: Option<NaiveDate>,
    pub reject_reason: Option<String>,
}

const REQUEST_SELECT: &str = "SELECT r.id, r.assignment_id, op.name, r.replacement_id, np.name, r.new_assignment_id,
    u.code, r.letter, r.reason, r.effective, r.mid_term, r.status, r.reply_doc, r.reply_date, r.reject_reason
    FROM reassignment r JOIN assignment a ON a.id = r.assignment_id JOIN person op ON op.id = a.person_id
    JOIN person np ON np.id = r.replacement_id JOIN unit u ON u.id = a.unit_id";

fn request_row(r: &rusqlite::Row) -> rusqlite::Result<Request> {
    Ok(Request {
        id: r.get(0)?,
        assignment_id: r.get(1)?,
        replaced: r.get(2)?,
        replacement_id: r.get(3)?,
        replacement: r.get(4)?,
        new_assignment_id: r.get(5)?,
        unit: r.get(6)?,
        letter: r.get(7)?,
        reason: r.get(8)?,
        effective: r.get(9)?,
        mid_term: r.get(10)?,
        status: r.get(11)?,
        reply_doc: r.get(12)?,
        reply_date: r.get(13)?,
        reject_reason: r.get(14)?,
    })
}

/// A replacement request as its audit rows record it.
pub fn request_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(crate::storage::audit::json(&load_request(conn, id.parse().unwrap_or_default())?))
}

pub fn load_request(conn: &Connection, id: i64) -> Result<Request> {
    conn.query_row(&format!("{REQUEST_SELECT} WHERE r.id = ?1"), [id], request_row)
        .optional()?
        .ok_or_else(|| unknown("request", id))
}

/// The fields of `reassign request`.
#[derive(Debug, Clone, Copy)]
pub struct Replacement<'a> {
    pub assignment: i64,
    pub replacement: &'a str,
    pub letter: &'a str,
    pub reason: &'a str,
    pub effective: NaiveDate,
    pub exception: Option<&'a str>,
}

/// `reassign request`: the unit's letter. The replacement passes Art 6/7 like a proposal
/// and is proposed with the request; nobody is stationed before the reply.
pub fn request(tx: &mut Tx, r: Replacement) -> Result<Request> {
    let old = load(tx, r.assignment)?;
    if old.status != AssignmentStatus::Active {
        return Err(refuse_status(RuleId::Art11Letter, &old, "refuse.reassign.not-active"));
    }
    let started = old.started_on.unwrap_or(old.proposed_start);
    if r.effective <= started {
        return Err(Error::invalid(
            "date",
            r.effective,
            Msg::new("reason.end.before-start").arg("date", r.effective).arg("start", started),
        ));
    }
    refuse_pending(tx, &old)?;
    let letter = parse::text(r.letter, 100).map_err(|e| Error::invalid("letter", r.letter, e))?;
    let reason = parse::text(r.reason, 1000).map_err(|e| Error::invalid("reason", r.reason, e))?;
    let person = personnel::resolve(tx, r.replacement)?;
    refuse_archived(&person)?;
    if person.unit != old.unit {
        return Err(Error::refused(
            RuleId::Art11Letter,
            Msg::new("refuse.reassign.other-unit")
                .arg("name", &person.name)
                .arg("unit", &person.unit)
                .arg("own", &old.unit),
        ));
    }
    refuse_open(tx, &person)?;
    refuse_overlap(tx, &person, r.effective)?;
    let failed = soft_checks(&person, r.effective, r.exception, &[])?;
    let unit = org::resolve_unit(tx, &old.unit)?;
    let center = org::resolve_center(tx, Some(&old.center))?;
    tx.prepare_cached(
        "INSERT INTO assignment (person_id, center_id, unit_id, window, review, proposed_start)
         VALUES (?1, ?2, ?3, ?4, 'reply', ?5)",
    )?
    .execute(params![person.id, center.id, unit.id, old.window, r.effective])?;
    let new_id = tx.last_insert_rowid();
    store_exceptions(tx, new_id, &failed, if failed.is_empty() { None } else { r.exception })?;
    let mid_term = old.term_end.is_some_and(|end| rules::is_mid_term(r.effective, end));
    tx.prepare_cached("INSERT INTO reassignment (assignment_id, replacement_id, new_assignment_id, letter, reason, effective, mid_term)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![old.id, person.id, new_id, letter, reason, r.effective, mid_term],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit_created("assignment", new_id, "propose", &load(tx, new_id)?)?;
    let request = load_request(tx, id)?;
    tx.audit_created("reassignment", id, "request", &request)?;
    Ok(request)
}

/// `reassign reply`: the center's formal reply. Approval ends the old stationing the day
/// before the effective date and starts the replacement's term on it, in one transaction.
pub fn reply(
    tx: &mut Tx,
    id: i64,
    doc: &str,
    replied_on: NaiveDate,
    approve: bool,
    reason: Option<&str>,
) -> Result<Request> {
    let before = load_request(tx, id)?;
    if before.status != RequestStatus::Pending {
        return Err(Error::refused(
            RuleId::Art11Letter,
            Msg::new("refuse.reply.twice").arg("id", id).label("status", before.status.label_key()),
        ));
    }
    let doc = parse::text(doc, 100).map_err(|r| Error::invalid("doc", doc, r))?;
    org::check_not_future(tx, "date", replied_on)?;
    let today = replied_on;
    if approve && before.effective < replied_on {
        return Err(Error::refused(
            RuleId::Art11Letter,
            Msg::new("refuse.reply.late").arg("effective", before.effective).arg("date", replied_on),
        ));
    }
    let (status, reject_reason) = if approve {
        let last_day = before.effective.pred_opt().unwrap_or(before.effective);
        let why = Msg::new("done.replaced").arg("letter", &before.letter).arg("request", id).render(crate::Lang::Zh);
        audited(tx, before.assignment_id, "end", |tx, old| {
            if old.status != AssignmentStatus::Active {
                return Err(refuse_status(RuleId::Art11Letter, old, "refuse.reassign.not-active"));
            }
            finish(tx, old, last_day, &why)
        })?;
        audited(tx, before.new_assignment_id, "start", |tx, new| {
            tx.prepare_cached("INSERT INTO approval (assignment_id, body, doc, date) VALUES (?1, 'center', ?2, ?3)")?
                .execute(params![new.id, doc, today])?;
            tx.prepare_cached("UPDATE assignment SET status = 'approved' WHERE id = ?1")?.execute([new.id])?;
            activate(tx, new.id, before.effective, false, false)
        })?;
        (RequestStatus::Approved, None)
    } else {
        let reason = reason.unwrap_or_default();
        let reason = parse::text(reason, 1000).map_err(|r| Error::invalid("reason", reason, r))?;
        audited(tx, before.new_assignment_id, "reject", |tx, new| mark_rejected(tx, new.id, Body::Center, &reason))?;
        (RequestStatus::Rejected, Some(reason))
    };
    tx.prepare_cached(
        "UPDATE reassignment SET status = ?2, reply_doc = ?3, reply_date = ?4, reject_reason = ?5 WHERE id = ?1",
    )?
    .execute(params![id, status, doc, today, reject_reason])?;
    let after = load_request(tx, id)?;
    tx.audit("reassignment", id, "reply", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// `reassign list`.
pub fn requests(conn: &Connection, status: Option<&str>) -> Result<Table> {
    let status = status.map(|s| RequestStatus::parse_field("status", s)).transpose()?;
    let mut t = Table::new(
        Msg::new("title.requests"),
        &[
            "id",
            "unit",
            "assignment",
            "replaced",
            "replacement",
            "letter",
            "effective",
            "mid_term",
            "status",
            "reply_doc",
        ],
    );
    let mut stmt = conn.prepare(&format!("{REQUEST_SELECT} WHERE (?1 IS NULL OR r.status = ?1) ORDER BY r.id"))?;
    for r in stmt.query_map([status], request_row)? {
        let r = r?;
        t.push(vec![
            Cell::Int(r.id),
            Cell::text(r.unit),
            Cell::Int(r.assignment_id),
            Cell::text(r.replaced),
            Cell::text(r.replacement),
            Cell::text(r.letter),
            Cell::Date(r.effective),
            Cell::Bool(r.mid_term),
            Cell::Label(r.status.label_key()),
            Cell::opt_text(r.reply_doc),
        ]);
    }
    Ok(t)
}

/// `reassign show`.
pub fn show_request(conn: &Connection, id: i64) -> Result<Vec<Table>> {
    let r = load_request(conn, id)?;
    let mut t = Table::new(Msg::new("title.request").arg("id", id), &["field", "value"]);
    let rows: Vec<(&'static str, Cell)> = vec![
        ("unit", Cell::text(&r.unit)),
        ("assignment", Cell::Int(r.assignment_id)),
        ("replaced", Cell::text(&r.replaced)),
        ("replacement", Cell::text(&r.replacement)),
        ("new_assignment", Cell::Int(r.new_assignment_id)),
        ("letter", Cell::text(&r.letter)),
        ("reason", Cell::text(&r.reason)),
        ("effective", Cell::Date(r.effective)),
        ("mid_term", Cell::Bool(r.mid_term)),
        ("status", Cell::Label(r.status.label_key())),
        ("reply_doc", Cell::opt_text(r.reply_doc.clone())),
        ("reply_date", Cell::opt_date(r.reply_date)),
        ("reject_reason", Cell::opt_text(r.reject_reason.clone())),
    ];
    for (k, v) in rows {
        t.push(vec![Cell::Column(k), v]);
    }
    Ok(vec![t, crate::domain::history::of_record(conn, "reassignment", &id.to_string())?])
}
