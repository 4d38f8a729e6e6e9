//! Closing a month (ART21-MONTHLY): its bad reviews settled, its staff's results, its
//! windows and its awards frozen together, sealed and audited with one digest.

use chrono::NaiveDate;
use rusqlite::params;

use super::month::{compute_month, frozen_month_json};
use super::period::{is_closed, month_key};
use crate::base::i18n::Msg;
use crate::domain::calendar::{first_of_month, last_of_month};
use crate::error::{Error, Result};
use crate::rules::RuleId;
use crate::storage::checkpoint::{Touches, Write, with_touches_replayed};
use crate::storage::store::Tx;

/// What a close writes, with its triggers off (`with_touches_replayed`).
const CLOSE_WRITES: [(&str, Write); 9] = [
    ("review", Write::Update),
    ("appraisal_event", Write::Insert),
    ("rectification", Write::Insert),
    ("month_close", Write::Insert),
    ("month_close", Write::Update),
    ("monthly_result", Write::Insert),
    ("window_result", Write::Insert),
    ("award", Write::Insert),
    ("audit", Write::Insert),
];

/// The frozen-month triggers those writes meet, which a close never fires: it refuses a
/// month already closed before it writes (and a verdict refuses a closed month's review),
/// the deductions it records are dated in its month, it writes the results under the
/// close it inserted unsealed, and it seals that close by the one change allowed.
const CLOSE_UPHELD: [&str; 4] =
    ["review_frozen_change", "event_frozen_insert", "monthly_result_frozen_insert", "month_close_frozen_change"];

/// ART16-REVIEW: a month is not closed over bad reviews nobody verified, unless the
/// closing says to count them (each then verified valid, with that reason, and deducting).
fn settle_unverified(tx: &mut Tx, first: NaiveDate, count_unverified: bool, touches: &mut Touches) -> Result<()> {
    let pending = super::reviews::pending_reviews(tx, first, last_of_month(first))?;
    if pending.is_empty() {
        return Ok(());
    }
    if !count_unverified {
        let cases: Vec<&str> = pending.iter().take(5).map(|r| r.case_no.as_str()).collect();
        return Err(Error::refused(
            RuleId::Art16Review,
            Msg::new("refuse.month.unverified")
                .arg("month", month_key(first))
                .arg("n", pending.len())
                .arg("cases", cases.join(", ")),
        ));
    }
    let reason = Msg::new("review.counted-at-close").render(crate::base::i18n::Lang::Zh);
    super::reviews::count_pending(tx, &mut super::period::Months::default(), &pending, &reason, touches)
}

/// `appraise month --close`: freezes the month's results (ART21-MONTHLY). Refused twice,
/// and before the month has ended.
pub fn close_month(tx: &mut Tx, first: NaiveDate, count_unverified: bool) -> Result<usize> {
    let first = first_of_month(first);
    let month = month_key(first);
    if is_closed(tx, first)? {
        return Err(Error::refused(RuleId::Art21Monthly, Msg::new("refuse.month.twice").arg("month", &month)));
    }
    if tx.ctx.today < last_of_month(first) {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.month.early").arg("month", &month).arg("last", last_of_month(first)),
        ));
    }
    with_touches_replayed(tx, &CLOSE_WRITES, &CLOSE_UPHELD, |tx, touches| {
        settle_unverified(tx, first, count_unverified, touches)?;
        touches.key("month_close", "month", &month);
        freeze_month(tx, first, &month)
    })
}

/// The month's results, windows and awards written under an unsealed close, then sealed
/// and audited: the number of persons.
fn freeze_month(tx: &mut Tx, first: NaiveDate, month: &str) -> Result<usize> {
    let (rb, rows) = compute_month(tx, first, false)?;
    // Unsealed while its results are written; sealed, no result enters it.
    tx.prepare_cached("INSERT INTO month_close (month, closed_on, rulebook_id, sealed) VALUES (?1, ?2, ?3, 0)")?
        .execute(params![month, tx.ctx.today, rb.id])?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO monthly_result (month, person_id, unit_id, days_stationed, days_leave, deductions, bonuses,
             score, grade, lowest, events, reviews, good_reviews, detail, corrections)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        // One buffer for every row's detail: a close writes 100,000 of them.
        let mut detail = Vec::new();
        for r in &rows {
            detail.clear();
            // String keys and numbers: serialising cannot fail.
            serde_json::to_writer(&mut detail, &r.detail).unwrap_or_default();
            let detail = std::str::from_utf8(&detail).unwrap_or_default();
            insert.execute(params![
                month,
                r.person_id,
                r.unit_id,
                r.days_stationed,
                r.days_leave,
                r.deductions,
                r.bonuses,
                r.score,
                r.grade,
                r.lowest,
                r.events,
                r.reviews,
                r.good_reviews,
                detail,
                r.corrections
            ])?;
        }
    }
    // Read once: the windows and the awards both place each person in a center.
    let centers = super::windows::centers_of(tx, first)?;
    let windows = super::windows::freeze_windows(tx, first, &rb, (&rows, &centers))?;
    super::awards::give_awards(tx, first, &rb, &windows, (&rows, &centers))?;
    tx.prepare_cached("UPDATE month_close SET sealed = 1 WHERE month = ?1")?.execute([month])?;
    let after = frozen_month_json(tx, month)?;
    tx.audit("month", month, "close", None, Some(&after))?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_close_writes_with_its_triggers_off_on_this_schema() {
        let schema = crate::storage::store::pristine().unwrap();
        assert!(crate::storage::checkpoint::replayable(&schema, &CLOSE_WRITES, &CLOSE_UPHELD).unwrap());
        assert!(!crate::storage::checkpoint::replayable(&schema, &CLOSE_WRITES, &[]).unwrap());
    }
}
