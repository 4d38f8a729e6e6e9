//! The windows (units) of a month (ART21-TARGETS; Art 21: results feed the departments'
//! annual target appraisal): each unit's score by the rule book's window section — its
//! staff's mean monthly score and its 好差评 satisfaction rate, each weighed, plus its own
//! items — ranked best first, frozen with the month at its close.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::month::{MonthRow, compute_month, item_text, month_rows, rank_cell, shared_ranks_within, unit_codes};
use super::period::{closed_rulebook, month_key};
use super::rulebook::Rulebook;
use super::window_events::window_times;
use super::window_rules::WindowCount;
use crate::base::i18n::{Lang, Msg};
use crate::base::number::round_half_up;
use crate::domain::calendar::{first_of_month, last_of_month};
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::rules::{self, ItemCount};
use crate::storage::store::Tx;

/// One window's month.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowMonth {
    pub center_id: i64,
    pub unit_id: i64,
    pub unit: String,
    pub persons: i64,
    pub staff_mean: f64,
    pub reviews: i64,
    pub good_reviews: i64,
    /// Window item code → (times, points after the cap).
    pub items: BTreeMap<String, (i64, f64)>,
    pub score: f64,
    pub rank: i64,
    pub tied: bool,
}

impl WindowMonth {
    pub fn good_rate(&self) -> Option<f64> {
        rules::good_rate(self.good_reviews, self.reviews)
    }
}

/// What a unit's staff gave its window this month.
#[derive(Default)]
struct Staff {
    persons: i64,
    score_sum: f64,
    reviews: i64,
    good: i64,
    deductions: i64,
    bad_reviews: i64,
}

/// Each person's bad reviews of the month verified valid (ART16-REVIEW: only those count).
fn bad_reviews_by_person(conn: &Connection, first: NaiveDate) -> Result<HashMap<i64, i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT person_id, grade FROM review WHERE date BETWEEN ?1 AND ?2 AND state = 'valid'")?;
    let mut rows = stmt.query(params![first, last_of_month(first)])?;
    let mut out: HashMap<i64, i64> = HashMap::new();
    while let Some(r) = rows.next()? {
        if rules::is_bad_review(r.get(1)?) {
            *out.entry(r.get(0)?).or_default() += 1;
        }
    }
    Ok(out)
}

/// Each person's center in the month: that of their last stationing in it (as the
/// month's rows take their unit).
pub(super) fn centers_of(conn: &Connection, first: NaiveDate) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, center_id FROM assignment
         WHERE started_on IS NOT NULL AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?1) ORDER BY started_on",
    )?;
    let rows = stmt.query_map(params![first, last_of_month(first)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The month's windows scored from its staff's rows, each center's ranked among
/// themselves (Art 25): by score (as shown, to two
/// decimals), then by satisfaction rate, then by code; equal figures share a rank.
pub(super) fn compute_windows(
    conn: &Connection,
    first: NaiveDate,
    rb: &Rulebook,
    (rows, centers): (&[MonthRow], &HashMap<i64, i64>),
) -> Result<Vec<WindowMonth>> {
    let rules = rb.window_rules();
    let bad = bad_reviews_by_person(conn, first)?;
    let recorded = window_times(conn, first)?;
    let chief = rules.chief_item.as_deref();
    let mut staff: BTreeMap<(i64, i64), Staff> = BTreeMap::new();
    for r in rows {
        let center = centers.get(&r.person_id).copied().unwrap_or_default();
        let s = staff.entry((center, r.unit_id)).or_default();
        s.persons += 1;
        s.score_sum += r.score;
        s.reviews += r.reviews;
        s.good += r.good_reviews;
        // The chief's share is a count of the others' deductions, not one of its own.
        s.deductions += r.events - chief.and_then(|c| r.detail.get(c)).map_or(0, |(t, _)| *t);
        s.bad_reviews += bad.get(&r.person_id).copied().unwrap_or(0);
    }
    let codes = unit_codes(conn)?;
    let mut windows: Vec<WindowMonth> = staff
        .into_iter()
        .map(|((center_id, unit_id), s)| {
            let staff_mean = s.score_sum / s.persons as f64;
            let mut items = BTreeMap::new();
            let mut counts = Vec::new();
            for item in &rules.items {
                let times = match item.counts {
                    WindowCount::Recorded => {
                        recorded.get(&unit_id).and_then(|m| m.get(&item.code)).copied().unwrap_or(0)
                    }
                    WindowCount::StaffDeductions => s.deductions,
                    WindowCount::BadReviews => s.bad_reviews,
                };
                if times > 0 {
                    let count = ItemCount { points: item.points, cap: item.cap, times };
                    let (_, d, b) = rules::monthly_score(0.0, &[count]);
                    items.insert(item.code.clone(), (times, d + b));
                    counts.push(count);
                }
            }
            let rate = rules::good_rate(s.good, s.reviews);
            let (score, _) = rules::window_score(staff_mean, rate, rules.weights(), &counts);
            WindowMonth {
                center_id,
                unit_id,
                unit: codes.get(&unit_id).cloned().unwrap_or_default(),
                persons: s.persons,
                staff_mean,
                reviews: s.reviews,
                good_reviews: s.good,
                items,
                score,
                rank: 0,
                tied: false,
            }
        })
        .collect();
    rank_windows(&mut windows);
    Ok(windows)
}

/// Sorts each center's windows best first and gives each its (shared) rank among them.
fn rank_windows(windows: &mut [WindowMonth]) {
    let key = |w: &WindowMonth| (round_half_up(w.score, 2), w.good_rate().map_or(-1.0, |r| round_half_up(r, 1)));
    windows.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        a.center_id.cmp(&b.center_id).then(kb.0.total_cmp(&ka.0)).then(kb.1.total_cmp(&ka.1)).then(a.unit.cmp(&b.unit))
    });
    let ranks = shared_ranks_within(windows, |w| w.center_id, key);
    for (w, (rank, tied)) in windows.iter_mut().zip(ranks) {
        (w.rank, w.tied) = (rank, tied);
    }
}

/// At a month's close: its windows, frozen beside its staff's results.
pub(super) fn freeze_windows(
    tx: &mut Tx,
    first: NaiveDate,
    rb: &Rulebook,
    staff: (&[MonthRow], &HashMap<i64, i64>),
) -> Result<Vec<WindowMonth>> {
    let windows = compute_windows(tx, first, rb, staff)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO window_result (month, center_id, unit_id, persons, staff_mean, reviews, good_reviews, items, score,
         rank, tied) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for w in &windows {
        // String keys and numbers: serialising cannot fail.
        let items = serde_json::to_string(&w.items).unwrap_or_default();
        insert.execute(params![
            month_key(first),
            w.center_id,
            w.unit_id,
            w.persons,
            w.staff_mean,
            w.reviews,
            w.good_reviews,
            items,
            w.score,
            w.rank,
            w.tied
        ])?;
    }
    Ok(windows)
}

/// Schema 12: a month closed before has its windows frozen from its frozen results, by
/// its rule book (which had no window section: by the staff alone); no awards.
pub fn freeze_closed_windows(tx: &mut Tx, month: &str) -> Result<()> {
    let first = crate::base::parse::month(month).map_err(|r| crate::error::Error::invalid("month", month, r))?;
    let (rb, rows) = month_rows(tx, first)?;
    let centers = centers_of(tx, first)?;
    freeze_windows(tx, first, &rb, (&rows, &centers))?;
    Ok(())
}

/// The frozen windows of a closed month, ranked.
fn frozen_windows(conn: &Connection, first: NaiveDate) -> Result<Vec<WindowMonth>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.unit_id, u.code, w.persons, w.staff_mean, w.reviews, w.good_reviews, w.items, w.score, w.rank, w.tied,
         w.center_id FROM window_result w JOIN unit u ON u.id = w.unit_id
         WHERE w.month = ?1 AND w.center_id IN (SELECT id FROM center)
         ORDER BY w.center_id, w.rank, u.code",
    )?;
    let rows = stmt.query_map([month_key(first)], |r| {
        let items: String = r.get(6)?;
        Ok(WindowMonth {
            center_id: r.get(10)?,
            unit_id: r.get(0)?,
            unit: r.get(1)?,
            persons: r.get(2)?,
            staff_mean: r.get(3)?,
            reviews: r.get(4)?,
            good_reviews: r.get(5)?,
            items: serde_json::from_str(&items).unwrap_or_default(),
            score: r.get(7)?,
            rank: r.get(8)?,
            tied: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A month's windows as a reader sees them: frozen once closed, else computed now.
pub fn window_months(conn: &Connection, first: NaiveDate) -> Result<(Rulebook, Vec<WindowMonth>)> {
    let first = first_of_month(first);
    if let Some(rb) = closed_rulebook(conn, first)? {
        return Ok((rb, frozen_windows(conn, first)?));
    }
    let (rb, rows) = compute_month(conn, first, false)?;
    let windows = compute_windows(conn, first, &rb, (&rows, &centers_of(conn, first)?))?;
    Ok((rb, windows))
}

/// `report windows --month M`: the units ranked by their window score, each with what
/// made it, and the awards its close gave them.
pub fn windows_table(conn: &Connection, first: NaiveDate, lang: Lang) -> Result<Table> {
    let first = first_of_month(first);
    let (rb, windows) = window_months(conn, first)?;
    let rules = rb.window_rules();
    let awards = super::award_record::awards_of_close(conn, first)?;
    let mut t = Table::new(
        Msg::new("title.windows").arg("year", first.year()).arg("month", first.month()),
        &["rank", "unit", "persons", "mean_score", "items", "reviews", "good_rate", "score", "award"],
    );
    for w in &windows {
        let item_text: Vec<String> = w
            .items
            .iter()
            .map(|(code, (times, points))| {
                item_text(rules.item(code).map_or(code.as_str(), |i| i.name(lang)), *times, *points)
            })
            .collect();
        let won: Vec<String> = awards
            .iter()
            .filter(|a| a.unit_id == w.unit_id && a.person_id.is_none())
            .map(|a| a.name(lang).to_string())
            .collect();
        t.push(vec![
            rank_cell(w.rank, w.tied),
            Cell::text(&w.unit),
            Cell::Int(w.persons),
            Cell::Num(w.staff_mean, 2),
            Cell::Text(item_text.join("; ")),
            Cell::Int(w.reviews),
            w.good_rate().map_or(Cell::Empty, |r| Cell::Num(r, 1)),
            Cell::Num(w.score, 2),
            Cell::Text(won.join("、")),
        ]);
    }
    t.notes.push(
        Msg::new("note.windows.formula")
            .arg("staff", rules.staff_weight)
            .arg("reviews", rules.review_weight)
            .arg("rulebook", &rb.name),
    );
    Ok(t)
}
