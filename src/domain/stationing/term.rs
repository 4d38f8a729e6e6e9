//! The term (Art 11): the start with the transfers of Art 8, the three-year renewal, and
//! the end.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::approval::{
    bodies_list, exceptions_for, insert_exceptions, refuse_archived, refuse_overlap, soft_checks, store_exceptions,
};
use super::chief::chief_json;
use super::record::{Assignment, Exception, Term, audited, refuse_status};
use crate::base::day::Day;
use crate::base::enums::{AssignmentStatus, EndCause};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::personnel::{self, Person};
use crate::error::{Error, ParseField, Result};
use crate::rules::{self, RuleId};
use crate::storage::store::Tx;

/// Makes an approved assignment active from `on` with its first term.
pub(super) fn activate(tx: &Tx, id: i64, on: NaiveDate, transfer_union: bool, transfer_party: bool) -> Result<()> {
    tx.prepare_cached("UPDATE assignment SET status = 'active', started_on = ?2, transfer_union = ?3, transfer_party = ?4 WHERE id = ?1")?.execute(params![id, on, transfer_union, transfer_party],
    )?;
    insert_first_term(tx, id, on)
}

/// The first three-year term of a stationing started on `on` (ART11-TERM).
pub(super) fn first_term(on: NaiveDate) -> Term {
    Term { seq: 1, start: on, end: rules::term_end(on), doc: None }
}

pub(super) fn insert_first_term(tx: &Tx, id: i64, on: NaiveDate) -> Result<()> {
    let term = first_term(on);
    // OR FAIL: no statement journal, as for the stationing itself (Proposal::insert).
    tx.prepare_cached("INSERT OR FAIL INTO term (assignment_id, seq, start, end) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, term.seq, Day::of(term.start), Day::of(term.end)])?;
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
        let person = personnel::resolve(tx, &before.person_id.to_string())?;
        let (on, exceptions) = checked_start(tx, before, &person, on, transfer_union, transfer_party, exception)?;
        insert_exceptions(tx, id, &exceptions)?;
        activate(tx, id, on, transfer_union, transfer_party)
    })
}

/// Every rule of `assign start` on the assignment as `before` holds it, for its
/// `person`, with the transfers asked for: the day it starts and the exceptions it
/// would store, nothing written.
pub(super) fn checked_start(
    tx: &Tx,
    before: &Assignment,
    person: &Person,
    on: Option<NaiveDate>,
    transfer_union: bool,
    transfer_party: bool,
    exception: Option<&str>,
) -> Result<(NaiveDate, Vec<Exception>)> {
    let (rule, _) = rules::required_bodies(before.review);
    match before.status {
        AssignmentStatus::Approved => {}
        AssignmentStatus::Proposed => {
            return Err(Error::refused(
                rule,
                Msg::new("refuse.start.missing").arg("id", before.id).labels("missing", bodies_list(&before.needs)),
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
    refuse_archived(person)?;
    refuse_overlap(tx, person, on)?;
    if transfer_party && !person.party_member {
        return Err(Error::refused(RuleId::Art8Transfer, Msg::new("refuse.transfer.party").arg("name", &person.name)));
    }
    if transfer_union && !person.union_member {
        return Err(Error::refused(RuleId::Art8Transfer, Msg::new("refuse.transfer.union").arg("name", &person.name)));
    }
    let failed = soft_checks(person, on, exception, &before.exceptions)?;
    Ok((on, exceptions_for(&failed, if failed.is_empty() { None } else { exception })?))
}

fn pending_request_of(conn: &Connection, assignment_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM reassignment WHERE assignment_id = ?1 AND status = 'pending'")?
        .query_row([assignment_id], |r| r.get(0))
        .optional()?)
}

pub(super) fn refuse_pending(conn: &Connection, a: &Assignment) -> Result<()> {
    if let Some(request) = pending_request_of(conn, a.id)? {
        return Err(Error::refused(
            RuleId::Art11Letter,
            Msg::new("refuse.pending-request").arg("id", a.id).arg("request", request),
        ));
    }
    Ok(())
}

/// `assign renew`: at or after the term's end, a further three-year term (ART11-TERM).
/// `assign renew`: the next three-year term, from the day after the current one ends. A
/// renewal is a new selection: Art 6 and 7 are checked on its first day, and a soft rule
/// that fails needs an exception reason, stored.
pub fn renew(tx: &mut Tx, id: i64, doc: &str, exception: Option<&str>) -> Result<Assignment> {
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
        let person = personnel::resolve(tx, &before.person_id.to_string())?;
        let failed = soft_checks(&person, start, exception, &[])?;
        store_exceptions(tx, id, &failed, if failed.is_empty() { None } else { exception })?;
        tx.prepare_cached("INSERT INTO term (assignment_id, seq, start, end, doc) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![id, term.seq + 1, start, rules::term_end(start), doc])?;
        Ok(())
    })
}

/// Ends an active assignment with `last_day` as its last day stationed, and any chief
/// authorisation held under it (the unit has no chief from the next day).
pub(super) fn finish(tx: &mut Tx, a: &Assignment, last_day: NaiveDate, reason: &str) -> Result<()> {
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
/// On what a stationing ends before its term's last day (ART11-LETTER).
#[derive(Debug, Clone, Copy, Default)]
pub enum EndBasis<'a> {
    /// Nothing: only at the term's last day.
    #[default]
    None,
    /// The unit's letter and the center's reply (函复).
    Letter { letter: &'a str, reply: &'a str },
    /// A cause that needs no letter: retirement, death, dismissal, archived.
    Cause(&'a str),
}

/// `assign end`: the last day stationed. Before the term's last day it needs the unit's
/// letter and the center's reply, or a cause that needs none (ART11-LETTER).
pub fn end(tx: &mut Tx, id: i64, last_day: NaiveDate, reason: &str, basis: EndBasis) -> Result<Assignment> {
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
        record_basis(tx, before, last_day, basis)?;
        finish(tx, before, last_day, &reason)
    })
}

fn record_basis(tx: &Tx, a: &Assignment, last_day: NaiveDate, basis: EndBasis) -> Result<()> {
    let term_end = a.term_end.unwrap_or(last_day);
    let early = rules::ends_early(last_day, term_end);
    let (letter, reply, cause) = match basis {
        EndBasis::None if early => {
            return Err(Error::refused(
                RuleId::Art11Letter,
                Msg::new("refuse.end.early").arg("id", a.id).arg("date", last_day).arg("end", term_end),
            ));
        }
        EndBasis::None => (None, None, None),
        EndBasis::Letter { letter, reply } => {
            let doc = |field: &str, text: &str| parse::text(text, 100).map_err(|r| Error::invalid(field, text, r));
            (Some(doc("letter", letter)?), Some(doc("reply", reply)?), None)
        }
        EndBasis::Cause(key) => (None, None, Some(EndCause::parse_field("cause", key)?)),
    };
    tx.prepare_cached("UPDATE assignment SET end_letter = ?2, end_reply = ?3, end_cause = ?4 WHERE id = ?1")?
        .execute(params![a.id, letter, reply, cause])?;
    Ok(())
}
