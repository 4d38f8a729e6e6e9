//! What `assign list`, `assign show` and a person's history print.

use rusqlite::Connection;

use super::chief::chief_table;
use super::record::{Assignment, all, load};
use crate::base::enums::AssignmentStatus;
use crate::base::i18n::Msg;
use crate::domain::personnel::{self};
use crate::error::{ParseField, Result};
use crate::io::table::{Cell, Table};

const LIST_COLUMNS: &[&str] = &[
    "id",
    "name",
    "id_number",
    "unit",
    "center",
    "window",
    "review",
    "status",
    "proposed_start",
    "started_on",
    "term_end",
    "ended_on",
    "needs",
    "exceptions",
];

fn list_row(a: &Assignment) -> Vec<Cell> {
    vec![
        Cell::Int(a.id),
        Cell::text(&a.person),
        Cell::IdNumber(a.id_number.clone()),
        Cell::text(&a.unit),
        Cell::text(&a.center),
        Cell::opt_text(a.window.clone()),
        Cell::Label(a.review.label_key()),
        Cell::Label(a.status.label_key()),
        Cell::Date(a.proposed_start),
        Cell::opt_date(a.started_on),
        Cell::opt_date(a.term_end),
        Cell::opt_date(a.ended_on),
        Cell::Message(Msg::new("list.items").labels("items", a.needs.iter().map(|b| b.label_key()).collect())),
        Cell::Text(a.exceptions.iter().map(|e| e.rule.as_str()).collect::<Vec<_>>().join(", ")),
    ]
}

/// `assign list`.
pub fn list(conn: &Connection, status: Option<&str>, unit: Option<&str>) -> Result<Table> {
    let status = status.map(|s| AssignmentStatus::parse_field("status", s)).transpose()?;
    let mut t = Table::new(Msg::new("title.assignments"), LIST_COLUMNS);
    for a in all(conn, status, unit)? {
        t.push(list_row(&a));
    }
    Ok(t)
}

/// `assign show`: the assignment, its approvals, exceptions, terms, chief authorisations
/// and its history from the audit log.
pub fn show(conn: &Connection, id: i64) -> Result<Vec<Table>> {
    let a = load(conn, id)?;
    let mut details =
        Table::new(Msg::new("title.assignment").arg("id", id).arg("name", &a.person), &["field", "value"]);
    for (key, cell) in LIST_COLUMNS.iter().zip(list_row(&a)) {
        details.push(vec![Cell::Column(key), cell]);
    }
    for (key, value) in [("end_reason", &a.end_reason), ("reject_reason", &a.reject_reason)] {
        if let Some(v) = value {
            details.push(vec![Cell::Column(key), Cell::text(v)]);
        }
    }
    details.push(vec![Cell::Column("transfer_union"), Cell::Bool(a.transfer_union)]);
    details.push(vec![Cell::Column("transfer_party"), Cell::Bool(a.transfer_party)]);

    let mut approvals = Table::new(Msg::new("title.approvals"), &["body", "doc", "date", "remark"]);
    for ap in &a.approvals {
        approvals.push(vec![
            Cell::Label(ap.body.label_key()),
            Cell::text(&ap.doc),
            Cell::Date(ap.date),
            Cell::opt_text(ap.remark.clone()),
        ]);
    }
    let mut exceptions = Table::new(Msg::new("title.exceptions"), &["rule", "reason", "detail"]);
    // The figures in the user's language, as they were on the stationing's date; the stored
    // text (English) stays the record and is shown if the person's data changed since.
    let person = personnel::resolve(conn, &a.person_id.to_string())?;
    let checks = person.checks_on(a.started_on.unwrap_or(a.proposed_start));
    for e in &a.exceptions {
        let detail = checks
            .iter()
            .find(|c| c.failed() && c.rule.id() == e.rule)
            .map_or_else(|| Cell::text(&e.detail), |c| Cell::Message(c.detail.clone()));
        exceptions.push(vec![Cell::text(&e.rule), Cell::text(&e.reason), detail]);
    }
    let mut terms = Table::new(Msg::new("title.terms-of"), &["seq", "term_start", "term_end", "doc"]);
    for t in &a.terms {
        terms.push(vec![Cell::Int(t.seq), Cell::Date(t.start), Cell::Date(t.end), Cell::opt_text(t.doc.clone())]);
    }
    let mut chiefs = chief_table(conn, Some(id))?;
    chiefs.title = Msg::new("title.chiefs");
    let history = crate::domain::history::of_record(conn, "assignment", &id.to_string())?;
    Ok(vec![details, approvals, exceptions, terms, chiefs, history])
}

/// A person's stationing history, for `personnel show`.
pub fn history_of_person(conn: &Connection, person_id: i64) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.stationing-history"), LIST_COLUMNS);
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM assignment WHERE person_id = ?1 ORDER BY proposed_start, id")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        t.push(list_row(&load(conn, id)?));
    }
    Ok(t)
}
