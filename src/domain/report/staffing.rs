//! Staffing against service volume (Art 10): cases per stationed person, by unit.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::base::i18n::Msg;
use crate::error::Result;
use crate::io::table::{Cell, Table};

/// A unit's month for the staffing report.
struct UnitLoad {
    code: String,
    name: String,
    items: i64,
    cases: Option<i64>,
    staff: i64,
    leave: f64,
}

impl UnitLoad {
    fn cases_per_staff(&self) -> Option<f64> {
        self.cases.filter(|_| self.staff > 0).map(|c| c as f64 / self.staff as f64)
    }
}

/// `report staffing --month`: per unit, staff stationed, days on leave, cases, cases per
/// stationed person, and units far from the center's median flagged (Art 10).
pub fn staffing(conn: &Connection, first: NaiveDate) -> Result<Table> {
    let first = crate::domain::calendar::first_of_month(first);
    let last = crate::domain::calendar::last_of_month(first);
    let cal = crate::domain::calendar::Calendar::load(conn)?;
    let leave_days = crate::domain::leave::days_on_leave_in_month(conn, &cal, first)?;
    let month = first.format("%Y-%m").to_string();
    let mut stmt = conn.prepare(
        "SELECT u.code, u.name, u.service_items,
            (SELECT v.cases FROM unit_volume v WHERE v.unit_id = u.id AND v.month = ?3),
            (SELECT group_concat(a.person_id) FROM assignment a WHERE a.unit_id = u.id AND a.started_on <= ?2
               AND (a.ended_on IS NULL OR a.ended_on >= ?1))
         FROM unit u ORDER BY u.code",
    )?;
    let per_unit: Vec<UnitLoad> = stmt
        .query_map(params![first, last, month], |r| {
            let persons: Option<String> = r.get(4)?;
            let mut staff: Vec<i64> = persons.unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect();
            staff.sort();
            staff.dedup();
            Ok(UnitLoad {
                code: r.get(0)?,
                name: r.get(1)?,
                items: r.get(2)?,
                cases: r.get(3)?,
                leave: staff.iter().filter_map(|p| leave_days.get(p)).fold(0.0, |a, b| a + b),
                staff: staff.len() as i64,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ratios: Vec<f64> = per_unit.iter().filter_map(UnitLoad::cases_per_staff).collect();
    ratios.sort_by(f64::total_cmp);
    let median = match ratios.len() {
        0 => None,
        n if n % 2 == 1 => Some(ratios[n / 2]),
        n => Some((ratios[n / 2 - 1] + ratios[n / 2]) / 2.0),
    };
    let mut t = Table::new(
        Msg::new("title.staffing").arg("month", &month),
        &["unit", "unit_name", "service_items", "staff", "days_leave", "cases", "cases_per_staff", "flag"],
    );
    for u in per_unit {
        let ratio = u.cases_per_staff();
        let UnitLoad { code, name, items, cases, staff, leave } = u;
        let flag = match (ratio, median, cases) {
            (_, _, Some(c)) if staff == 0 && c > 0 => Some("flag.no-staff"),
            (Some(r), Some(m), _) if m > 0.0 && r > 2.0 * m => Some("flag.understaffed"),
            (Some(r), Some(m), _) if m > 0.0 && r < 0.5 * m => Some("flag.overstaffed"),
            _ => None,
        };
        t.push(vec![
            Cell::Text(code),
            Cell::Text(name),
            Cell::Int(items),
            Cell::Int(staff),
            Cell::Num(leave, 1),
            cases.map_or(Cell::Empty, Cell::Int),
            ratio.map_or(Cell::Empty, |r| Cell::Num(r, 1)),
            flag.map_or(Cell::Empty, Cell::Label),
        ]);
    }
    if let Some(m) = median {
        t.notes.push(Msg::new("note.staffing.median").arg("median", format!("{m:.1}")));
    }
    Ok(t.with_totals(&["service_items", "staff", "days_leave", "cases"]))
}
