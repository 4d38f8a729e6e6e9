//! The figure each unit takes into its department's annual target appraisal (Art 21:
//! 纳入部门年度综合目标考核计分; ART21-TARGETS): from the year's closed months, its staff's
//! and its window's mean monthly scores and the awards it and its staff won, by the
//! formula of the rule book that scored the year's last closed month.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::award_record::awards_of_year;
use super::month::{rank_cell, shared_ranks_of};
use super::rulebook::{Rulebook, load_rulebook};
use crate::base::i18n::{Lang, Msg};
use crate::base::number::round_half_up;
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::rules;

/// One unit's year of windows.
#[derive(Default)]
struct UnitYear {
    code: String,
    name: String,
    months: i64,
    staff_sum: f64,
    window_sum: f64,
    rank_sum: i64,
    /// Award name → times.
    awards: BTreeMap<String, i64>,
    award_points: f64,
}

/// The closed months of a year with their windows (within a report's center), and the
/// rule book of the last one.
fn closed_months(conn: &Connection, year: i32) -> Result<(Vec<String>, Option<Rulebook>)> {
    let mut stmt = conn
        .prepare_cached("SELECT month, rulebook_id FROM month_close WHERE substr(month, 1, 4) = ?1 ORDER BY month")?;
    let months: Vec<(String, i64)> =
        stmt.query_map([year.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let rulebook = months.last().map(|(_, id)| load_rulebook(conn, *id)).transpose()?;
    Ok((months.into_iter().map(|(m, _)| m).collect(), rulebook))
}

/// `report departments --year Y`: each unit's figure, ranked.
pub fn departments_table(conn: &Connection, year: i32, lang: Lang) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.departments").arg("year", year),
        &[
            "rank",
            "unit",
            "unit_name",
            "window_months",
            "staff_mean",
            "window_mean",
            "mean_rank",
            "awards",
            "award_points",
            "figure",
        ],
    );
    let (months, rulebook) = closed_months(conn, year)?;
    let Some(rb) = rulebook else {
        t.notes.push(Msg::new("note.departments.none").arg("year", year));
        return Ok(t);
    };
    let rules = rb.window_rules();
    let mut units: BTreeMap<i64, UnitYear> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT w.unit_id, u.code, u.name, w.staff_mean, w.score, w.rank FROM window_result w
         JOIN unit u ON u.id = w.unit_id
         WHERE substr(w.month, 1, 4) = ?1 AND w.center_id IN (SELECT id FROM center)",
    )?;
    let mut rows = stmt.query(params![year.to_string()])?;
    while let Some(r) = rows.next()? {
        let u = units.entry(r.get(0)?).or_default();
        (u.code, u.name) = (r.get(1)?, r.get(2)?);
        u.months += 1;
        u.staff_sum += r.get::<_, f64>(3)?;
        u.window_sum += r.get::<_, f64>(4)?;
        u.rank_sum += r.get::<_, i64>(5)?;
    }
    for a in awards_of_year(conn, year)? {
        let Some(u) = units.get_mut(&a.unit_id) else { continue };
        *u.awards.entry(a.name(lang).to_string()).or_default() += 1;
        u.award_points += rules.department.award_points.get(&a.code).copied().unwrap_or(0.0);
    }
    let weights = rules.department_weights();
    let mut figures: Vec<(f64, UnitYear)> = units
        .into_values()
        .map(|u| {
            let n = u.months as f64;
            (rules::department_figure(u.staff_sum / n, u.window_sum / n, u.award_points, weights), u)
        })
        .collect();
    figures.sort_by(|a, b| round_half_up(b.0, 2).total_cmp(&round_half_up(a.0, 2)).then(a.1.code.cmp(&b.1.code)));
    let keys: Vec<f64> = figures.iter().map(|(f, _)| round_half_up(*f, 2)).collect();
    for ((figure, u), (rank, tied)) in figures.iter().zip(shared_ranks_of(&keys)) {
        let n = u.months as f64;
        let awards: Vec<String> = u.awards.iter().map(|(name, times)| format!("{name}×{times}")).collect();
        t.push(vec![
            rank_cell(rank, tied),
            Cell::text(&u.code),
            Cell::text(&u.name),
            Cell::Int(u.months),
            Cell::Num(u.staff_sum / n, 2),
            Cell::Num(u.window_sum / n, 2),
            Cell::Num(u.rank_sum as f64 / n, 1),
            Cell::Text(awards.join("、")),
            Cell::Num(u.award_points, 1),
            Cell::Num(*figure, 2),
        ]);
    }
    let max = weights.max_award_points.map_or("—".to_string(), |m| m.to_string());
    t.notes.push(
        Msg::new("note.departments.formula")
            .arg("staff", weights.staff)
            .arg("window", weights.window)
            .arg("max", max)
            .arg("months", months.join(", "))
            .arg("rulebook", &rb.name),
    );
    let open: Vec<String> = (1..=12).map(|m| format!("{year}-{m:02}")).filter(|m| !months.contains(m)).collect();
    if !open.is_empty() {
        t.notes.push(Msg::new("note.departments.open").arg("months", open.join(", ")));
    }
    Ok(t)
}
