//! 首席代表管理责任 (ART21-TARGETS, a rule book setting): the unit's chief representative
//! draws the rule book's chief item once for each deduction the unit's other staff drew
//! in the month. Counted at scoring, never recorded.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::rulebook::Rulebook;
use crate::error::Result;

/// Person → times of the chief item this month: for each unit's chief representative in
/// office at the end of the month (or last in office during it), the deductions the
/// unit's other stationed staff drew. `times_of` gives a person's times per item, in the
/// order of `codes`; `units` each stationed person's unit.
pub(super) fn chief_shares<'a>(
    conn: &Connection,
    rb: &Rulebook,
    codes: &[&String],
    times_of: impl Fn(i64) -> &'a [i64],
    units: impl Iterator<Item = (i64, i64)>,
    (first, last): (NaiveDate, NaiveDate),
) -> Result<HashMap<i64, i64>> {
    let Some(chief_item) = &rb.window_rules().chief_item else { return Ok(HashMap::new()) };
    let deducting: Vec<bool> =
        codes.iter().map(|c| *c != chief_item && rb.items.get(*c).is_some_and(|i| i.points < 0.0)).collect();
    let mut by_unit: HashMap<i64, i64> = HashMap::new();
    let mut own: HashMap<i64, (i64, i64)> = HashMap::new();
    for (person, unit) in units {
        let n: i64 = times_of(person).iter().zip(&deducting).filter(|(_, d)| **d).map(|(t, _)| *t).sum();
        *by_unit.entry(unit).or_default() += n;
        own.insert(person, (unit, n));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT unit_id, person_id FROM chief WHERE from_date <= ?2 AND (to_date IS NULL OR to_date >= ?1)
         ORDER BY from_date, id",
    )?;
    let chiefs: HashMap<i64, i64> =
        stmt.query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut shares = HashMap::new();
    for (unit, chief) in chiefs {
        // A chief not stationed in the unit this month is not scored here.
        let Some((chief_unit, chief_own)) = own.get(&chief).copied() else { continue };
        let others = by_unit.get(&unit).copied().unwrap_or(0) - if chief_unit == unit { chief_own } else { 0 };
        if others > 0 {
            shares.insert(chief, others);
        }
    }
    Ok(shares)
}
