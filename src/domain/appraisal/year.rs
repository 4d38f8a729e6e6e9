//! The annual grades (Art 22): the 优秀 quota per identity category, the 公示 of five
//! working days, and the close that freezes the year.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::month::{person_names, stationed_days, unit_codes};
use super::rulebook::{BarScope, Rulebook, require_rulebook};
use crate::base::enums::{Category, Grade, LeaveStatus, LeaveType, Standing};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::{Calendar, last_of_month};
use crate::domain::leave;
use crate::domain::org::Center;
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, Allocation, Candidate, RuleId};
use crate::storage::audit::{Correction, json, rows_sha256};
use crate::storage::store::{Tx, through_shadows};

/// Whole months of a year a person counts as stationed: a month counts when stationed on
/// at least half of its days.
pub(super) fn whole_months(days_by_month: &BTreeMap<NaiveDate, i64>) -> i64 {
    days_by_month
        .iter()
        .filter(|(first, days)| {
            let len = (last_of_month(**first) - **first).num_days() + 1;
            rules::counts_as_stationed_month(**days, len)
        })
        .count() as i64
}

/// One person's line of a year's appraisal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualRow {
    pub person_id: i64,
    pub name: String,
    pub unit: String,
    pub unit_id: i64,
    pub category: Category,
    pub months: i64,
    pub standing: Standing,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub rank: Option<i64>,
    pub deduction_events: i64,
    pub started_on: Option<NaiveDate>,
    pub notes: Vec<String>,
}

/// What each category may have of 优秀 (ART22-QUOTA).
pub type Quotas = BTreeMap<Category, Allocation>;

/// `--ratio CATEGORY=R` settings, each at most 25%, and `--quota CATEGORY=N`, the number
/// the organisation/personnel department allocated; the default is a ratio of 0.20.
pub fn parse_quotas(ratios: &[String], counts: &[String]) -> Result<Quotas> {
    let mut quotas: Quotas =
        Category::ALL.iter().map(|c| (*c, Allocation::Ratio(rules::DEFAULT_EXCELLENT_RATIO))).collect();
    for s in ratios {
        let (cat, r) = s.split_once('=').ok_or_else(|| Error::invalid("ratio", s, Msg::new("reason.ratio.form")))?;
        let category = Category::parse_field("ratio", cat)?;
        let ratio = rules::parse_ratio(r).ok_or_else(|| Error::invalid("ratio", s, Msg::new("reason.ratio.form")))?;
        if ratio > rules::MAX_EXCELLENT_RATIO {
            return Err(Error::refused(
                RuleId::Art22Quota,
                Msg::new("refuse.ratio").arg("ratio", r.trim()).label("category", category.label_key()),
            ));
        }
        quotas.insert(category, Allocation::Ratio(ratio));
    }
    for s in counts {
        let form = || Error::invalid("quota", s, Msg::new("reason.quota.form"));
        let (cat, n) = s.split_once('=').ok_or_else(form)?;
        let category = Category::parse_field("quota", cat)?;
        let n: usize = n.trim().parse().map_err(|_| form())?;
        quotas.insert(category, Allocation::Count(n));
    }
    Ok(quotas)
}

/// The proposal of a year's grades: participants, quota per category, 优秀 by score with
/// the tie-break, everyone else by the category's bands.
pub fn compute_year(conn: &Connection, year: i32, quotas: &Quotas) -> Result<(Rulebook, Vec<AnnualRow>, Vec<Msg>)> {
    let (jan1, dec31) = leave::year_range(year);
    let rb = require_rulebook(conn, dec31)?;
    let stationed = stationed_days(conn, jan1, dec31)?;
    let names = person_names(conn)?;
    let units = unit_codes(conn)?;
    let mut notes = Vec::new();
    let open_months = open_months(conn, year)?;
    if !open_months.is_empty() {
        notes.push(Msg::new("note.year.open-months").arg("months", open_months.join(", ")));
    }
    // Frozen monthly scores and lowest grades of the year.
    let mut monthly: HashMap<i64, (Vec<f64>, bool, i64)> = HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT person_id, score, lowest, events FROM monthly_result WHERE month BETWEEN ?1 AND ?2")?;
    let range = (format!("{year:04}-01"), format!("{year:04}-12"));
    for row in stmt.query_map(params![range.0, range.1], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?, r.get::<_, bool>(2)?, r.get::<_, i64>(3)?))
    })? {
        let (person, score, lowest, events) = row?;
        let e = monthly.entry(person).or_default();
        e.0.push(score);
        e.1 |= lowest;
        e.2 += events;
    }
    let flagged = |flag: &str| -> Result<HashSet<i64>> {
        let codes: Vec<&str> = rb
            .items
            .values()
            .filter(|i| if flag == "no_grade" { i.no_grade } else { i.blocks_excellent })
            .map(|i| i.code.as_str())
            .collect();
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT person_id, item FROM appraisal_event WHERE date BETWEEN ?1 AND ?2")?;
        let mut out = HashSet::new();
        for row in stmt.query_map(params![jan1, dec31], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (person, item) = row?;
            if codes.contains(&item.as_str()) {
                out.insert(person);
            }
        }
        Ok(out)
    };
    let no_grade = flagged("no_grade")?;
    let mut blocks = flagged("blocks_excellent")?;
    blocks.extend(year_count_bars(conn, &rb, year)?);
    let long_leave = long_leave(conn, jan1, dec31)?;
    let categories = person_categories(conn)?;
    let starts = first_starts(conn)?;

    let mut rows: Vec<AnnualRow> = Vec::new();
    for (person_id, (unit_id, days)) in stationed {
        let months = whole_months(&days);
        let (name, _) = names.get(&person_id).cloned().unwrap_or_default();
        let (scores, any_lowest, deduction_events) = monthly.get(&person_id).cloned().unwrap_or_default();
        let mut row = AnnualRow {
            person_id,
            name,
            unit: units.get(&unit_id).cloned().unwrap_or_default(),
            unit_id,
            category: categories.get(&person_id).copied().unwrap_or(Category::Other),
            months,
            standing: Standing::Participant,
            score: (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            grade: None,
            rank: None,
            deduction_events,
            started_on: starts.get(&person_id).copied(),
            notes: Vec::new(),
        };
        if months < i64::from(rb.participation_months) {
            row.standing = Standing::Unit;
        } else if no_grade.contains(&person_id) {
            row.standing = Standing::NotGraded;
            row.notes.push("note.annual.no-grade-item".into());
        } else if long_leave.contains(&person_id) {
            row.standing = Standing::NotGraded;
            row.notes.push("note.annual.long-leave".into());
        }
        if row.standing == Standing::Participant {
            if any_lowest {
                row.notes.push("note.annual.barred-lowest".into());
            }
            if blocks.contains(&person_id) {
                row.notes.push("note.annual.barred-item".into());
            }
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.unit.cmp(&b.unit).then(a.person_id.cmp(&b.person_id)));

    for category in Category::ALL {
        let in_category: Vec<&AnnualRow> =
            rows.iter().filter(|r| r.category == *category && r.standing != Standing::Unit).collect();
        let allocation = quotas.get(category).copied().unwrap_or(Allocation::Ratio(rules::DEFAULT_EXCELLENT_RATIO));
        let quota = rules::quota_of(in_category.len(), allocation)
            .map_err(|m| Error::refused(RuleId::Art22Quota, m.label("category", category.label_key())))?;
        let candidates: Vec<Candidate> = in_category
            .iter()
            .filter(|r| r.standing == Standing::Participant && r.notes.is_empty())
            .filter_map(|r| {
                Some(Candidate {
                    person_id: r.person_id,
                    score: r.score?,
                    deduction_events: r.deduction_events,
                    started_on: r.started_on.unwrap_or(jan1),
                })
            })
            .collect();
        let (chosen, tied) = rules::select_excellent(candidates, quota);
        notes.push(
            Msg::new("note.year.quota")
                .label("category", category.label_key())
                .arg("participants", in_category.len())
                .arg(
                    "ratio",
                    match allocation {
                        Allocation::Ratio(r) => format!("{:.2}", r as f64 / 10_000.0),
                        Allocation::Count(n) => format!("{n}"),
                    },
                )
                .arg("quota", quota)
                .arg("chosen", chosen.len()),
        );
        let bands = rb.annual_bands.get(category).cloned().unwrap_or_default();
        for row in rows.iter_mut().filter(|r| r.category == *category && r.standing == Standing::Participant) {
            if let Some(rank) = chosen.iter().position(|id| *id == row.person_id) {
                row.grade = Some(Grade::Excellent);
                row.rank = Some(rank as i64 + 1);
            } else if let Some(score) = row.score {
                row.grade = rules::grade_for(score, &bands).map(|(g, _)| g);
            } else {
                row.notes.push("note.annual.no-closed-month".into());
            }
            if tied.contains(&row.person_id) {
                row.notes.push("note.annual.tie".into());
            }
        }
    }
    Ok((rb, rows, notes))
}

fn open_months(conn: &Connection, year: i32) -> Result<Vec<String>> {
    let closed: HashSet<String> = conn
        .prepare("SELECT month FROM month_close WHERE month LIKE ?1")?
        .query_map([format!("{year:04}-%")], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((1..=12).map(|m| format!("{year:04}-{m:02}")).filter(|m| !closed.contains(m)).collect())
}

/// Persons whose sick and personal leave together exceed half the year (not graded).
fn long_leave(conn: &Connection, jan1: NaiveDate, dec31: NaiveDate) -> Result<HashSet<i64>> {
    let cal = Calendar::load(conn)?;
    let mut days: HashMap<i64, i64> = HashMap::new();
    for l in leave::in_period(conn, &cal, jan1, dec31, None)? {
        let taken = matches!(l.status, LeaveStatus::Approved | LeaveStatus::Returned);
        if taken
            && matches!(l.kind, LeaveType::Sick | LeaveType::Personal)
            && let Some(end) = l.effective_to()
        {
            *days.entry(l.person_id).or_default() += (end.min(dec31) - l.from.max(jan1)).num_days() + 1;
        }
    }
    let year_len = (dec31 - jan1).num_days() + 1;
    Ok(days.into_iter().filter(|(_, d)| rules::leave_bars_grading(*d, year_len)).map(|(p, _)| p).collect())
}

pub(super) fn person_categories(conn: &Connection) -> Result<HashMap<i64, Category>> {
    let mut stmt = conn.prepare_cached("SELECT id, category FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When each person's stationing began (the earliest start), for the tie-break.
fn first_starts(conn: &Connection) -> Result<HashMap<i64, NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, min(started_on) FROM assignment WHERE started_on IS NOT NULL GROUP BY person_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearState {
    pub published_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

pub fn year_state(conn: &Connection, year: i32, center: i64) -> Result<Option<YearState>> {
    Ok(conn
        .prepare_cached("SELECT published_on, closed_on FROM year_appraisal WHERE year = ?1 AND center_id = ?2")?
        .query_row(params![year, center], |r| Ok(YearState { published_on: r.get(0)?, closed_on: r.get(1)? }))
        .optional()?)
}

/// The center a year is appraised for (Art 22, 25: each center its own appraisal unit):
/// the one named, or the only one; with several, one must be named.
pub fn year_center(conn: &Connection, code: Option<&str>) -> Result<Center> {
    let centers = crate::domain::org::centers_for(conn, code)?;
    match &centers[..] {
        [one] => Ok(one.clone()),
        _ => Err(Error::refused(
            RuleId::Art25Centers,
            Msg::new("refuse.year.center")
                .arg("centers", centers.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().join(", ")),
        )),
    }
}

/// Refuses a step of the year (`key`: publish or close) while a month of it is open.
fn refuse_open_months(conn: &Connection, year: i32, key: &'static str) -> Result<()> {
    let open = open_months(conn, year)?;
    if open.is_empty() {
        return Ok(());
    }
    Err(Error::refused(RuleId::Art21Monthly, Msg::new(key).arg("year", year).arg("months", open.join(", "))))
}

/// The day the year's last month was closed.
fn last_month_closed(conn: &Connection, year: i32) -> Result<Option<NaiveDate>> {
    Ok(conn
        .prepare_cached("SELECT max(closed_on) FROM month_close WHERE month LIKE ?1")?
        .query_row([format!("{year:04}-%")], |r| r.get(0))?)
}

/// The audit id of a center's year.
fn year_key(year: i32, center: i64) -> String {
    format!("{year}/{center}")
}

/// `appraise year Y`: proposes the grades and records the publication (公示) date.
pub fn publish_year(
    tx: &mut Tx,
    (year, center): (i32, i64),
    quotas: &Quotas,
    on: Option<NaiveDate>,
    republish: Option<&str>,
) -> Result<(Vec<AnnualRow>, Vec<Msg>)> {
    let state = year_state(tx, year, center)?;
    if let Some(YearState { closed_on: Some(on), .. }) = state {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.closed").arg("year", year).arg("date", on),
        ));
    }
    refuse_open_months(tx, year, "refuse.year.publish-open")?;
    let republish = match (state.as_ref(), republish) {
        (Some(s), None) => {
            return Err(Error::refused(
                RuleId::Art22Quota,
                Msg::new("refuse.year.published").arg("year", year).arg("date", s.published_on),
            ));
        }
        (Some(_), Some(reason)) => Some(parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?),
        (None, _) => None,
    };
    let on = on.unwrap_or(tx.ctx.today);
    crate::domain::org::check_not_future(tx, "date", on)?;
    if let Some(closed) = last_month_closed(tx, year)?.filter(|c| on < *c) {
        return Err(Error::invalid(
            "date",
            on,
            Msg::new("reason.year.publish-before-close").arg("date", on).arg("closed", closed),
        ));
    }
    let (rb, rows, notes) =
        through_shadows(tx, &crate::domain::org::center_scope(center), |c| compute_year(c, year, quotas))?;
    let before = year_json(tx, year, center)?;
    // A republication replaces the list; the audit row keeps the one it replaces.
    tx.prepare_cached("DELETE FROM annual_result WHERE year = ?1 AND center_id = ?2")?
        .execute(params![year, center])?;
    tx.prepare_cached("DELETE FROM year_appraisal WHERE year = ?1 AND center_id = ?2")?
        .execute(params![year, center])?;
    let quota_json: BTreeMap<&str, Allocation> = quotas.iter().map(|(c, a)| (c.key(), *a)).collect();
    tx.prepare_cached(
        "INSERT INTO year_appraisal (year, center_id, published_on, ratios, rulebook_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![year, center, on, json(&quota_json).to_string(), rb.id])?;
    for r in &rows {
        tx.prepare_cached(
            "INSERT INTO annual_result (year, center_id, person_id, unit_id, category, months, standing, score, grade,
             rank, deduction_events, started_on, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            year,
            center,
            r.person_id,
            r.unit_id,
            r.category,
            r.months,
            r.standing,
            r.score,
            r.grade,
            r.rank,
            r.deduction_events,
            r.started_on,
            r.notes.join(",")
        ])?;
    }
    let after = year_json(tx, year, center)?;
    let key = year_key(year, center);
    match republish {
        Some(reason) => {
            let correction = Correction::new(&reason, "year", &key);
            tx.audit_correction("year", &key, "republish", (before.as_ref(), after.as_ref()), &correction)?
        }
        None => tx.audit("year", &key, "publish", before.as_ref(), after.as_ref())?,
    }
    Ok((rows, notes))
}

/// A year's appraisal as its audit rows record it: its state, each person's grade, and a
/// SHA-256 over every column of its results (`db check` compares it).
pub(super) fn year_json(conn: &Connection, year: i32, center: i64) -> Result<Option<serde_json::Value>> {
    let Some(state) = year_state(conn, year, center)? else { return Ok(None) };
    let (_, digest) = rows_sha256(
        conn,
        "SELECT person_id, unit_id, category, months, standing, score, grade, rank, deduction_events, started_on, note
         FROM annual_result WHERE year = ?1 AND center_id = ?2 ORDER BY person_id",
        params![year, center],
    )?;
    let grades: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT person_id, grade FROM annual_result WHERE year = ?1 AND center_id = ?2 ORDER BY person_id")?
        .query_map(params![year, center], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(serde_json::json!({
        "year": year, "center": center, "published_on": state.published_on, "closed_on": state.closed_on, "grades": grades,
        "rows_sha256": digest,
    })))
}

/// Working days after `published` up to and including `today`.
fn working_days_since(cal: &Calendar, published: NaiveDate, today: NaiveDate) -> usize {
    published.iter_days().skip(1).take_while(|d| *d <= today).filter(|d| cal.is_working_day(*d)).count()
}

/// `appraise year Y --close`: freezes the proposed grades once every month is closed and
/// the list has been published for 5 working days.
pub fn close_year(tx: &mut Tx, year: i32, center: i64) -> Result<()> {
    let state = year_state(tx, year, center)?
        .ok_or_else(|| Error::refused(RuleId::Art22Quota, Msg::new("refuse.year.not-proposed").arg("year", year)))?;
    if let Some(on) = state.closed_on {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.closed").arg("year", year).arg("date", on),
        ));
    }
    refuse_open_months(tx, year, "refuse.year.open-months")?;
    if last_month_closed(tx, year)?.is_some_and(|c| c > state.published_on) {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.stale").arg("published", state.published_on).arg("year", year),
        ));
    }
    let cal = Calendar::load(tx)?;
    cal.require_years(state.published_on, tx.ctx.today, RuleId::Art22Quota)?;
    let waited = working_days_since(&cal, state.published_on, tx.ctx.today);
    if waited < rules::PUBLICATION_WORKING_DAYS {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.publication")
                .arg("published", state.published_on)
                .arg("days", waited)
                .arg("needed", rules::PUBLICATION_WORKING_DAYS),
        ));
    }
    let before = year_json(tx, year, center)?;
    tx.prepare_cached("UPDATE year_appraisal SET closed_on = ?3 WHERE year = ?1 AND center_id = ?2")?
        .execute(params![year, center, tx.ctx.today])?;
    let after = year_json(tx, year, center)?;
    tx.audit("year", year_key(year, center), "close", before.as_ref(), after.as_ref())?;
    Ok(())
}

/// The stored results of a year (proposed or closed).
pub fn stored_year(conn: &Connection, year: i32, center: i64) -> Result<Vec<AnnualRow>> {
    let mut stmt = conn.prepare(
        "SELECT a.person_id, p.name, u.code, a.unit_id, a.category, a.months, a.standing, a.score, a.grade, a.rank,
         a.deduction_events, a.started_on, a.note
         FROM annual_result a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
         WHERE a.year = ?1 AND a.center_id = ?2 ORDER BY u.code, a.person_id",
    )?;
    let rows = stmt.query_map(params![year, center], |r| {
        let note: Option<String> = r.get(12)?;
        Ok(AnnualRow {
            person_id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            unit_id: r.get(3)?,
            category: r.get(4)?,
            months: r.get(5)?,
            standing: r.get(6)?,
            score: r.get(7)?,
            grade: r.get(8)?,
            rank: r.get(9)?,
            deduction_events: r.get(10)?,
            started_on: r.get(11)?,
            notes: note
                .map(|n| n.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The annual results as a table.
pub fn year_table(year: i32, rows: &[AnnualRow], notes: Vec<Msg>, state: Option<&YearState>) -> Table {
    let mut t = Table::new(
        Msg::new("title.annual").arg("year", year),
        &["unit", "name", "category", "months", "standing", "score", "grade", "rank", "note"],
    );
    for r in rows {
        let notes = r.notes.iter().filter_map(|n| note_key(n)).map(Msg::new).collect();
        t.push(vec![
            Cell::text(&r.unit),
            Cell::text(&r.name),
            Cell::Label(r.category.label_key()),
            Cell::Int(r.months),
            Cell::Label(r.standing.label_key()),
            r.score.map_or(Cell::Empty, |s| Cell::Num(s, 2)),
            r.grade.map_or(Cell::Empty, |g| Cell::Label(g.label_key())),
            r.rank.map_or(Cell::Empty, Cell::Int),
            Cell::Messages(notes),
        ]);
    }
    t.notes = notes;
    if let Some(s) = state {
        t.notes.push(match s.closed_on {
            Some(on) => Msg::new("note.year.closed").arg("published", s.published_on).arg("date", on),
            None => Msg::new("note.year.published").arg("published", s.published_on),
        });
    }
    t
}

/// The stored note codes are text-table keys; only known ones are shown.
fn note_key(code: &str) -> Option<&'static str> {
    const KEYS: &[&str] = &[
        "note.annual.no-grade-item",
        "note.annual.long-leave",
        "note.annual.barred-lowest",
        "note.annual.barred-item",
        "note.annual.no-closed-month",
        "note.annual.tie",
    ];
    KEYS.iter().copied().find(|k| *k == code)
}

/// The persons whose closed month of `year` counted an item often enough to bar the
/// year's 优秀 (a count bar with scope `year`), read from the frozen monthly details.
fn year_count_bars(conn: &Connection, rb: &Rulebook, year: i32) -> Result<HashSet<i64>> {
    let codes: Vec<String> = rb
        .items
        .values()
        .filter(|i| i.excellent_bar.is_some_and(|b| b.scope == BarScope::Year))
        .map(|i| format!("\"{}\"", i.code))
        .collect();
    let mut out = HashSet::new();
    if codes.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare_cached("SELECT person_id, detail FROM monthly_result WHERE month BETWEEN ?1 AND ?2")?;
    let range = (format!("{year:04}-01"), format!("{year:04}-12"));
    let mut rows = stmt.query(params![range.0, range.1])?;
    while let Some(r) = rows.next()? {
        let detail: String = r.get(1)?;
        // Most months count none of these items: the text says so without a parse.
        if !codes.iter().any(|c| detail.contains(c.as_str())) {
            continue;
        }
        let counts: BTreeMap<String, (i64, f64)> = serde_json::from_str(&detail).unwrap_or_default();
        if rb.count_barred(BarScope::Year, counts.into_iter().map(|(c, (t, _))| (c, t))) {
            out.insert(r.get(0)?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_counts_when_stationed_half_of_it() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let days: BTreeMap<NaiveDate, i64> = [(d(1, 1), 16), (d(2, 1), 13), (d(3, 1), 31)].into_iter().collect();
        assert_eq!(whole_months(&days), 2);
    }
}
