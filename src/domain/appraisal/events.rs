//! Appraisal events (Art 20–21): one rule book item, a date and a number of times,
//! recorded one by one or imported from a file.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::period::{Months, is_stationed_on, month_key};
use super::rulebook::Rulebook;
use crate::base::enums::EventSource;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::leave::on_leave;
use crate::domain::personnel;
use crate::error::{Error, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::rules::RuleId;
use crate::storage::checkpoint::{Touches, Write, with_touches_replayed};
use crate::storage::store::Tx;

/// The rule book's items as a message lists them: "LATE (迟到), …".
fn item_list(rb: &Rulebook) -> String {
    rb.items.values().map(|i| format!("{} ({})", i.code, i.name_zh)).collect::<Vec<_>>().join(", ")
}

/// The item a file names by its code or by its Chinese or English name, in the rule book
/// in force on `date`; the text as a code when none matches (the refusal names it).
fn item_code(conn: &Connection, months: &mut Months, date: Option<NaiveDate>, text: &str) -> Result<String> {
    let code = text.trim().to_uppercase();
    let Some(date) = date else { return Ok(code) };
    let Some(rb) = months.get(conn, date)?.1 else { return Ok(code) };
    if rb.items.contains_key(&code) {
        return Ok(code);
    }
    let named = rb.items.values().find(|i| i.name_zh == text.trim() || i.name_en.eq_ignore_ascii_case(text.trim()));
    Ok(named.map_or(code, |i| i.code.clone()))
}

/// Why an event on `date` for `person_id` (of item `code`, when it names one) cannot be
/// recorded, if it cannot: the rule of the refusal and its message.
pub(super) fn event_problem(
    conn: &Connection,
    months: &mut Months,
    person_id: i64,
    name: &str,
    code: Option<&str>,
    date: NaiveDate,
    (today, force): (NaiveDate, bool),
) -> Result<Option<(RuleId, Msg)>> {
    if date > today {
        return Ok(Some((RuleId::Art21Monthly, Msg::new("reason.after-today").arg("date", date).arg("today", today))));
    }
    let (closed, rulebook) = months.get(conn, date)?;
    if closed {
        return Ok(Some((
            RuleId::Art21Monthly,
            Msg::new("refuse.month.closed").arg("month", month_key(date)).arg("today", month_key(today)),
        )));
    }
    let Some(rb) = rulebook else {
        return Ok(Some((RuleId::Art21Monthly, Msg::new("reason.rulebook.none").arg("date", date))));
    };
    if let Some(code) = code.filter(|c| !rb.items.contains_key(*c)) {
        return Ok(Some((
            RuleId::Art21Monthly,
            Msg::new("reason.rulebook.no-item").arg("code", code).arg("name", &rb.name).arg("codes", item_list(&rb)),
        )));
    }
    if let Some(code) = code.filter(|c| rb.window_rules().chief_item.as_deref() == Some(*c)) {
        return Ok(Some((RuleId::Art21Targets, Msg::new("refuse.event.chief-item").arg("code", code))));
    }
    if !is_stationed_on(conn, person_id, date)? {
        return Ok(Some((
            RuleId::Art21Monthly,
            Msg::new("refuse.event.not-stationed").arg("name", name).arg("date", date),
        )));
    }
    let attendance = code.and_then(|c| rb.items.get(c)).is_some_and(|i| i.attendance);
    if attendance && !force {
        if !months.calendar(conn)?.is_working_day(date) {
            return Ok(Some((RuleId::Art21Monthly, Msg::new("refuse.event.day-off").arg("date", date))));
        }
        if on_leave(conn, person_id, date)? {
            return Ok(Some((
                RuleId::Art21Monthly,
                Msg::new("refuse.event.on-leave").arg("name", name).arg("date", date),
            )));
        }
    }
    Ok(None)
}

/// An appraisal event as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub person_id: i64,
    pub item: String,
    pub date: NaiveDate,
    pub times: i64,
    pub note: Option<String>,
    pub source: EventSource,
    pub review_id: Option<i64>,
}

pub fn insert_event(tx: &mut Tx, e: &Event) -> Result<Event> {
    tx.prepare_cached(
        "INSERT INTO appraisal_event (person_id, item, date, times, note, source, review_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![e.person_id, e.item, e.date, e.times, e.note, e.source, e.review_id])?;
    let stored = Event { id: tx.last_insert_rowid(), ..e.clone() };
    tx.audit_created("appraisal_event", stored.id, "insert", &stored)?;
    Ok(stored)
}

/// `insert_event` for many events in one statement, audited each: they take the ids
/// SQLite would give them one by one (after the largest), in the given order.
/// Returns the first and last id given (`None` for no events): they follow each other.
pub fn insert_events(tx: &mut Tx, events: &[Event]) -> Result<Option<(i64, i64)>> {
    let last: i64 =
        tx.prepare_cached("SELECT coalesce(max(id), 0) FROM appraisal_event")?.query_row([], |r| r.get(0))?;
    let stored: Vec<Event> = events.iter().zip(last + 1..).map(|(e, id)| Event { id, ..e.clone() }).collect();
    tx.prepare_cached(
        "INSERT INTO appraisal_event (id, person_id, item, date, times, note, source, review_id)
         SELECT value ->> 'id', value ->> 'person_id', value ->> 'item', value ->> 'date', value ->> 'times',
                value ->> 'note', value ->> 'source', value ->> 'review_id' FROM json_each(?1)",
    )?
    .execute([crate::storage::audit::json_text(&stored)])?;
    for e in &stored {
        tx.audit_created("appraisal_event", e.id, "insert", e)?;
    }
    Ok(stored.first().zip(stored.last()).map(|(a, b)| (a.id, b.id)))
}

/// `appraise record`: one event; refused in a closed month (with a hint to correct it
/// in an open one), outside the person's stationing, or for an item the rule book lacks.
pub fn record(
    tx: &mut Tx,
    person_key: &str,
    code: &str,
    date: NaiveDate,
    times: i64,
    note: Option<&str>,
    force: bool,
) -> Result<Event> {
    let person = personnel::resolve(tx, person_key)?;
    let code = code.trim().to_uppercase();
    if times < 1 {
        return Err(Error::invalid("times", times, Msg::new("reason.number").arg("min", 1)));
    }
    let note = note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("note", n, r))).transpose()?;
    if force && note.as_ref().is_none_or(Option::is_none) {
        return Err(Error::invalid("note", "", Msg::new("reason.force.note")));
    }
    let when = (tx.ctx.today, force);
    if let Some((rule, msg)) =
        event_problem(tx, &mut Months::default(), person.id, &person.name, Some(&code), date, when)?
    {
        if msg.key.starts_with("reason.") {
            return Err(Error::Invalid { field: "date".into(), value: date.to_string(), reason: msg });
        }
        return Err(Error::refused(rule, msg));
    }
    let e = Event {
        id: 0,
        person_id: person.id,
        item: code,
        date,
        times,
        note: note.flatten(),
        source: EventSource::Manual,
        review_id: None,
    };
    insert_event(tx, &e)
}

pub const EVENT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    ColumnSpec { key: "rule", required: true, aliases: &["考核项目", "项目代码", "code"] },
    ColumnSpec { key: "date", required: true, aliases: &["发生日期"] },
    ColumnSpec { key: "times", required: false, aliases: &["次数"] },
    ColumnSpec { key: "note", required: false, aliases: &["备注"] },
];

/// Person lookups by ID number during one import.
#[derive(Default)]
pub(super) struct People(HashMap<String, Option<(i64, String)>>);

impl People {
    pub(super) fn get(&mut self, conn: &Connection, id_number: &str) -> Result<Option<(i64, String)>> {
        if let Some(hit) = self.0.get(id_number) {
            return Ok(hit.clone());
        }
        let found = personnel::find(conn, id_number)?.map(|p| (p.id, p.name));
        self.0.insert(id_number.to_string(), found.clone());
        Ok(found)
    }
}

/// A counting event exactly like `e` (person, item, date, times and note): importing the
/// same file twice, or a row twice, would count one occurrence two times.
fn identical_event(conn: &Connection, e: &Event) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.id FROM appraisal_event e WHERE e.date = ?1 AND e.person_id = ?2 AND e.item = ?3 AND e.times = ?4
             AND e.note IS ?5 AND NOT EXISTS (SELECT 1 FROM event_void v WHERE v.event_id = e.id) LIMIT 1",
        )?
        .query_row(params![e.date, e.person_id, e.item, e.times, e.note], |r| r.get(0))
        .optional()?)
}

/// What `import_events` writes, with its triggers off (`with_touches_replayed`).
const IMPORT_WRITES: [(&str, Write); 2] = [("appraisal_event", Write::Insert), ("audit", Write::Insert)];

/// The frozen-month trigger an import meets and never fires: `event_problem` refuses
/// every row dated in a closed month, read under the import's write lock.
const IMPORT_UPHELD: [&str; 1] = ["event_frozen_insert"];

/// `appraise import`: events from a file (id_number, rule, date, times, note); all or none.
/// Good rows are written as they are read (the caller's transaction rolls back if any row
/// was bad), so memory does not grow with the file.
pub fn import_events(tx: &mut Tx, input: Input, encoding: Encoding, sheet_name: Option<&str>) -> Result<ImportSummary> {
    with_touches_replayed(tx, &IMPORT_WRITES, &IMPORT_UPHELD, |tx, touches| {
        import_event_rows(tx, input, encoding, sheet_name, touches)
    })
}

fn import_event_rows(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
    touches: &mut Touches,
) -> Result<ImportSummary> {
    let mut inserted = 0;
    let mut people = People::default();
    let mut months = Months::default();
    let mut rows_of_new = sheet::RowsOfNew::after_last(tx, "appraisal_event")?;
    let today = tx.ctx.today;
    let mut summary = sheet::import_rows(input, encoding, sheet_name, EVENT_COLUMNS, |row| {
        let person = people.get(tx, row.get(0))?;
        if person.is_none() {
            let reason = Msg::new("reason.person.unknown").arg("person", row.get(0));
            row.fail(0, reason);
        }
        let date = parse::date(row.get(2)).map_err(|r| row.fail(2, r)).ok();
        let times = match row.get(3) {
            "" => Some(1),
            t => parse::int_at_least(t, 1).map_err(|r| row.fail(3, r)).ok(),
        };
        let note = parse::optional_text(row.get(4), 500).map_err(|r| row.fail(4, r)).ok();
        let code = item_code(tx, &mut months, date, row.get(1))?;
        if let (Some((person_id, name)), Some(date)) = (&person, date)
            && let Some((_, msg)) = event_problem(tx, &mut months, *person_id, name, Some(&code), date, (today, false))?
        {
            let column = if msg.key == "reason.rulebook.no-item" { 1 } else { 2 };
            row.fail(column, msg);
        }
        if let (Some((person_id, _)), Some(date), Some(times), Some(note), true) =
            (person, date, times, note, row.is_ok())
        {
            let event =
                Event { id: 0, person_id, item: code, date, times, note, source: EventSource::Import, review_id: None };
            if let Some(same) = identical_event(tx, &event)? {
                let reason = match rows_of_new.row_of(same) {
                    Some(earlier) => Msg::new("reason.event.repeated-row").arg("row", earlier),
                    None => Msg::new("reason.event.repeated").arg("id", same),
                };
                row.fail(1, reason);
                return Ok(());
            }
            let stored = insert_event(tx, &event)?;
            touches.id("appraisal_event", "appraisal_event", stored.id);
            rows_of_new.push(row.row());
            inserted += 1;
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}
