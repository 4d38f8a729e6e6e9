//! Centers (Art 25) and stationing units with their window mode (Art 17), monthly case
//! volume (Art 10) and incidents (Art 19 and others).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::{CenterLevel, UnitKind, UnitMode};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, ParseField, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::io::table::{Cell, Table};
use crate::storage::audit::{Correction, json};
use crate::storage::store::{Shadow, Tx, through_shadows};

#[derive(Debug, Clone, Serialize)]
pub struct Center {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: CenterLevel,
}

impl Center {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Center> {
        Ok(Center { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, level: r.get(3)? })
    }
}

/// Adds a center (Art 25). `level` is a key or label.
pub fn add_center(tx: &mut Tx, code: &str, name: &str, level: &str) -> Result<Center> {
    let code = parse::text(code, 32).map_err(|r| Error::invalid("code", code, r))?;
    let name = parse::text(name, 100).map_err(|r| Error::invalid("name", name, r))?;
    let level = CenterLevel::parse_field("level", level)?;
    if find_center(tx, &code)?.is_some() {
        return Err(Error::invalid("code", &code, Msg::new("reason.center.exists")));
    }
    tx.prepare_cached("INSERT INTO center (code, name, level) VALUES (?1, ?2, ?3)")?
        .execute(params![code, name, level])?;
    let center = Center { id: tx.last_insert_rowid(), code, name, level };
    tx.audit_created("center", center.id, "insert", &center)?;
    Ok(center)
}

pub fn find_center(conn: &Connection, code: &str) -> Result<Option<Center>> {
    Ok(conn
        .prepare_cached("SELECT id, code, name, level FROM center WHERE code = ?1")?
        .query_row([code.trim()], Center::from_row)
        .optional()?)
}

/// Art 25: one center's part of the records: its stationings (and through them its staff,
/// their leaves, events and results) for a read that should see only that center.
pub fn center_scope(center_id: i64) -> Vec<Shadow> {
    // An id from the center table, not user text: safe to write into the views. The
    // center itself is shadowed too, so that a record kept by center (a window's result,
    // an award) is scoped by one look-up in a table of a few rows.
    vec![
        Shadow { name: "assignment", select: format!("SELECT * FROM main.assignment WHERE center_id = {center_id}") },
        Shadow { name: "center", select: format!("SELECT * FROM main.center WHERE id = {center_id}") },
    ]
}

/// The centers a report covers: the one named, or every center (one pass each when there
/// are several, so that each reports as its own unit, Art 25).
pub fn centers_for(conn: &Connection, code: Option<&str>) -> Result<Vec<Center>> {
    match code {
        Some(code) => Ok(vec![resolve_center(conn, Some(code))?]),
        None => all_centers(conn),
    }
}

/// A report for the named center, or one per center when there are several (each its
/// own unit, Art 25), every table marked with its center; with one center, the report as
/// it is.
pub fn per_center(
    conn: &Connection,
    code: Option<&str>,
    report: impl Fn(&Connection) -> Result<Vec<Table>>,
) -> Result<Vec<Table>> {
    let mut tables = reports_of_centers(conn, code, report)?;
    with_unit_names(conn, &mut tables)?;
    Ok(tables)
}

/// A unit's name beside its code, for readers: every table with a `unit` column of codes
/// gets a `unit_name` column after it, and a record's `unit` field a `unit_name` field.
pub fn with_unit_names(conn: &Connection, tables: &mut [Table]) -> Result<()> {
    let names: std::collections::HashMap<String, String> = conn
        .prepare_cached("SELECT code, name FROM unit")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let name_of = |cell: &Cell| match cell {
        Cell::Text(code) => names.get(code).map_or(Cell::Empty, |n| Cell::Text(n.clone())),
        _ => Cell::Empty,
    };
    for t in tables.iter_mut() {
        if t.is_record() {
            if let Some(at) = t.rows.iter().position(|r| r[0] == Cell::Column("unit")) {
                let name = name_of(&t.rows[at][1]);
                t.rows.insert(at + 1, vec![Cell::Column("unit_name"), name]);
            }
            continue;
        }
        let Some(at) = t.columns.iter().position(|c| *c == "unit") else { continue };
        if t.columns.contains(&"unit_name") {
            continue;
        }
        t.columns.insert(at + 1, "unit_name");
        for row in &mut t.rows {
            let name = name_of(&row[at]);
            row.insert(at + 1, name);
        }
    }
    Ok(())
}

fn reports_of_centers(
    conn: &Connection,
    code: Option<&str>,
    report: impl Fn(&Connection) -> Result<Vec<Table>>,
) -> Result<Vec<Table>> {
    let centers = centers_for(conn, code)?;
    let several = code.is_none() && centers.len() > 1;
    let mut out = Vec::new();
    for c in centers {
        // With one center in the file, everything is its own: no need to look through a scope.
        let scoped = several || code.is_some();
        let mut tables = if scoped { through_shadows(conn, &center_scope(c.id), &report)? } else { report(conn)? };
        for t in &mut tables {
            t.center = Some((c.code.clone(), c.name.clone()));
            t.by_center = several;
        }
        out.extend(tables);
    }
    Ok(out)
}

/// The center named by code, or the first center when none is named.
pub fn resolve_center(conn: &Connection, code: Option<&str>) -> Result<Center> {
    let found = match code {
        Some(c) => find_center(conn, c)?,
        None => conn
            .prepare_cached("SELECT id, code, name, level FROM center ORDER BY id LIMIT 1")?
            .query_row([], Center::from_row)
            .optional()?,
    };
    found.ok_or_else(|| {
        let c = code.unwrap_or("");
        Error::invalid("center", c, Msg::new("reason.center.unknown").arg("center", c))
    })
}

/// Every center, the first (district) one first.
pub fn all_centers(conn: &Connection) -> Result<Vec<Center>> {
    let mut stmt = conn.prepare_cached("SELECT id, code, name, level FROM center ORDER BY id")?;
    let rows = stmt.query_map([], Center::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn list_centers(conn: &Connection) -> Result<Table> {
    let mut t =
        Table::new(Msg::new("title.centers"), &["id", "code", "name", "level"]).relabel("name", "col.title_name");
    for c in all_centers(conn)? {
        t.push(vec![Cell::Int(c.id), Cell::text(c.code), Cell::text(c.name), Cell::Label(c.level.label_key())]);
    }
    Ok(t)
}

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub service_items: i64,
    pub mode: UnitMode,
    pub mode_doc: Option<String>,
    pub mode_date: Option<NaiveDate>,
}

const UNIT_COLUMNS: &str = "id, code, name, kind, service_items, mode, mode_doc, mode_date";

impl Unit {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Unit> {
        Ok(Unit {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            service_items: r.get(4)?,
            mode: r.get(5)?,
            mode_doc: r.get(6)?,
            mode_date: r.get(7)?,
        })
    }
}

/// A unit as given to `unit add` or an import: every field as typed.
#[derive(Debug, Clone, Default)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub service_items: String,
}

/// A unit code: short, typed on every command line and in every file name of its letters.
const UNIT_CODE_CHARS: usize = 16;

/// What `unit edit` changes; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct UnitEdit {
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub service_items: Option<String>,
    pub reason: String,
}

/// `unit edit`: a unit's code, name, kind or number of service items put right. Its
/// records follow (they refer to the unit, not to its code); the audit row is written
/// under the new code and names the old one.
pub fn edit_unit(tx: &mut Tx, key: &str, e: &UnitEdit) -> Result<Unit> {
    let reason = parse::text(&e.reason, 500).map_err(|r| Error::invalid("reason", &e.reason, r))?;
    let before = resolve_unit(tx, key)?;
    let code = match &e.code {
        Some(c) => parse::code(c, UNIT_CODE_CHARS).map_err(|r| Error::invalid("code", c, r))?,
        None => before.code.clone(),
    };
    let name = match &e.name {
        Some(n) => parse::text(n, 100).map_err(|r| Error::invalid("name", n, r))?,
        None => before.name.clone(),
    };
    let kind = match &e.kind {
        Some(k) => UnitKind::parse_field("kind", k)?,
        None => before.kind,
    };
    let service_items = match &e.service_items {
        Some(n) => parse::int_at_least(n, 0).map_err(|r| Error::invalid("service-items", n, r))?,
        None => before.service_items,
    };
    for (field, value) in [("code", &code), ("name", &name)] {
        if find_unit(tx, value)?.is_some_and(|other| other.id != before.id) {
            return Err(Error::invalid(field, value, Msg::new("reason.unit.exists")));
        }
    }
    tx.prepare_cached("UPDATE unit SET code = ?2, name = ?3, kind = ?4, service_items = ?5 WHERE id = ?1")?
        .execute(params![before.id, code, name, kind, service_items])?;
    let after = resolve_unit(tx, &code)?;
    let correction = Correction::new(&reason, "unit", &before.code);
    tx.audit_correction("unit", &after.code, "edit", (Some(&json(&before)), Some(&json(&after))), &correction)?;
    if after.code != before.code {
        // Audited under its code: the old one is closed in the trail, so that it is not
        // taken for a unit deleted behind jinzhu's back.
        tx.audit_correction("unit", &before.code, "rename", (Some(&json(&before)), None), &correction)?;
        rekey_volumes(tx, &before.code, &after.code, &correction)?;
    }
    Ok(after)
}

/// A unit's volumes are audited under "UNIT/YYYY-MM": a new code moves each to its new
/// key, audited under both, so that its history goes on under the name it is found by.
fn rekey_volumes(tx: &mut Tx, old: &str, new: &str, correction: &Correction) -> Result<()> {
    let months: Vec<String> = tx
        .prepare(
            "SELECT v.month FROM unit_volume v JOIN unit u ON u.id = v.unit_id WHERE u.code = ?1 ORDER BY v.month",
        )?
        .query_map([new], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for month in months {
        let after = volume_json(tx, &format!("{new}/{month}"))?;
        let mut before = after.clone();
        before["unit"] = serde_json::Value::from(old);
        tx.audit_correction(
            "unit_volume",
            format!("{new}/{month}"),
            "rekey",
            (Some(&before), Some(&after)),
            correction,
        )?;
    }
    Ok(())
}

pub fn add_unit(tx: &mut Tx, new: &NewUnit) -> Result<Unit> {
    let code = parse::code(&new.code, UNIT_CODE_CHARS).map_err(|r| Error::invalid("code", &new.code, r))?;
    let name = parse::text(&new.name, 100).map_err(|r| Error::invalid("name", &new.name, r))?;
    let kind = UnitKind::parse_field("kind", &new.kind)?;
    let service_items = if new.service_items.trim().is_empty() {
        0
    } else {
        parse::int_at_least(&new.service_items, 0)
            .map_err(|r| Error::invalid("service-items", &new.service_items, r))?
    };
    if find_unit(tx, &code)?.is_some() || find_unit(tx, &name)?.is_some() {
        return Err(Error::invalid("code", &code, Msg::new("reason.unit.exists")));
    }
    tx.prepare_cached("INSERT INTO unit (code, name, kind, service_items) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![code, name, kind, service_items])?;
    let unit = Unit {
        id: tx.last_insert_rowid(),
        code,
        name,
        kind,
        service_items,
        mode: UnitMode::Window,
        mode_doc: None,
        mode_date: None,
    };
    tx.audit_created("unit", &unit.code, "insert", &unit)?;
    Ok(unit)
}

/// The columns of `unit import`.
pub const UNIT_COLUMNS_IN: &[ColumnSpec] = &[
    ColumnSpec { key: "code", required: true, aliases: &["单位代码"] },
    ColumnSpec { key: "name", required: true, aliases: &["名称", "单位名称"] },
    ColumnSpec { key: "kind", required: false, aliases: &["单位性质"] },
    ColumnSpec { key: "service_items", required: false, aliases: &["进驻事项数", "事项数"] },
];

/// `unit import`: adds every unit of the file, or none; every bad row is reported.
pub fn import_units(tx: &mut Tx, input: Input, encoding: Encoding, sheet_name: Option<&str>) -> Result<ImportSummary> {
    let mut inserted = 0;
    let mut summary = sheet::import_rows(input, encoding, sheet_name, UNIT_COLUMNS_IN, |row| {
        let kind = if row.get(2).is_empty() { "organ" } else { row.get(2) };
        let new = NewUnit {
            code: row.get(0).into(),
            name: row.get(1).into(),
            kind: kind.into(),
            service_items: row.get(3).into(),
        };
        match add_unit(tx, &new) {
            Ok(_) => inserted += 1,
            Err(Error::Invalid { field, value, reason }) => {
                let i = UNIT_COLUMNS_IN.iter().position(|c| c.key == field.replace('-', "_")).unwrap_or(0);
                row.fail_value(i, value, reason);
            }
            Err(other) => return Err(other),
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}

/// A unit by its code or its full name.
pub fn find_unit(conn: &Connection, code_or_name: &str) -> Result<Option<Unit>> {
    let key = code_or_name.trim();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {UNIT_COLUMNS} FROM unit WHERE code = ?1 OR name = ?1 ORDER BY code = ?1 DESC"
        ))?
        .query_row([key], Unit::from_row)
        .optional()?)
}

/// A unit by code or name, or the error that names the unknown unit.
pub fn resolve_unit(conn: &Connection, code_or_name: &str) -> Result<Unit> {
    find_unit(conn, code_or_name)?.ok_or_else(|| unknown_unit(code_or_name))
}

pub fn unknown_unit(code_or_name: &str) -> Error {
    Error::invalid("unit", code_or_name, Msg::new("reason.unit.unknown").arg("unit", code_or_name.trim()))
}

/// A unit as the audit trail records it (units are audited under their code).
pub fn unit_audited_json(conn: &Connection, code: &str) -> Result<serde_json::Value> {
    Ok(json(&resolve_unit(conn, code)?))
}

/// A center as the audit trail records it.
pub fn center_audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let center = conn
        .prepare_cached("SELECT id, code, name, level FROM center WHERE id = ?1")?
        .query_row([id], Center::from_row)?;
    Ok(json(&center))
}

pub fn unit_by_id(conn: &Connection, id: i64) -> Result<Unit> {
    Ok(conn.query_row(&format!("SELECT {UNIT_COLUMNS} FROM unit WHERE id = ?1"), [id], Unit::from_row)?)
}

/// Every unit's full name, by code.
pub fn unit_names(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT name FROM unit ORDER BY code")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn list_units(conn: &Connection) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.units"),
        &["code", "name", "kind", "service_items", "mode", "mode_doc", "mode_date", "staff"],
    )
    .relabel("name", "col.title_name");
    let mut stmt = conn.prepare(&format!(
        "SELECT {UNIT_COLUMNS}, (SELECT count(*) FROM person p WHERE p.unit_id = unit.id AND p.archived_on IS NULL)
         FROM unit ORDER BY code"
    ))?;
    let rows = stmt.query_map([], |r| Ok((Unit::from_row(r)?, r.get::<_, i64>(8)?)))?;
    for row in rows {
        let (u, staff) = row?;
        t.push(vec![
            Cell::text(u.code),
            Cell::text(u.name),
            Cell::Label(u.kind.label_key()),
            Cell::Int(u.service_items),
            Cell::Label(u.mode.label_key()),
            Cell::opt_text(u.mode_doc),
            Cell::opt_date(u.mode_date),
            Cell::Int(staff),
        ]);
    }
    Ok(t)
}

/// `unit show`: the unit, its case volumes and its incidents.
pub fn show_unit(conn: &Connection, code: &str) -> Result<Vec<Table>> {
    let unit = resolve_unit(conn, code)?;
    let mut details = list_units(conn)?;
    details.rows.retain(|r| r.first() == Some(&Cell::Text(unit.code.clone())));
    details.title = Msg::new("title.unit").arg("code", &unit.code).arg("name", &unit.name);

    let mut volumes = Table::new(Msg::new("title.volumes"), &["month", "cases"]);
    let mut stmt = conn.prepare("SELECT month, cases FROM unit_volume WHERE unit_id = ?1 ORDER BY month")?;
    for row in stmt.query_map([unit.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (month, cases) = row?;
        volumes.push(vec![Cell::Text(month), Cell::Int(cases)]);
    }
    Ok(vec![details, volumes, incidents(conn, Some(unit.id), None)?])
}

/// Incidents, of one unit or all, optionally within a date range.
pub fn incidents(conn: &Connection, unit_id: Option<i64>, range: Option<(NaiveDate, NaiveDate)>) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.incidents"), &["id", "unit", "article", "date", "note"]);
    let mut stmt = conn.prepare(
        "SELECT i.id, u.code, i.article, i.date, i.note FROM unit_incident i JOIN unit u ON u.id = i.unit_id
         WHERE (?1 IS NULL OR i.unit_id = ?1) AND (?2 IS NULL OR i.date BETWEEN ?2 AND ?3) ORDER BY i.date, i.id",
    )?;
    let (from, to) = range.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let rows = stmt.query_map(params![unit_id, from, to], |r| {
        Ok(vec![
            Cell::Int(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(crate::base::i18n::article(r.get::<_, u8>(2)?)),
            Cell::Date(r.get(3)?),
            Cell::Text(r.get(4)?),
        ])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

/// ART17-WINDOW: switches a unit to the comprehensive window under the district
/// government's approval document.
pub fn set_comprehensive_window(tx: &mut Tx, code: &str, doc: &str, date: NaiveDate) -> Result<Unit> {
    let doc = parse::text(doc, 100).map_err(|r| Error::invalid("approval", doc, r))?;
    check_not_future(tx, "date", date)?;
    let before = resolve_unit(tx, code)?;
    tx.prepare_cached("UPDATE unit SET mode = 'comprehensive', mode_doc = ?1, mode_date = ?2 WHERE id = ?3")?
        .execute(params![doc, date, before.id])?;
    let after = unit_by_id(tx, before.id)?;
    tx.audit("unit", &after.code, "window", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// Art 10: records (or corrects) a unit's case volume for a month.
pub fn set_volume(tx: &mut Tx, code: &str, month: &str, cases: &str) -> Result<(Unit, String, i64)> {
    let unit = resolve_unit(tx, code)?;
    let first = parse::month(month).map_err(|r| Error::invalid("month", month, r))?;
    let cases = parse::int_at_least(cases, 0).map_err(|r| Error::invalid("cases", cases, r))?;
    let month = first.format("%Y-%m").to_string();
    let before: Option<i64> = tx
        .prepare_cached("SELECT cases FROM unit_volume WHERE unit_id = ?1 AND month = ?2")?
        .query_row(params![unit.id, month], |r| r.get(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT INTO unit_volume (unit_id, month, cases) VALUES (?1, ?2, ?3)
         ON CONFLICT (unit_id, month) DO UPDATE SET cases = excluded.cases",
    )?
    .execute(params![unit.id, month, cases])?;
    let record = |c: i64| serde_json::json!({ "unit": unit.code, "month": month, "cases": c });
    tx.audit(
        "unit_volume",
        format!("{}/{month}", unit.code),
        "set",
        before.map(record).as_ref(),
        Some(&record(cases)),
    )?;
    Ok((unit, month, cases))
}

/// A unit's case volume for a month as its audit rows record it, by "UNIT/YYYY-MM".
pub fn volume_json(conn: &Connection, key: &str) -> Result<serde_json::Value> {
    let (code, month) = key.rsplit_once('/').unwrap_or((key, ""));
    let cases: i64 = conn
        .prepare_cached(
            "SELECT v.cases FROM unit_volume v JOIN unit u ON u.id = v.unit_id WHERE u.code = ?1 AND v.month = ?2",
        )?
        .query_row(params![code, month], |r| r.get(0))?;
    Ok(serde_json::json!({ "unit": code, "month": month, "cases": cases }))
}

pub fn incident_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let incident = conn
        .prepare_cached(
            "SELECT i.id, u.code, i.article, i.date, i.note FROM unit_incident i JOIN unit u ON u.id = i.unit_id
             WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Incident { id: r.get(0)?, unit: r.get(1)?, article: r.get(2)?, date: r.get(3)?, note: r.get(4)? })
        })?;
    Ok(json(&incident))
}

#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    pub id: i64,
    pub unit: String,
    pub article: u8,
    pub date: NaiveDate,
    pub note: String,
}

/// Records a unit incident, such as unrelated tasks given to stationed staff (Art 19).
pub fn add_incident(tx: &mut Tx, code: &str, article: &str, date: NaiveDate, note: &str) -> Result<Incident> {
    let unit = resolve_unit(tx, code)?;
    let article = article
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|a| (1..=27).contains(a))
        .ok_or_else(|| Error::invalid("article", article, Msg::new("reason.article")))?;
    let note = parse::text(note, 2000).map_err(|r| Error::invalid("note", note, r))?;
    check_not_future(tx, "date", date)?;
    tx.prepare_cached("INSERT INTO unit_incident (unit_id, article, date, note) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![unit.id, article, date, note])?;
    let incident = Incident { id: tx.last_insert_rowid(), unit: unit.code, article, date, note };
    tx.audit_created("incident", incident.id, "insert", &incident)?;
    Ok(incident)
}

/// Records describe what happened: a date after `--today` is a typing error.
pub fn check_not_future(tx: &Tx, field: &str, date: NaiveDate) -> Result<()> {
    if date > tx.ctx.today {
        return Err(Error::invalid(
            field,
            date,
            Msg::new("reason.after-today").arg("date", date).arg("today", tx.ctx.today),
        ));
    }
    Ok(())
}
