//! The monthly score and bulletin (Art 21): computed from the rule book, frozen at close.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::chief_share::chief_shares;
use super::corrections::{correction_note, corrections_in, voided_in};
use super::period::{closed_rulebook, month_key};
use super::rulebook::{BarScope, Rulebook, require_rulebook};
use crate::base::enums::Grade;
use crate::base::i18n::{Lang, Msg};
use crate::base::number::round_half_up;
use crate::domain::calendar::{Calendar, first_of_month, last_of_month};
use crate::domain::leave;
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::rules::{self, ItemCount};
use crate::storage::audit::rows_sha256;

/// Person → (their latest unit, days stationed per month).
type StationedDays = HashMap<i64, (i64, BTreeMap<NaiveDate, i64>)>;

/// Days each person was stationed in each month of a period, from the stored history.
pub(super) fn stationed_days(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<StationedDays> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, unit_id, started_on, ended_on FROM assignment
         WHERE started_on IS NOT NULL AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?1)
         ORDER BY started_on",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, NaiveDate>(2)?, r.get::<_, Option<NaiveDate>>(3)?))
    })?;
    let mut out = StationedDays::new();
    for row in rows {
        let (person, unit, start, end) = row?;
        let (a, b) = (start.max(from), end.unwrap_or(to).min(to));
        let entry = out.entry(person).or_insert((unit, BTreeMap::new()));
        entry.0 = unit;
        let mut month = first_of_month(a);
        while month <= b {
            let days = (b.min(last_of_month(month)) - a.max(month)).num_days() + 1;
            *entry.1.entry(month).or_insert(0) += days;
            match last_of_month(month).succ_opt() {
                Some(next) => month = next,
                None => break,
            }
        }
    }
    Ok(out)
}

/// Times per person and item of a month: person ids are dense, so the sums live in one
/// flat table indexed by id and item (a map would hash a million events).
struct TimesTable {
    stride: usize,
    cells: Vec<i64>,
}

impl TimesTable {
    fn new(max_person: i64, items: usize) -> Self {
        TimesTable { stride: items, cells: vec![0; (usize::try_from(max_person).unwrap_or(0) + 1) * items] }
    }

    /// A person's times, in the order of the rule book's codes (empty for an unknown id).
    fn row(&self, person: i64) -> &[i64] {
        let start = usize::try_from(person).unwrap_or(usize::MAX).saturating_mul(self.stride);
        self.cells.get(start..start.saturating_add(self.stride)).unwrap_or(&[])
    }

    fn cell(&mut self, person: i64, item: usize) -> Option<&mut i64> {
        let start = usize::try_from(person).ok()?.checked_mul(self.stride)?;
        self.cells.get_mut(start.checked_add(item)?)
    }
}

/// One person's month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    pub person_id: i64,
    pub name: String,
    pub id_number: String,
    pub unit: String,
    pub unit_id: i64,
    pub days_stationed: i64,
    pub days_leave: f64,
    pub deductions: f64,
    pub bonuses: f64,
    /// Points of corrections of closed months' events counted in this month.
    pub corrections: f64,
    pub score: f64,
    pub grade: Grade,
    pub lowest: bool,
    /// Deduction occurrences (for the annual tie-break).
    pub events: i64,
    pub reviews: i64,
    pub good_reviews: i64,
    /// Item code → (times, points after the cap). The codes are shared: a close holds
    /// 100,000 rows, and a string apiece was a tenth of its time to build and free.
    pub detail: BTreeMap<Arc<str>, (i64, f64)>,
}

/// The month's scores, computed now from events and reviews (ART21-MONTHLY).
/// With `names`, each row carries the person's name and ID number (for showing); closing
/// does not need them.
pub fn compute_month(conn: &Connection, first: NaiveDate, names: bool) -> Result<(Rulebook, Vec<MonthRow>)> {
    let first = first_of_month(first);
    let last = last_of_month(first);
    let rb = require_rulebook(conn, first)?;
    let cal = Calendar::load(conn)?;
    let leave_days = leave::days_on_leave_in_month(conn, &cal, first)?;
    let stationed = stationed_days(conn, first, last)?;
    // Times per person and item, summed while the covering date index is read in order
    // (a GROUP BY would sort a million rows first).
    let codes: Vec<&String> = rb.items.keys().collect();
    let max_id: i64 = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM person")?.query_row([], |r| r.get(0))?;
    let mut times_by = TimesTable::new(max_id, codes.len());
    let mut stmt =
        conn.prepare_cached("SELECT person_id, item, times FROM appraisal_event WHERE date BETWEEN ?1 AND ?2")?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let item = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let person: i64 = r.get(0)?;
        // A handful of short codes: comparing lengths first finds most without a byte compare.
        let found = codes.iter().position(|c| c.len() == item.len() && c.as_str() == item);
        if let Some(cell) = found.and_then(|i| times_by.cell(person, i)) {
            *cell += r.get::<_, i64>(2)?;
        }
    }
    // Voided events stop counting (the scan above read every event of the month).
    for (person, item, times) in voided_in(conn, first)? {
        if let Some(cell) = codes.iter().position(|c| **c == item).and_then(|i| times_by.cell(person, i)) {
            *cell -= times;
        }
    }
    if let Some(chief) = rb.window_rules().chief_item.as_ref().and_then(|c| codes.iter().position(|k| *k == c)) {
        let units = stationed.iter().map(|(p, (u, _))| (*p, *u));
        let shares = chief_shares(conn, &rb, &codes, |p| times_by.row(p), units, (first, last))?;
        for (person, times) in shares {
            if let Some(cell) = times_by.cell(person, chief) {
                *cell += times;
            }
        }
    }
    let mut corrections: HashMap<i64, f64> = HashMap::new();
    for (c, _) in corrections_in(conn, first)? {
        *corrections.entry(c.person_id).or_default() += c.points;
    }
    let times_of = |person: i64| times_by.row(person);
    let mut reviews: HashMap<i64, (i64, i64)> = HashMap::new();
    // ART16-REVIEW: a bad review counts once verified valid; pending and invalid ones not.
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, grade FROM review WHERE date BETWEEN ?1 AND ?2 AND (state = 'counted' OR state = 'valid')",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let entry = reviews.entry(r.get(0)?).or_default();
        entry.0 += 1;
        entry.1 += i64::from(r.get::<_, i64>(1)? >= 4);
    }
    let names = if names { person_names(conn)? } else { HashMap::new() };
    let units = unit_codes(conn)?;
    let keys: Vec<Arc<str>> = codes.iter().map(|c| Arc::from(c.as_str())).collect();
    let mut rows = Vec::with_capacity(stationed.len());
    for (person_id, (unit_id, months)) in stationed {
        let days_stationed = months.values().sum();
        let mut counts = Vec::new();
        let mut detail = BTreeMap::new();
        let mut deduction_events = 0;
        let counted = codes.iter().zip(&keys).zip(times_of(person_id)).filter(|(_, t)| **t > 0);
        for ((code, key), times) in counted {
            let Some(item) = rb.items.get(*code) else { continue };
            let count = ItemCount { points: item.points, cap: item.cap, times: *times };
            let (_, d, b) = rules::monthly_score(0.0, &[count]);
            detail.insert(Arc::clone(key), (*times, d + b));
            counts.push(count);
            if item.points < 0.0 {
                deduction_events += times;
            }
        }
        let (score, deductions, bonuses) = rules::monthly_score(rb.base, &counts);
        let corrected = corrections.get(&person_id).copied().unwrap_or(0.0);
        let score = score + corrected;
        let barred = rb.count_barred(BarScope::Month, detail.iter().map(|(c, (t, _))| (c, *t)));
        let (grade, lowest) = rules::grade_for_barred(score, &rb.monthly_bands, barred).unwrap_or((Grade::Fail, true));
        let (name, id_number) = names.get(&person_id).cloned().unwrap_or_default();
        let (n, good) = reviews.get(&person_id).copied().unwrap_or((0, 0));
        rows.push(MonthRow {
            person_id,
            name,
            id_number,
            unit: units.get(&unit_id).cloned().unwrap_or_default(),
            unit_id,
            days_stationed,
            days_leave: leave_days.get(&person_id).copied().unwrap_or(0.0),
            deductions,
            bonuses,
            corrections: corrected,
            score,
            grade,
            lowest,
            events: deduction_events,
            reviews: n,
            good_reviews: good,
            detail,
        });
    }
    // In key order: closing appends the frozen rows to the end of their B-tree.
    rows.sort_unstable_by_key(|r| r.person_id);
    Ok((rb, rows))
}

pub fn person_names(conn: &Connection) -> Result<HashMap<i64, (String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, id_number FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn unit_codes(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, code FROM unit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The frozen results of a closed month.
fn frozen_month(conn: &Connection, first: NaiveDate) -> Result<Vec<MonthRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.person_id, p.name, p.id_number, u.code, m.unit_id, m.days_stationed, m.days_leave, m.deductions,
         m.bonuses, m.score, m.grade, m.lowest, m.events, m.reviews, m.good_reviews, m.detail, m.corrections
         FROM monthly_result m JOIN person p ON p.id = m.person_id JOIN unit u ON u.id = m.unit_id
         WHERE m.month = ?1 AND m.person_id IN (SELECT person_id FROM assignment
             WHERE started_on IS NOT NULL AND started_on <= ?3 AND (ended_on IS NULL OR ended_on >= ?2))
         ORDER BY u.code, m.person_id",
    )?;
    // The stationings of the month: all of them, or one center's when a report is scoped.
    let rows = stmt.query_map(params![month_key(first), first, last_of_month(first)], |r| {
        let detail: String = r.get(15)?;
        Ok(MonthRow {
            person_id: r.get(0)?,
            name: r.get(1)?,
            id_number: r.get(2)?,
            unit: r.get(3)?,
            unit_id: r.get(4)?,
            days_stationed: r.get(5)?,
            days_leave: r.get(6)?,
            deductions: r.get(7)?,
            bonuses: r.get(8)?,
            corrections: r.get(16)?,
            score: r.get(9)?,
            grade: r.get(10)?,
            lowest: r.get(11)?,
            events: r.get(12)?,
            reviews: r.get(13)?,
            good_reviews: r.get(14)?,
            detail: serde_json::from_str(&detail).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A closed month as its close's audit row records it: the rule book, how many results,
/// and a SHA-256 over every column of every result in person order, so that `db check`
/// finds a result changed, added or removed behind jinzhu's back.
pub fn frozen_month_json(conn: &Connection, month: &str) -> Result<serde_json::Value> {
    let rulebook: Option<NaiveDate> = conn
        .prepare_cached(
            "SELECT r.effective FROM month_close c JOIN rulebook r ON r.id = c.rulebook_id WHERE c.month = ?1",
        )?
        .query_row([month], |r| r.get(0))
        .optional()?;
    let (persons, digest) = rows_sha256(
        conn,
        "SELECT person_id, unit_id, days_stationed, days_leave, deductions, bonuses, score, grade, lowest, events,
         reviews, good_reviews, detail, corrections FROM monthly_result WHERE month = ?1 ORDER BY person_id",
        [month],
    )?;
    // Schema 12: the windows and the awards the close gave, frozen with it.
    let (windows, windows_digest) = rows_sha256(
        conn,
        "SELECT center_id, unit_id, persons, staff_mean, reviews, good_reviews, items, score, rank, tied
         FROM window_result WHERE month = ?1 ORDER BY center_id, unit_id",
        [month],
    )?;
    let (awards, awards_digest) = rows_sha256(
        conn,
        "SELECT period, code, name_zh, name_en, center_id, unit_id, person_id, rank, score FROM award
         WHERE month = ?1 ORDER BY period, code, center_id, unit_id, person_id",
        [month],
    )?;
    Ok(serde_json::json!({
        "month": month, "rulebook": rulebook, "persons": persons,
        "rows_sha256": digest,
        "windows": windows, "windows_sha256": windows_digest,
        "awards": awards, "awards_sha256": awards_digest,
    }))
}

/// Each row's rank in rows sorted by score, best first, and whether it shares it: equal
/// scores (as shown, to two decimals) share a rank (1, 2, 2, 4), shown as 并列.
fn shared_ranks(rows: &[MonthRow]) -> Vec<(i64, bool)> {
    let shown: Vec<f64> = rows.iter().map(|r| round_half_up(r.score, 2)).collect();
    shared_ranks_of(&shown)
}

/// The ranks of sorted keys, equal neighbours sharing one: (rank, shared). One pass.
pub(super) fn shared_ranks_of<T: PartialEq>(keys: &[T]) -> Vec<(i64, bool)> {
    let mut ranks = Vec::with_capacity(keys.len());
    let mut start = 0;
    while start < keys.len() {
        let end = start + keys[start..].iter().take_while(|k| **k == keys[start]).count();
        ranks.extend(std::iter::repeat_n((start as i64 + 1, end - start > 1), end - start));
        start = end;
    }
    ranks
}

/// The ranks of rows sorted by group, then by key: each group (a center, Art 25) ranked
/// from 1 on its own, equal keys sharing a rank.
pub(super) fn shared_ranks_within<T, G: PartialEq, K: PartialEq>(
    rows: &[T],
    group: impl Fn(&T) -> G,
    key: impl Fn(&T) -> K,
) -> Vec<(i64, bool)> {
    rows.chunk_by(|a, b| group(a) == group(b))
        .flat_map(|g| shared_ranks_of(&g.iter().map(&key).collect::<Vec<K>>()))
        .collect()
}

/// An item's month as shown: "迟到×3 -3", its points to two decimals.
pub(super) fn item_text(name: &str, times: i64, points: f64) -> String {
    format!("{name}×{times} {:+}", round_half_up(points, 2))
}

/// A rank as shown: "2（并列）" when shared, the number alone in JSON.
pub(super) fn rank_cell(rank: i64, tied: bool) -> Cell {
    if tied {
        Cell::Data(Box::new(Cell::Message(Msg::new("rank.tied").arg("rank", rank))), serde_json::Value::from(rank))
    } else {
        Cell::Int(rank)
    }
}

/// How many of each grade each unit has in a bulletin: a table for a sheet with a column
/// chart (grades are the bulletin's labels; units by name).
pub fn grade_distribution(bulletin: &Table) -> Table {
    let at = |key: &str| bulletin.columns.iter().position(|c| *c == key);
    let (Some(unit), Some(grade)) = (at("unit"), at("grade")) else {
        return Table::new(Msg::new("title.distribution").nested("title", bulletin.title.clone()), &["unit"]);
    };
    let mut grades: Vec<Grade> = Vec::new();
    let mut counts: BTreeMap<String, BTreeMap<Grade, i64>> = BTreeMap::new();
    for row in &bulletin.rows {
        let Cell::Label(key) = &row[grade] else { continue };
        let Some(g) = Grade::ALL.iter().copied().find(|g| g.label_key() == *key) else { continue };
        if !grades.contains(&g) {
            grades.push(g);
        }
        let name = match &row[unit] {
            Cell::Text(n) => n.clone(),
            other => format!("{other:?}"),
        };
        *counts.entry(name).or_default().entry(g).or_default() += 1;
    }
    grades.sort();
    let mut columns = vec!["unit"];
    columns.extend(grades.iter().map(|g| g.key()));
    let mut t = Table::new(Msg::new("title.distribution").nested("title", bulletin.title.clone()), &columns);
    for g in &grades {
        t.labels.push((g.key(), g.label_key()));
    }
    for (name, by_grade) in counts {
        let mut row = vec![Cell::Text(name)];
        row.extend(grades.iter().map(|g| Cell::Int(by_grade.get(g).copied().unwrap_or(0))));
        t.push(row);
    }
    t.chart = true;
    t
}

/// `appraise month` / `report appraisal --month`: the month's results (frozen if closed,
/// provisional otherwise) as the bulletin (通报).
/// The month's rows as a reader sees them: frozen once closed, else computed now.
pub fn month_rows(conn: &Connection, first: NaiveDate) -> Result<(Rulebook, Vec<MonthRow>)> {
    let first = first_of_month(first);
    match closed_rulebook(conn, first)? {
        Some(rb) => Ok((rb, frozen_month(conn, first)?)),
        None => compute_month(conn, first, true),
    }
}

pub fn month_table(conn: &Connection, first: NaiveDate, lang: Lang) -> Result<Table> {
    let first = first_of_month(first);
    let (rb, mut rows) = month_rows(conn, first)?;
    let closed: Option<NaiveDate> = conn
        .prepare_cached("SELECT closed_on FROM month_close WHERE month = ?1")?
        .query_row([month_key(first)], |r| r.get(0))
        .optional()?;
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)).then(a.person_id.cmp(&b.person_id)));
    let mut t = Table::new(
        Msg::new("title.bulletin").arg("year", first.year()).arg("month", first.month()),
        &[
            "rank",
            "unit",
            "name",
            "id_number",
            "days_stationed",
            "days_leave",
            "items",
            "deductions",
            "bonuses",
            "corrections",
            "score",
            "grade",
            "good_rate",
            "award",
        ],
    );
    let awards = super::award_record::awards_of_close(conn, first)?;
    let awards_of = |person: i64| -> Vec<&str> {
        awards.iter().filter(|a| a.person_id == Some(person)).map(|a| a.name(lang)).collect()
    };
    for (r, (rank, tied)) in rows.iter().zip(shared_ranks(&rows)) {
        let rank_cell = rank_cell(rank, tied);
        let name_of = |code: &str| rb.items.get(code).map_or(code.to_string(), |it| it.name(lang).to_string());
        let items: Vec<String> =
            r.detail.iter().map(|(code, (times, points))| item_text(&name_of(code), *times, *points)).collect();
        let items_json: Vec<serde_json::Value> = r
            .detail
            .iter()
            .map(|(code, (times, points))| serde_json::json!({ "code": code, "times": times, "points": points }))
            .collect();
        t.push(vec![
            rank_cell,
            Cell::text(&r.unit),
            Cell::text(&r.name),
            Cell::IdNumber(r.id_number.clone()),
            Cell::Int(r.days_stationed),
            Cell::Num(r.days_leave, 1),
            Cell::Data(Box::new(Cell::Text(items.join("; "))), serde_json::Value::from(items_json)),
            Cell::Num(r.deductions, 1),
            Cell::Num(r.bonuses, 1),
            if r.corrections == 0.0 { Cell::Empty } else { Cell::Num(r.corrections, 1) },
            Cell::Num(r.score, 1),
            Cell::Label(r.grade.label_key()),
            rules::good_rate(r.good_reviews, r.reviews).map_or(Cell::Empty, |rate| Cell::Num(rate, 1)),
            Cell::Text(awards_of(r.person_id).join("、")),
        ]);
    }
    t.alarm = rb.monthly_bands.last().map(|band| ("grade", band.grade.label_key()));
    let shown: HashSet<i64> = rows.iter().map(|r| r.person_id).collect();
    let corrections = corrections_in(conn, first)?;
    t.notes
        .extend(corrections.iter().filter(|(c, _)| shown.contains(&c.person_id)).map(|(c, e)| correction_note(c, e)));
    t.notes.extend(super::award_record::award_notes(&awards, lang));
    if closed.is_none() && !rb.window_rules().awards.is_empty() {
        t.notes.push(Msg::new("note.bulletin.awards-open"));
    }
    t.notes.push(match closed {
        Some(on) => Msg::new("note.month.closed").arg("date", on).arg("rulebook", &rb.name),
        None => Msg::new("note.month.open").arg("rulebook", &rb.name),
    });
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_are_shared_by_equal_keys_and_start_again_in_each_group() {
        assert_eq!(shared_ranks_of(&[9, 8, 8, 7]), [(1, false), (2, true), (2, true), (4, false)]);
        let rows = [(1, 9), (1, 9), (2, 5), (2, 4)];
        let ranks = shared_ranks_within(&rows, |r| r.0, |r| r.1);
        assert_eq!(ranks, [(1, true), (1, true), (1, false), (2, false)]);
    }
}
