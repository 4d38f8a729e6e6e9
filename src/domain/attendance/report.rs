//! `report attendance`: a month's attendance per person (counts and minutes) and per
//! unit (the totals), computed from the punches as `attendance month` computes them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::month::{shown_until, walk_month};
use crate::base::i18n::Msg;
use crate::domain::appraisal;
use crate::error::Result;
use crate::io::table::{Cell, Table};

/// One person's (or one unit's) month in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Counts {
    persons: i64,
    days: i64,
    on_time: i64,
    leave_days: i64,
    late: i64,
    late_minutes: i64,
    early: i64,
    early_minutes: i64,
    missed: i64,
    absent_halves: i64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.persons += o.persons;
        self.days += o.days;
        self.on_time += o.on_time;
        self.leave_days += o.leave_days;
        self.late += o.late;
        self.late_minutes += o.late_minutes;
        self.early += o.early;
        self.early_minutes += o.early_minutes;
        self.missed += o.missed;
        self.absent_halves += o.absent_halves;
    }

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Int(self.days),
            Cell::Int(self.on_time),
            Cell::Int(self.leave_days),
            Cell::Int(self.late),
            Cell::Int(self.late_minutes),
            Cell::Int(self.early),
            Cell::Int(self.early_minutes),
            Cell::Int(self.missed),
            Cell::Num(self.absent_halves as f64 / 2.0, 1),
        ]
    }
}

const COUNT_COLUMNS: [&str; 9] = [
    "working_days",
    "on_time_days",
    "leave_days",
    "late_times",
    "late_minutes",
    "early_times",
    "early_minutes",
    "missed_punches",
    "absent_days",
];

/// The month per person and per unit (of one unit, with `unit`).
pub fn attendance_report(
    conn: &Connection,
    first: NaiveDate,
    unit: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<Table>> {
    let unit = unit.map(|u| crate::domain::org::resolve_unit(conn, u)).transpose()?;
    let mut persons: BTreeMap<i64, (i64, Counts)> = BTreeMap::new();
    walk_month(conn, first, shown_until(conn, first, today)?, None, |day, _| {
        if unit.as_ref().is_some_and(|u| u.id != day.unit_id) {
            return Ok(());
        }
        let entry = persons.entry(day.person_id).or_insert((day.unit_id, Counts { persons: 1, ..Counts::default() }));
        entry.0 = day.unit_id;
        let (c, r) = (&mut entry.1, &day.result);
        c.days += 1;
        c.leave_days += i64::from(day.on_leave_all_day());
        c.on_time += i64::from(r.on_time() && !day.on_leave_all_day());
        c.late += i64::from(r.late > 0);
        c.late_minutes += i64::from(r.late);
        c.early += i64::from(r.early > 0);
        c.early_minutes += i64::from(r.early);
        c.missed += i64::from(r.missed);
        c.absent_halves += i64::from(r.absent_halves);
        Ok(())
    })?;
    let (names, units) = (appraisal::person_names(conn)?, appraisal::unit_codes(conn)?);
    let month = first.format("%Y-%m").to_string();
    let mut columns = vec!["unit", "name", "id_number"];
    columns.extend(COUNT_COLUMNS);
    let mut by_person = Table::new(Msg::new("title.attendance.persons").arg("month", &month), &columns);
    let mut by_unit_counts: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut rows: Vec<(&str, i64, Counts)> =
        persons.iter().map(|(p, (u, c))| (units.get(u).map_or("", String::as_str), *p, *c)).collect();
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    for (unit_code, person, counts) in rows {
        let (name, id_number) = names.get(&person).cloned().unwrap_or_default();
        let mut row = vec![Cell::text(unit_code), Cell::Text(name), Cell::IdNumber(id_number)];
        row.extend(counts.cells());
        by_person.push(row);
        by_unit_counts.entry(unit_code).or_default().add(&counts);
    }
    let mut columns = vec!["unit", "persons"];
    columns.extend(COUNT_COLUMNS);
    let mut by_unit = Table::new(Msg::new("title.attendance.units").arg("month", &month), &columns);
    for (unit_code, c) in &by_unit_counts {
        let mut row = vec![Cell::text(*unit_code), Cell::Int(c.persons)];
        row.extend(c.cells());
        by_unit.push(row);
    }
    let mut sums = vec!["persons"];
    sums.extend(COUNT_COLUMNS);
    Ok(vec![by_person, by_unit.with_totals(&sums)])
}
