//! Reports built from the stored history: who was stationed on a day (Art 10–12), terms
//! that end or have ended (Art 11), stationed persons who would now fail Art 6/7.

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

/// `--half 2026H1|2026H2` as a date range.
pub fn half_range(text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let t = text.trim().to_ascii_uppercase();
    let parsed = t.split_once('H').and_then(|(y, h)| {
        let year: i32 = y.parse().ok()?;
        match h {
            "1" => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 6, 30)?)),
            "2" => Some((NaiveDate::from_ymd_opt(year, 7, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?)),
            _ => None,
        }
    });
    parsed.ok_or_else(|| crate::Error::invalid("half", text, Msg::new("reason.half")))
}

/// One group of the compliance report: its title (with the article) and its rows.
fn group(key: &'static str, article: u8, columns: &[&'static str]) -> Table {
    Table::new(Msg::new(key).arg("article", crate::base::i18n::article(article)), columns)
}

/// `report compliance --half`: everything the supervision office should see for a half
/// year (ART24-HALFYEAR), grouped, each group under its article, with a summary first.
pub fn compliance(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<Table>> {
    let as_of = to.min(today);
    let groups = vec![
        exceptions_in(conn, from, to)?,
        {
            let mut t = eligibility(conn, as_of)?;
            t.title = Msg::new("group.failing").arg("article", "第六、七条").arg("date", as_of);
            t
        },
        approval_problems(conn, from, to)?,
        mid_term_replacements(conn, from, to)?,
        units_without_chief(conn, from, to)?,
        section_not_stationed(conn, as_of)?,
        comprehensive_windows(conn)?,
        {
            let mut t = org::incidents(conn, None, Some((from, to)))?;
            t.title = Msg::new("group.incidents").arg("article", "第十九条等");
            t
        },
        overdue_leaves(conn, from, to, today)?,
        open_months(conn, from, to, today)?,
        audit_status(conn)?,
    ];
    let mut summary = Table::new(Msg::new("title.compliance").arg("from", from).arg("to", to), &["group", "count"]);
    for g in &groups {
        summary.push(vec![Cell::Message(g.title.clone()), Cell::Int(g.rows.len() as i64)]);
    }
    let mut tables = vec![summary];
    tables.extend(groups);
    Ok(tables)
}

/// Assignments overlapping the period whose stationing rests on an exception to a soft rule.
fn exceptions_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group(
        "group.exceptions",
        7,
        &["rule", "article", "assignment", "name", "unit", "reason", "approvals", "status"],
    );
    let mut stmt = conn.prepare(
        "SELECT e.rule, a.id, p.name, u.code, e.reason, a.status,
            (SELECT group_concat(body || ' ' || doc, char(31)) FROM approval WHERE assignment_id = a.id)
         FROM stationing_exception e JOIN assignment a ON a.id = e.assignment_id JOIN person p ON p.id = a.person_id
         JOIN unit u ON u.id = a.unit_id
         WHERE (a.started_on IS NOT NULL AND a.started_on <= ?2 AND (a.ended_on IS NULL OR a.ended_on >= ?1))
            OR (a.started_on IS NULL AND a.proposed_start BETWEEN ?1 AND ?2)
         ORDER BY a.id, e.rule",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, crate::base::enums::AssignmentStatus>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (rule, id, name, unit, reason, status, approvals) = row?;
        let article = crate::rules::RuleId::parse(&rule).map_or(7, |r| r.article());
        t.push(vec![
            Cell::Text(rule),
            Cell::Text(crate::base::i18n::article(article)),
            Cell::Int(id),
            Cell::Text(name),
            Cell::Text(unit),
            Cell::Text(reason),
            Cell::Messages(approvals.unwrap_or_default().split('\u{1f}').filter_map(approval_msg).collect()),
            Cell::Label(status.label_key()),
        ]);
    }
    Ok(t)
}

/// "center 黔江…〔2026〕1号" from the database as "区行政服务中心 黔江…〔2026〕1号".
fn approval_msg(entry: &str) -> Option<Msg> {
    let (body, doc) = entry.split_once(' ')?;
    let body = crate::base::enums::Body::parse(body)?;
    Some(Msg::new("approval.entry").label("body", body.label_key()).arg("doc", doc))
}

/// Stationings missing a required approval, started before an approval, or proposals
/// left undecided past their proposed start (Art 8, 9, 11).
fn approval_problems(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group("group.approvals", 8, &["rule", "article", "assignment", "name", "unit", "problem"]);
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM assignment WHERE (started_on IS NOT NULL AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?1))
             OR (status = 'proposed' AND proposed_start <= ?2) ORDER BY id",
        )?
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let a = crate::domain::stationing::load(conn, id)?;
        let (rule, required) = crate::rules::required_bodies(a.review);
        let mut problems = Vec::new();
        let missing: Vec<&'static str> =
            required.iter().filter(|b| !a.approvals.iter().any(|x| x.body == **b)).map(|b| b.label_key()).collect();
        if a.started_on.is_some() && !missing.is_empty() {
            problems.push(Msg::new("problem.missing").labels("bodies", missing.clone()));
        }
        if let Some(start) = a.started_on {
            for ap in a.approvals.iter().filter(|ap| ap.date > start) {
                problems.push(
                    Msg::new("problem.after-start")
                        .label("body", ap.body.label_key())
                        .arg("date", ap.date)
                        .arg("start", start),
                );
            }
        }
        if a.started_on.is_none() && a.status == crate::base::enums::AssignmentStatus::Proposed {
            problems
                .push(Msg::new("problem.undecided").arg("start", a.proposed_start).labels("bodies", missing.clone()));
        }
        for p in problems {
            t.push(vec![
                Cell::text(rule.id()),
                Cell::Text(crate::base::i18n::article(rule.article())),
                Cell::Int(a.id),
                Cell::text(&a.person),
                Cell::text(&a.unit),
                Cell::Message(p),
            ]);
        }
    }
    Ok(t)
}

/// Replacement requests effective in the period that cut a term short (Art 11).
fn mid_term_replacements(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group(
        "group.mid-term",
        11,
        &["id", "unit", "replaced", "replacement", "letter", "reason", "effective", "status", "reply_doc"],
    );
    let mut stmt = conn.prepare(
        "SELECT r.id, u.code, op.name, np.name, r.letter, r.reason, r.effective, r.status, r.reply_doc
         FROM reassignment r JOIN assignment a ON a.id = r.assignment_id JOIN unit u ON u.id = a.unit_id
         JOIN person op ON op.id = a.person_id JOIN person np ON np.id = r.replacement_id
         WHERE r.mid_term = 1 AND r.effective BETWEEN ?1 AND ?2 ORDER BY r.effective",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok(vec![
            Cell::Int(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Text(r.get(5)?),
            Cell::Date(r.get(6)?),
            Cell::Label(r.get::<_, crate::base::enums::RequestStatus>(7)?.label_key()),
            Cell::opt_text(r.get(8)?),
        ])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

/// Units with stationed staff on days when no chief representative was authorised (Art 12).
fn units_without_chief(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group("group.no-chief", 12, &["unit", "days", "from_date", "to_date"]);
    let spans = |sql: &str| -> Result<Vec<(String, NaiveDate, NaiveDate)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            let start: NaiveDate = r.get(1)?;
            let end: Option<NaiveDate> = r.get(2)?;
            Ok((r.get(0)?, start.max(from), end.unwrap_or(to).min(to)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let stationed = spans(
        "SELECT u.code, a.started_on, a.ended_on FROM assignment a JOIN unit u ON u.id = a.unit_id
         WHERE a.started_on IS NOT NULL AND a.started_on <= ?2 AND (a.ended_on IS NULL OR a.ended_on >= ?1)",
    )?;
    let chiefs = spans(
        "SELECT u.code, c.from_date, c.to_date FROM chief c JOIN unit u ON u.id = c.unit_id
         WHERE c.from_date <= ?2 AND (c.to_date IS NULL OR c.to_date >= ?1)",
    )?;
    let mut units: Vec<&String> = stationed.iter().map(|(u, _, _)| u).collect();
    units.sort();
    units.dedup();
    for unit in units {
        let covered = |day: NaiveDate, list: &[(String, NaiveDate, NaiveDate)]| {
            list.iter().any(|(u, a, b)| u == unit && *a <= day && day <= *b)
        };
        let gaps: Vec<NaiveDate> = from
            .iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| covered(*d, &stationed) && !covered(*d, &chiefs))
            .collect();
        if let (Some(first), Some(last)) = (gaps.first(), gaps.last()) {
            t.push(vec![Cell::text(unit), Cell::Int(gaps.len() as i64), Cell::Date(*first), Cell::Date(*last)]);
        }
    }
    Ok(t)
}

/// Members of a government-service section who are not stationed (Art 10).
fn section_not_stationed(conn: &Connection, on: NaiveDate) -> Result<Table> {
    let mut t = group("group.section", 10, &["unit", "name", "position", "id_number"]);
    let mut stmt = conn.prepare(
        "SELECT u.code, p.name, p.position, p.id_number FROM person p JOIN unit u ON u.id = p.unit_id
         WHERE p.service_section = 1 AND (p.archived_on IS NULL OR p.archived_on > ?1)
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = p.id AND a.started_on <= ?1
                         AND (a.ended_on IS NULL OR a.ended_on >= ?1))
         ORDER BY u.code, p.id",
    )?;
    let rows = stmt.query_map([on], |r| {
        Ok(vec![
            Cell::Text(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Label(r.get::<_, crate::base::enums::Position>(2)?.label_key()),
            Cell::IdNumber(r.get(3)?),
        ])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

/// Units authorised for the comprehensive window (Art 17).
fn comprehensive_windows(conn: &Connection) -> Result<Table> {
    let mut t = group("group.window", 17, &["unit", "unit_name", "mode_doc", "mode_date"]);
    let mut stmt =
        conn.prepare("SELECT code, name, mode_doc, mode_date FROM unit WHERE mode = 'comprehensive' ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(vec![Cell::Text(r.get(0)?), Cell::Text(r.get(1)?), Cell::opt_text(r.get(2)?), Cell::opt_date(r.get(3)?)])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

/// Approved leaves of the period that ended without a return (Art 19).
fn overdue_leaves(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Table> {
    let cal = crate::domain::calendar::Calendar::load(conn)?;
    let mut t = crate::domain::leave::overdue(conn, &cal, today)?;
    t.rows.retain(|row| matches!(row.get(5), Some(Cell::Date(end)) if *end >= from && *end <= to));
    t.title = Msg::new("group.overdue").arg("article", crate::base::i18n::article(19));
    Ok(t)
}

/// Months of the period that have ended but are not closed (Art 21).
fn open_months(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Table> {
    let mut t = group("group.open-months", 21, &["month"]);
    let mut month = from;
    while month <= to {
        let last = crate::domain::calendar::last_of_month(month);
        let key = month.format("%Y-%m").to_string();
        let closed: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM month_close WHERE month = ?1 AND closed_on <= ?2")?
            .query_row(params![key, today], |r| r.get(0))
            .optional()?;
        if last < today && closed.is_none() {
            t.push(vec![Cell::Text(key)]);
        }
        match last.succ_opt() {
            Some(next) => month = next,
            None => break,
        }
    }
    Ok(t)
}

/// The audit chain's state: a row only when it is broken (Art 24: the record must hold).
fn audit_status(conn: &Connection) -> Result<Table> {
    let mut t = group("group.audit", 24, &["seq", "detail"]);
    match crate::storage::audit::verify_chain(conn)? {
        crate::storage::audit::ChainStatus::Intact { rows, head } => {
            t.notes.push(Msg::new("check.db.audit-ok").arg("rows", rows).arg("head", head));
        }
        crate::storage::audit::ChainStatus::Broken { seq, why } => t.push(vec![Cell::Int(seq), Cell::Message(why)]),
    }
    Ok(t)
}

/// A unit's month for the staffing report.
struct UnitLoad {
    code: String,
    name: String,
    items: i64,
    cases: Option<i64>,
    staff: i64,
    leave: f64,
}

impl UnitLoad {
    fn cases_per_staff(&self) -> Option<f64> {
        self.cases.filter(|_| self.staff > 0).map(|c| c as f64 / self.staff as f64)
    }
}

/// `report staffing --month`: per unit, staff stationed, days on leave, cases, cases per
/// stationed person, and units far from the center's median flagged (Art 10).
pub fn staffing(conn: &Connection, first: NaiveDate) -> Result<Table> {
    let first = crate::domain::calendar::first_of_month(first);
    let last = crate::domain::calendar::last_of_month(first);
    let cal = crate::domain::calendar::Calendar::load(conn)?;
    let leave_days = crate::domain::leave::days_on_leave_in_month(conn, &cal, first)?;
    let month = first.format("%Y-%m").to_string();
    let mut stmt = conn.prepare(
        "SELECT u.code, u.name, u.service_items,
            (SELECT v.cases FROM unit_volume v WHERE v.unit_id = u.id AND v.month = ?3),
            (SELECT group_concat(a.person_id) FROM assignment a WHERE a.unit_id = u.id AND a.started_on <= ?2
               AND (a.ended_on IS NULL OR a.ended_on >= ?1))
         FROM unit u ORDER BY u.code",
    )?;
    let per_unit: Vec<UnitLoad> = stmt
        .query_map(params![first, last, month], |r| {
            let persons: Option<String> = r.get(4)?;
            let mut staff: Vec<i64> = persons.unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect();
            staff.sort();
            staff.dedup();
            Ok(UnitLoad {
                code: r.get(0)?,
                name: r.get(1)?,
                items: r.get(2)?,
                cases: r.get(3)?,
                leave: staff.iter().filter_map(|p| leave_days.get(p)).fold(0.0, |a, b| a + b),
                staff: staff.len() as i64,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ratios: Vec<f64> = per_unit.iter().filter_map(UnitLoad::cases_per_staff).collect();
    ratios.sort_by(f64::total_cmp);
    let median = match ratios.len() {
        0 => None,
        n if n % 2 == 1 => Some(ratios[n / 2]),
        n => Some((ratios[n / 2 - 1] + ratios[n / 2]) / 2.0),
    };
    let mut t = Table::new(
        Msg::new("title.staffing").arg("month", &month),
        &["unit", "unit_name", "service_items", "staff", "days_leave", "cases", "cases_per_staff", "flag"],
    );
    for u in per_unit {
        let ratio = u.cases_per_staff();
        let UnitLoad { code, name, items, cases, staff, leave } = u;
        let flag = match (ratio, median, cases) {
            (_, _, Some(c)) if staff == 0 && c > 0 => Some("flag.no-staff"),
            (Some(r), Some(m), _) if m > 0.0 && r > 2.0 * m => Some("flag.understaffed"),
            (Some(r), Some(m), _) if m > 0.0 && r < 0.5 * m => Some("flag.overstaffed"),
            _ => None,
        };
        t.push(vec![
            Cell::Text(code),
            Cell::Text(name),
            Cell::Int(items),
            Cell::Int(staff),
            Cell::Num(leave, 1),
            cases.map_or(Cell::Empty, Cell::Int),
            ratio.map_or(Cell::Empty, |r| Cell::Num(r, 1)),
            flag.map_or(Cell::Empty, Cell::Label),
        ]);
    }
    if let Some(m) = median {
        t.notes.push(Msg::new("note.staffing.median").arg("median", format!("{m:.1}")));
    }
    Ok(t)
}
