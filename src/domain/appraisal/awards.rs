//! The awards the rule book names (ART21-TARGETS): 红旗窗口 to the best windows, 服务之星
//! among the staff graded in the best band, each month or each quarter; given by a
//! month's close (a quarter's by the close that completes it), frozen with it, and shown
//! in the bulletin, the windows report, the department figures and the letters.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::month::{MonthRow, shared_ranks_within};
use super::period::month_key;
use super::rulebook::Rulebook;
use super::window_rules::{AwardRule, AwardTo, Every};
use super::windows::WindowMonth;
use crate::base::number::round_half_up;
use crate::error::Result;
use crate::rules;
use crate::storage::store::Tx;

/// One contender: its unit, its person (none for a window), its score and what breaks a
/// tie of scores: fewer deductions, then more good reviews.
struct Contender {
    center_id: i64,
    unit_id: i64,
    person_id: Option<i64>,
    score: f64,
    deductions: i64,
    good: i64,
}

impl Contender {
    /// What ranks it, best first when sorted descending: score as shown, then fewer
    /// deductions, then more good reviews.
    fn key(&self) -> (f64, i64, i64) {
        (round_half_up(self.score, 2), -self.deductions, self.good)
    }
}

/// The quarter a month falls in, whichever of its months closes last: ("YYYY-Qn", months).
fn quarter_of(first: NaiveDate) -> (String, [String; 3]) {
    let q = (first.month() - 1) / 3;
    let months = [1, 2, 3].map(|i| format!("{}-{:02}", first.year(), q * 3 + i));
    (format!("{}-Q{}", first.year(), q + 1), months)
}

fn all_closed(conn: &Connection, months: &[String; 3]) -> Result<bool> {
    let closed: i64 = conn
        .prepare_cached("SELECT count(*) FROM month_close WHERE month IN (?1, ?2, ?3)")?
        .query_row(params![months[0], months[1], months[2]], |r| r.get(0))?;
    Ok(closed == 3)
}

/// The windows of a quarter by their mean monthly score.
fn quarter_windows(conn: &Connection, months: &[String; 3]) -> Result<Vec<Contender>> {
    let mut stmt = conn.prepare_cached(
        "SELECT center_id, unit_id, avg(score), sum(good_reviews) FROM window_result WHERE month IN (?1, ?2, ?3)
         GROUP BY center_id, unit_id",
    )?;
    let rows = stmt.query_map(params![months[0], months[1], months[2]], |r| {
        let (center_id, unit_id, score, good) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(Contender { center_id, unit_id, person_id: None, score, deductions: 0, good })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The staff scored in each month of a quarter and graded in the best band each time,
/// by their mean score, under the unit of its last month and the center of the closing one.
fn quarter_staff(
    conn: &Connection,
    months: &[String; 3],
    best: &str,
    centers: &HashMap<i64, i64>,
) -> Result<Vec<Contender>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, max(CASE WHEN month = ?3 THEN unit_id END), avg(score), sum(events), sum(good_reviews)
         FROM monthly_result
         WHERE month IN (?1, ?2, ?3) GROUP BY person_id HAVING count(*) = 3 AND sum(grade <> ?4) = 0",
    )?;
    let rows = stmt.query_map(params![months[0], months[1], months[2], best], |r| {
        let person: i64 = r.get(0)?;
        Ok(Contender {
            center_id: centers.get(&person).copied().unwrap_or_default(),
            person_id: Some(person),
            unit_id: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            score: r.get(2)?,
            deductions: r.get(3)?,
            good: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The contenders of one award for the month being closed (or its quarter).
fn contenders(
    conn: &Connection,
    award: &AwardRule,
    rb: &Rulebook,
    (windows, rows): (&[WindowMonth], &[MonthRow]),
    quarter: Option<&[String; 3]>,
    centers: &HashMap<i64, i64>,
) -> Result<Vec<Contender>> {
    let best = rb.monthly_bands.first().map(|b| b.grade);
    Ok(match (award.to, quarter) {
        (AwardTo::Window, None) => windows
            .iter()
            .map(|w| Contender {
                center_id: w.center_id,
                unit_id: w.unit_id,
                person_id: None,
                score: w.score,
                deductions: 0,
                good: w.good_reviews,
            })
            .collect(),
        (AwardTo::Person, None) => rows
            .iter()
            .filter(|r| Some(r.grade) == best && !r.lowest)
            .map(|r| Contender {
                center_id: centers.get(&r.person_id).copied().unwrap_or_default(),
                unit_id: r.unit_id,
                person_id: Some(r.person_id),
                score: r.score,
                deductions: r.events,
                good: r.good_reviews,
            })
            .collect(),
        (AwardTo::Window, Some(months)) => quarter_windows(conn, months)?,
        (AwardTo::Person, Some(months)) => match best {
            Some(grade) => quarter_staff(conn, months, grade.key(), centers)?,
            None => Vec::new(),
        },
    })
}

/// At a month's close, after its windows are frozen: every award of the month, and every
/// quarterly award of a quarter this close completes. Returns how many were given.
pub(super) fn give_awards(
    tx: &mut Tx,
    first: NaiveDate,
    rb: &Rulebook,
    windows: &[WindowMonth],
    (rows, centers): (&[MonthRow], &HashMap<i64, i64>),
) -> Result<usize> {
    let month = month_key(first);
    let (quarter, months) = quarter_of(first);
    let quarter_done = all_closed(tx, &months)?;
    let mut given = 0;
    for award in &rb.window_rules().awards {
        let (period, of_quarter) = match award.every {
            Every::Month => (month.clone(), None),
            Every::Quarter if quarter_done => (quarter.clone(), Some(&months)),
            Every::Quarter => continue,
        };
        let mut field = contenders(tx, award, rb, (windows, rows), of_quarter, centers)?;
        // Each center awards among its own (Art 25).
        field.sort_by(|a, b| {
            let (ka, kb) = (a.key(), b.key());
            a.center_id.cmp(&b.center_id).then(kb.0.total_cmp(&ka.0)).then(kb.1.cmp(&ka.1)).then(kb.2.cmp(&ka.2))
        });
        let ranked = field.iter().zip(shared_ranks_within(&field, |c| c.center_id, Contender::key));
        let mut insert = tx.prepare_cached(
            "INSERT INTO award (period, code, name_zh, name_en, center_id, unit_id, person_id, rank, score, month)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (c, (rank, _)) in ranked {
            if rules::wins_award(rank, c.score, award.top, award.min_score) {
                insert.execute(params![
                    period,
                    award.code,
                    award.name_zh,
                    award.name_en,
                    c.center_id,
                    c.unit_id,
                    c.person_id,
                    rank,
                    c.score,
                    month
                ])?;
                given += 1;
            }
        }
    }
    Ok(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn a_month_belongs_to_its_quarter() {
        assert_eq!(quarter_of(d(2026, 2)).0, "2026-Q1");
        assert_eq!(quarter_of(d(2026, 12)).1, ["2026-10", "2026-11", "2026-12"].map(String::from));
        assert_eq!(quarter_of(d(2026, 5)).0, "2026-Q2");
    }
}
