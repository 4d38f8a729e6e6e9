//! What the center decides of a leave, and what corrects it: approve, reject, cancel,
//! the return (销假) and its correction, revocation.

use chrono::NaiveDate;
use rusqlite::params;

use super::record::{Leave, audited, changed_months, corrected, refuse_closed_months, refuse_status};
use crate::base::enums::{LeaveStatus, LeaveType};
use crate::base::i18n::{Lang, Msg};
use crate::base::parse;
use crate::domain::calendar::Calendar;
use crate::error::{Error, Result};
use crate::storage::audit::Correction;
use crate::storage::store::Tx;

fn decide(tx: &mut Tx, id: i64, status: LeaveStatus, note: Option<&str>) -> Result<Leave> {
    let action = status.key();
    audited(tx, id, action, |tx, before| {
        if before.status != LeaveStatus::Pending {
            return Err(refuse_status(before, "refuse.leave.not-pending"));
        }
        let note =
            note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("reason", n, r))).transpose()?;
        if status == LeaveStatus::Rejected && note.as_ref().is_none_or(Option::is_none) {
            return Err(Error::invalid("reason", "", Msg::new("reason.required")));
        }
        if status == LeaveStatus::Approved {
            let cal = Calendar::load(tx)?;
            refuse_closed_months(tx, before.taken_by_month(&cal).keys().copied())?;
        }
        tx.prepare_cached(
            "UPDATE leave SET status = ?2, decided_by = ?3, decided_on = ?4, decision_note = ?5 WHERE id = ?1",
        )?
        .execute(params![id, status, tx.ctx.operator, tx.ctx.today, note.flatten()])?;
        if status == LeaveStatus::Approved && before.kind == LeaveType::Official {
            record_unit_request(tx, before)?;
        }
        Ok(())
    })
}

/// ART19-TASKS: a 公假 is the home unit taking its stationed person away from the center,
/// which Art 19 forbids for unrelated tasks: each approved one is a unit incident on the
/// day the unit asked. The note is kept in Chinese, the center's record language.
fn record_unit_request(tx: &mut Tx, leave: &Leave) -> Result<()> {
    let note = Msg::new("incident.official-leave")
        .arg("name", &leave.person)
        .arg("from", leave.from)
        .arg("to", leave.to)
        .arg("reason", &leave.reason)
        .arg("id", leave.id)
        .render(Lang::Zh);
    crate::domain::org::add_incident(tx, &leave.unit, "19", leave.requested_on, &note)?;
    Ok(())
}

/// `leave approve`: the center approves a pending leave.
pub fn approve(tx: &mut Tx, id: i64, note: Option<&str>) -> Result<Leave> {
    decide(tx, id, LeaveStatus::Approved, note)
}

/// `leave reject`: the center refuses a pending leave, with a reason.
pub fn reject(tx: &mut Tx, id: i64, reason: Option<&str>) -> Result<Leave> {
    decide(tx, id, LeaveStatus::Rejected, reason)
}

/// `leave cancel`: withdraws a pending leave, or an approved one that has not started.
pub fn cancel(tx: &mut Tx, id: i64, note: Option<&str>) -> Result<Leave> {
    audited(tx, id, "cancel", |tx, before| {
        let today = tx.ctx.today;
        let allowed = match before.status {
            LeaveStatus::Pending => true,
            LeaveStatus::Approved => before.from > today,
            _ => false,
        };
        if !allowed {
            return Err(refuse_status(before, "refuse.leave.cancel"));
        }
        let note =
            note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("reason", n, r))).transpose()?;
        tx.prepare_cached(
            "UPDATE leave SET status = 'cancelled', decided_by = coalesce(decided_by, ?2),
             decided_on = coalesce(decided_on, ?3), decision_note = coalesce(?4, decision_note) WHERE id = ?1",
        )?
        .execute(params![id, tx.ctx.operator, today, note.flatten()])?;
        Ok(())
    })
}

/// A return date (销假) of a leave: from its first day up to the first working day after
/// its last (a holiday within is allowed; the days follow the type's counting), and not
/// in the future.
fn check_return(tx: &Tx, cal: &Calendar, l: &Leave, back: NaiveDate) -> Result<()> {
    let first_working_after = l.to.iter_days().skip(1).take(60).find(|d| cal.is_working_day(*d)).unwrap_or(l.to);
    if back < l.from || back > first_working_after {
        return Err(Error::invalid(
            "date",
            back,
            Msg::new("reason.leave.return-outside")
                .arg("from", l.from)
                .arg("to", l.to)
                .arg("last", first_working_after),
        ));
    }
    crate::domain::org::check_not_future(tx, "date", back)
}

/// `leave return` (销假): the day the person was back; an early return shortens the days taken.
pub fn return_on(tx: &mut Tx, id: i64, back: NaiveDate) -> Result<Leave> {
    audited(tx, id, "return", |tx, before| {
        if before.status != LeaveStatus::Approved {
            return Err(refuse_status(before, "refuse.leave.return"));
        }
        let cal = Calendar::load(tx)?;
        check_return(tx, &cal, before, back)?;
        let after = Leave { returned_on: Some(back), status: LeaveStatus::Returned, ..before.clone() };
        refuse_closed_months(tx, changed_months(&cal, before, Some(&after)))?;
        tx.prepare_cached("UPDATE leave SET status = 'returned', returned_on = ?2 WHERE id = ?1")?
            .execute(params![id, back])?;
        Ok(())
    })
}

/// `leave return --correct`: a return date entered wrong is put right, with the reason.
pub fn correct_return(tx: &mut Tx, id: i64, back: NaiveDate, reason: &str) -> Result<Leave> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let correction = Correction::new(&reason, "leave", id);
    corrected(tx, id, "correct-return", &correction, |tx, cal, before| {
        if before.status != LeaveStatus::Returned {
            return Err(refuse_status(before, "refuse.leave.correct-return"));
        }
        check_return(tx, cal, before, back)?;
        let after = Leave { returned_on: Some(back), ..before.clone() };
        refuse_closed_months(tx, changed_months(cal, before, Some(&after)))?;
        tx.prepare_cached("UPDATE leave SET returned_on = ?2 WHERE id = ?1")?.execute(params![id, back])?;
        Ok(())
    })
}

/// `leave revoke`: an approved leave, begun or not, no longer holds its days: the days
/// taken and the annual balance follow. Refused where a closed month counted its days.
pub fn revoke(tx: &mut Tx, id: i64, reason: &str) -> Result<Leave> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let correction = Correction::new(&reason, "leave", id);
    corrected(tx, id, "revoke", &correction, |tx, cal, before| {
        if !matches!(before.status, LeaveStatus::Approved | LeaveStatus::Returned) {
            return Err(refuse_status(before, "refuse.leave.revoke"));
        }
        refuse_closed_months(tx, changed_months(cal, before, None))?;
        tx.prepare_cached("UPDATE leave SET status = 'revoked', revoke_reason = ?2 WHERE id = ?1")?
            .execute(params![id, correction.reason])?;
        Ok(())
    })
}
