//! The awards as given (ART21-TARGETS), read back for the bulletin, the windows report,
//! the department figures and the letters; always those of the report's center.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::period::month_key;
use crate::base::i18n::{Lang, Msg};
use crate::error::Result;

/// An award as given.
#[derive(Debug, Clone, PartialEq)]
pub struct AwardRow {
    pub period: String,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit_id: i64,
    pub unit: String,
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub rank: i64,
    pub score: f64,
}

impl AwardRow {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

// The center's awards: within a scoped report, `assignment` shows that center's only.
const AWARD_SELECT: &str = "SELECT a.period, a.code, a.name_zh, a.name_en, a.unit_id, u.code, a.person_id, p.name,
    a.rank, a.score FROM award a JOIN unit u ON u.id = a.unit_id LEFT JOIN person p ON p.id = a.person_id
    WHERE a.center_id IN (SELECT id FROM center)";

fn award_rows(conn: &Connection, filter: &str, key: &str) -> Result<Vec<AwardRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{AWARD_SELECT} AND {filter} ORDER BY a.period, a.code, a.rank, u.code"))?;
    let rows = stmt.query_map([key], |r| {
        Ok(AwardRow {
            period: r.get(0)?,
            code: r.get(1)?,
            name_zh: r.get(2)?,
            name_en: r.get(3)?,
            unit_id: r.get(4)?,
            unit: r.get(5)?,
            person_id: r.get(6)?,
            person: r.get(7)?,
            rank: r.get(8)?,
            score: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The awards a month's close gave (its own and, at a quarter's end, the quarter's).
pub fn awards_of_close(conn: &Connection, first: NaiveDate) -> Result<Vec<AwardRow>> {
    award_rows(conn, "a.month = ?1", &month_key(first))
}

/// The awards of a year's months and quarters.
pub fn awards_of_year(conn: &Connection, year: i32) -> Result<Vec<AwardRow>> {
    award_rows(conn, "substr(a.period, 1, 4) = ?1", &year.to_string())
}

/// The bulletin's lines of awards: one per award and period, its winners by unit (and
/// name, for a person's).
pub(super) fn award_notes(awards: &[AwardRow], lang: Lang) -> Vec<Msg> {
    let mut by_award: Vec<((&str, &str), Vec<String>)> = Vec::new();
    for a in awards {
        let winner = match &a.person {
            Some(name) => format!("{}（{name}）", a.unit),
            None => a.unit.clone(),
        };
        match by_award.iter_mut().find(|(k, _)| *k == (a.period.as_str(), a.name(lang))) {
            Some((_, winners)) => winners.push(winner),
            None => by_award.push(((a.period.as_str(), a.name(lang)), vec![winner])),
        }
    }
    by_award
        .into_iter()
        .map(|((period, award), winners)| {
            Msg::new("note.bulletin.awards")
                .arg("award", award)
                .arg("period", period)
                .arg("winners", winners.join("、"))
        })
        .collect()
}
