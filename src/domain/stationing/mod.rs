//! Stationing (Art 6–13, 25): an assignment is proposed under the Art 6/7 rules, approved
//! by the bodies Art 8 or Art 9 names, started for a three-year term, renewed or ended;
//! a unit's letter asks to replace a stationed person and the center's reply decides
//! (Art 11); each unit has at most one chief representative (Art 12, 13).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::{AssignmentStatus, Body, Power, RequestStatus, Review};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::org;
use crate::domain::personnel::{self, Person};
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, Check, RuleId};
use crate::storage::audit::json;
use crate::storage::store::Tx;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Approval {
    pub body: Body,
    pub doc: String,
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
    pub start: NaiveDate,
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
    pub center: String,
    pub window: Option<String>,
    pub review: Review,
    pub proposed_start: NaiveDate,
    pub status: AssignmentStatus,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub rejected_by: Option<Body>,
    pub reject_reason: Option<String>,
    pub transfer_union: bool,
    pub transfer_party: bool,
    /// The current (last) term's end: derived from `terms`.
    pub term_end: Option<NaiveDate>,
    /// Bodies whose approval is still missing.
    pub needs: Vec<Body>,
    pub approvals: Vec<Approval>,
    pub exceptions: Vec<Exception>,
    pub terms: Vec<Term>,
}

impl Assignment {
    fn current_term(&self) -> Option<&Term> {
        self.terms.last()
    }
}

const SELECT: &str = "SELECT a.id, a.person_id, p.name, p.id_number, u.code, c.code, a.window, a.review,
    a.proposed_start, a.status, a.started_on, a.ended_on, a.end_reason, a.rejected_by, a.reject_reason,
    a.transfer_union, a.transfer_party, u.id
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
                center: r.get(5)?,
                window: r.get(6)?,
                review: r.get(7)?,
                proposed_start: r.get(8)?,
                status: r.get(9)?,
                started_on: r.get(10)?,
                ended_on: r.get(11)?,
                end_reason: r.get(12)?,
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

fn unknown(what: &'static str, id: impl ToString) -> Error {
    let id = id.to_string();
    Error::invalid(what, &id, Msg::new("reason.record.unknown").arg("what", what).arg("id", &id))
}

/// An assignment as the audit trail records it.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&load(conn, id.parse().unwrap_or_default())?))
}

/// An id typed on the command line.
pub fn parse_id(field: &str, text: &str) -> Result<i64> {
    text.trim().parse::<i64>().map_err(|_| Error::invalid(field, text, Msg::new("reason.number").arg("min", 1)))
}

fn refuse_open(conn: &Connection, person: &Person) -> Result<()> {
    if let Some((id, status)) = personnel::open_stationing(conn, person.id)? {
        return Err(Error::refused(
            RuleId::Art11Term,
            Msg::new("refuse.open-assignment")
                .arg("name", &person.name)
                .arg("id", id)
                .label("status", status.label_key()),
        ));
    }
    Ok(())
}

/// ART11-TERM in time: a new stationing starts after the person's last one ended.
fn refuse_overlap(conn: &Connection, person: &Person, start: NaiveDate) -> Result<()> {
    let last: Option<NaiveDate> = conn
        .prepare_cached("SELECT max(ended_on) FROM assignment WHERE person_id = ?1 AND started_on IS NOT NULL")?
        .query_row([person.id], |r| r.get(0))?;
    match last {
        Some(last) if start <= last => Err(Error::refused(
            RuleId::Art11Term,
            Msg::new("refuse.overlap").arg("name", &person.name).arg("date", start).arg("last", last),
        )),
        _ => Ok(()),
    }
}

fn refuse_archived(person: &Person) -> Result<()> {
    match person.archived_on {
        Some(on) => Err(Error::refused(
            RuleId::Art7Estab,
            Msg::new("refuse.archived").arg("name", &person.name).arg("date", on),
        )),
        None => Ok(()),
    }
}

/// The soft checks for a stationing on `on`: refused without an exception reason, stored
/// with it. Returns the checks that failed (to store), and refuses those not covered.
fn soft_checks(person: &Person, on: NaiveDate, exception: Option<&str>, covered: &[Exception]) -> Result<Vec<Check>> {
    let failed: Vec<Check> = person
        .checks_on(on)
        .into_iter()
        .filter(|c| c.failed() && !covered.iter().any(|e| e.rule == c.rule.id()))
        .collect();
    let has_reason = exception.is_some_and(|r| !r.trim().is_empty());
    match Error::soft_refusal(&failed) {
        Some(refusal) if !has_reason => Err(refusal),
        _ => Ok(failed),
    }
}

fn store_exceptions(tx: &Tx, id: i64, failed: &[Check], reason: Option<&str>) -> Result<()> {
    let Some(reason) = reason else { return Ok(()) };
    let reason = parse::text(reason, 1000).map_err(|r| Error::invalid("exception", reason, r))?;
    for c in failed {
        tx.prepare_cached(
            "INSERT INTO stationing_exception (assignment_id, rule, reason, detail) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (assignment_id, rule) DO UPDATE SET reason = excluded.reason, detail = excluded.detail",
        )?
        .execute(params![id, c.rule.id(), reason, c.detail.render(crate::Lang::En)])?;
    }
    Ok(())
}

/// `assign propose`: checks Art 6/7 on the start date and proposes the stationing; the
/// approvals it needs follow from Art 8 or Art 9.
pub fn propose(
    tx: &mut Tx,
    person_key: &str,
    start: NaiveDate,
    center: Option<&str>,
    window: Option<&str>,
    exception: Option<&str>,
) -> Result<Assignment> {
    let person = personnel::resolve(tx, person_key)?;
    refuse_archived(&person)?;
    let center = match org::resolve_center(tx, center) {
        Ok(c) => c,
        Err(_) => {
            let code = center.unwrap_or_default();
            return Err(Error::refused(RuleId::Art25Centers, Msg::new("reason.center.unknown").arg("center", code)));
        }
    };
    refuse_open(tx, &person)?;
    refuse_overlap(tx, &person, start)?;
    let failed = soft_checks(&person, start, exception, &[])?;
    let unit = org::resolve_unit(tx, &person.unit)?;
    let window = window.map(|w| parse::optional_text(w, 50).map_err(|r| Error::invalid("window", w, r))).transpose()?;
    let review = rules::review_for(person.establishment, unit.kind);
    tx.prepare_cached(
        "INSERT INTO assignment (person_id, center_id, unit_id, window, review, proposed_start)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![person.id, center.id, unit.id, window.flatten(), review, start])?;
    let id = tx.last_insert_rowid();
    store_exceptions(tx, id, &failed, if failed.is_empty() { None } else { exception })?;
    let a = load(tx, id)?;
    tx.audit_created("assignment", id, "propose", &a)?;
    Ok(a)
}

fn refuse_status(rule: RuleId, a: &Assignment, key: &'static str) -> Error {
    Error::refused(rule, Msg::new(key).arg("id", a.id).label("status", a.status.label_key()))
}

/// Loads an assignment, lets `change` check and modify it, and audits before and after.
fn audited(
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

fn bodies_list(bodies: &[Body]) -> String {
    bodies.iter().map(|b| b.key()).collect::<Vec<_>>().join(", ")
}

/// The rule under which `body` decides on `a`, or the refusal: replacements are decided by
/// the reply (Art 11), and only the bodies of Art 8 or Art 9 decide the others.
fn deciding_body(a: &Assignment, by: &str) -> Result<(RuleId, Body)> {
    let body = Body::parse_field("by", by)?;
    let (rule, required) = rules::required_bodies(a.review);
    if a.review == Review::Reply {
        return Err(Error::refused(rule, Msg::new("refuse.approve.by-reply").arg("id", a.id)));
    }
    if !required.contains(&body) {
        return Err(Error::refused(
            rule,
            Msg::new("refuse.approve.not-required")
                .label("body", body.label_key())
                .arg("required", bodies_list(required)),
        ));
    }
    Ok((rule, body))
}

/// `assign approve`: one required body's approval; when all are in, the assignment is
/// approved (ART8-REVIEW, ART9-COLLECTIVE).
pub fn approve(tx: &mut Tx, id: i64, by: &str, doc: &str, date: NaiveDate, remark: Option<&str>) -> Result<Assignment> {
    audited(tx, id, "approve", |tx, before| {
        let (rule, body) = deciding_body(before, by)?;
        if before.status != AssignmentStatus::Proposed {
            return Err(refuse_status(rule, before, "refuse.approve.status"));
        }
        if let Some(prior) = before.approvals.iter().find(|a| a.body == body) {
            return Err(Error::refused(
                rule,
                Msg::new("refuse.approve.twice")
                    .label("body", body.label_key())
                    .arg("doc", &prior.doc)
                    .arg("date", prior.date),
            ));
        }
        let doc = parse::text(doc, 100).map_err(|r| Error::invalid("doc", doc, r))?;
        let remark =
            remark.map(|r| parse::optional_text(r, 1000).map_err(|e| Error::invalid("remark", r, e))).transpose()?;
        org::check_not_future(tx, "date", date)?;
        tx.prepare_cached("INSERT INTO approval (assignment_id, body, doc, date, remark) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![id, body, doc, date, remark.flatten()])?;
        if before.needs.len() == 1 {
            tx.prepare_cached("UPDATE assignment SET status = 'approved' WHERE id = ?1")?.execute([id])?;
        }
        Ok(())
    })
}

/// `assign reject`: a required body refuses the proposal.
pub fn reject(tx: &mut Tx, id: i64, by: &str, reason: &str) -> Result<Assignment> {
    audited(tx, id, "reject", |tx, before| {
        let (rule, body) = deciding_body(before, by)?;
        if !matches!(before.status, AssignmentStatus::Proposed | AssignmentStatus::Approved) {
            return Err(refuse_status(rule, before, "refuse.reject.status"));
        }
        let reason = parse::text(reason, 1000).map_err(|r| Error::invalid("reason", reason, r))?;
        mark_rejected(tx, id, body, &reason)
    })
}

fn mark_rejected(tx: &Tx, id: i64, body: Body, reason: &str) -> Result<()> {
    tx.prepare_cached("UPDATE assignment SET status = 'rejected', rejected_by = ?2, reject_reason = ?3 WHERE id = ?1")?
        .execute(params![id, body, reason])?;
    Ok(())
}

/// Makes an approved assignment active from `on` with its first term.
fn activate(tx: &Tx, id: i64, on: NaiveDate, transfer_union: bool, transfer_party: bool) -> Result<()> {
    tx.prepare_cached("UPDATE assignment SET status = 'active', started_on = ?2, transfer_union = ?3, transfer_party = ?4 WHERE id = ?1")?.execute(params![id, on, transfer_union, transfer_party],
    )?;
    tx.prepare_cached("INSERT INTO term (assignment_id, seq, start, end) VALUES (?1, 1, ?2, ?3)")?.execute(params![
        id,
        on,
        rules::term_end(on)
    ])?;
    Ok(())
}

/// `assign start`: only a fully approved assignment starts (ART8-REVIEW / ART9-COLLECTIVE),
/// not before its last approval, with Art 6/7 checked again on the actual start date.
pub fn start(
    tx: &mut Tx,
    id: i64,
    on: Option<NaiveDate>,
    transfer_union: bool,
    transfer_party: bool,
    exception: Option<&str>,
) -> Result<Assignment> {
    audited(tx, id, "start", |tx, before| {
        let (rule, _) = rules::required_bodies(before.review);
        match before.status {
            AssignmentStatus::Approved => {}
            AssignmentStatus::Proposed => {
                return Err(Error::refused(
                    rule,
                    Msg::new("refuse.start.missing").arg("id", id).arg("missing", bodies_list(&before.needs)),
                ));
            }
            _ => return Err(refuse_status(RuleId::Art11Term, before, "refuse.start.status")),
        }
        let on = on.unwrap_or(before.proposed_start);
        if let Some(last) = before.approvals.iter().map(|a| a.date).max().filter(|d| *d > on) {
            return Err(Error::refused(
                rule,
                Msg::new("refuse.start.before-approval").arg("date", on).arg("approved", last),
            ));
        }
        let person = personnel::resolve(tx, &before.person_id.to_string())?;
        refuse_archived(&person)?;
        refuse_overlap(tx, &person, on)?;
        if transfer_party && !person.party_member {
            return Err(Error::refused(
                RuleId::Art8Transfer,
                Msg::new("refuse.transfer.party").arg("name", &person.name),
            ));
        }
        if transfer_union && !person.union_member {
            return Err(Error::refused(
                RuleId::Art8Transfer,
                Msg::new("refuse.transfer.union").arg("name", &person.name),
            ));
        }
        let failed = soft_checks(&person, on, exception, &before.exceptions)?;
        store_exceptions(tx, id, &failed, if failed.is_empty() { None } else { exception })?;
        activate(tx, id, on, transfer_union, transfer_party)
    })
}

fn pending_request_of(conn: &Connection, assignment_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM reassignment WHERE assignment_id = ?1 AND status = 'pending'")?
        .query_row([assignment_id], |r| r.get(0))
        .optional()?)
}

fn refuse_pending(conn: &Connection, a: &Assignment) -> Result<()> {
    if let Some(request) = pending_request_of(conn, a.id)? {
        return Err(Error::refused(
            RuleId::Art11Letter,
            Msg::new("refuse.pending-request").arg("id", a.id).arg("request", request),
        ));
    }
    Ok(())
}

/// `assign renew`: at or after the term's end, a further three-year term (ART11-TERM).
pub fn renew(tx: &mut Tx, id: i64, doc: &str) -> Result<Assignment> {
    audited(tx, id, "renew", |tx, before| {
        let term = before
            .current_term()
            .filter(|_| before.status == AssignmentStatus::Active)
            .cloned()
            .ok_or_else(|| refuse_status(RuleId::Art11Term, before, "refuse.renew.status"))?;
        if !rules::renewable(tx.ctx.today, term.end) {
            return Err(Error::refused(
                RuleId::Art11Term,
                Msg::new("refuse.renew.early").arg("id", id).arg("end", term.end).arg("today", tx.ctx.today),
            ));
        }
        refuse_pending(tx, before)?;
        let doc = parse::text(doc, 100).map_err(|r| Error::invalid("doc", doc, r))?;
        let start = term.end.succ_opt().unwrap_or(term.end);
        tx.prepare_cached("INSERT INTO term (assignment_id, seq, start, end, doc) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![id, term.seq + 1, start, rules::term_end(start), doc])?;
        Ok(())
    })
}

/// Ends an active assignment with `last_day` as its last day stationed, and any chief
/// authorisation held under it (the unit has no chief from the next day).
fn finish(tx: &mut Tx, a: &Assignment, last_day: NaiveDate, reason: &str) -> Result<()> {
    tx.prepare_cached("UPDATE assignment SET status = 'ended', ended_on = ?2, end_reason = ?3 WHERE id = ?1")?
        .execute(params![a.id, last_day, reason])?;
    let open_chief: Option<i64> = tx
        .prepare_cached("SELECT id FROM chief WHERE assignment_id = ?1 AND to_date IS NULL")?
        .query_row([a.id], |r| r.get(0))
        .optional()?;
    if let Some(chief_id) = open_chief {
        let before = chief_json(tx, chief_id)?;
        tx.prepare_cached("UPDATE chief SET to_date = ?2 WHERE id = ?1")?.execute(params![chief_id, last_day])?;
        tx.audit("chief", chief_id, "end", Some(&before), Some(&chief_json(tx, chief_id)?))?;
    }
    Ok(())
}

/// `assign end`: the last day of an active stationing.
pub fn end(tx: &mut Tx, id: i64, last_day: NaiveDate, reason: &str) -> Result<Assignment> {
    audited(tx, id, "end", |tx, before| {
        if before.status != AssignmentStatus::Active {
            return Err(refuse_status(RuleId::Art11Term, before, "refuse.end.status"));
        }
        let started = before.started_on.unwrap_or(before.proposed_start);
        if last_day < started {
            return Err(Error::invalid(
                "date",
                last_day,
                Msg::new("reason.end.before-start").arg("date", last_day).arg("start", started),
            ));
        }
        refuse_pending(tx, before)?;
        let reason = parse::text(reason, 1000).map_err(|r| Error::invalid("reason", reason, r))?;
        finish(tx, before, last_day, &reason)
    })
}

/// A chief representative's authorisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chief {
    pub id: i64,
    pub unit: String,
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
    })
}

const CHIEF_SELECT: &str = "SELECT ch.id, u.code, ch.person_id, p.name, ch.assignment_id, ch.doc, ch.powers,
    ch.from_date, ch.to_date FROM chief ch JOIN unit u ON u.id = ch.unit_id JOIN person p ON p.id = ch.person_id";

fn chief_json(conn: &Connection, id: i64) -> Result<serde_json::Value> {
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
    rules::check_chief_position(person.position, person.filed).map_err(|m| Error::refused(RuleId::Art12Chief, m))?;
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

const LIST_COLUMNS: &[&str] = &[
    "id",
    "name",
    "id_number",
    "unit",
    "center",
    "window",
    "review",
    "status",
    "proposed_start",
    "started_on",
    "term_end",
    "ended_on",
    "needs",
    "exceptions",
];

fn list_row(a: &Assignment) -> Vec<Cell> {
    vec![
        Cell::Int(a.id),
        Cell::text(&a.person),
        Cell::IdNumber(a.id_number.clone()),
        Cell::text(&a.unit),
        Cell::text(&a.center),
        Cell::opt_text(a.window.clone()),
        Cell::Label(a.review.label_key()),
        Cell::Label(a.status.label_key()),
        Cell::Date(a.proposed_start),
        Cell::opt_date(a.started_on),
        Cell::opt_date(a.term_end),
        Cell::opt_date(a.ended_on),
        Cell::Message(Msg::new("list.items").labels("items", a.needs.iter().map(|b| b.label_key()).collect())),
        Cell::Text(a.exceptions.iter().map(|e| e.rule.as_str()).collect::<Vec<_>>().join(", ")),
    ]
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

/// `assign list`.
pub fn list(conn: &Connection, status: Option<&str>, unit: Option<&str>) -> Result<Table> {
    let status = status.map(|s| AssignmentStatus::parse_field("status", s)).transpose()?;
    let mut t = Table::new(Msg::new("title.assignments"), LIST_COLUMNS);
    for a in all(conn, status, unit)? {
        t.push(list_row(&a));
    }
    Ok(t)
}

/// `assign show`: the assignment, its approvals, exceptions, terms, chief authorisations
/// and its history from the audit log.
pub fn show(conn: &Connection, id: i64) -> Result<Vec<Table>> {
    let a = load(conn, id)?;
    let mut details =
        Table::new(Msg::new("title.assignment").arg("id", id).arg("name", &a.person), &["field", "value"]);
    for (key, cell) in LIST_COLUMNS.iter().zip(list_row(&a)) {
        details.push(vec![Cell::Column(key), cell]);
    }
    for (key, value) in [("end_reason", &a.end_reason), ("reject_reason", &a.reject_reason)] {
        if let Some(v) = value {
            details.push(vec![Cell::Column(key), Cell::text(v)]);
        }
    }
    details.push(vec![Cell::Column("transfer_union"), Cell::Bool(a.transfer_union)]);
    details.push(vec![Cell::Column("transfer_party"), Cell::Bool(a.transfer_party)]);

    let mut approvals = Table::new(Msg::new("title.approvals"), &["body", "doc", "date", "remark"]);
    for ap in &a.approvals {
        approvals.push(vec![
            Cell::Label(ap.body.label_key()),
            Cell::text(&ap.doc),
            Cell::Date(ap.date),
            Cell::opt_text(ap.remark.clone()),
        ]);
    }
    let mut exceptions = Table::new(Msg::new("title.exceptions"), &["rule", "reason", "detail"]);
    // The figures in the user's language, as they were on the stationing's date; the stored
    // text (English) stays the record and is shown if the person's data changed since.
    let person = personnel::resolve(conn, &a.person_id.to_string())?;
    let checks = person.checks_on(a.started_on.unwrap_or(a.proposed_start));
    for e in &a.exceptions {
        let detail = checks
            .iter()
            .find(|c| c.failed() && c.rule.id() == e.rule)
            .map_or_else(|| Cell::text(&e.detail), |c| Cell::Message(c.detail.clone()));
        exceptions.push(vec![Cell::text(&e.rule), Cell::text(&e.reason), detail]);
    }
    let mut terms = Table::new(Msg::new("title.terms-of"), &["seq", "term_start", "term_end", "doc"]);
    for t in &a.terms {
        terms.push(vec![Cell::Int(t.seq), Cell::Date(t.start), Cell::Date(t.end), Cell::opt_text(t.doc.clone())]);
    }
    let mut chiefs = chief_table(conn, Some(id))?;
    chiefs.title = Msg::new("title.chiefs");
    let history = crate::storage::audit::history(conn, "assignment", &id.to_string())?;
    Ok(vec![details, approvals, exceptions, terms, chiefs, history])
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
    Ok(vec![t, crate::storage::audit::history(conn, "reassignment", &id.to_string())?])
}

/// A person's stationing history, for `personnel show`.
pub fn history_of_person(conn: &Connection, person_id: i64) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.stationing-history"), LIST_COLUMNS);
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM assignment WHERE person_id = ?1 ORDER BY proposed_start, id")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        t.push(list_row(&load(conn, id)?));
    }
    Ok(t)
}

/// The columns of `assign import`: an existing roster moved into jinzhu.
pub const IMPORT_COLUMNS: &[crate::io::sheet::ColumnSpec] = &[
    crate::io::sheet::ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    crate::io::sheet::ColumnSpec { key: "start", required: true, aliases: &["进驻日期", "started_on"] },
    crate::io::sheet::ColumnSpec { key: "center", required: false, aliases: &["中心代码"] },
    crate::io::sheet::ColumnSpec { key: "window", required: false, aliases: &["窗口号"] },
    crate::io::sheet::ColumnSpec { key: "center_doc", required: false, aliases: &["中心审核文号"] },
    crate::io::sheet::ColumnSpec { key: "org_dept_doc", required: false, aliases: &["组织人事部门文号"] },
    crate::io::sheet::ColumnSpec { key: "gsmo_doc", required: false, aliases: &["政务服务管理办公室文号"] },
    crate::io::sheet::ColumnSpec { key: "approved_on", required: false, aliases: &["审核日期"] },
    crate::io::sheet::ColumnSpec { key: "exception", required: false, aliases: &["例外理由"] },
];

/// What a row-level error says in an import report: a refusal with its rule and article,
/// or the reason of a bad value.
fn row_reason(e: Error) -> std::result::Result<Msg, Error> {
    match e {
        Error::Refused { mut refusals, .. } if !refusals.is_empty() => {
            let (rule, detail) = refusals.remove(0);
            Ok(Msg::new("error.refused")
                .arg("rule", rule.id())
                .arg("article", crate::base::i18n::article(rule.article()))
                .nested("detail", detail))
        }
        Error::Invalid { reason, .. } => Ok(reason),
        other => Err(other),
    }
}

/// `assign import`: stations every row's person (proposal with Art 6/7, the approvals the
/// review needs with the given documents, the start), or nobody; every bad row reported.
pub fn import(
    tx: &mut Tx,
    input: crate::io::sheet::Input,
    encoding: crate::io::sheet::Encoding,
    sheet_name: Option<&str>,
) -> Result<crate::io::sheet::ImportSummary> {
    let mut inserted = 0;
    let mut summary = crate::io::sheet::import_rows(input, encoding, sheet_name, IMPORT_COLUMNS, |row| {
        let Some(start) = parse::date(row.get(1)).map_err(|r| row.fail(1, r)).ok() else { return Ok(()) };
        let approved_on = match row.get(7) {
            "" => Some(start.min(tx.ctx.today)),
            d => parse::date(d).map_err(|r| row.fail(7, r)).ok(),
        };
        let Some(approved_on) = approved_on else { return Ok(()) };
        let (id_number, center, window, exception) =
            (row.get(0).to_string(), row.get(2).to_string(), row.get(3).to_string(), row.get(8).to_string());
        let proposed = propose(
            tx,
            &id_number,
            start,
            (!center.is_empty()).then_some(center.as_str()),
            (!window.is_empty()).then_some(window.as_str()),
            (!exception.is_empty()).then_some(exception.as_str()),
        );
        let a = match proposed {
            Ok(a) => a,
            Err(e) => {
                row.fail(0, row_reason(e)?);
                return Ok(());
            }
        };
        for body in a.needs.clone() {
            let column = match body {
                Body::Center => 4,
                Body::OrgDept => 5,
                Body::Gsmo => 6,
            };
            let doc = row.get(column).to_string();
            if doc.is_empty() {
                row.fail(column, Msg::new("reason.required"));
                continue;
            }
            if let Err(e) = approve(tx, a.id, body.key(), &doc, approved_on, None) {
                row.fail(column, row_reason(e)?);
            }
        }
        if row.is_ok() {
            match start_assignment(tx, a.id, start) {
                Ok(_) => inserted += 1,
                Err(e) => row.fail(1, row_reason(e)?),
            }
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}

fn start_assignment(tx: &mut Tx, id: i64, on: NaiveDate) -> Result<Assignment> {
    start(tx, id, Some(on), false, false, None)
}
