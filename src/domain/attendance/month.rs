//! The month computed from the punches (Art 19, 21): per person and working day, the
//! first and last punch against the schedule, on the days the person was stationed and
//! not on approved leave (公假 and 临时外出 included); closing it turns the results into
//! appraisal events (source `attendance`) of the items the schedule names.
//!
//! Days are read one at a time, each a range of the punches' key, so memory follows the
//! number of persons, not of punches.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::evaluate::{DayResult, Session, evaluate};
use super::schedule::{Schedule, Schedules};
use super::stationed::Stationed;
use crate::base::enums::{EventSource, Half};
use crate::base::i18n::Msg;
use crate::domain::appraisal::{self, Event};
use crate::domain::calendar::{Calendar, first_of_month, last_of_month};
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::store::Tx;

/// One person's working day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub person_id: i64,
    pub unit_id: i64,
    pub date: NaiveDate,
    /// The sessions asked of the person (none: on leave all day).
    pub sessions: Vec<Session>,
    /// On approved leave for part of the day or all of it.
    pub leave: Option<Option<Half>>,
    pub first: Option<NaiveTime>,
    pub last: Option<NaiveTime>,
    pub punches: u32,
    pub result: DayResult,
}

impl Day {
    pub fn on_leave_all_day(&self) -> bool {
        self.sessions.is_empty()
    }

    /// The arrival and departure punches: a single punch is the arrival when it falls in
    /// the first half of the day (as [`evaluate`] judges it), else the departure.
    pub fn arrival_departure(&self) -> (Option<NaiveTime>, Option<NaiveTime>) {
        if self.punches != 1 {
            return (self.first, self.last);
        }
        let midpoint = match (self.sessions.first(), self.sessions.last()) {
            (Some(a), Some(b)) => a.start + (b.end - a.start) / 2,
            _ => NaiveTime::MIN,
        };
        match self.first {
            Some(t) if t < midpoint => (Some(t), None),
            other => (None, other),
        }
    }

    /// The day's results as a reader sees them.
    pub fn result_text(&self) -> Vec<Msg> {
        let r = &self.result;
        let mut out = Vec::new();
        if self.on_leave_all_day() {
            out.push(Msg::new("attendance.leave"));
            return out;
        }
        if r.late > 0 {
            out.push(Msg::new("attendance.late").arg("min", r.late));
        }
        if r.early > 0 {
            out.push(Msg::new("attendance.early").arg("min", r.early));
        }
        if r.missed > 0 {
            out.push(Msg::new("attendance.missed"));
        }
        if r.absent_halves > 0 {
            out.push(Msg::new("attendance.absent").arg("days", f64::from(r.absent_halves) / 2.0));
        }
        if out.is_empty() {
            out.push(Msg::new("attendance.on-time"));
        }
        if let Some(Some(half)) = self.leave {
            out.push(Msg::new("attendance.half-leave").label("half", half.label_key()));
        }
        out
    }
}

/// Approved leave by person: (from, last day covered, half).
type Leaves = HashMap<i64, Vec<(NaiveDate, NaiveDate, Option<Half>)>>;

fn leaves(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Leaves> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, from_date, to_date, half, returned_on FROM leave
         WHERE status IN ('approved', 'returned') AND from_date <= ?2 AND to_date >= ?1",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<Half>>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
        ))
    })?;
    let mut out = Leaves::new();
    for row in rows {
        let (person, from, to, half, back) = row?;
        // 销假: the day back is a working day again.
        let to = back.and_then(|b| b.pred_opt()).map_or(to, |b| b.min(to));
        if to >= from {
            out.entry(person).or_default().push((from, to, half));
        }
    }
    Ok(out)
}

/// The sessions left to attend once leave is taken out, and the leave of the day.
fn after_leave(sessions: &[Session], leave: Option<Option<Half>>) -> Vec<Session> {
    match leave {
        None => sessions.to_vec(),
        Some(None) => Vec::new(),
        Some(Some(Half::Am)) => sessions.iter().filter(|s| !s.is_morning()).copied().collect(),
        Some(Some(Half::Pm)) => sessions.iter().filter(|s| s.is_morning()).copied().collect(),
    }
}

/// The punches of one day, first and last and how many, by person; corrections (补签)
/// count as punches.
fn punches_of_day(conn: &Connection, date: NaiveDate) -> Result<HashMap<i64, (NaiveTime, NaiveTime, u32)>> {
    let (from, to) = (format!("{date} 00:00:00"), format!("{date} 23:59:59"));
    let mut out: HashMap<i64, (NaiveTime, NaiveTime, u32)> = HashMap::new();
    for sql in [
        "SELECT person_id, at FROM punch WHERE at BETWEEN ?1 AND ?2",
        "SELECT person_id, at FROM punch_amend WHERE at BETWEEN ?1 AND ?2",
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let at = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let Ok(time) = NaiveTime::parse_from_str(&at[11.min(at.len())..], "%H:%M:%S") else { continue };
            let e = out.entry(r.get(0)?).or_insert((time, time, 0));
            e.0 = e.0.min(time);
            e.1 = e.1.max(time);
            e.2 += 1;
        }
    }
    Ok(out)
}

/// What a walk over a month found besides the days: centers whose staff were not
/// evaluated for want of a schedule.
#[derive(Debug, Default)]
pub struct Walk {
    pub unscheduled_centers: HashSet<i64>,
    pub days: usize,
}

/// Every working day of the month up to `until` of every person stationed, in date then
/// person order, handed to `each` with the schedule it was judged by.
pub fn walk_month(
    conn: &Connection,
    first: NaiveDate,
    until: NaiveDate,
    person: Option<i64>,
    mut each: impl FnMut(&Day, &Schedule) -> Result<()>,
) -> Result<Walk> {
    let (first, last) = (first_of_month(first), last_of_month(first).min(until));
    let cal = Calendar::load(conn)?;
    cal.require_years(first, last_of_month(first), RuleId::Art21Monthly)?;
    let schedules = Schedules::load(conn)?;
    let stationed = Stationed::load(conn, person)?;
    let leaves = leaves(conn, first, last)?;
    let persons = stationed.persons_between(first, last);
    let mut walk = Walk::default();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let punches = punches_of_day(conn, date)?;
        for &person_id in &persons {
            let Some((center, unit_id)) = stationed.on(person_id, date) else { continue };
            let Some(schedule) = schedules.on(center, date) else {
                walk.unscheduled_centers.insert(center);
                continue;
            };
            let Some(sessions) = schedule.sessions_on(date, &cal) else { continue };
            let leave = leaves
                .get(&person_id)
                .and_then(|l| l.iter().find(|(a, b, _)| *a <= date && date <= *b))
                .map(|(_, _, half)| *half);
            let sessions = after_leave(sessions, leave);
            let seen = punches.get(&person_id).copied();
            let result = evaluate(&sessions, seen.map(|(a, b, _)| (a, b)), &schedule.thresholds);
            let day = Day {
                person_id,
                unit_id,
                date,
                sessions,
                leave,
                first: seen.map(|s| s.0),
                last: seen.map(|s| s.1),
                punches: seen.map_or(0, |s| s.2),
                result,
            };
            walk.days += 1;
            each(&day, schedule)?;
        }
    }
    Ok(walk)
}

fn walk_notes(conn: &Connection, walk: &Walk) -> Result<Vec<Msg>> {
    let mut notes = Vec::new();
    if !walk.unscheduled_centers.is_empty() {
        let codes: Vec<String> = crate::domain::org::all_centers(conn)?
            .into_iter()
            .filter(|c| walk.unscheduled_centers.contains(&c.id))
            .map(|c| c.code)
            .collect();
        notes.push(Msg::new("note.attendance.unscheduled").arg("centers", codes.join(", ")));
    }
    Ok(notes)
}

fn hms(t: Option<NaiveTime>) -> Cell {
    t.map_or(Cell::Empty, |t| Cell::Text(t.format("%H:%M:%S").to_string()))
}

/// What `attendance month` shows.
pub struct MonthQuery<'a> {
    pub first: NaiveDate,
    pub person: Option<&'a str>,
    pub unit: Option<&'a str>,
    /// Every day, not only those with something to say.
    pub all: bool,
}

/// The last day of the month a reader is shown: the whole month once its attendance is
/// closed, else the days up to `today` (a later day has no punches yet).
pub fn shown_until(conn: &Connection, first: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let last = last_of_month(first);
    Ok(if is_attendance_closed(conn, &first.format("%Y-%m").to_string())? { last } else { today.min(last) })
}

/// `attendance month M`: the days of the month with a result other than on time (every
/// day with `all`), as far as [`shown_until`].
pub fn month_table(conn: &Connection, q: &MonthQuery, today: NaiveDate) -> Result<Table> {
    let person = q.person.map(|p| crate::domain::personnel::resolve(conn, p)).transpose()?;
    let unit = q.unit.map(|u| crate::domain::org::resolve_unit(conn, u)).transpose()?;
    let (persons, units) = (appraisal::person_names(conn)?, appraisal::unit_codes(conn)?);
    let mut t = Table::new(
        Msg::new("title.attendance.month").arg("month", q.first.format("%Y-%m")),
        &["date", "unit", "name", "id_number", "first_punch", "last_punch", "punches", "result"],
    );
    let (mut on_time, mut exceptions) = (0usize, 0usize);
    let until = shown_until(conn, q.first, today)?;
    let walk = walk_month(conn, q.first, until, person.as_ref().map(|p| p.id), |day, _| {
        if unit.as_ref().is_some_and(|u| u.id != day.unit_id) {
            return Ok(());
        }
        let plain = day.result.on_time();
        if plain && !day.on_leave_all_day() {
            on_time += 1;
        } else if !plain {
            exceptions += 1;
        }
        if plain && !q.all {
            return Ok(());
        }
        let (name, id_number) = persons.get(&day.person_id).cloned().unwrap_or_default();
        let (arrival, departure) = day.arrival_departure();
        t.push(vec![
            Cell::Date(day.date),
            Cell::text(units.get(&day.unit_id).map_or("", String::as_str)),
            Cell::Text(name),
            Cell::IdNumber(id_number),
            hms(arrival),
            hms(departure),
            Cell::Int(day.punches.into()),
            // Scripts get the numbers: {"late": 12, "early": 0, "missed": 0, "absent_halves": 0, …}.
            Cell::Data(Box::new(Cell::Messages(day.result_text())), result_json(day)),
        ]);
        Ok(())
    })?;
    t.notes.push(Msg::new("note.attendance.month").arg("on_time", on_time).arg("exceptions", exceptions));
    t.notes.extend(walk_notes(conn, &walk)?);
    Ok(t)
}

fn result_json(day: &Day) -> serde_json::Value {
    let mut v = serde_json::json!(day.result);
    v["leave"] = match day.leave {
        None => serde_json::Value::Null,
        Some(None) => "day".into(),
        Some(Some(half)) => half.key().into(),
    };
    v
}

pub fn is_attendance_closed(conn: &Connection, month: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM attendance_close WHERE month = ?1")?
        .query_row([month], |_| Ok(()))
        .optional()?
        .is_some())
}

fn has_punches(conn: &Connection, first: NaiveDate) -> Result<bool> {
    let (from, to) = (format!("{first} 00:00:00"), format!("{} 23:59:59", last_of_month(first)));
    Ok(conn
        .prepare_cached("SELECT 1 FROM punch WHERE at BETWEEN ?1 AND ?2 LIMIT 1")?
        .query_row(params![from, to], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The events a day comes to: (item, times, note).
fn day_events(day: &Day, schedule: &Schedule) -> Vec<(String, i64, String)> {
    let r = &day.result;
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    let (start, end) = match (day.sessions.first(), day.sessions.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => return Vec::new(),
    };
    let seen = |t: Option<NaiveTime>| t.map_or("—".to_string(), |t| t.format("%H:%M:%S").to_string());
    let (arrival, departure) = day.arrival_departure();
    let items = &schedule.items;
    let mut out = Vec::new();
    if r.late > 0 {
        out.push((items.late.clone(), 1, format!("{} / {}", seen(arrival), hm(start))));
    }
    if r.early > 0 {
        out.push((items.early.clone(), 1, format!("{} / {}", seen(departure), hm(end))));
    }
    if r.missed > 0 {
        let punched = format!("{}–{}", seen(arrival), seen(departure));
        out.push((items.missed.clone(), i64::from(r.missed), format!("{punched} / {}–{}", hm(start), hm(end))));
    }
    if r.absent_halves > 0 {
        let punched =
            if day.punches == 0 { "—".to_string() } else { format!("{}–{}", seen(day.first), seen(day.last)) };
        out.push((items.absent.clone(), i64::from(r.absent_halves), format!("{punched} / {}–{}", hm(start), hm(end))));
    }
    out
}

/// `attendance month M --close`: the month's results become appraisal events, and its
/// punches are frozen. Refused twice, before the month's last day, in a closed month,
/// without punches, and when the rule book lacks an item the schedule names.
pub fn close_attendance(tx: &mut Tx, first: NaiveDate) -> Result<usize> {
    let first = first_of_month(first);
    let month = first.format("%Y-%m").to_string();
    let refuse = |key: &'static str| {
        Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new(key).arg("month", &month).arg("last", last_of_month(first)).arg("today", tx.ctx.today),
        ))
    };
    if is_attendance_closed(tx, &month)? {
        return refuse("refuse.attendance.twice");
    }
    if crate::domain::calendar::is_month_closed(tx, first)? {
        return refuse("refuse.month.closed");
    }
    if tx.ctx.today < last_of_month(first) {
        return refuse("refuse.month.early");
    }
    if !has_punches(tx, first)? {
        return refuse("refuse.attendance.no-punches");
    }
    let rb = appraisal::rulebook_on(tx, first)?
        .ok_or_else(|| Error::invalid("month", &month, Msg::new("reason.rulebook.none").arg("date", first)))?;
    let mut events = Vec::new();
    let mut missing: Option<String> = None;
    walk_month(tx, first, last_of_month(first), None, |day, schedule| {
        for (item, times, note) in day_events(day, schedule) {
            if !rb.items.contains_key(&item) {
                missing.get_or_insert(item);
                continue;
            }
            events.push(Event {
                id: 0,
                person_id: day.person_id,
                item,
                date: day.date,
                times,
                note: Some(note),
                source: EventSource::Attendance,
                review_id: None,
            });
        }
        Ok(())
    })?;
    if let Some(item) = missing {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.attendance.item").arg("code", item).arg("name", &rb.name),
        ));
    }
    for e in &events {
        appraisal::insert_event(tx, e)?;
    }
    tx.prepare_cached("INSERT INTO attendance_close (month, closed_on, events) VALUES (?1, ?2, ?3)")?
        .execute(params![month, tx.ctx.today, events.len() as i64])?;
    let record = serde_json::json!({ "month": month, "closed_on": tx.ctx.today, "events": events.len() });
    tx.audit("attendance_close", &month, "close", None, Some(&record))?;
    Ok(events.len())
}

/// For `appraise month --close`: closes the month's attendance first when it has punches
/// and is still open. The number of events it made, if it closed.
pub fn close_pending_attendance(tx: &mut Tx, first: NaiveDate) -> Result<Option<usize>> {
    let month = first_of_month(first).format("%Y-%m").to_string();
    if is_attendance_closed(tx, &month)? || !has_punches(tx, first_of_month(first))? {
        return Ok(None);
    }
    close_attendance(tx, first).map(Some)
}

pub fn attendance_close_json(conn: &Connection, month: &str) -> Result<serde_json::Value> {
    let (closed_on, events): (NaiveDate, i64) = conn
        .prepare_cached("SELECT closed_on, events FROM attendance_close WHERE month = ?1")?
        .query_row([month], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(serde_json::json!({ "month": month, "closed_on": closed_on, "events": events }))
}
