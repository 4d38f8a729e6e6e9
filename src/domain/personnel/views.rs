//! What `personnel list`, `show` and `check` print.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::record::{Person, all, resolve};
use crate::base::i18n::Msg;
use crate::base::idnum::{self};
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::rules::Check;

/// Register columns of `personnel list` (the import's, plus status).
const LIST_COLUMNS: &[&str] = &[
    "id",
    "id_number",
    "name",
    "unit",
    "position",
    "filed",
    "establishment",
    "category",
    "joined_unit",
    "work_start",
    "service_section",
    "party_member",
    "union_member",
    "phone",
    "sex",
    "birth_date",
    "status",
];

fn list_row(p: Person) -> Vec<Cell> {
    vec![
        Cell::Int(p.id),
        Cell::IdNumber(p.id_number),
        Cell::Text(p.name),
        Cell::Text(p.unit),
        Cell::Label(p.position.label_key()),
        Cell::Bool(p.filed),
        Cell::Label(p.establishment.label_key()),
        Cell::Label(p.category.label_key()),
        Cell::Date(p.joined_unit),
        Cell::Date(p.work_start),
        Cell::Bool(p.service_section),
        Cell::Bool(p.party_member),
        Cell::Bool(p.union_member),
        Cell::opt_text(p.phone),
        Cell::Label(p.sex.label_key()),
        Cell::Date(p.birth_date),
        Cell::Label(if p.archived_on.is_some() { "status.archived" } else { "status.active" }),
    ]
}

pub fn list(conn: &Connection, unit: Option<&str>, include_archived: bool) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.persons"), LIST_COLUMNS);
    for p in all(conn, unit, include_archived)? {
        t.push(list_row(p));
    }
    Ok(t)
}

/// `personnel show`: one person's record as field/value rows.
pub fn show(conn: &Connection, key: &str) -> Result<(Person, Table)> {
    let p = resolve(conn, key)?;
    let mut t = Table::new(Msg::new("title.person").arg("name", &p.name).arg("id", p.id), &["field", "value"]);
    let cells = list_row(p.clone());
    for (key, cell) in LIST_COLUMNS.iter().zip(cells) {
        t.push(vec![Cell::Column(key), cell]);
    }
    if let Some(reason) = &p.archive_reason {
        t.push(vec![Cell::Column("archived_on"), Cell::opt_date(p.archived_on)]);
        t.push(vec![Cell::Column("archive_reason"), Cell::text(reason)]);
    }
    crate::domain::org::with_unit_names(conn, std::slice::from_mut(&mut t))?;
    Ok((p, t))
}

/// `personnel check`: the Art 6/7 rules for a stationing starting on `on`.
pub fn check(conn: &Connection, key: &str, on: NaiveDate) -> Result<(Person, Table)> {
    let p = resolve(conn, key)?;
    let mut t = Table::new(
        Msg::new("title.check-person").arg("name", &p.name).arg("date", on),
        &["rule", "article", "result", "detail"],
    );
    for c in p.checks_on(on) {
        t.push(vec![
            Cell::text(c.rule.id()),
            Cell::Text(crate::base::i18n::article(c.rule.article())),
            Cell::Label(c.verdict.label_key()),
            Cell::Message(c.detail),
        ]);
    }
    Ok((p, t))
}

/// `personnel check` without a person: the Art 6/7 checks of everyone registered, for a
/// stationing starting on `on`.
pub fn check_all(conn: &Connection, on: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.check-all").arg("date", on),
        &["id", "id_number", "name", "unit", "position", "age", "art6_age", "art7_estab", "art7_tenure", "detail"],
    );
    for p in all(conn, None, false)? {
        let checks = p.checks_on(on);
        let problems = checks.iter().filter(|c| c.failed()).map(Check::cited).collect();
        t.push(vec![
            Cell::Int(p.id),
            Cell::IdNumber(p.id_number.clone()),
            Cell::Text(p.name.clone()),
            Cell::Text(p.unit.clone()),
            Cell::Label(p.position.label_key()),
            Cell::Int(i64::from(idnum::age_on(p.birth_date, on))),
            Cell::Label(checks[0].verdict.label_key()),
            Cell::Label(checks[1].verdict.label_key()),
            Cell::Label(checks[2].verdict.label_key()),
            Cell::Messages(problems),
        ]);
    }
    Ok(t)
}
