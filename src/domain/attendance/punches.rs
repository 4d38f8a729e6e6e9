//! Punch records from the terminals centers have, and who they stand for: a generic
//! sheet (ID number, 工号 or name, and the time), DingTalk's raw-record export (姓名, 部门,
//! 工号, 考勤日期, 打卡时间, 打卡结果… under title rows), and ZKTeco's ATTLOG text
//! (`PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>status…`). A PIN or 工号 is mapped to its person by
//! `attendance pin`; an unknown one is reported, never guessed. All or nothing.
//!
//! An import is audited by one row (SPEC §2): the file's SHA-256, its rows, and a digest
//! over the punches it added, which `db check` recomputes from the punches.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::stationed::Stationed;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::personnel;
use crate::error::{BadRow, Error, MAX_BAD_VALUES, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::audit::SetDigest;
use crate::storage::store::Tx;

/// A terminal PIN and its person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pin {
    pub pin: String,
    pub person_id: i64,
    pub name: String,
}

/// The PIN as the audit trail records it.
pub fn pin_json(conn: &Connection, pin: &str) -> Result<serde_json::Value> {
    let (person_id, id_number): (i64, String) = conn
        .prepare_cached(
            "SELECT p.id, p.id_number FROM attendance_pin a JOIN person p ON p.id = a.person_id WHERE a.pin = ?1",
        )?
        .query_row([pin], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(serde_json::json!({ "pin": pin, "person_id": person_id, "id_number": id_number }))
}

/// `attendance pin PERSON PIN`: maps a terminal PIN (or DingTalk 工号) to a person. A PIN
/// another person holds moves only with `replace`.
pub fn set_pin(tx: &mut Tx, person_key: &str, pin: &str, replace: bool) -> Result<Pin> {
    let person = personnel::resolve(tx, person_key)?;
    let pin = parse::code(pin, 40).map_err(|r| Error::invalid("pin", pin, r))?;
    let holder: Option<i64> = tx
        .prepare_cached("SELECT person_id FROM attendance_pin WHERE pin = ?1")?
        .query_row([&pin], |r| r.get(0))
        .optional()?;
    match holder {
        Some(id) if id == person.id => {}
        Some(id) if !replace => {
            let other: String =
                tx.prepare_cached("SELECT name FROM person WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
            return Err(Error::invalid("pin", &pin, Msg::new("reason.pin.taken").arg("pin", &pin).arg("name", other)));
        }
        Some(_) => {
            let before = pin_json(tx, &pin)?;
            tx.prepare_cached("UPDATE attendance_pin SET person_id = ?2 WHERE pin = ?1")?
                .execute(params![pin, person.id])?;
            let after = pin_json(tx, &pin)?;
            tx.audit("attendance_pin", &pin, "update", Some(&before), Some(&after))?;
        }
        None => {
            tx.prepare_cached("INSERT INTO attendance_pin (pin, person_id) VALUES (?1, ?2)")?
                .execute(params![pin, person.id])?;
            let after = pin_json(tx, &pin)?;
            tx.audit("attendance_pin", &pin, "insert", None, Some(&after))?;
        }
    }
    Ok(Pin { pin, person_id: person.id, name: person.name })
}

pub const PIN_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    ColumnSpec {
        key: "pin",
        required: true,
        aliases: &["工号", "考勤号码", "考勤号", "人员编号", "用户编号", "userid"],
    },
];

/// `attendance pin --import FILE`: a terminal's user list (id_number, pin), all or none.
/// A PIN another person holds is a bad row (move it with `attendance pin … --replace`).
pub fn import_pins(tx: &mut Tx, input: Input, encoding: Encoding, sheet_name: Option<&str>) -> Result<ImportSummary> {
    let persons: HashMap<String, i64> = {
        let mut stmt = tx.prepare("SELECT id_number, id FROM person")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut holders: HashMap<String, i64> = {
        let mut stmt = tx.prepare("SELECT pin, person_id FROM attendance_pin")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let (mut inserted, mut unchanged) = (0, 0);
    let mut summary = sheet::import_rows(input, encoding, sheet_name, PIN_COLUMNS, |row| {
        let person = persons.get(&row.get(0).to_ascii_uppercase()).copied();
        if person.is_none() {
            row.fail(0, Msg::new("reason.person.unknown").arg("person", row.get(0)));
        }
        let pin = parse::code(row.get(1), 40).map_err(|r| row.fail(1, r)).ok();
        let (Some(person), Some(pin)) = (person, pin) else { return Ok(()) };
        match holders.get(&pin) {
            Some(holder) if *holder == person => unchanged += 1,
            Some(holder) => {
                let name: String =
                    tx.prepare_cached("SELECT name FROM person WHERE id = ?1")?.query_row([holder], |r| r.get(0))?;
                row.fail(1, Msg::new("reason.pin.taken").arg("pin", &pin).arg("name", name));
            }
            None if row.clean_so_far && row.is_ok() => {
                tx.prepare_cached("INSERT INTO attendance_pin (pin, person_id) VALUES (?1, ?2)")?
                    .execute(params![pin, person])?;
                let after = pin_json(tx, &pin)?;
                tx.audit("attendance_pin", &pin, "insert", None, Some(&after))?;
                holders.insert(pin, person);
                inserted += 1;
            }
            None => {
                holders.insert(pin, person);
            }
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    summary.unchanged = unchanged;
    Ok(summary)
}

/// `attendance pin --list`.
pub fn pins(conn: &Connection) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.pins"), &["pin", "id_number", "name", "unit"]);
    let mut stmt = conn.prepare(
        "SELECT a.pin, p.id_number, p.name, u.code FROM attendance_pin a JOIN person p ON p.id = a.person_id
         JOIN unit u ON u.id = p.unit_id ORDER BY u.code, p.id, a.pin",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(vec![Cell::Text(r.get(0)?), Cell::IdNumber(r.get(1)?), Cell::Text(r.get(2)?), Cell::Text(r.get(3)?)])
    })?;
    for row in rows {
        t.push(row?);
    }
    Ok(t)
}

pub const PUNCH_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "id_number", required: false, aliases: &["身份证号码"] },
    ColumnSpec {
        key: "pin",
        required: false,
        aliases: &["工号", "考勤号码", "考勤号", "人员编号", "用户编号", "userid"],
    },
    ColumnSpec { key: "name", required: false, aliases: &["人员姓名"] },
    ColumnSpec { key: "date", required: false, aliases: &["考勤日期", "打卡日期"] },
    ColumnSpec { key: "time", required: true, aliases: &["打卡时间", "签到时间", "刷卡时间", "时间"] },
    ColumnSpec { key: "punch_result", required: false, aliases: &["打卡结果"] },
];

/// Who a row names.
enum Who<'a> {
    IdNumber(&'a str),
    Pin(&'a str),
    Name(&'a str),
}

/// What one import learns and counts while it writes.
struct Sink {
    import_id: i64,
    today: NaiveDate,
    skip_unknown: bool,
    pins: HashMap<String, i64>,
    id_numbers: HashMap<String, i64>,
    names: HashMap<String, Vec<i64>>,
    stationed: Stationed,
    closed: HashSet<String>,
    digest: SetDigest,
    duplicates: usize,
    outside: Vec<usize>,
    unknown: BTreeSet<String>,
    without_punch: usize,
    /// Buffers reused for every punch.
    at_text: String,
    line: String,
}

impl Sink {
    fn new(conn: &Connection, import_id: i64, today: NaiveDate, skip_unknown: bool) -> Result<Sink> {
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let mut names: HashMap<String, Vec<i64>> = HashMap::new();
        for (name, id) in pairs("SELECT name, id FROM person WHERE archived_on IS NULL")? {
            names.entry(name).or_default().push(id);
        }
        let closed = pairs("SELECT month, 0 FROM attendance_close UNION SELECT month, 0 FROM month_close")?;
        Ok(Sink {
            import_id,
            today,
            skip_unknown,
            pins: pairs("SELECT pin, person_id FROM attendance_pin")?.into_iter().collect(),
            id_numbers: pairs("SELECT id_number, id FROM person")?.into_iter().collect(),
            names,
            stationed: Stationed::load(conn, None)?,
            closed: closed.into_iter().map(|(m, _)| m).collect(),
            digest: SetDigest::default(),
            duplicates: 0,
            outside: Vec::new(),
            unknown: BTreeSet::new(),
            without_punch: 0,
            at_text: String::with_capacity(19),
            line: String::with_capacity(32),
        })
    }

    fn person(&self, who: &Who) -> std::result::Result<Option<i64>, Msg> {
        let found = match who {
            Who::IdNumber(n) => self.id_numbers.get(&n.to_ascii_uppercase()).copied(),
            Who::Pin(p) => self.pins.get(*p).copied(),
            Who::Name(n) => match self.names.get(*n).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some([_, _, ..]) => return Err(Msg::new("reason.punch.name-ambiguous").arg("name", n)),
                _ => None,
            },
        };
        Ok(found)
    }

    /// Takes one punch: the reason when the row is bad.
    fn take(
        &mut self,
        tx: &Tx,
        row: usize,
        who: Who,
        at: NaiveDateTime,
    ) -> std::result::Result<Result<()>, (usize, Msg)> {
        let person = match self.person(&who) {
            Err(m) => return Err((0, m)),
            Ok(Some(p)) => p,
            Ok(None) => {
                let (text, key) = match who {
                    Who::IdNumber(n) => (n, "reason.person.unknown"),
                    Who::Pin(p) => (p, "reason.pin.unknown"),
                    Who::Name(n) => (n, "reason.person.unknown"),
                };
                if self.skip_unknown {
                    self.unknown.insert(text.to_string());
                    return Ok(Ok(()));
                }
                return Err((0, Msg::new(key).arg("person", text).arg("pin", text)));
            }
        };
        let date = at.date();
        if date > self.today {
            return Err((1, Msg::new("reason.after-today").arg("date", date).arg("today", self.today)));
        }
        // The stored form, written without a format parser: millions of punches pass here.
        let mut text = std::mem::take(&mut self.at_text);
        stored_time(at, &mut text);
        let month = &text[..7];
        if self.closed.contains(month) {
            let refused = Msg::new("reason.punch.closed").arg("month", month);
            self.at_text = text;
            return Err((1, refused));
        }
        let taken = if self.stationed.on(person, date).is_none() {
            if self.outside.len() < 20 {
                self.outside.push(row);
            }
            Ok(())
        } else {
            self.insert(tx, &text, person)
        };
        self.at_text = text;
        Ok(taken)
    }

    /// Stores a punch, or counts it as a duplicate of one stored before.
    fn insert(&mut self, tx: &Tx, at: &str, person: i64) -> Result<()> {
        let added = tx
            .prepare_cached("INSERT OR IGNORE INTO punch (at, person_id, import_id) VALUES (?1, ?2, ?3)")?
            .execute(params![at, person, self.import_id])?;
        if added == 0 {
            self.duplicates += 1;
            return Ok(());
        }
        self.line.clear();
        push_punch_line(&mut self.line, at, person);
        self.digest.add(self.line.as_bytes());
        Ok(())
    }

    fn notes(&self) -> Vec<Msg> {
        let mut notes = Vec::new();
        if self.duplicates > 0 {
            notes.push(Msg::new("note.punch.duplicates").arg("n", self.duplicates));
        }
        if !self.outside.is_empty() {
            let rows = self.outside.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            notes.push(Msg::new("note.punch.outside").arg("rows", rows));
        }
        if !self.unknown.is_empty() {
            let list = self.unknown.iter().cloned().collect::<Vec<_>>().join(", ");
            notes.push(Msg::new("note.punch.unknown").arg("list", list));
        }
        if self.without_punch > 0 {
            notes.push(Msg::new("note.punch.without").arg("n", self.without_punch));
        }
        notes
    }
}

/// The line a punch adds to its import's digest.
pub fn punch_line(at: &str, person: i64) -> String {
    let mut line = String::with_capacity(32);
    push_punch_line(&mut line, at, person);
    line
}

fn push_punch_line(line: &mut String, at: &str, person: i64) {
    use std::fmt::Write as _;
    let _ = write!(line, "{at}|{person}");
}

/// A punch's time as stored: YYYY-MM-DD HH:MM:SS.
fn stored_time(at: NaiveDateTime, out: &mut String) {
    use chrono::{Datelike as _, Timelike as _};
    use std::fmt::Write as _;
    out.clear();
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
}

/// A punch import as stored and audited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PunchImport {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub format: String,
    pub rows: i64,
    pub punches: i64,
    pub digest: String,
    pub imported_on: NaiveDate,
}

pub fn punch_import_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let p = conn
        .prepare_cached(
            "SELECT id, file, sha256, format, rows, punches, digest, imported_on FROM punch_import WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(PunchImport {
                id: r.get(0)?,
                file: r.get(1)?,
                sha256: r.get(2)?,
                format: r.get(3)?,
                rows: r.get(4)?,
                punches: r.get(5)?,
                digest: r.get(6)?,
                imported_on: r.get(7)?,
            })
        })?;
    Ok(crate::storage::audit::json(&p))
}

/// Whether the text's first line is a ZKTeco ATTLOG line.
fn is_attlog(first_line: &str) -> bool {
    let mut fields = first_line.split('\t');
    let pin = fields.next().unwrap_or("").trim();
    let at = fields.next().unwrap_or("").trim();
    !pin.is_empty() && at.len() == 19 && parse::date_time(at).is_ok()
}

fn first_line(input: &Input) -> String {
    match input {
        Input::Csv { text, .. } => text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").to_string(),
        Input::Path(p) => std::fs::File::open(p)
            .ok()
            .and_then(|f| BufReader::new(f).lines().map_while(std::result::Result::ok).find(|l| !l.trim().is_empty()))
            .unwrap_or_default(),
    }
}

/// `attendance import FILE`: punches from a sheet or an ATTLOG, all or nothing. Punches
/// already stored are passed over (importing a file twice adds nothing), and so are those
/// outside the person's stationing (named in a note); with `skip_unknown`, PINs and names
/// no person has are listed instead of refused.
pub fn import_punches(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
    skip_unknown: bool,
) -> Result<(ImportSummary, PunchImport)> {
    let name = input.name();
    let sha256 = input.sha256()?;
    let format = if is_attlog(&first_line(&input)) { "attlog" } else { "sheet" };
    tx.prepare_cached(
        "INSERT INTO punch_import (file, sha256, format, rows, punches, digest, imported_on)
         VALUES (?1, ?2, ?3, 0, 0, '', ?4)",
    )?
    .execute(params![name, sha256, format, tx.ctx.today])?;
    let import_id = tx.last_insert_rowid();
    let mut sink = Sink::new(tx, import_id, tx.ctx.today, skip_unknown)?;
    let mut summary = match input {
        _ if format == "sheet" => read_sheet(tx, &mut sink, input, encoding, sheet_name)?,
        Input::Path(p) => read_attlog(tx, &mut sink, &name, p)?,
        Input::Csv { text, .. } => read_attlog_lines(tx, &mut sink, &name, text.lines().map(|l| Ok(l.to_string())))?,
    };
    summary.inserted = sink.digest.rows as usize;
    summary.unchanged = sink.duplicates;
    summary.notes.extend(sink.notes());
    let record = PunchImport {
        id: import_id,
        file: name,
        sha256,
        format: format.into(),
        rows: summary.rows as i64,
        punches: sink.digest.rows,
        digest: sink.digest.hex(),
        imported_on: tx.ctx.today,
    };
    tx.prepare_cached("UPDATE punch_import SET rows = ?2, punches = ?3, digest = ?4 WHERE id = ?1")?
        .execute(params![import_id, record.rows, record.punches, record.digest])?;
    tx.audit_created("punch_import", import_id, "import", &record)?;
    Ok((summary, record))
}

fn read_sheet(
    tx: &Tx,
    sink: &mut Sink,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
) -> Result<ImportSummary> {
    sheet::import_rows(input, encoding, sheet_name, PUNCH_COLUMNS, |row| {
        let who = match (row.get(0), row.get(1), row.get(2)) {
            (n, _, _) if !n.is_empty() => Who::IdNumber(n),
            (_, p, _) if !p.is_empty() => Who::Pin(p),
            (_, _, n) if !n.is_empty() => Who::Name(n),
            _ => {
                row.fail(0, Msg::new("reason.punch.who"));
                return Ok(());
            }
        };
        let (date, time) = (row.get(3), row.get(4));
        if time.is_empty() && !row.get(5).is_empty() {
            // DingTalk lists a punch it did not get (未打卡) as a row without a time.
            sink.without_punch += 1;
            return Ok(());
        }
        let at = if date.is_empty() {
            parse::date_time(time)
        } else {
            parse::date(date).and_then(|d| Ok(d.and_time(parse::time(time.rsplit(' ').next().unwrap_or(time))?)))
        };
        let at = match at {
            Ok(at) => at,
            Err(reason) => {
                row.fail(4, reason);
                return Ok(());
            }
        };
        let row_no = row.row();
        match sink.take(tx, row_no, who, at) {
            Err((column, reason)) => {
                row.fail(if column == 1 { 4 } else { 0 }, reason);
                Ok(())
            }
            Ok(written) => written,
        }
    })
}

fn read_attlog(tx: &Tx, sink: &mut Sink, name: &str, path: &Path) -> Result<ImportSummary> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::BadFile { file: name.into(), reason: Msg::new("reason.file.csv").arg("detail", e) })?;
    let bad =
        |e: std::io::Error| Error::BadFile { file: name.into(), reason: Msg::new("reason.file.csv").arg("detail", e) };
    read_attlog_lines(tx, sink, name, BufReader::new(file).lines().map(|l| l.map_err(bad)))
}

/// An ATTLOG's lines: `PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>…`, the PIN padded with spaces on
/// some terminals. Every bad line is reported with its number.
fn read_attlog_lines(
    tx: &Tx,
    sink: &mut Sink,
    name: &str,
    lines: impl Iterator<Item = Result<String>>,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary { file: name.into(), ..Default::default() };
    let (mut bad, mut bad_rows) = (Vec::new(), 0usize);
    for (i, line) in lines.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        summary.rows += 1;
        if summary.rows.is_multiple_of(crate::base::progress::EVERY) {
            crate::base::progress::report(Msg::new("progress.rows").arg("file", name).arg("rows", summary.rows));
        }
        let mut fields = line.split('\t');
        let pin = fields.next().unwrap_or("").trim();
        let at_text = fields.next().unwrap_or("").trim();
        let failed = match parse::date_time(at_text) {
            Err(reason) => Some(("time", at_text, reason)),
            Ok(at) => match sink.take(tx, i + 1, Who::Pin(pin), at) {
                Err((0, reason)) => Some(("PIN", pin, reason)),
                Err((_, reason)) => Some(("time", at_text, reason)),
                Ok(written) => {
                    written?;
                    None
                }
            },
        };
        if let Some((column, value, reason)) = failed {
            bad_rows += 1;
            if bad.len() < MAX_BAD_VALUES {
                bad.push(BadRow { row: i + 1, column: column.into(), value: value.into(), reason });
            }
        }
    }
    crate::base::progress::done();
    if !bad.is_empty() {
        return Err(Error::BadRows { file: name.into(), rows: bad, bad_rows });
    }
    if summary.rows == 0 {
        return Err(Error::BadFile { file: name.into(), reason: Msg::new("reason.file.no-rows") });
    }
    Ok(summary)
}

/// A missed-punch correction (补签) as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amend {
    pub id: i64,
    pub person_id: i64,
    pub at: String,
    pub reason: String,
    pub operator: String,
    pub approved_on: NaiveDate,
}

pub fn amend_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let a = conn
        .prepare_cached("SELECT id, person_id, at, reason, operator, approved_on FROM punch_amend WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Amend {
                id: r.get(0)?,
                person_id: r.get(1)?,
                at: r.get(2)?,
                reason: r.get(3)?,
                operator: r.get(4)?,
                approved_on: r.get(5)?,
            })
        })?;
    Ok(crate::storage::audit::json(&a))
}

/// `attendance amend`: the center accepts a missed punch (补签) with its reason; it counts
/// as a punch from then on. Refused in a closed month and outside the stationing.
pub fn amend(tx: &mut Tx, person_key: &str, date: NaiveDate, time: &str, reason: &str) -> Result<Amend> {
    let person = personnel::resolve(tx, person_key)?;
    let at = date.and_time(parse::time(time).map_err(|r| Error::invalid("time", time, r))?);
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    crate::domain::org::check_not_future(tx, "date", date)?;
    let month = date.format("%Y-%m").to_string();
    if super::month::is_attendance_closed(tx, &month)? || crate::domain::calendar::is_month_closed(tx, date)? {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.month.closed").arg("month", &month).arg("today", tx.ctx.today),
        ));
    }
    if Stationed::load(tx, Some(person.id))?.on(person.id, date).is_none() {
        return Err(Error::refused(
            RuleId::Art19Leave,
            Msg::new("refuse.event.not-stationed").arg("name", &person.name).arg("date", date),
        ));
    }
    let at = at.format("%Y-%m-%d %H:%M:%S").to_string();
    let exists: bool = tx
        .prepare_cached("SELECT 1 FROM punch_amend WHERE person_id = ?1 AND at = ?2")?
        .query_row(params![person.id, at], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        return Err(Error::invalid("time", time, Msg::new("reason.amend.exists").arg("at", &at)));
    }
    tx.prepare_cached(
        "INSERT INTO punch_amend (person_id, at, reason, operator, approved_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![person.id, at, reason, tx.ctx.operator, tx.ctx.today])?;
    let a = Amend {
        id: tx.last_insert_rowid(),
        person_id: person.id,
        at,
        reason,
        operator: tx.ctx.operator.clone(),
        approved_on: tx.ctx.today,
    };
    tx.audit_created("punch_amend", a.id, "insert", &a)?;
    Ok(a)
}
