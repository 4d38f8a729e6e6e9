//! A window's own events (ART21-TARGETS): a rule book window item recorded against the
//! unit (窗口秩序, 台账资料), counted in the window's monthly score; void while the month
//! is open.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::period::{is_closed, month_key};
use super::rulebook::require_rulebook;
use super::window_rules::WindowCount;
use crate::base::i18n::{Lang, Msg};
use crate::base::parse;
use crate::domain::calendar::{first_of_month, last_of_month};
use crate::domain::org;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::audit::json;
use crate::storage::store::Tx;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowEvent {
    pub id: i64,
    pub unit: String,
    pub item: String,
    pub date: NaiveDate,
    pub times: i64,
    pub note: Option<String>,
    pub void_reason: Option<String>,
}

fn refuse_closed(date: NaiveDate, today: NaiveDate) -> Error {
    Error::refused(
        RuleId::Art21Monthly,
        Msg::new("refuse.window.closed").arg("month", month_key(date)).arg("today", month_key(today)),
    )
}

/// `appraise window record UNIT --rule CODE --date D`: refused after today, in a closed
/// month, and for an item the rule book's window section lacks or counts by itself.
pub fn record_window_event(
    tx: &mut Tx,
    unit_key: &str,
    code: &str,
    date: NaiveDate,
    times: i64,
    note: Option<&str>,
) -> Result<WindowEvent> {
    let unit = org::resolve_unit(tx, unit_key)?;
    let code = code.trim().to_uppercase();
    if date > tx.ctx.today {
        let reason = Msg::new("reason.after-today").arg("date", date).arg("today", tx.ctx.today);
        return Err(Error::invalid("date", date, reason));
    }
    if times < 1 {
        return Err(Error::invalid("times", times, Msg::new("reason.number").arg("min", 1)));
    }
    let note = note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("note", n, r))).transpose()?;
    if is_closed(tx, first_of_month(date))? {
        return Err(refuse_closed(date, tx.ctx.today));
    }
    let rb = require_rulebook(tx, first_of_month(date))?;
    let rules = rb.window_rules();
    let recorded: Vec<&str> =
        rules.items.iter().filter(|i| i.counts == WindowCount::Recorded).map(|i| i.code.as_str()).collect();
    if !recorded.contains(&code.as_str()) {
        let codes = if recorded.is_empty() { "—".to_string() } else { recorded.join(", ") };
        return Err(Error::refused(
            RuleId::Art21Targets,
            Msg::new("refuse.window.no-item").arg("code", &code).arg("codes", codes),
        ));
    }
    tx.prepare_cached("INSERT INTO window_event (unit_id, item, date, times, note) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![unit.id, code, date, times, note.flatten()])?;
    let id = tx.last_insert_rowid();
    let stored = require_window_event(tx, id)?;
    tx.audit_created("window_event", id, "insert", &stored)?;
    Ok(stored)
}

/// `appraise window void ID --reason`: the event stops counting; refused in a closed
/// month and twice.
pub fn void_window_event(tx: &mut Tx, id: i64, reason: &str) -> Result<WindowEvent> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let before = require_window_event(tx, id)?;
    if is_closed(tx, first_of_month(before.date))? {
        return Err(refuse_closed(before.date, tx.ctx.today));
    }
    if before.void_reason.is_some() {
        return Err(Error::refused(RuleId::Art21Targets, Msg::new("refuse.window.void-twice").arg("id", id)));
    }
    tx.prepare_cached("UPDATE window_event SET void_reason = ?2 WHERE id = ?1")?.execute(params![id, reason])?;
    let after = require_window_event(tx, id)?;
    tx.audit("window_event", id, "void", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

fn require_window_event(conn: &Connection, id: i64) -> Result<WindowEvent> {
    load_window_event(conn, id)?.ok_or_else(|| {
        let reason = Msg::new("reason.record.unknown").label("what", "entity.window_event").arg("id", id);
        Error::invalid("event", id, reason)
    })
}

const SELECT: &str = "SELECT e.id, u.code, e.item, e.date, e.times, e.note, e.void_reason
    FROM window_event e JOIN unit u ON u.id = e.unit_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<WindowEvent> {
    Ok(WindowEvent {
        id: r.get(0)?,
        unit: r.get(1)?,
        item: r.get(2)?,
        date: r.get(3)?,
        times: r.get(4)?,
        note: r.get(5)?,
        void_reason: r.get(6)?,
    })
}

pub fn load_window_event(conn: &Connection, id: i64) -> Result<Option<WindowEvent>> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?.query_row([id], from_row).optional()?)
}

/// For `db check`: a window event as its audit rows record it.
pub fn window_event_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let event = load_window_event(conn, id.parse().unwrap_or_default())?;
    Ok(event.map_or(serde_json::Value::Null, |e| json(&e)))
}

/// Unit id → item → times of the month's window events that count.
pub(super) fn window_times(conn: &Connection, first: NaiveDate) -> Result<HashMap<i64, BTreeMap<String, i64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT unit_id, item, sum(times) FROM window_event
         WHERE date BETWEEN ?1 AND ?2 AND void_reason IS NULL GROUP BY unit_id, item",
    )?;
    let mut out: HashMap<i64, BTreeMap<String, i64>> = HashMap::new();
    let mut rows = stmt.query(params![first, last_of_month(first)])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().insert(r.get(1)?, r.get(2)?);
    }
    Ok(out)
}

/// `appraise window events --month M`: the month's window events with their ids.
pub fn window_events_table(conn: &Connection, first: NaiveDate, lang: Lang) -> Result<Table> {
    let rulebook = require_rulebook(conn, first)?;
    let rb = rulebook.window_rules();
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE e.date BETWEEN ?1 AND ?2 ORDER BY e.date, u.code, e.id"))?;
    let events = stmt.query_map(params![first, last_of_month(first)], from_row)?;
    let mut t = Table::new(
        Msg::new("title.window-events").arg("month", month_key(first)),
        &["id", "date", "unit", "rule", "item", "times", "note", "void"],
    );
    for e in events {
        let e = e?;
        let name = rb.item(&e.item).map_or(String::new(), |i| i.name(lang).to_string());
        t.push(vec![
            Cell::Int(e.id),
            Cell::Date(e.date),
            Cell::text(&e.unit),
            Cell::text(&e.item),
            Cell::Text(name),
            Cell::Int(e.times),
            e.note.as_deref().map_or(Cell::Empty, Cell::text),
            e.void_reason.as_deref().map_or(Cell::Empty, Cell::text),
        ]);
    }
    Ok(t)
}
