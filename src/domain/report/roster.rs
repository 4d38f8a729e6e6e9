//! Who was stationed on a day (Art 10–12), terms that end or have ended (Art 11), and
//! who would fail Art 6/7 if stationed on a given day.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::base::i18n::Msg;
use crate::domain::org;
use crate::domain::personnel;
use crate::error::Result;
use crate::io::table::{Cell, Table};

/// One stationing that covered a day.
struct Stationed {
    assignment_id: i64,
    person_id: i64,
    name: String,
    id_number: String,
    position: crate::base::enums::Position,
    center: String,
    unit: String,
    window: Option<String>,
    started_on: NaiveDate,
    term_end: Option<NaiveDate>,
    chief: bool,
}

/// Assignments stationed on `on` (started on or before it, not ended before it), with the
/// term covering that day (or the last one begun) and whether the person was chief.
fn stationed_on(conn: &Connection, on: NaiveDate, unit_id: Option<i64>) -> Result<Vec<Stationed>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.person_id, c.code, u.code, a.window, a.started_on,
            (SELECT t.end FROM term t WHERE t.assignment_id = a.id AND t.start <= ?1 ORDER BY t.seq DESC LIMIT 1),
            EXISTS (SELECT 1 FROM chief ch WHERE ch.assignment_id = a.id AND ch.from_date <= ?1
                    AND (ch.to_date IS NULL OR ch.to_date >= ?1)),
            p.name, p.id_number, p.position
         FROM assignment a JOIN unit u ON u.id = a.unit_id JOIN center c ON c.id = a.center_id
         JOIN person p ON p.id = a.person_id
         WHERE a.started_on <= ?1 AND (a.ended_on IS NULL OR a.ended_on >= ?1) AND (?2 IS NULL OR a.unit_id = ?2)
         ORDER BY c.code, u.code, a.window, a.started_on, a.id",
    )?;
    let rows = stmt.query_map(params![on, unit_id], |r| {
        Ok(Stationed {
            assignment_id: r.get(0)?,
            person_id: r.get(1)?,
            center: r.get(2)?,
            unit: r.get(3)?,
            window: r.get(4)?,
            started_on: r.get(5)?,
            term_end: r.get(6)?,
            chief: r.get(7)?,
            name: r.get(8)?,
            id_number: r.get(9)?,
            position: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `report roster`: who was stationed on `on`, per center, unit and window, with the term
/// end and the chief representative marked; units without a chief that day are named.
pub fn roster(conn: &Connection, on: NaiveDate, unit: Option<&str>) -> Result<Table> {
    let unit_id = unit.map(|u| org::resolve_unit(conn, u)).transpose()?.map(|u| u.id);
    let mut t = Table::new(
        Msg::new("title.roster").arg("date", on),
        &["center", "unit", "window", "assignment", "name", "id_number", "position", "started_on", "term_end", "chief"],
    );
    let stationed = stationed_on(conn, on, unit_id)?;
    let mut chiefs: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for s in stationed.iter().filter(|s| s.chief) {
        chiefs.insert(&s.unit);
    }
    for s in &stationed {
        t.push(vec![
            Cell::text(&s.center),
            Cell::text(&s.unit),
            Cell::opt_text(s.window.clone()),
            Cell::Int(s.assignment_id),
            Cell::text(&s.name),
            Cell::IdNumber(s.id_number.clone()),
            Cell::Label(s.position.label_key()),
            Cell::Date(s.started_on),
            Cell::opt_date(s.term_end),
            if s.chief { Cell::Label("mark.chief") } else { Cell::Empty },
        ]);
    }
    let mut without_chief: Vec<&str> =
        stationed.iter().map(|s| s.unit.as_str()).filter(|u| !chiefs.contains(u)).collect();
    without_chief.sort_unstable();
    without_chief.dedup();
    t.notes.push(Msg::new("note.roster.count").arg("count", stationed.len()));
    if !without_chief.is_empty() {
        t.notes.push(Msg::new("note.roster.no-chief").arg("units", without_chief.join(", ")));
    }
    Ok(t)
}

/// `report terms`: active stationings whose term ends within `within` days of `today`,
/// and those whose term has ended with no renewal or replacement.
pub fn terms(conn: &Connection, today: NaiveDate, within: i64) -> Result<Table> {
    let horizon = today + chrono::Duration::days(within);
    let mut t = Table::new(
        Msg::new("title.terms").arg("days", within).arg("date", today),
        &["assignment", "name", "unit", "term_start", "term_end", "days_left", "state", "pending_request"],
    );
    let mut stmt = conn.prepare(
        "SELECT a.id, p.name, u.code, t.start, t.end,
            (SELECT r.id FROM reassignment r WHERE r.assignment_id = a.id AND r.status = 'pending')
         FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
         JOIN term t ON t.assignment_id = a.id AND t.seq = (SELECT max(seq) FROM term WHERE assignment_id = a.id)
         WHERE a.status = 'active' AND t.end <= ?1 ORDER BY t.end, a.id",
    )?;
    let rows = stmt.query_map([horizon], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, NaiveDate>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    for row in rows {
        let (id, name, unit, start, end, pending) = row?;
        let days = (end - today).num_days();
        let state = if days < 0 {
            Msg::new("state.expired").arg("days", -days)
        } else {
            Msg::new("state.ending").arg("days", days)
        };
        t.push(vec![
            Cell::Int(id),
            Cell::Text(name),
            Cell::Text(unit),
            Cell::Date(start),
            Cell::Date(end),
            Cell::Int(days),
            Cell::Message(state),
            pending.map_or(Cell::Empty, Cell::Int),
        ]);
    }
    Ok(t)
}

/// `report eligibility`: persons stationed on `on` who would fail an Art 6/7 rule that day
/// (e.g. turned 46 during the term), and whether a stored exception covers it.
pub fn eligibility(conn: &Connection, on: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.eligibility").arg("date", on),
        &["assignment", "name", "unit", "rule", "article", "detail", "covered"],
    );
    for s in stationed_on(conn, on, None)? {
        let p = personnel::resolve(conn, &s.person_id.to_string())?;
        for check in p.checks_on(on).into_iter().filter(|c| c.failed()) {
            let reason: Option<String> = conn
                .prepare_cached("SELECT reason FROM stationing_exception WHERE assignment_id = ?1 AND rule = ?2")?
                .query_row(params![s.assignment_id, check.rule.id()], |r| r.get(0))
                .optional()?;
            t.push(vec![
                Cell::Int(s.assignment_id),
                Cell::text(&p.name),
                Cell::text(&s.unit),
                Cell::text(check.rule.id()),
                Cell::Text(crate::base::i18n::article(check.rule.article())),
                Cell::Message(check.detail),
                match reason {
                    Some(r) => Cell::Message(Msg::new("state.covered").arg("reason", r)),
                    None => Cell::Label("state.not-covered"),
                },
            ]);
        }
    }
    Ok(t)
}
