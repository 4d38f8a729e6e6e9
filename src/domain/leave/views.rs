//! What `leave list`, `leave balance`, `leave types` and `report leave` print, and the
//! days on leave the monthly appraisal reads.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::balance::{Balance, balance};
use super::record::{Leave, all_time, counting_of, in_period, year_bounds};
use crate::base::enums::{Counting, LeaveStatus, LeaveType};
use crate::base::i18n::Msg;
use crate::domain::calendar::{Calendar, last_of_month};
use crate::domain::personnel::{self};
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};
use crate::storage::store::Tx;

/// Days each person was on leave (approved or taken) in the month beginning `first`:
/// what the monthly appraisal reads.
pub fn days_on_leave_in_month(conn: &Connection, cal: &Calendar, first: NaiveDate) -> Result<BTreeMap<i64, f64>> {
    let last = last_of_month(first);
    let mut days = BTreeMap::new();
    for l in in_period(conn, cal, first, last, None)? {
        if matches!(l.status, LeaveStatus::Approved | LeaveStatus::Returned) {
            let d = l.taken_by_month(cal).get(&first).copied().unwrap_or(0.0);
            *days.entry(l.person_id).or_insert(0.0) += d;
        }
    }
    Ok(days)
}

const LIST_COLUMNS: &[&str] = &[
    "id",
    "name",
    "unit",
    "type",
    "from_date",
    "to_date",
    "half",
    "days",
    "days_taken",
    "status",
    "returned_on",
    "reason",
];

fn list_row(l: &Leave) -> Vec<Cell> {
    vec![
        Cell::Int(l.id),
        Cell::text(&l.person),
        Cell::text(&l.unit),
        Cell::Label(l.kind.label_key()),
        Cell::Date(l.from),
        Cell::Date(l.to),
        l.half.map_or(Cell::Empty, |h| Cell::Label(h.label_key())),
        Cell::Num(l.days, 1),
        Cell::Num(l.days_taken, 1),
        Cell::Label(l.status.label_key()),
        Cell::opt_date(l.returned_on),
        Cell::text(&l.reason),
    ]
}

/// `leave list`.
pub fn list(conn: &Connection, person: Option<&str>, status: Option<&str>, year: Option<i32>) -> Result<Table> {
    let cal = Calendar::load(conn)?;
    let person_id = person.map(|p| personnel::resolve(conn, p)).transpose()?.map(|p| p.id);
    let status = status.map(|s| LeaveStatus::parse_field("status", s)).transpose()?;
    let (from, to) = match year {
        Some(y) => year_bounds(y),
        None => all_time(),
    };
    let mut t = Table::new(Msg::new("title.leaves"), LIST_COLUMNS);
    for l in in_period(conn, &cal, from, to, person_id)? {
        if status.is_none_or(|s| s == l.status) {
            t.push(list_row(&l));
        }
    }
    Ok(t)
}

/// `leave balance` as a table.
pub fn balance_table(conn: &Connection, key: &str, year: i32) -> Result<(Balance, Table)> {
    let person = personnel::resolve(conn, key)?;
    let cal = Calendar::load(conn)?;
    let b = balance(conn, &cal, &person, year)?;
    let mut t = Table::new(Msg::new("title.balance").arg("name", &person.name).arg("year", year), &["field", "value"]);
    let rows: Vec<(&'static str, Cell)> = vec![
        ("work_start", Cell::Date(person.work_start)),
        ("years_worked", Cell::Int(i64::from(b.years_worked))),
        ("entitlement", Cell::Num(b.entitlement, 1)),
        ("taken", Cell::Num(b.taken, 1)),
        ("pending", Cell::Num(b.pending, 1)),
        ("remaining", Cell::Num(b.remaining, 1)),
        ("personal_days", Cell::Num(b.personal_days, 1)),
        ("sick_calendar_days", Cell::Int(b.sick_calendar_days)),
    ];
    for (k, v) in rows {
        t.push(vec![Cell::Column(k), v]);
    }
    if let Some(why) = &b.forfeit_reason {
        t.push(vec![Cell::Column("no_annual_leave"), Cell::Message(why.clone())]);
    }
    Ok((b, t))
}

/// `leave types`: how each type counts its days.
pub fn types(conn: &Connection) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.leave-types"), &["type", "counting"]);
    let mut stmt = conn.prepare("SELECT type, counting FROM leave_type")?;
    let mut rows: Vec<(LeaveType, Counting)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    rows.sort();
    for (kind, counting) in rows {
        t.push(vec![Cell::Label(kind.label_key()), Cell::Label(counting.label_key())]);
    }
    Ok(t)
}

/// `leave types --set TYPE=working|calendar`.
pub fn set_counting(tx: &mut Tx, setting: &str) -> Result<()> {
    let (kind, counting) =
        setting.split_once('=').ok_or_else(|| Error::invalid("set", setting, Msg::new("reason.leave.setting")))?;
    let kind = LeaveType::parse_field("type", kind)?;
    let counting = Counting::parse_field("counting", counting)?;
    let before = counting_of(tx, kind)?;
    tx.prepare_cached("UPDATE leave_type SET counting = ?2 WHERE type = ?1")?.execute(params![kind, counting])?;
    let record = |c: Counting| serde_json::json!({ "type": kind.key(), "counting": c.key() });
    tx.audit("leave_type", kind.key(), "set", Some(&record(before)), Some(&record(counting)))?;
    Ok(())
}

/// `report leave --month M` or `--year Y`: days by month per person and type, and per
/// unit; overdue leaves are marked.
pub fn report(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<Table>> {
    let cal = Calendar::load(conn)?;
    let months: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).filter(|d| d.day() == 1).collect();
    let month_keys: Vec<&'static str> = months.iter().map(|m| MONTH_KEYS[m.month0() as usize]).collect();
    let mut columns = vec!["unit", "name", "type"];
    columns.extend(&month_keys);
    columns.extend(["total", "overdue"]);
    let mut per_person = Table::new(Msg::new("title.leave-report").arg("from", from).arg("to", to), &columns);
    let mut per_unit_columns = vec!["unit"];
    per_unit_columns.extend(&month_keys);
    per_unit_columns.push("total");
    let mut per_unit =
        Table::new(Msg::new("title.leave-report-unit").arg("from", from).arg("to", to), &per_unit_columns);

    // (unit, person id, name, type) → (days per month, overdue)
    type PersonType = (String, i64, String, LeaveType);
    let mut by_person: BTreeMap<PersonType, (Vec<f64>, bool)> = BTreeMap::new();
    let mut by_unit: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for l in in_period(conn, &cal, from, to, None)? {
        if !matches!(l.status, LeaveStatus::Approved | LeaveStatus::Returned) {
            continue;
        }
        let split = l.taken_by_month(&cal);
        let entry = by_person
            .entry((l.unit.clone(), l.person_id, l.person.clone(), l.kind))
            .or_insert_with(|| (vec![0.0; months.len()], false));
        let unit = by_unit.entry(l.unit.clone()).or_insert_with(|| vec![0.0; months.len()]);
        for (i, m) in months.iter().enumerate() {
            let d = split.get(m).copied().unwrap_or(0.0);
            entry.0[i] += d;
            unit[i] += d;
        }
        entry.1 |= l.is_overdue(today);
    }
    for ((unit, _, name, kind), (days, overdue)) in by_person {
        let mut row = vec![Cell::Text(unit), Cell::Text(name), Cell::Label(kind.label_key())];
        row.extend(days.iter().map(|d| days_cell(*d)));
        row.push(Cell::Num(days.iter().sum(), 1));
        row.push(if overdue { Cell::Label("mark.overdue") } else { Cell::Empty });
        per_person.push(row);
    }
    for (unit, days) in by_unit {
        let mut row = vec![Cell::Text(unit)];
        row.extend(days.iter().map(|d| days_cell(*d)));
        row.push(Cell::Num(days.iter().sum(), 1));
        per_unit.push(row);
    }
    let mut summed = month_keys.clone();
    summed.push("total");
    Ok(vec![per_person.with_totals(&summed), per_unit.with_totals(&summed), overdue(conn, &cal, today)?])
}

/// A month's days in a report: blank when none, so the months with leave stand out.
fn days_cell(days: f64) -> Cell {
    if days == 0.0 { Cell::Empty } else { Cell::Num(days, 1) }
}

/// Approved leaves whose end has passed with no return recorded.
pub fn overdue(conn: &Connection, cal: &Calendar, today: NaiveDate) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.leave-overdue").arg("date", today), LIST_COLUMNS);
    for l in in_period(conn, cal, all_time().0, today, None)? {
        if l.is_overdue(today) {
            t.push(list_row(&l));
        }
    }
    Ok(t)
}

const MONTH_KEYS: [&str; 12] = ["m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"];
