//! 整改 (国办发〔2019〕51号): a bad review found valid opens a rectification, due within the
//! rule book's days; the unit reports what it put right, with the complainant's verdict
//! when it was asked. One not done by its deadline is overdue, in `report reviews` and in
//! the half-year report.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::rulebook::Rulebook;
use crate::base::enums::Counting;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::Calendar;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// The complainant's verdict on a rectification.
const VERDICTS: [(&str, &str); 3] =
    [("satisfied", "满意"), ("basically-satisfied", "基本满意"), ("unsatisfied", "不满意")];

fn verdict_key(text: &str) -> Option<&'static str> {
    let t = text.trim();
    VERDICTS.iter().find(|(k, zh)| t.eq_ignore_ascii_case(k) || t == *zh).map(|(k, _)| *k)
}

/// A rectification as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rectification {
    pub review_id: i64,
    pub opened_on: NaiveDate,
    pub deadline: NaiveDate,
    pub rectified_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub verdict: Option<String>,
    pub operator: Option<String>,
}

fn load(conn: &Connection, review_id: i64) -> Result<Option<Rectification>> {
    Ok(conn
        .prepare_cached(
            "SELECT review_id, opened_on, deadline, rectified_on, note, verdict, operator FROM rectification
             WHERE review_id = ?1",
        )?
        .query_row([review_id], |r| {
            Ok(Rectification {
                review_id: r.get(0)?,
                opened_on: r.get(1)?,
                deadline: r.get(2)?,
                rectified_on: r.get(3)?,
                note: r.get(4)?,
                verdict: r.get(5)?,
                operator: r.get(6)?,
            })
        })
        .optional()?)
}

pub fn rectification_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(load(conn, id.parse().unwrap_or_default())?.map_or(serde_json::Value::Null, |r| json(&r)))
}

/// The day `days` after `from`, counting working days (the calendar's) or every day.
fn due(cal: &Calendar, from: NaiveDate, days: u32, counting: Counting) -> NaiveDate {
    let mut day = from;
    let mut left = days;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if counting == Counting::Calendar || cal.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// Opens the rectification of a bad review just found valid, due by the rule book.
pub(super) fn open(tx: &mut Tx, review_id: i64, rb: &Rulebook, calendar: &Calendar) -> Result<Rectification> {
    let r = opening(review_id, rb, calendar, tx.ctx.today);
    tx.prepare_cached("INSERT INTO rectification (review_id, opened_on, deadline) VALUES (?1, ?2, ?3)")?
        .execute(params![r.review_id, r.opened_on, r.deadline])?;
    tx.audit_created("rectification", review_id, "open", &r)?;
    Ok(r)
}

/// `open` for many reviews in one statement (the close counting its unverified reviews):
/// the same records, inserted and audited in the given order.
pub(super) fn open_all(tx: &mut Tx, reviews: &[(i64, &Rulebook)], calendar: &Calendar) -> Result<()> {
    let today = tx.ctx.today;
    let opened: Vec<Rectification> = reviews.iter().map(|(id, rb)| opening(*id, rb, calendar, today)).collect();
    tx.prepare_cached(
        "INSERT INTO rectification (review_id, opened_on, deadline)
         SELECT value ->> 'review_id', value ->> 'opened_on', value ->> 'deadline' FROM json_each(?1)",
    )?
    .execute([crate::storage::audit::json_text(&opened)])?;
    for r in &opened {
        tx.audit_created("rectification", r.review_id, "open", r)?;
    }
    Ok(())
}

/// The rectification a review verified valid today opens: due by its rule book's days.
fn opening(review_id: i64, rb: &Rulebook, calendar: &Calendar, opened_on: NaiveDate) -> Rectification {
    let deadline = due(calendar, opened_on, rb.rectify_days, rb.rectify_counting);
    Rectification { review_id, opened_on, deadline, rectified_on: None, note: None, verdict: None, operator: None }
}

/// `appraise review rectify CASE --note TEXT [--date D] [--verdict V]`: what was put right.
/// Refused when the review has no open rectification (not verified valid, or done).
pub fn rectify(
    tx: &mut Tx,
    case_no: &str,
    note: &str,
    date: Option<NaiveDate>,
    verdict: Option<&str>,
) -> Result<Rectification> {
    let case_no = case_no.trim();
    let review_id: i64 = tx
        .prepare_cached("SELECT id FROM review WHERE case_no = ?1")?
        .query_row([case_no], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::invalid("case", case_no, Msg::new("reason.review.unknown").arg("case", case_no)))?;
    let note = parse::text(note, 1000).map_err(|r| Error::invalid("note", note, r))?;
    let verdict = verdict
        .map(|v| verdict_key(v).ok_or_else(|| Error::invalid("verdict", v, Msg::new("reason.rectify.verdict"))))
        .transpose()?;
    let before = match load(tx, review_id)? {
        Some(r) if r.rectified_on.is_none() => r,
        other => {
            let key = if other.is_some() { "refuse.rectify.done" } else { "refuse.rectify.none" };
            return Err(Error::refused(RuleId::Art16Review, Msg::new(key).arg("case", case_no)));
        }
    };
    let on = date.unwrap_or(tx.ctx.today);
    crate::domain::org::check_not_future(tx, "date", on)?;
    if on < before.opened_on {
        return Err(Error::invalid("date", on, Msg::new("reason.rectify.before").arg("opened", before.opened_on)));
    }
    tx.prepare_cached(
        "UPDATE rectification SET rectified_on = ?2, note = ?3, verdict = ?4, operator = ?5 WHERE review_id = ?1",
    )?
    .execute(params![review_id, on, note, verdict, tx.ctx.operator])?;
    let after = load(tx, review_id)?.unwrap_or_else(|| before.clone());
    tx.audit("rectification", review_id, "rectify", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// A review's rectification, if it has one, and where it stands on `today`.
pub(super) fn of_review(
    conn: &Connection,
    review_id: i64,
    today: NaiveDate,
) -> Result<Option<(Rectification, &'static str)>> {
    Ok(load(conn, review_id)?.map(|r| {
        let state = standing(&r, today);
        (r, state)
    }))
}

/// The complainant's verdict as the center writes it (满意…).
pub(super) fn verdict_words(key: &str) -> Option<&'static str> {
    VERDICTS.iter().find(|(k, _)| *k == key).map(|(_, zh)| *zh)
}

/// Where a rectification stands on `today`.
fn standing(r: &Rectification, today: NaiveDate) -> &'static str {
    match r.rectified_on {
        Some(on) if on > r.deadline => "rectify.late",
        Some(_) => "rectify.done",
        None if today > r.deadline => "rectify.overdue",
        None => "rectify.open",
    }
}

/// The rectifications due from `from` to `to` that are overdue on `today` or were done
/// after their deadline, with their review.
pub fn late_rectifications(conn: &Connection, (from, to): (NaiveDate, NaiveDate), today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.rectifications").arg("from", from).arg("to", to),
        &["case_no", "unit", "name", "opened_on", "deadline", "rectified_on", "verdict", "state", "note"],
    );
    let mut stmt = conn.prepare_cached(
        "SELECT x.review_id, r.case_no, u.code, p.name FROM rectification x JOIN review r ON r.id = x.review_id
         JOIN person p ON p.id = r.person_id JOIN unit u ON u.id = p.unit_id
         WHERE x.deadline BETWEEN ?1 AND ?2 ORDER BY x.deadline, r.case_no",
    )?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, case, unit, name) in rows {
        let Some(r) = load(conn, id)? else { continue };
        let state = standing(&r, today);
        if !matches!(state, "rectify.late" | "rectify.overdue") {
            continue;
        }
        let verdict = r.verdict.as_deref().and_then(verdict_words);
        t.push(vec![
            Cell::Text(case),
            Cell::Text(unit),
            Cell::Text(name),
            Cell::Date(r.opened_on),
            Cell::Date(r.deadline),
            r.rectified_on.map_or(Cell::Empty, Cell::Date),
            verdict.map_or(Cell::Empty, Cell::text),
            Cell::Label(state),
            r.note.map_or(Cell::Empty, Cell::Text),
        ]);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::enums::DayKind;

    #[test]
    fn a_deadline_counts_working_days_or_every_day() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let cal = Calendar::from_days([(d(10, 1), DayKind::Holiday), (d(10, 10), DayKind::Workday)]);
        // From Friday 2026-09-25: Monday the 28th, the 29th, the 30th; from the 30th: the
        // holiday and the weekend are passed over.
        assert_eq!(due(&cal, d(9, 25), 3, Counting::Working), d(9, 30));
        assert_eq!(due(&cal, d(9, 30), 2, Counting::Working), d(10, 5));
        assert_eq!(due(&cal, d(9, 25), 7, Counting::Calendar), d(10, 2));
        assert_eq!(verdict_key("基本满意"), Some("basically-satisfied"));
        assert_eq!(verdict_key("还行"), None);
    }
}
