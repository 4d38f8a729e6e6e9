//! Leave (Art 19, SPEC §3): requested from and decided by the center, only within the
//! person's stationing, never overlapping; days counted by the type's rule against the
//! holiday calendar; annual leave within the entitlement of 职工带薪年休假条例.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::{Counting, Half, LeaveStatus, LeaveType};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::{Calendar, first_of_month, last_of_month};
use crate::domain::personnel::{self, Person};
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, RuleId};
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// A leave with the days it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leave {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub id_number: String,
    pub unit: String,
    pub assignment_id: i64,
    #[serde(rename = "type")]
    pub kind: LeaveType,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub half: Option<Half>,
    pub reason: String,
    pub status: LeaveStatus,
    pub requested_on: NaiveDate,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_note: Option<String>,
    pub returned_on: Option<NaiveDate>,
    pub counting: Counting,
    /// Days as requested.
    pub days: f64,
    /// Days actually taken: up to the day before an early return.
    pub days_taken: f64,
}

impl Leave {
    /// The last day the leave covers: the day before the return, or its end.
    pub fn effective_to(&self) -> Option<NaiveDate> {
        match self.returned_on {
            Some(back) if back <= self.to => back.pred_opt().filter(|d| *d >= self.from),
            _ => Some(self.to),
        }
    }

    /// Approved, past its end, and no return recorded.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == LeaveStatus::Approved && self.to < today
    }

    /// Days taken, split by month.
    pub fn taken_by_month(&self, cal: &Calendar) -> BTreeMap<NaiveDate, f64> {
        match self.effective_to() {
            Some(to) => cal.by_month(self.from, to, self.counting, self.half),
            None => BTreeMap::new(),
        }
    }
}

const SELECT: &str = "SELECT l.id, l.person_id, p.name, p.id_number, u.code, l.assignment_id, l.type, l.from_date,
    l.to_date, l.half, l.reason, l.status, l.requested_on, l.decided_by, l.decided_on, l.decision_note,
    l.returned_on, t.counting
    FROM leave l JOIN person p ON p.id = l.person_id JOIN assignment a ON a.id = l.assignment_id
    JOIN unit u ON u.id = a.unit_id JOIN leave_type t ON t.type = l.type";

fn from_row(r: &rusqlite::Row, cal: &Calendar) -> rusqlite::Result<Leave> {
    let mut leave = Leave {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        id_number: r.get(3)?,
        unit: r.get(4)?,
        assignment_id: r.get(5)?,
        kind: r.get(6)?,
        from: r.get(7)?,
        to: r.get(8)?,
        half: r.get(9)?,
        reason: r.get(10)?,
        status: r.get(11)?,
        requested_on: r.get(12)?,
        decided_by: r.get(13)?,
        decided_on: r.get(14)?,
        decision_note: r.get(15)?,
        returned_on: r.get(16)?,
        counting: r.get(17)?,
        days: 0.0,
        days_taken: 0.0,
    };
    leave.days = cal.count(leave.from, leave.to, leave.counting, leave.half);
    let taken = matches!(leave.status, LeaveStatus::Approved | LeaveStatus::Returned);
    leave.days_taken = match leave.effective_to() {
        Some(to) if taken => cal.count(leave.from, to, leave.counting, leave.half),
        _ => 0.0,
    };
    Ok(leave)
}

pub fn load(conn: &Connection, cal: &Calendar, id: i64) -> Result<Leave> {
    conn.query_row(&format!("{SELECT} WHERE l.id = ?1"), [id], |r| from_row(r, cal)).optional()?.ok_or_else(|| {
        let id = id.to_string();
        Error::invalid("leave", &id, Msg::new("reason.record.unknown").arg("what", "leave").arg("id", &id))
    })
}

/// Leaves touching the period, optionally of one person, in any of `statuses`.
pub fn in_period(
    conn: &Connection,
    cal: &Calendar,
    from: NaiveDate,
    to: NaiveDate,
    person_id: Option<i64>,
) -> Result<Vec<Leave>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE l.from_date <= ?2 AND l.to_date >= ?1 AND (?3 IS NULL OR l.person_id = ?3)
         ORDER BY u.code, p.id, l.from_date"
    ))?;
    let rows = stmt.query_map(params![from, to, person_id], |r| from_row(r, cal))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn counting_of(conn: &Connection, kind: LeaveType) -> Result<Counting> {
    Ok(conn.prepare_cached("SELECT counting FROM leave_type WHERE type = ?1")?.query_row([kind], |r| r.get(0))?)
}

/// What `leave request` is given.
#[derive(Debug, Clone, Copy)]
pub struct NewLeave<'a> {
    pub person: &'a str,
    pub kind: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub half: Option<&'a str>,
    pub reason: &'a str,
}

fn refuse(detail: Msg) -> Error {
    Error::refused(RuleId::Art19Leave, detail)
}

/// `leave request`: ART19-LEAVE and the annual entitlement.
pub fn request(tx: &mut Tx, n: NewLeave) -> Result<Leave> {
    let person = personnel::resolve(tx, n.person)?;
    let kind = LeaveType::parse_field("type", n.kind)?;
    let half = n.half.map(|h| Half::parse_field("half", h)).transpose()?;
    let reason = parse::text(n.reason, 500).map_err(|r| Error::invalid("reason", n.reason, r))?;
    rules::check_leave_span(n.from, n.to, half.is_some()).map_err(refuse)?;
    let assignment = covering_assignment(tx, &person, n.from, n.to)?;
    let cal = Calendar::load(tx)?;
    if let Some(other) = overlapping(tx, &cal, &person, n.from, n.to)? {
        return Err(refuse(
            Msg::new("refuse.leave.overlap")
                .arg("id", other.id)
                .arg("from", other.from)
                .arg("to", other.effective_to().unwrap_or(other.to))
                .label("status", other.status.label_key()),
        ));
    }
    let counting = counting_of(tx, kind)?;
    let days = cal.count(n.from, n.to, counting, half);
    if days == 0.0 {
        return Err(Error::invalid(
            "from",
            n.from,
            Msg::new("reason.leave.no-days").label("counting", counting.label_key()),
        ));
    }
    if kind == LeaveType::Annual {
        check_annual(tx, &cal, &person, n.from, n.to, counting, half)?;
    }
    tx.prepare_cached(
        "INSERT INTO leave (person_id, assignment_id, type, from_date, to_date, half, reason, requested_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![person.id, assignment, kind, n.from, n.to, half, reason, tx.ctx.today])?;
    let leave = load(tx, &cal, tx.last_insert_rowid())?;
    tx.audit_created("leave", leave.id, "request", &leave)?;
    Ok(leave)
}

/// ART19-LEAVE: the stationing that covers every day of the leave.
fn covering_assignment(conn: &Connection, person: &Person, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM assignment WHERE person_id = ?1 AND status IN ('active', 'ended')
             AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?3)",
        )?
        .query_row(params![person.id, from, to], |r| r.get(0))
        .optional()?;
    found.ok_or_else(|| {
        refuse(Msg::new("refuse.leave.not-stationed").arg("name", &person.name).arg("from", from).arg("to", to))
    })
}

/// ART19-LEAVE: a pending, approved or taken leave of the person that shares a day.
fn overlapping(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<Leave>> {
    Ok(in_period(conn, cal, from, to, Some(person.id))?
        .into_iter()
        .find(|l| l.status.holds_days() && l.effective_to().is_some_and(|end| end >= from)))
}

/// What a person has of annual leave in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    pub person_id: i64,
    pub year: i32,
    pub years_worked: i32,
    pub entitlement: f64,
    pub taken: f64,
    pub pending: f64,
    pub remaining: f64,
    pub personal_days: f64,
    pub sick_calendar_days: i64,
    /// Why nothing is due this year, if so (带薪年休假条例 art 4).
    pub forfeit_reason: Option<Msg>,
}

/// `leave balance`: entitlement, taken, pending, remaining, and why none is due when none is.
pub fn balance(conn: &Connection, cal: &Calendar, person: &Person, year: i32) -> Result<Balance> {
    let (jan1, dec31) = year_bounds(year);
    let (years_worked, band) = rules::annual_entitlement(person.work_start, year);
    let mut b = Balance {
        person_id: person.id,
        year,
        years_worked,
        entitlement: band,
        taken: 0.0,
        pending: 0.0,
        remaining: 0.0,
        personal_days: 0.0,
        sick_calendar_days: 0,
        forfeit_reason: None,
    };
    for l in in_period(conn, cal, jan1, dec31, Some(person.id))? {
        let in_year = |l: &Leave| -> f64 { l.taken_by_month(cal).range(jan1..=dec31).map(|(_, d)| d).sum() };
        match (l.kind, l.status) {
            (LeaveType::Annual, LeaveStatus::Pending) => b.pending += in_year(&l),
            (LeaveType::Annual, LeaveStatus::Approved | LeaveStatus::Returned) => b.taken += in_year(&l),
            (LeaveType::Personal, LeaveStatus::Approved | LeaveStatus::Returned) => b.personal_days += in_year(&l),
            (LeaveType::Sick, LeaveStatus::Approved | LeaveStatus::Returned) => {
                if let Some(end) = l.effective_to() {
                    b.sick_calendar_days += (end.min(dec31) - l.from.max(jan1)).num_days() + 1;
                }
            }
            _ => {}
        }
    }
    b.forfeit_reason = rules::annual_leave_forfeited(years_worked, b.personal_days, b.sick_calendar_days);
    if b.forfeit_reason.is_some() {
        b.entitlement = 0.0;
    }
    b.remaining = b.entitlement - b.taken - b.pending;
    Ok(b)
}

/// The widest period, in dates that compare correctly as the stored YYYY-MM-DD text
/// (chrono's MIN and MAX are written with a sign and six-digit years, which sort wrongly).
fn all_time() -> (NaiveDate, NaiveDate) {
    (year_bounds(1).0, year_bounds(9999).1)
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(), NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default())
}

/// Annual leave within what remains of each year it touches.
fn check_annual(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    from: NaiveDate,
    to: NaiveDate,
    counting: Counting,
    half: Option<Half>,
) -> Result<()> {
    for year in from.year()..=to.year() {
        let (jan1, dec31) = year_bounds(year);
        let wanted = cal.count(from.max(jan1), to.min(dec31), counting, half);
        let b = balance(conn, cal, person, year)?;
        if wanted > b.remaining {
            let mut msg = Msg::new("refuse.leave.annual")
                .arg("year", year)
                .arg("entitlement", b.entitlement)
                .arg("taken", b.taken)
                .arg("pending", b.pending)
                .arg("remaining", b.remaining.max(0.0))
                .arg("wanted", wanted);
            if let Some(why) = b.forfeit_reason {
                msg = Msg::new("refuse.leave.annual-forfeit").arg("year", year).nested("why", why);
            }
            return Err(refuse(msg));
        }
    }
    Ok(())
}

/// Loads a leave, lets `change` check and modify it, and audits before and after.
fn audited(tx: &mut Tx, id: i64, action: &str, change: impl FnOnce(&mut Tx, &Leave) -> Result<()>) -> Result<Leave> {
    let cal = Calendar::load(tx)?;
    let before = load(tx, &cal, id)?;
    change(tx, &before)?;
    let after = load(tx, &cal, id)?;
    tx.audit("leave", id, action, Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

fn refuse_status(l: &Leave, key: &'static str) -> Error {
    refuse(Msg::new(key).arg("id", l.id).label("status", l.status.label_key()))
}

fn decide(tx: &mut Tx, id: i64, status: LeaveStatus, note: Option<&str>) -> Result<Leave> {
    let action = status.key();
    audited(tx, id, action, |tx, before| {
        if before.status != LeaveStatus::Pending {
            return Err(refuse_status(before, "refuse.leave.not-pending"));
        }
        let note =
            note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("reason", n, r))).transpose()?;
        if status == LeaveStatus::Rejected && note.as_ref().is_none_or(Option::is_none) {
            return Err(Error::invalid("reason", "", Msg::new("reason.required")));
        }
        tx.prepare_cached(
            "UPDATE leave SET status = ?2, decided_by = ?3, decided_on = ?4, decision_note = ?5 WHERE id = ?1",
        )?
        .execute(params![id, status, tx.ctx.operator, tx.ctx.today, note.flatten()])?;
        Ok(())
    })
}

/// `leave approve`: the center approves a pending leave.
pub fn approve(tx: &mut Tx, id: i64, note: Option<&str>) -> Result<Leave> {
    decide(tx, id, LeaveStatus::Approved, note)
}

/// `leave reject`: the center refuses a pending leave, with a reason.
pub fn reject(tx: &mut Tx, id: i64, reason: Option<&str>) -> Result<Leave> {
    decide(tx, id, LeaveStatus::Rejected, reason)
}

/// `leave cancel`: withdraws a pending leave, or an approved one that has not started.
pub fn cancel(tx: &mut Tx, id: i64, note: Option<&str>) -> Result<Leave> {
    audited(tx, id, "cancel", |tx, before| {
        let today = tx.ctx.today;
        let allowed = match before.status {
            LeaveStatus::Pending => true,
            LeaveStatus::Approved => before.from > today,
            _ => false,
        };
        if !allowed {
            return Err(refuse_status(before, "refuse.leave.cancel"));
        }
        let note =
            note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("reason", n, r))).transpose()?;
        tx.prepare_cached(
            "UPDATE leave SET status = 'cancelled', decided_by = coalesce(decided_by, ?2),
             decided_on = coalesce(decided_on, ?3), decision_note = coalesce(?4, decision_note) WHERE id = ?1",
        )?
        .execute(params![id, tx.ctx.operator, today, note.flatten()])?;
        Ok(())
    })
}

/// `leave return` (销假): the day the person was back; an early return shortens the days taken.
pub fn return_on(tx: &mut Tx, id: i64, back: NaiveDate) -> Result<Leave> {
    audited(tx, id, "return", |tx, before| {
        if before.status != LeaveStatus::Approved {
            return Err(refuse_status(before, "refuse.leave.return"));
        }
        if back < before.from {
            return Err(Error::invalid(
                "date",
                back,
                Msg::new("reason.leave.return-early").arg("date", back).arg("from", before.from),
            ));
        }
        crate::domain::org::check_not_future(tx, "date", back)?;
        tx.prepare_cached("UPDATE leave SET status = 'returned', returned_on = ?2 WHERE id = ?1")?
            .execute(params![id, back])?;
        Ok(())
    })
}

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
    Ok(vec![per_person, per_unit, overdue(conn, &cal, today)?])
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

/// The month `--month YYYY-MM` names, as a date range.
pub fn month_range(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = first_of_month(first);
    (first, last_of_month(first))
}

/// The year `--year Y` names, as a date range.
pub fn year_range(year: i32) -> (NaiveDate, NaiveDate) {
    year_bounds(year)
}
