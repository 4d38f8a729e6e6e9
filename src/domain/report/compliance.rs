//! The half-year compliance report (Art 24): one group per article, each listing what
//! the records show against it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::base::i18n::Msg;
use crate::domain::org;
use crate::error::Result;
use crate::io::table::{Cell, Table};
use crate::storage::key::AuditKey;

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
pub fn compliance(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    key: Option<&AuditKey>,
) -> Result<Vec<Table>> {
    let as_of = to.min(today);
    // In the order of the articles they answer to.
    let groups = vec![
        entry_failures(conn, from, to)?,
        exceptions_in(conn, from, to)?,
        approval_problems(conn, from, to)?,
        section_not_stationed(conn, as_of)?,
        mid_term_replacements(conn, from, to)?,
        early_ends(conn, from, to)?,
        units_without_chief(conn, from, to)?,
        late_rectifications(conn, from, to, today)?,
        comprehensive_windows(conn)?,
        {
            let mut t = org::incidents(conn, None, Some((from, to)))?;
            t.title = Msg::new("group.incidents").arg("article", "第十九条等");
            t
        },
        overdue_leaves(conn, from, to, today)?,
        open_months(conn, from, to, today)?,
        corrections(conn, from, to)?,
        audit_status(conn, key)?,
    ];
    let mut summary = Table::new(Msg::new("title.compliance").arg("from", from).arg("to", to), &["group", "count"]);
    for g in &groups {
        let section = serde_json::Value::from(g.section_id());
        summary
            .push(vec![Cell::Data(Box::new(Cell::Message(g.title.clone())), section), Cell::Int(g.rows.len() as i64)]);
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
/// ART11-LETTER: stationings ended in the half before their term's last day, on the
/// unit's letter and the center's reply (flagged mid-term) or for a cause needing none.
fn early_ends(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group(
        "group.early-end",
        11,
        &["id", "unit", "name", "ended_on", "term_end", "flag", "letter", "reply_doc", "cause"],
    );
    let mut stmt = conn.prepare(
        "SELECT a.id, u.code, p.name, a.ended_on, (SELECT max(end) FROM term WHERE assignment_id = a.id),
         a.end_letter, a.end_reply, a.end_cause
         FROM assignment a JOIN unit u ON u.id = a.unit_id JOIN person p ON p.id = a.person_id
         WHERE a.status = 'ended' AND a.ended_on BETWEEN ?1 AND ?2 AND (a.end_letter IS NOT NULL OR a.end_cause IS NOT NULL)
         ORDER BY a.ended_on, a.id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        let letter: Option<String> = r.get(5)?;
        let cause: Option<crate::base::enums::EndCause> = r.get(7)?;
        Ok(vec![
            Cell::Int(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Date(r.get(3)?),
            Cell::Date(r.get(4)?),
            if letter.is_some() { Cell::Label("flag.mid-term") } else { Cell::Empty },
            Cell::opt_text(letter),
            Cell::opt_text(r.get(6)?),
            cause.map_or(Cell::Empty, |c| Cell::Label(c.label_key())),
        ])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

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
/// Art 16 (国办发〔2019〕51号): rectifications of valid bad reviews due in the half and
/// overdue, or done after their deadline.
fn late_rectifications(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Table> {
    let mut t = crate::domain::appraisal::late_rectifications(conn, (from, to), today)?;
    t.title = Msg::new("group.rectifications");
    Ok(t)
}

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
/// Art 6 and 7 are entry conditions: stationings of the half that failed one on the first
/// day of a term (the start or a renewal) with no exception stored for it. Turning 46
/// during a term is no breach.
fn entry_failures(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("group.failing").arg("article", "第六、七条"),
        &["assignment", "name", "unit", "term", "date", "rule", "detail"],
    );
    let mut stmt = conn.prepare(
        "SELECT a.id, a.person_id, u.code, t.seq, t.start FROM assignment a JOIN term t ON t.assignment_id = a.id
         JOIN unit u ON u.id = a.unit_id
         WHERE a.started_on IS NOT NULL AND a.started_on <= ?2 AND (a.ended_on IS NULL OR a.ended_on >= ?1)
         AND t.start <= ?2 ORDER BY a.id, t.seq",
    )?;
    let terms = stmt
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<Vec<(i64, i64, String, i64, NaiveDate)>>>()?;
    for (assignment, person_id, unit, seq, start) in terms {
        let p = crate::domain::personnel::resolve(conn, &person_id.to_string())?;
        for check in p.checks_on(start).into_iter().filter(|c| c.failed() && c.rule.is_soft()) {
            let covered: bool = conn
                .prepare_cached("SELECT 1 FROM stationing_exception WHERE assignment_id = ?1 AND rule = ?2")?
                .query_row(params![assignment, check.rule.id()], |_| Ok(()))
                .optional()?
                .is_some();
            if !covered {
                t.push(vec![
                    Cell::Int(assignment),
                    Cell::text(&p.name),
                    Cell::text(&unit),
                    Cell::Int(seq),
                    Cell::Date(start),
                    Cell::text(check.rule.id()),
                    Cell::Message(check.detail),
                ]);
            }
        }
    }
    Ok(t)
}

/// The article under which a correction of a record of this kind is reported.
fn article_of(entity: &str) -> u8 {
    match entity {
        "appraisal_event" | "event_correction" => 21,
        "leave" => 19,
        "assignment" => 8,
        "unit" => 10,
        _ => 24,
    }
}

/// Corrections recorded in the half year, under the articles of the records corrected.
fn corrections(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Table> {
    let mut t = group("group.corrections", 24, &["article", "seq", "at", "operator", "corrects", "action", "reason"]);
    let mut rows: Vec<_> = crate::storage::audit::corrections(conn, Some(from))?
        .into_iter()
        .filter(|r| r.at.get(..10).is_some_and(|day| day <= to.to_string().as_str()))
        .collect();
    let entity = |r: &crate::storage::audit::AuditRow| {
        r.corrects.as_deref().and_then(|c| c.split_once(':')).map_or(String::new(), |(e, _)| e.to_string())
    };
    rows.sort_by_key(|r| (article_of(&entity(r)), r.seq));
    for r in rows {
        t.push(vec![
            Cell::text(crate::base::i18n::article(article_of(&entity(&r)))),
            Cell::Int(r.seq),
            Cell::text(&r.at),
            Cell::text(&r.operator),
            Cell::text(r.corrects.clone().unwrap_or_default()),
            Cell::text(&r.action),
            Cell::text(r.reason.clone().unwrap_or_default()),
        ]);
    }
    Ok(t)
}

fn audit_status(conn: &Connection, key: Option<&AuditKey>) -> Result<Table> {
    let mut t = group("group.audit", 24, &["seq", "detail"]);
    match crate::storage::audit::verify_chain(conn, key)? {
        crate::storage::audit::ChainStatus::Intact { rows, head, keyed, .. } => {
            let key = if keyed { "check.db.audit-ok" } else { "check.db.audit-unkeyed" };
            t.notes.push(Msg::new(key).arg("rows", rows).arg("head", head));
        }
        crate::storage::audit::ChainStatus::Broken { seq, why } => t.push(vec![Cell::Int(seq), Cell::Message(why)]),
    }
    Ok(t)
}
