//! From proposal to approval (Art 6–9): the entry conditions checked, exceptions stored,
//! and the approvals the review needs, each by its body with its document.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::record::{Approval, Assignment, Exception, audited, corrected, load, refuse_status};
use crate::base::day::Day;
use crate::base::enums::{AssignmentStatus, Body, Review};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::org;
use crate::domain::personnel::{self, Person};
use crate::error::{Error, ParseField, Result};
use crate::rules::{self, Check, RuleId};
use crate::storage::audit::Correction;
use crate::storage::store::Tx;

pub(super) fn refuse_open(conn: &Connection, person: &Person) -> Result<()> {
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
pub(super) fn refuse_overlap(conn: &Connection, person: &Person, start: NaiveDate) -> Result<()> {
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

pub(super) fn refuse_archived(person: &Person) -> Result<()> {
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
pub(super) fn soft_checks(
    person: &Person,
    on: NaiveDate,
    exception: Option<&str>,
    covered: &[Exception],
) -> Result<Vec<Check>> {
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

pub(super) fn store_exceptions(tx: &Tx, id: i64, failed: &[Check], reason: Option<&str>) -> Result<()> {
    insert_exceptions(tx, id, &exceptions_for(failed, reason)?)
}

/// The soft checks that failed, as stored with the operator's reason (none without one).
pub(super) fn exceptions_for(failed: &[Check], reason: Option<&str>) -> Result<Vec<Exception>> {
    let Some(reason) = reason else { return Ok(Vec::new()) };
    let reason = parse::text(reason, 1000).map_err(|r| Error::invalid("exception", reason, r))?;
    let mut stored: Vec<Exception> = failed
        .iter()
        .map(|c| Exception {
            rule: c.rule.id().to_string(),
            reason: reason.clone(),
            detail: c.detail.render(crate::Lang::En),
        })
        .collect();
    stored.sort_by(|a, b| a.rule.cmp(&b.rule));
    Ok(stored)
}

pub(super) fn insert_exceptions(tx: &Tx, id: i64, exceptions: &[Exception]) -> Result<()> {
    for e in exceptions {
        tx.prepare_cached(
            "INSERT INTO stationing_exception (assignment_id, rule, reason, detail) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (assignment_id, rule) DO UPDATE SET reason = excluded.reason, detail = excluded.detail",
        )?
        .execute(params![id, e.rule, e.reason, e.detail])?;
    }
    Ok(())
}

/// A stationing whose proposal passed every rule (the center, Art 6/7 on its start,
/// ART11-TERM), not yet written: what `propose` stores and an import stations.
pub(super) struct Proposal {
    pub person: Person,
    pub center: org::Center,
    pub unit: org::Unit,
    pub window: Option<String>,
    pub review: Review,
    pub start: NaiveDate,
    pub proposed_on: NaiveDate,
    pub exceptions: Vec<Exception>,
}

impl Proposal {
    /// The stationing as `load` reads it once proposed, before it has an id.
    pub(super) fn draft(&self) -> Assignment {
        let (_, required) = rules::required_bodies(self.review);
        Assignment {
            id: 0,
            person_id: self.person.id,
            person: self.person.name.clone(),
            id_number: self.person.id_number.clone(),
            unit: self.unit.code.clone(),
            unit_id: self.unit.id,
            center: self.center.code.clone(),
            window: self.window.clone(),
            review: self.review,
            proposed_start: self.start,
            proposed_on: Some(self.proposed_on),
            status: AssignmentStatus::Proposed,
            started_on: None,
            ended_on: None,
            end_reason: None,
            end_letter: None,
            end_reply: None,
            end_cause: None,
            rejected_by: None,
            reject_reason: None,
            transfer_union: false,
            transfer_party: false,
            term_end: None,
            needs: required.to_vec(),
            approvals: Vec::new(),
            exceptions: self.exceptions.clone(),
            terms: Vec::new(),
        }
    }

    /// Writes the stationing with `status` (and the day it started, once active) and its
    /// exceptions; returns its id.
    pub(super) fn insert(&self, tx: &Tx, status: AssignmentStatus, started_on: Option<NaiveDate>) -> Result<i64> {
        // OR FAIL, with the deferred foreign keys of schema 15, spares SQLite a statement
        // journal; a failed write still rolls its whole transaction back.
        tx.prepare_cached(
            "INSERT OR FAIL INTO assignment (person_id, center_id, unit_id, window, review, proposed_start, proposed_on, status, started_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            self.person.id,
            self.center.id,
            self.unit.id,
            self.window,
            self.review,
            Day::of(self.start),
            Day::of(self.proposed_on),
            status,
            Day::of_opt(started_on)
        ])?;
        let id = tx.last_insert_rowid();
        insert_exceptions(tx, id, &self.exceptions)?;
        Ok(id)
    }
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
    proposed_on: Option<NaiveDate>,
) -> Result<Assignment> {
    let asked = Asked { person: person_key, start, center, window, exception, proposed_on };
    let proposal = checked_proposal(tx, &mut Places::default(), &asked)?;
    let id = proposal.insert(tx, AssignmentStatus::Proposed, None)?;
    let a = load(tx, id)?;
    tx.audit_created("assignment", id, "propose", &a)?;
    Ok(a)
}

/// A stationing as asked for: whom (ID number or id), from when, where, with which
/// exception reason, proposed on which day (today when not given).
pub(super) struct Asked<'a> {
    pub person: &'a str,
    pub start: NaiveDate,
    pub center: Option<&'a str>,
    pub window: Option<&'a str>,
    pub exception: Option<&'a str>,
    pub proposed_on: Option<NaiveDate>,
}

/// The centers and units proposals name, each read once: a file of stationings names
/// the same few hundred many times over.
#[derive(Default)]
pub(super) struct Places {
    centers: HashMap<Option<String>, org::Center>,
    units: HashMap<String, org::Unit>,
}

impl Places {
    fn center(&mut self, conn: &Connection, code: Option<&str>) -> Result<org::Center> {
        let key = code.map(str::to_string);
        if let Some(c) = self.centers.get(&key) {
            return Ok(c.clone());
        }
        let found = org::resolve_center(conn, code)?;
        self.centers.insert(key, found.clone());
        Ok(found)
    }

    fn unit(&mut self, conn: &Connection, code: &str) -> Result<org::Unit> {
        if let Some(u) = self.units.get(code) {
            return Ok(u.clone());
        }
        let found = org::resolve_unit(conn, code)?;
        self.units.insert(code.to_string(), found.clone());
        Ok(found)
    }
}

/// Every rule of `assign propose`, nothing written.
pub(super) fn checked_proposal(tx: &Tx, places: &mut Places, asked: &Asked) -> Result<Proposal> {
    let Asked { person: person_key, start, center, window, exception, proposed_on } = *asked;
    let proposed_on = proposed_on.unwrap_or(tx.ctx.today);
    org::check_not_future(tx, "date", proposed_on)?;
    let person = personnel::resolve(tx, person_key)?;
    refuse_archived(&person)?;
    let center = match places.center(tx, center) {
        Ok(c) => c,
        Err(_) => {
            let code = center.unwrap_or_default();
            return Err(Error::refused(RuleId::Art25Centers, Msg::new("reason.center.unknown").arg("center", code)));
        }
    };
    refuse_open(tx, &person)?;
    refuse_overlap(tx, &person, start)?;
    let failed = soft_checks(&person, start, exception, &[])?;
    let unit = places.unit(tx, &person.unit)?;
    let window =
        window.map(|w| parse::optional_text(w, 50).map_err(|r| Error::invalid("window", w, r))).transpose()?.flatten();
    let review = rules::review_for(person.establishment, unit.kind);
    let exceptions = exceptions_for(&failed, if failed.is_empty() { None } else { exception })?;
    Ok(Proposal { person, center, unit, window, review, start, proposed_on, exceptions })
}

/// The bodies as labels, shown as a list in the reader's language.
pub(super) fn bodies_list(bodies: &[Body]) -> Vec<&'static str> {
    bodies.iter().map(|b| b.label_key()).collect()
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
                .labels("required", bodies_list(required)),
        ));
    }
    Ok((rule, body))
}

/// `assign approve`: one required body's approval; when all are in, the assignment is
/// approved (ART8-REVIEW, ART9-COLLECTIVE).
pub fn approve(tx: &mut Tx, id: i64, by: &str, doc: &str, date: NaiveDate, remark: Option<&str>) -> Result<Assignment> {
    audited(tx, id, "approve", |tx, before| {
        let approval = checked_approval(tx, before, by, doc, date, remark)?;
        insert_approvals(tx, id, std::slice::from_ref(&approval))?;
        if before.needs.len() == 1 {
            tx.prepare_cached("UPDATE assignment SET status = 'approved' WHERE id = ?1")?.execute([id])?;
        }
        Ok(())
    })
}

/// Every rule of `assign approve` on the assignment as `before` holds it: the approval
/// it would record, nothing written.
pub(super) fn checked_approval(
    tx: &Tx,
    before: &Assignment,
    by: &str,
    doc: &str,
    date: NaiveDate,
    remark: Option<&str>,
) -> Result<Approval> {
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
    if let Some(proposed) = before.proposed_on.filter(|p| date < *p) {
        return Err(Error::invalid(
            "date",
            date,
            Msg::new("reason.approve.before-proposal").arg("date", date).arg("proposed", proposed),
        ));
    }
    Ok(Approval { body, doc, date, remark: remark.flatten() })
}

/// Stores the approvals of stationing `id` in one statement: each statement that writes
/// a register pays for its trigger, so a stationing's approvals go in together.
pub(super) fn insert_approvals(tx: &Tx, id: i64, approvals: &[Approval]) -> Result<()> {
    // One row a statement: an INSERT of several rows keeps a statement journal (a copy of
    // each page it changes, to undo it alone), one of a single row under no trigger does not.
    let mut stmt =
        tx.prepare_cached("INSERT INTO approval (assignment_id, body, doc, date, remark) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for a in approvals {
        stmt.execute(params![id, a.body, a.doc, Day::of(a.date), a.remark])?;
    }
    Ok(())
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

pub(super) fn mark_rejected(tx: &Tx, id: i64, body: Body, reason: &str) -> Result<()> {
    tx.prepare_cached("UPDATE assignment SET status = 'rejected', rejected_by = ?2, reject_reason = ?3 WHERE id = ?1")?
        .execute(params![id, body, reason])?;
    Ok(())
}

/// `assign revoke-approval`: an approval given in error is withdrawn before the start; it
/// is kept, with the reason, among the revoked approvals, and the stationing waits for it
/// again.
pub fn revoke_approval(tx: &mut Tx, id: i64, by: &str, reason: &str) -> Result<Assignment> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let correction = Correction::new(&reason, "assignment", id);
    corrected(tx, id, "revoke-approval", &correction, |tx, before| {
        let body = Body::parse_field("by", by)?;
        let (rule, _) = rules::required_bodies(before.review);
        if !matches!(before.status, AssignmentStatus::Proposed | AssignmentStatus::Approved) {
            return Err(refuse_status(rule, before, "refuse.revoke-approval.status"));
        }
        let Some(given) = before.approvals.iter().find(|a| a.body == body) else {
            return Err(Error::refused(
                rule,
                Msg::new("refuse.revoke-approval.none").arg("id", id).label("body", body.label_key()),
            ));
        };
        tx.prepare_cached(
            "INSERT INTO revoked_approval (assignment_id, body, doc, date, remark, reason, revoked_on, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            body,
            given.doc,
            given.date,
            given.remark,
            reason,
            tx.ctx.today,
            tx.ctx.operator
        ])?;
        tx.prepare_cached("DELETE FROM approval WHERE assignment_id = ?1 AND body = ?2")?.execute(params![id, body])?;
        tx.prepare_cached("UPDATE assignment SET status = 'proposed' WHERE id = ?1")?.execute([id])?;
        Ok(())
    })
}

/// `assign correct`: a window or center given wrong is put right before the start.
pub fn correct(tx: &mut Tx, id: i64, center: Option<&str>, window: Option<&str>, reason: &str) -> Result<Assignment> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let correction = Correction::new(&reason, "assignment", id);
    corrected(tx, id, "correct", &correction, |tx, before| {
        if !matches!(before.status, AssignmentStatus::Proposed | AssignmentStatus::Approved) {
            return Err(refuse_status(RuleId::Art11Term, before, "refuse.assign.correct-status"));
        }
        if center.is_none() && window.is_none() {
            return Err(Error::invalid("window", "", Msg::new("reason.assign.correct-nothing")));
        }
        if let Some(code) = center {
            let c = org::resolve_center(tx, Some(code)).map_err(|_| {
                Error::refused(RuleId::Art25Centers, Msg::new("reason.center.unknown").arg("center", code))
            })?;
            tx.prepare_cached("UPDATE assignment SET center_id = ?2 WHERE id = ?1")?.execute(params![id, c.id])?;
        }
        if let Some(w) = window {
            let w = parse::optional_text(w, 50).map_err(|r| Error::invalid("window", w, r))?;
            tx.prepare_cached("UPDATE assignment SET window = ?2 WHERE id = ?1")?.execute(params![id, w])?;
        }
        Ok(())
    })
}
