//! The audit log as readers see it: `report audit`, and the history shown under a record.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::base::i18n::Msg;
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::storage::audit;

/// `report audit`: the log, optionally since a date, for one kind of entity and one
/// record of it (with the import that created it, when one did).
pub fn log(conn: &Connection, since: Option<NaiveDate>, entity: Option<&str>, id: Option<&str>) -> Result<Table> {
    let mut table = Table::new(
        Msg::new("title.audit"),
        &["seq", "at", "operator", "entity", "entity_id", "action", "before", "after", "command"],
    );
    for row in audit::rows(conn, since, entity, id)? {
        table.push(vec![
            Cell::Int(row.seq),
            Cell::text(row.at),
            Cell::text(row.operator),
            Cell::text(row.entity),
            Cell::text(row.entity_id),
            Cell::text(row.action),
            Cell::Json(row.before),
            Cell::Json(row.after),
            Cell::Quoting(row.command),
        ]);
    }
    Ok(table)
}

/// One record's history: every audit row about it, oldest first.
pub fn of_record(conn: &Connection, entity: &str, entity_id: &str) -> Result<Table> {
    let mut table = Table::new(Msg::new("title.history"), &["seq", "at", "operator", "action", "command"]);
    for row in audit::rows_of(conn, entity, entity_id)? {
        table.push(vec![
            Cell::Int(row.seq),
            Cell::text(row.at),
            Cell::text(row.operator),
            Cell::text(row.action),
            Cell::Quoting(row.command),
        ]);
    }
    Ok(table)
}

/// `report audit --corrections`: every correction, with what it corrects and why.
pub fn corrections(conn: &Connection, since: Option<NaiveDate>) -> Result<Table> {
    let mut table = Table::new(
        Msg::new("title.corrections"),
        &["seq", "at", "operator", "corrects", "action", "reason", "before", "after", "command"],
    );
    for row in audit::corrections(conn, since)? {
        table.push(vec![
            Cell::Int(row.seq),
            Cell::text(row.at),
            Cell::text(row.operator),
            Cell::text(row.corrects.unwrap_or_default()),
            Cell::text(row.action),
            Cell::text(row.reason.unwrap_or_default()),
            Cell::Json(row.before),
            Cell::Json(row.after),
            Cell::Quoting(row.command),
        ]);
    }
    Ok(table)
}
