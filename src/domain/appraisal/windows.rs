//! The windows (units) of a month side by side (Art 21: results feed the departments'
//! annual target appraisal): each unit's stationed staff, their mean monthly score, the
//! deductions they drew, and the unit's 好差评 satisfaction rate, ranked best first.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::month::{month_rows, rank_cell, shared_ranks_of, unit_codes};
use crate::base::i18n::Msg;
use crate::base::number::round_half_up;
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::rules;

/// One unit's month.
#[derive(Debug, Clone, Default, PartialEq)]
struct Window {
    persons: i64,
    score_sum: f64,
    deductions: f64,
    reviews: i64,
    good: i64,
}

impl Window {
    fn mean(&self) -> f64 {
        if self.persons == 0 { 0.0 } else { self.score_sum / self.persons as f64 }
    }
}

/// `report windows --month M`: units ranked by their staff's mean score, then by their
/// satisfaction rate; equal figures share a rank (并列).
pub fn windows_table(conn: &Connection, first: NaiveDate) -> Result<Table> {
    let (_, rows) = month_rows(conn, first)?;
    let codes = unit_codes(conn)?;
    let mut units: BTreeMap<String, Window> = BTreeMap::new();
    for r in &rows {
        let w = units.entry(codes.get(&r.unit_id).cloned().unwrap_or_default()).or_default();
        w.persons += 1;
        w.score_sum += r.score;
        w.deductions += r.deductions;
        w.reviews += r.reviews;
        w.good += r.good_reviews;
    }
    let rate = |w: &Window| rules::good_rate(w.good, w.reviews);
    let mut ranked: Vec<(String, Window)> = units.into_iter().collect();
    let key = |w: &Window| (round_half_up(w.mean(), 2), rate(w).map(|r| round_half_up(r, 1)));
    ranked.sort_by(|a, b| {
        let (ka, kb) = (key(&a.1), key(&b.1));
        kb.0.total_cmp(&ka.0).then(kb.1.unwrap_or(-1.0).total_cmp(&ka.1.unwrap_or(-1.0))).then(a.0.cmp(&b.0))
    });
    let keys: Vec<(f64, Option<f64>)> = ranked.iter().map(|(_, w)| key(w)).collect();
    let mut t = Table::new(
        Msg::new("title.windows").arg("year", first.year()).arg("month", first.month()),
        &["rank", "unit", "persons", "mean_score", "deductions", "reviews", "good_rate"],
    );
    for ((code, w), (rank, tied)) in ranked.iter().zip(shared_ranks_of(&keys)) {
        let rank_cell = rank_cell(rank, tied);
        t.push(vec![
            rank_cell,
            Cell::text(code),
            Cell::Int(w.persons),
            Cell::Num(w.mean(), 2),
            Cell::Num(w.deductions, 1),
            Cell::Int(w.reviews),
            rate(w).map_or(Cell::Empty, |r| Cell::Num(r, 1)),
        ]);
    }
    Ok(t)
}
