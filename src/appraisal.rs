//! Appraisal (Art 20–23): the center's rule book (考核细则), appraisal events and service
//! reviews (好差评), the monthly score and bulletin (Art 21), the annual grades under the
//! 优秀 quota per identity category (Art 22), the letters to units (Art 23), and the funds
//! transferred by headcount (Art 22). Scores come only from the rule book: the code holds
//! no scoring constant.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::json;
use crate::calendar::{Calendar, first_of_month, last_of_month};
use crate::enums::{Category, EventSource, Grade, LeaveStatus, LeaveType, Standing};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang, Msg};
use crate::leave;
use crate::parse;
use crate::personnel;
use crate::rules::{self, Band, Candidate, ItemCount, RuleId};
use crate::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::store::Tx;
use crate::table::{Cell, Table};

/// One item of a rule book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub points: f64,
    #[serde(default)]
    pub cap: Option<f64>,
    #[serde(default)]
    pub article: Option<u8>,
    #[serde(default)]
    pub blocks_excellent: bool,
    #[serde(default)]
    pub no_grade: bool,
}

impl Item {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Zh => &self.name_zh,
        }
    }
}

/// A rule book as the center writes it (examples/rulebook.json).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulebookFile {
    name: String,
    effective: String,
    base: f64,
    #[serde(default = "default_participation")]
    participation_months: u8,
    bad_review_item: String,
    monthly_bands: Vec<Band>,
    annual_bands: BTreeMap<String, Vec<Band>>,
    items: Vec<Item>,
}

fn default_participation() -> u8 {
    6
}

/// A rule book version in force from its effective date.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    pub id: i64,
    pub effective: NaiveDate,
    pub name: String,
    pub base: f64,
    pub participation_months: u8,
    pub bad_review_item: String,
    pub monthly_bands: Vec<Band>,
    pub annual_bands: BTreeMap<Category, Vec<Band>>,
    pub items: BTreeMap<String, Item>,
}

fn file_error(path: &Path, reason: Msg) -> Error {
    Error::BadFile { file: path.display().to_string(), reason }
}

/// Bands are ordered best first, their minimums falling, the last one catching all.
fn check_bands(bands: &[Band], what: &str) -> std::result::Result<(), Msg> {
    let bad = || Msg::new("reason.rulebook.bands").arg("what", what);
    let (last, rest) = bands.split_last().ok_or_else(bad)?;
    let mins: Vec<f64> = rest.iter().map(|b| b.min).collect::<Option<_>>().ok_or_else(bad)?;
    if last.min.is_some() || mins.windows(2).any(|w| w[0] <= w[1]) {
        return Err(bad());
    }
    Ok(())
}

/// A rule book file that passed its checks, with its parsed date and annual bands.
type ValidRulebook = (NaiveDate, BTreeMap<Category, Vec<Band>>, RulebookFile);

fn validate_rulebook(f: RulebookFile) -> std::result::Result<ValidRulebook, Msg> {
    let effective = parse::date(&f.effective).map_err(|_| Msg::new("reason.rulebook.effective"))?;
    check_bands(&f.monthly_bands, "monthly_bands")?;
    let mut annual = BTreeMap::new();
    for (key, bands) in &f.annual_bands {
        let category = Category::parse(key).ok_or_else(|| Msg::new("reason.rulebook.category").arg("category", key))?;
        check_bands(bands, key)?;
        annual.insert(category, bands.clone());
    }
    if let Some(missing) = Category::ALL.iter().find(|c| !annual.contains_key(c)) {
        return Err(Msg::new("reason.rulebook.category-missing").arg("category", missing.key()));
    }
    let mut codes = HashSet::new();
    for item in &f.items {
        if item.code.trim().is_empty() || !codes.insert(item.code.trim().to_uppercase()) {
            return Err(Msg::new("reason.rulebook.item-code").arg("code", &item.code));
        }
        if item.cap.is_some_and(|c| c <= 0.0) || item.article.is_some_and(|a| !(1..=27).contains(&a)) {
            return Err(Msg::new("reason.rulebook.item").arg("code", &item.code));
        }
    }
    if !codes.contains(&f.bad_review_item.trim().to_uppercase()) {
        return Err(Msg::new("reason.rulebook.bad-review").arg("code", &f.bad_review_item));
    }
    if f.participation_months > 12 || !f.base.is_finite() {
        return Err(Msg::new("reason.rulebook.base"));
    }
    Ok((effective, annual, f))
}

/// `appraise rules import`: stores a rule book version. A version whose months are
/// already closed cannot be replaced (ART21-MONTHLY).
pub fn import_rulebook(tx: &mut Tx, path: &Path) -> Result<Rulebook> {
    let text =
        std::fs::read_to_string(path).map_err(|e| file_error(path, Msg::new("reason.file.csv").arg("detail", e)))?;
    import_rulebook_text(tx, &path.display().to_string(), &text)
}

/// The same, from text (the demo's bundled rule book).
pub fn import_rulebook_text(tx: &mut Tx, name: &str, text: &str) -> Result<Rulebook> {
    let path = Path::new(name);
    let file: RulebookFile =
        serde_json::from_str(text).map_err(|e| file_error(path, Msg::new("reason.rulebook.json").arg("detail", e)))?;
    let (effective, annual, f) = validate_rulebook(file).map_err(|m| file_error(path, m))?;
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM rulebook WHERE effective = ?1")?
        .query_row([effective], |r| r.get(0))
        .optional()?;
    let before = match existing {
        Some(id) => {
            let used: Option<String> = tx
                .prepare_cached("SELECT month FROM month_close WHERE rulebook_id = ?1 LIMIT 1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(month) = used {
                return Err(Error::refused(
                    RuleId::Art21Monthly,
                    Msg::new("refuse.rulebook.used").arg("effective", effective).arg("month", month),
                ));
            }
            let before = rulebook_json(tx, id)?;
            tx.prepare_cached("DELETE FROM rule_item WHERE rulebook_id = ?1")?.execute([id])?;
            tx.prepare_cached("DELETE FROM year_appraisal WHERE rulebook_id = ?1 AND closed_on IS NULL")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM rulebook WHERE id = ?1")?.execute([id])?;
            Some(before)
        }
        None => None,
    };
    let annual_json: BTreeMap<&str, &Vec<Band>> = annual.iter().map(|(c, b)| (c.key(), b)).collect();
    tx.prepare_cached(
        "INSERT INTO rulebook (effective, name, base, participation_months, bad_review_item, monthly_bands,
         annual_bands, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        effective,
        f.name,
        f.base,
        f.participation_months,
        f.bad_review_item.trim().to_uppercase(),
        json(&f.monthly_bands).to_string(),
        json(&annual_json).to_string(),
        text
    ])?;
    let id = tx.last_insert_rowid();
    for item in &f.items {
        tx.prepare_cached(
            "INSERT INTO rule_item (rulebook_id, code, name_zh, name_en, category, points, cap, article,
             blocks_excellent, no_grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            id,
            item.code.trim().to_uppercase(),
            item.name_zh,
            item.name_en,
            item.category,
            item.points,
            item.cap,
            item.article,
            item.blocks_excellent,
            item.no_grade
        ])?;
    }
    let after = rulebook_json(tx, id)?;
    tx.audit("rulebook", effective, "import", before.as_ref(), Some(&after))?;
    load_rulebook(tx, id)
}

fn rulebook_json(conn: &Connection, id: i64) -> Result<serde_json::Value> {
    let rb = load_rulebook(conn, id)?;
    Ok(serde_json::json!({
        "effective": rb.effective, "name": rb.name, "base": rb.base,
        "participation_months": rb.participation_months, "bad_review_item": rb.bad_review_item,
        "monthly_bands": rb.monthly_bands, "items": rb.items.values().collect::<Vec<_>>(),
    }))
}

fn load_rulebook(conn: &Connection, id: i64) -> Result<Rulebook> {
    let (effective, name, base, participation_months, bad_review_item, monthly, annual): (
        NaiveDate,
        String,
        f64,
        u8,
        String,
        String,
        String,
    ) = conn
        .prepare_cached(
            "SELECT effective, name, base, participation_months, bad_review_item, monthly_bands, annual_bands
         FROM rulebook WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?;
    let corrupt = |e: serde_json::Error| Error::Other(Msg::new("error.other").arg("detail", e));
    let monthly_bands: Vec<Band> = serde_json::from_str(&monthly).map_err(corrupt)?;
    let annual_raw: BTreeMap<String, Vec<Band>> = serde_json::from_str(&annual).map_err(corrupt)?;
    let annual_bands = annual_raw.into_iter().filter_map(|(k, v)| Category::parse(&k).map(|c| (c, v))).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT code, name_zh, name_en, category, points, cap, article, blocks_excellent, no_grade
         FROM rule_item WHERE rulebook_id = ?1 ORDER BY rowid",
    )?;
    let items = stmt
        .query_map([id], |r| {
            Ok(Item {
                code: r.get(0)?,
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                category: r.get(3)?,
                points: r.get(4)?,
                cap: r.get(5)?,
                article: r.get(6)?,
                blocks_excellent: r.get(7)?,
                no_grade: r.get(8)?,
            })
        })?
        .map(|i| i.map(|i| (i.code.clone(), i)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(Rulebook {
        id,
        effective,
        name,
        base,
        participation_months,
        bad_review_item,
        monthly_bands,
        annual_bands,
        items,
    })
}

/// The rule book in force on `date`, if any was imported.
pub fn rulebook_on(conn: &Connection, date: NaiveDate) -> Result<Option<Rulebook>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM rulebook WHERE effective <= ?1 ORDER BY effective DESC LIMIT 1")?
        .query_row([date], |r| r.get(0))
        .optional()?;
    id.map(|id| load_rulebook(conn, id)).transpose()
}

fn require_rulebook(conn: &Connection, date: NaiveDate) -> Result<Rulebook> {
    rulebook_on(conn, date)?
        .ok_or_else(|| Error::invalid("date", date, Msg::new("reason.rulebook.none").arg("date", date)))
}

/// `appraise rules list`: the version in force on `on`, with its bands.
pub fn rules_table(conn: &Connection, on: NaiveDate) -> Result<Table> {
    let rb = require_rulebook(conn, on)?;
    let mut t = Table::new(
        Msg::new("title.rulebook").arg("name", &rb.name).arg("effective", rb.effective),
        &["code", "item", "item_en", "category", "points", "cap", "article", "blocks_excellent", "no_grade"],
    );
    for i in rb.items.values() {
        t.push(vec![
            Cell::text(&i.code),
            Cell::text(&i.name_zh),
            Cell::text(&i.name_en),
            Cell::text(&i.category),
            Cell::Num(i.points, 1),
            i.cap.map_or(Cell::Empty, |c| Cell::Num(c, 1)),
            i.article.map_or(Cell::Empty, |a| Cell::Text(i18n::article(a))),
            Cell::Bool(i.blocks_excellent),
            Cell::Bool(i.no_grade),
        ]);
    }
    t.notes.push(
        Msg::new("note.rulebook")
            .arg("base", rb.base)
            .arg("months", rb.participation_months)
            .arg("bad", &rb.bad_review_item)
            .arg("bands", bands_text(&rb.monthly_bands)),
    );
    Ok(t)
}

fn bands_text(bands: &[Band]) -> String {
    bands
        .iter()
        .map(|b| match b.min {
            Some(m) => format!("{} ≥ {m}", b.grade.key()),
            None => b.grade.key().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn month_key(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn is_closed(conn: &Connection, first: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM month_close WHERE month = ?1")?
        .query_row([month_key(first)], |_| Ok(()))
        .optional()?
        .is_some())
}

fn is_stationed_on(conn: &Connection, person_id: i64, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM assignment WHERE person_id = ?1 AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?2)",
        )?
        .query_row(params![person_id, date], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What the checks of events learn about each month during one command: whether it is
/// closed and which rule book scores it.
#[derive(Default)]
struct Months(HashMap<NaiveDate, (bool, Option<std::rc::Rc<Rulebook>>)>);

impl Months {
    fn get(&mut self, conn: &Connection, date: NaiveDate) -> Result<(bool, Option<std::rc::Rc<Rulebook>>)> {
        let first = first_of_month(date);
        if let Some(hit) = self.0.get(&first) {
            return Ok(hit.clone());
        }
        let found = (is_closed(conn, first)?, rulebook_on(conn, first)?.map(std::rc::Rc::new));
        self.0.insert(first, found.clone());
        Ok(found)
    }
}

/// Why an event on `date` for `person_id` (of item `code`, when it names one) cannot be
/// recorded, if it cannot: the rule of the refusal and its message.
fn event_problem(
    conn: &Connection,
    months: &mut Months,
    person_id: i64,
    name: &str,
    code: Option<&str>,
    date: NaiveDate,
    today: NaiveDate,
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
            Msg::new("reason.rulebook.no-item").arg("code", code).arg("name", &rb.name),
        )));
    }
    if !is_stationed_on(conn, person_id, date)? {
        return Ok(Some((
            RuleId::Art21Monthly,
            Msg::new("refuse.event.not-stationed").arg("name", name).arg("date", date),
        )));
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

fn insert_event(tx: &mut Tx, e: &Event) -> Result<Event> {
    tx.prepare_cached(
        "INSERT INTO appraisal_event (person_id, item, date, times, note, source, review_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![e.person_id, e.item, e.date, e.times, e.note, e.source, e.review_id])?;
    let stored = Event { id: tx.last_insert_rowid(), ..e.clone() };
    tx.audit_created("appraisal_event", stored.id, "insert", &stored)?;
    Ok(stored)
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
) -> Result<Event> {
    let person = personnel::resolve(tx, person_key)?;
    let code = code.trim().to_uppercase();
    if times < 1 {
        return Err(Error::invalid("times", times, Msg::new("reason.number").arg("min", 1)));
    }
    let note = note.map(|n| parse::optional_text(n, 500).map_err(|r| Error::invalid("note", n, r))).transpose()?;
    if let Some((rule, msg)) =
        event_problem(tx, &mut Months::default(), person.id, &person.name, Some(&code), date, tx.ctx.today)?
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

pub const REVIEW_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "case_no", required: true, aliases: &["办件编号", "受理编号"] },
    ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    ColumnSpec { key: "date", required: true, aliases: &["评价日期"] },
    ColumnSpec { key: "grade", required: true, aliases: &["评价等级", "评价"] },
];

/// Person lookups by ID number during one import.
#[derive(Default)]
struct People(HashMap<String, Option<(i64, String)>>);

impl People {
    fn get(&mut self, conn: &Connection, id_number: &str) -> Result<Option<(i64, String)>> {
        if let Some(hit) = self.0.get(id_number) {
            return Ok(hit.clone());
        }
        let found = personnel::find(conn, id_number)?.map(|p| (p.id, p.name));
        self.0.insert(id_number.to_string(), found.clone());
        Ok(found)
    }
}

/// `appraise import`: events from a file (id_number, rule, date, times, note); all or none.
/// Good rows are written as they are read (the caller's transaction rolls back if any row
/// was bad), so memory does not grow with the file.
pub fn import_events(tx: &mut Tx, input: Input, encoding: Encoding, sheet_name: Option<&str>) -> Result<ImportSummary> {
    let mut inserted = 0;
    let mut people = People::default();
    let mut months = Months::default();
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
        let code = row.get(1).to_uppercase();
        if let (Some((person_id, name)), Some(date)) = (&person, date)
            && let Some((_, msg)) = event_problem(tx, &mut months, *person_id, name, Some(&code), date, today)?
        {
            let column = if msg.key == "reason.rulebook.no-item" { 1 } else { 2 };
            row.fail(column, msg);
        }
        if let (Some((person_id, _)), Some(date), Some(times), Some(note), true) =
            (person, date, times, note, row.is_ok())
        {
            let source = EventSource::Import;
            insert_event(tx, &Event { id: 0, person_id, item: code, date, times, note, source, review_id: None })?;
            inserted += 1;
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}

/// A service review (好差评).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub case_no: String,
    pub person_id: i64,
    pub date: NaiveDate,
    pub grade: i64,
}

/// `appraise reviews`: reviews from a file (case_no, id_number, date, grade 1–5); a bad one
/// (1–2) adds the rule book's bad-review item. A case number is taken once. Good rows are
/// written as they are read; a case number met again is found by the unique index and
/// `RowsOfNew` (only bad rows' case numbers are kept whole), so memory does not grow with
/// the file.
pub fn import_reviews(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
) -> Result<ImportSummary> {
    let mut rows_of_new = sheet::RowsOfNew::after_last(tx, "review")?;
    let mut rows_of_bad: HashMap<String, usize> = HashMap::new();
    let mut inserted = 0;
    let mut people = People::default();
    let mut months = Months::default();
    let today = tx.ctx.today;
    let mut summary = sheet::import_rows(input, encoding, sheet_name, REVIEW_COLUMNS, |row| {
        let case_no = parse::text(row.get(0), 64).map_err(|r| row.fail(0, r)).ok();
        if let Some(case) = &case_no {
            let stored: Option<i64> = tx
                .prepare_cached("SELECT id FROM review WHERE case_no = ?1")?
                .query_row([case], |r| r.get(0))
                .optional()?;
            let earlier_row = match stored {
                Some(id) => rows_of_new.row_of(id),
                None => rows_of_bad.get(case).copied(),
            };
            match (stored, earlier_row) {
                (_, Some(first)) => row.fail(0, Msg::new("reason.review.duplicate-in-file").arg("row", first)),
                (Some(_), None) => row.fail(0, Msg::new("reason.review.exists")),
                (None, None) => {}
            }
        }
        let person = people.get(tx, row.get(1))?;
        if person.is_none() {
            let reason = Msg::new("reason.person.unknown").arg("person", row.get(1));
            row.fail(1, reason);
        }
        let date = parse::date(row.get(2)).map_err(|r| row.fail(2, r)).ok();
        let grade = parse::int_at_least(row.get(3), 1)
            .ok()
            .filter(|g| *g <= 5)
            .ok_or_else(|| row.fail(3, Msg::new("reason.review.grade")))
            .ok();
        if let (Some((person_id, name)), Some(date), Some(grade)) = (&person, date, grade) {
            // A good review needs the month open and the person stationed; a bad one also
            // the rule book's bad-review item.
            let bad_item = match months.get(tx, date)?.1 {
                Some(rb) if rules::is_bad_review(grade) => Some(rb.bad_review_item.clone()),
                _ => None,
            };
            if let Some((_, msg)) = event_problem(tx, &mut months, *person_id, name, bad_item.as_deref(), date, today)?
            {
                row.fail(2, msg);
            }
        }
        match (case_no, person, date, grade) {
            (Some(case_no), Some((person_id, _)), Some(date), Some(grade)) if row.is_ok() => {
                insert_review(tx, &mut months, Review { id: 0, case_no, person_id, date, grade })?;
                rows_of_new.push(row.row());
                inserted += 1;
            }
            (Some(case_no), ..) => {
                rows_of_bad.entry(case_no).or_insert(row.row());
            }
            _ => {}
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}

/// Stores an imported review, audited, with the rule book's bad-review event when it is
/// bad (1–2).
fn insert_review(tx: &mut Tx, months: &mut Months, r: Review) -> Result<()> {
    tx.prepare_cached("INSERT INTO review (case_no, person_id, date, grade) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![r.case_no, r.person_id, r.date, r.grade])?;
    let review = Review { id: tx.last_insert_rowid(), ..r };
    tx.audit_created("review", review.id, "insert", &review)?;
    if !rules::is_bad_review(review.grade) {
        return Ok(());
    }
    let rb = months.get(tx, review.date)?.1.ok_or_else(|| {
        Error::invalid("date", review.date, Msg::new("reason.rulebook.none").arg("date", review.date))
    })?;
    let e = Event {
        id: 0,
        person_id: review.person_id,
        item: rb.bad_review_item.clone(),
        date: review.date,
        times: 1,
        note: Some(format!("{} {}", review.case_no, review.grade)),
        source: EventSource::Review,
        review_id: Some(review.id),
    };
    insert_event(tx, &e)?;
    Ok(())
}

/// Person → (their latest unit, days stationed per month).
type StationedDays = HashMap<i64, (i64, BTreeMap<NaiveDate, i64>)>;

/// Days each person was stationed in each month of a period, from the stored history.
fn stationed_days(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<StationedDays> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, unit_id, started_on, ended_on FROM assignment
         WHERE started_on IS NOT NULL AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?1)
         ORDER BY started_on",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, NaiveDate>(2)?, r.get::<_, Option<NaiveDate>>(3)?))
    })?;
    let mut out = StationedDays::new();
    for row in rows {
        let (person, unit, start, end) = row?;
        let (a, b) = (start.max(from), end.unwrap_or(to).min(to));
        let entry = out.entry(person).or_insert((unit, BTreeMap::new()));
        entry.0 = unit;
        let mut month = first_of_month(a);
        while month <= b {
            let days = (b.min(last_of_month(month)) - a.max(month)).num_days() + 1;
            *entry.1.entry(month).or_insert(0) += days;
            match last_of_month(month).succ_opt() {
                Some(next) => month = next,
                None => break,
            }
        }
    }
    Ok(out)
}

/// One person's month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    pub person_id: i64,
    pub name: String,
    pub id_number: String,
    pub unit: String,
    pub unit_id: i64,
    pub days_stationed: i64,
    pub days_leave: f64,
    pub deductions: f64,
    pub bonuses: f64,
    pub score: f64,
    pub grade: Grade,
    pub lowest: bool,
    /// Deduction occurrences (for the annual tie-break).
    pub events: i64,
    pub reviews: i64,
    pub good_reviews: i64,
    /// Item code → (times, points after the cap).
    pub detail: BTreeMap<String, (i64, f64)>,
}

/// The month's scores, computed now from events and reviews (ART21-MONTHLY).
/// With `names`, each row carries the person's name and ID number (for showing); closing
/// does not need them.
pub fn compute_month(conn: &Connection, first: NaiveDate, names: bool) -> Result<(Rulebook, Vec<MonthRow>)> {
    let first = first_of_month(first);
    let last = last_of_month(first);
    let rb = require_rulebook(conn, first)?;
    let cal = Calendar::load(conn)?;
    let leave_days = leave::days_on_leave_in_month(conn, &cal, first)?;
    let stationed = stationed_days(conn, first, last)?;
    // Times per person and item, summed while the covering date index is read in order
    // (a GROUP BY would sort a million rows first).
    // Person ids are dense, so the sums live in one flat table indexed by id and item.
    let codes: Vec<&String> = rb.items.keys().collect();
    let max_id: i64 = conn.prepare_cached("SELECT coalesce(max(id), 0) FROM person")?.query_row([], |r| r.get(0))?;
    let mut times_by = vec![0i64; (max_id as usize + 1) * codes.len()];
    let mut stmt =
        conn.prepare_cached("SELECT person_id, item, times FROM appraisal_event WHERE date BETWEEN ?1 AND ?2")?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let item = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let person: i64 = r.get(0)?;
        // A handful of short codes: comparing lengths first finds most without a byte compare.
        let found = codes.iter().position(|c| c.len() == item.len() && c.as_str() == item);
        if let (Some(i), Some(slot)) = (found, usize::try_from(person).ok())
            && let Some(cell) = times_by.get_mut(slot * codes.len() + i)
        {
            *cell += r.get::<_, i64>(2)?;
        }
    }
    let times_of = |person: i64| {
        let start = usize::try_from(person).unwrap_or(usize::MAX).saturating_mul(codes.len());
        times_by.get(start..start + codes.len()).unwrap_or(&[])
    };
    let mut reviews: HashMap<i64, (i64, i64)> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT person_id, grade FROM review WHERE date BETWEEN ?1 AND ?2")?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let entry = reviews.entry(r.get(0)?).or_default();
        entry.0 += 1;
        entry.1 += i64::from(r.get::<_, i64>(1)? >= 4);
    }
    let names = if names { person_names(conn)? } else { HashMap::new() };
    let units = unit_codes(conn)?;
    let mut rows = Vec::with_capacity(stationed.len());
    for (person_id, (unit_id, months)) in stationed {
        let days_stationed = months.values().sum();
        let mut counts = Vec::new();
        let mut detail = BTreeMap::new();
        let mut deduction_events = 0;
        let counted = codes.iter().zip(times_of(person_id)).filter(|(_, t)| **t > 0);
        for (code, times) in counted {
            let Some(item) = rb.items.get(*code) else { continue };
            let count = ItemCount { points: item.points, cap: item.cap, times: *times };
            let (_, d, b) = rules::monthly_score(0.0, &[count]);
            detail.insert((*code).clone(), (*times, d + b));
            counts.push(count);
            if item.points < 0.0 {
                deduction_events += times;
            }
        }
        let (score, deductions, bonuses) = rules::monthly_score(rb.base, &counts);
        let (grade, lowest) = rules::grade_for(score, &rb.monthly_bands).unwrap_or((Grade::Fail, true));
        let (name, id_number) = names.get(&person_id).cloned().unwrap_or_default();
        let (n, good) = reviews.get(&person_id).copied().unwrap_or((0, 0));
        rows.push(MonthRow {
            person_id,
            name,
            id_number,
            unit: units.get(&unit_id).cloned().unwrap_or_default(),
            unit_id,
            days_stationed,
            days_leave: leave_days.get(&person_id).copied().unwrap_or(0.0),
            deductions,
            bonuses,
            score,
            grade,
            lowest,
            events: deduction_events,
            reviews: n,
            good_reviews: good,
            detail,
        });
    }
    // In key order: closing appends the frozen rows to the end of their B-tree.
    rows.sort_unstable_by_key(|r| r.person_id);
    Ok((rb, rows))
}

fn person_names(conn: &Connection) -> Result<HashMap<i64, (String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, id_number FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn unit_codes(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, code FROM unit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The frozen results of a closed month.
fn frozen_month(conn: &Connection, first: NaiveDate) -> Result<Vec<MonthRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.person_id, p.name, p.id_number, u.code, m.unit_id, m.days_stationed, m.days_leave, m.deductions,
         m.bonuses, m.score, m.grade, m.lowest, m.events, m.reviews, m.good_reviews, m.detail
         FROM monthly_result m JOIN person p ON p.id = m.person_id JOIN unit u ON u.id = m.unit_id
         WHERE m.month = ?1 ORDER BY u.code, m.person_id",
    )?;
    let rows = stmt.query_map([month_key(first)], |r| {
        let detail: String = r.get(15)?;
        Ok(MonthRow {
            person_id: r.get(0)?,
            name: r.get(1)?,
            id_number: r.get(2)?,
            unit: r.get(3)?,
            unit_id: r.get(4)?,
            days_stationed: r.get(5)?,
            days_leave: r.get(6)?,
            deductions: r.get(7)?,
            bonuses: r.get(8)?,
            score: r.get(9)?,
            grade: r.get(10)?,
            lowest: r.get(11)?,
            events: r.get(12)?,
            reviews: r.get(13)?,
            good_reviews: r.get(14)?,
            detail: serde_json::from_str(&detail).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `appraise month --close`: freezes the month's results (ART21-MONTHLY). Refused twice,
/// and before the month has ended.
pub fn close_month(tx: &mut Tx, first: NaiveDate) -> Result<usize> {
    let first = first_of_month(first);
    let month = month_key(first);
    if is_closed(tx, first)? {
        return Err(Error::refused(RuleId::Art21Monthly, Msg::new("refuse.month.twice").arg("month", &month)));
    }
    if tx.ctx.today < last_of_month(first) {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.month.early").arg("month", &month).arg("last", last_of_month(first)),
        ));
    }
    let (rb, rows) = compute_month(tx, first, false)?;
    tx.prepare_cached("INSERT INTO month_close (month, closed_on, rulebook_id) VALUES (?1, ?2, ?3)")?
        .execute(params![month, tx.ctx.today, rb.id])?;
    let mut digest = Sha256::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO monthly_result (month, person_id, unit_id, days_stationed, days_leave, deductions, bonuses,
             score, grade, lowest, events, reviews, good_reviews, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut line = String::new();
        for r in &rows {
            // String keys and numbers: serialising cannot fail.
            let detail = serde_json::to_string(&r.detail).unwrap_or_default();
            insert.execute(params![
                month,
                r.person_id,
                r.unit_id,
                r.days_stationed,
                r.days_leave,
                r.deductions,
                r.bonuses,
                r.score,
                r.grade,
                r.lowest,
                r.events,
                r.reviews,
                r.good_reviews,
                detail
            ])?;
            line.clear();
            writeln!(line, "{}|{}|{}|{}", r.person_id, r.score, r.grade.key(), detail).ok();
            digest.update(line.as_bytes());
        }
    }
    let digest = crate::audit::to_hex(&digest.finalize());
    let after = serde_json::json!({
        "month": month, "rulebook": rb.effective, "persons": rows.len(), "results_sha256": digest,
    });
    tx.audit("month", &month, "close", None, Some(&after))?;
    Ok(rows.len())
}

/// `appraise month` / `report appraisal --month`: the month's results (frozen if closed,
/// provisional otherwise) as the bulletin (通报).
pub fn month_table(conn: &Connection, first: NaiveDate, lang: Lang) -> Result<Table> {
    let first = first_of_month(first);
    let closed: Option<NaiveDate> = conn
        .prepare_cached("SELECT closed_on FROM month_close WHERE month = ?1")?
        .query_row([month_key(first)], |r| r.get(0))
        .optional()?;
    let (rb, mut rows) = match closed {
        Some(_) => {
            let rb_id: i64 = conn
                .prepare_cached("SELECT rulebook_id FROM month_close WHERE month = ?1")?
                .query_row([month_key(first)], |r| r.get(0))?;
            (load_rulebook(conn, rb_id)?, frozen_month(conn, first)?)
        }
        None => compute_month(conn, first, true)?,
    };
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)).then(a.person_id.cmp(&b.person_id)));
    let mut t = Table::new(
        Msg::new("title.bulletin").arg("year", first.year()).arg("month", first.month()),
        &[
            "rank",
            "unit",
            "name",
            "id_number",
            "days_stationed",
            "days_leave",
            "items",
            "deductions",
            "bonuses",
            "score",
            "grade",
            "good_rate",
        ],
    );
    for (i, r) in rows.iter().enumerate() {
        let items: Vec<String> = r
            .detail
            .iter()
            .map(|(code, (times, points))| {
                let name = rb.items.get(code).map_or(code.as_str(), |it| it.name(lang));
                format!("{name}×{times} {points:+}")
            })
            .collect();
        t.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::text(&r.unit),
            Cell::text(&r.name),
            Cell::IdNumber(r.id_number.clone()),
            Cell::Int(r.days_stationed),
            Cell::Num(r.days_leave, 1),
            Cell::Text(items.join("; ")),
            Cell::Num(r.deductions, 1),
            Cell::Num(r.bonuses, 1),
            Cell::Num(r.score, 1),
            Cell::Label(r.grade.label_key()),
            if r.reviews > 0 { Cell::Num(100.0 * r.good_reviews as f64 / r.reviews as f64, 1) } else { Cell::Empty },
        ]);
    }
    t.notes.push(match closed {
        Some(on) => Msg::new("note.month.closed").arg("date", on).arg("rulebook", &rb.name),
        None => Msg::new("note.month.open").arg("rulebook", &rb.name),
    });
    Ok(t)
}

/// Whole months of a year a person counts as stationed: a month counts when stationed on
/// at least half of its days.
fn whole_months(days_by_month: &BTreeMap<NaiveDate, i64>) -> i64 {
    days_by_month
        .iter()
        .filter(|(first, days)| {
            let len = (last_of_month(**first) - **first).num_days() + 1;
            rules::counts_as_stationed_month(**days, len)
        })
        .count() as i64
}

/// One person's line of a year's appraisal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualRow {
    pub person_id: i64,
    pub name: String,
    pub unit: String,
    pub unit_id: i64,
    pub category: Category,
    pub months: i64,
    pub standing: Standing,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    pub rank: Option<i64>,
    pub deduction_events: i64,
    pub started_on: Option<NaiveDate>,
    pub notes: Vec<String>,
}

/// `--ratio CATEGORY=R` settings, each at most 25% (ART22-QUOTA).
pub fn parse_ratios(settings: &[String]) -> Result<BTreeMap<Category, i64>> {
    let mut ratios: BTreeMap<Category, i64> =
        Category::ALL.iter().map(|c| (*c, rules::DEFAULT_EXCELLENT_RATIO)).collect();
    for s in settings {
        let (cat, r) = s.split_once('=').ok_or_else(|| Error::invalid("ratio", s, Msg::new("reason.ratio.form")))?;
        let category = Category::parse_field("ratio", cat)?;
        let ratio = rules::parse_ratio(r).ok_or_else(|| Error::invalid("ratio", s, Msg::new("reason.ratio.form")))?;
        if ratio > rules::MAX_EXCELLENT_RATIO {
            return Err(Error::refused(
                RuleId::Art22Quota,
                Msg::new("refuse.ratio").arg("ratio", r.trim()).label("category", category.label_key()),
            ));
        }
        ratios.insert(category, ratio);
    }
    Ok(ratios)
}

/// The proposal of a year's grades: participants, quota per category, 优秀 by score with
/// the tie-break, everyone else by the category's bands.
pub fn compute_year(
    conn: &Connection,
    year: i32,
    ratios: &BTreeMap<Category, i64>,
) -> Result<(Rulebook, Vec<AnnualRow>, Vec<Msg>)> {
    let (jan1, dec31) = leave::year_range(year);
    let rb = require_rulebook(conn, dec31)?;
    let stationed = stationed_days(conn, jan1, dec31)?;
    let names = person_names(conn)?;
    let units = unit_codes(conn)?;
    let mut notes = Vec::new();
    let open_months = open_months(conn, year)?;
    if !open_months.is_empty() {
        notes.push(Msg::new("note.year.open-months").arg("months", open_months.join(", ")));
    }
    // Frozen monthly scores and lowest grades of the year.
    let mut monthly: HashMap<i64, (Vec<f64>, bool, i64)> = HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT person_id, score, lowest, events FROM monthly_result WHERE month BETWEEN ?1 AND ?2")?;
    let range = (format!("{year:04}-01"), format!("{year:04}-12"));
    for row in stmt.query_map(params![range.0, range.1], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?, r.get::<_, bool>(2)?, r.get::<_, i64>(3)?))
    })? {
        let (person, score, lowest, events) = row?;
        let e = monthly.entry(person).or_default();
        e.0.push(score);
        e.1 |= lowest;
        e.2 += events;
    }
    let flagged = |flag: &str| -> Result<HashSet<i64>> {
        let codes: Vec<&str> = rb
            .items
            .values()
            .filter(|i| if flag == "no_grade" { i.no_grade } else { i.blocks_excellent })
            .map(|i| i.code.as_str())
            .collect();
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT person_id, item FROM appraisal_event WHERE date BETWEEN ?1 AND ?2")?;
        let mut out = HashSet::new();
        for row in stmt.query_map(params![jan1, dec31], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (person, item) = row?;
            if codes.contains(&item.as_str()) {
                out.insert(person);
            }
        }
        Ok(out)
    };
    let no_grade = flagged("no_grade")?;
    let blocks = flagged("blocks_excellent")?;
    let long_leave = long_leave(conn, jan1, dec31)?;
    let categories = person_categories(conn)?;
    let starts = first_starts(conn)?;

    let mut rows: Vec<AnnualRow> = Vec::new();
    for (person_id, (unit_id, days)) in stationed {
        let months = whole_months(&days);
        let (name, _) = names.get(&person_id).cloned().unwrap_or_default();
        let (scores, any_lowest, deduction_events) = monthly.get(&person_id).cloned().unwrap_or_default();
        let mut row = AnnualRow {
            person_id,
            name,
            unit: units.get(&unit_id).cloned().unwrap_or_default(),
            unit_id,
            category: categories.get(&person_id).copied().unwrap_or(Category::Other),
            months,
            standing: Standing::Participant,
            score: (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            grade: None,
            rank: None,
            deduction_events,
            started_on: starts.get(&person_id).copied(),
            notes: Vec::new(),
        };
        if months < i64::from(rb.participation_months) {
            row.standing = Standing::Unit;
        } else if no_grade.contains(&person_id) {
            row.standing = Standing::NotGraded;
            row.notes.push("note.annual.no-grade-item".into());
        } else if long_leave.contains(&person_id) {
            row.standing = Standing::NotGraded;
            row.notes.push("note.annual.long-leave".into());
        }
        if row.standing == Standing::Participant {
            if any_lowest {
                row.notes.push("note.annual.barred-lowest".into());
            }
            if blocks.contains(&person_id) {
                row.notes.push("note.annual.barred-item".into());
            }
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.unit.cmp(&b.unit).then(a.person_id.cmp(&b.person_id)));

    for category in Category::ALL {
        let in_category: Vec<&AnnualRow> =
            rows.iter().filter(|r| r.category == *category && r.standing != Standing::Unit).collect();
        let ratio = ratios.get(category).copied().unwrap_or(rules::DEFAULT_EXCELLENT_RATIO);
        let quota = rules::excellent_quota(in_category.len(), ratio);
        let candidates: Vec<Candidate> = in_category
            .iter()
            .filter(|r| r.standing == Standing::Participant && r.notes.is_empty())
            .filter_map(|r| {
                Some(Candidate {
                    person_id: r.person_id,
                    score: r.score?,
                    deduction_events: r.deduction_events,
                    started_on: r.started_on.unwrap_or(jan1),
                })
            })
            .collect();
        let (chosen, tied) = rules::select_excellent(candidates, quota);
        notes.push(
            Msg::new("note.year.quota")
                .label("category", category.label_key())
                .arg("participants", in_category.len())
                .arg("ratio", format!("{:.2}", ratio as f64 / 10_000.0))
                .arg("quota", quota)
                .arg("chosen", chosen.len()),
        );
        let bands = rb.annual_bands.get(category).cloned().unwrap_or_default();
        for row in rows.iter_mut().filter(|r| r.category == *category && r.standing == Standing::Participant) {
            if let Some(rank) = chosen.iter().position(|id| *id == row.person_id) {
                row.grade = Some(Grade::Excellent);
                row.rank = Some(rank as i64 + 1);
            } else if let Some(score) = row.score {
                row.grade = rules::grade_for(score, &bands).map(|(g, _)| g);
            } else {
                row.notes.push("note.annual.no-closed-month".into());
            }
            if tied.contains(&row.person_id) {
                row.notes.push("note.annual.tie".into());
            }
        }
    }
    Ok((rb, rows, notes))
}

fn open_months(conn: &Connection, year: i32) -> Result<Vec<String>> {
    let closed: HashSet<String> = conn
        .prepare("SELECT month FROM month_close WHERE month LIKE ?1")?
        .query_map([format!("{year:04}-%")], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((1..=12).map(|m| format!("{year:04}-{m:02}")).filter(|m| !closed.contains(m)).collect())
}

/// Persons whose sick and personal leave together exceed half the year (not graded).
fn long_leave(conn: &Connection, jan1: NaiveDate, dec31: NaiveDate) -> Result<HashSet<i64>> {
    let cal = Calendar::load(conn)?;
    let mut days: HashMap<i64, i64> = HashMap::new();
    for l in leave::in_period(conn, &cal, jan1, dec31, None)? {
        let taken = matches!(l.status, LeaveStatus::Approved | LeaveStatus::Returned);
        if taken
            && matches!(l.kind, LeaveType::Sick | LeaveType::Personal)
            && let Some(end) = l.effective_to()
        {
            *days.entry(l.person_id).or_default() += (end.min(dec31) - l.from.max(jan1)).num_days() + 1;
        }
    }
    let year_len = (dec31 - jan1).num_days() + 1;
    Ok(days.into_iter().filter(|(_, d)| rules::leave_bars_grading(*d, year_len)).map(|(p, _)| p).collect())
}

fn person_categories(conn: &Connection) -> Result<HashMap<i64, Category>> {
    let mut stmt = conn.prepare_cached("SELECT id, category FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When each person's stationing began (the earliest start), for the tie-break.
fn first_starts(conn: &Connection) -> Result<HashMap<i64, NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, min(started_on) FROM assignment WHERE started_on IS NOT NULL GROUP BY person_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearState {
    pub published_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

pub fn year_state(conn: &Connection, year: i32) -> Result<Option<YearState>> {
    Ok(conn
        .prepare_cached("SELECT published_on, closed_on FROM year_appraisal WHERE year = ?1")?
        .query_row([year], |r| Ok(YearState { published_on: r.get(0)?, closed_on: r.get(1)? }))
        .optional()?)
}

/// `appraise year Y`: proposes the grades and records the publication (公示) date.
pub fn propose_year(tx: &mut Tx, year: i32, ratios: &BTreeMap<Category, i64>) -> Result<(Vec<AnnualRow>, Vec<Msg>)> {
    if let Some(YearState { closed_on: Some(on), .. }) = year_state(tx, year)? {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.closed").arg("year", year).arg("date", on),
        ));
    }
    let (rb, rows, notes) = compute_year(tx, year, ratios)?;
    let before = year_json(tx, year)?;
    tx.prepare_cached("DELETE FROM annual_result WHERE year = ?1")?.execute([year])?;
    tx.prepare_cached("DELETE FROM year_appraisal WHERE year = ?1")?.execute([year])?;
    let ratio_json: BTreeMap<&str, i64> = ratios.iter().map(|(c, r)| (c.key(), *r)).collect();
    tx.prepare_cached("INSERT INTO year_appraisal (year, published_on, ratios, rulebook_id) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![year, tx.ctx.today, json(&ratio_json).to_string(), rb.id])?;
    for r in &rows {
        tx.prepare_cached(
            "INSERT INTO annual_result (year, person_id, unit_id, category, months, standing, score, grade, rank,
             deduction_events, started_on, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            year,
            r.person_id,
            r.unit_id,
            r.category,
            r.months,
            r.standing,
            r.score,
            r.grade,
            r.rank,
            r.deduction_events,
            r.started_on,
            r.notes.join(",")
        ])?;
    }
    let after = year_json(tx, year)?;
    tx.audit("year", year, "propose", before.as_ref(), after.as_ref())?;
    Ok((rows, notes))
}

fn year_json(conn: &Connection, year: i32) -> Result<Option<serde_json::Value>> {
    let Some(state) = year_state(conn, year)? else { return Ok(None) };
    let grades: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT person_id, grade FROM annual_result WHERE year = ?1 ORDER BY person_id")?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(serde_json::json!({
        "year": year, "published_on": state.published_on, "closed_on": state.closed_on, "grades": grades,
    })))
}

/// Working days after `published` up to and including `today`.
fn working_days_since(cal: &Calendar, published: NaiveDate, today: NaiveDate) -> usize {
    published.iter_days().skip(1).take_while(|d| *d <= today).filter(|d| cal.is_working_day(*d)).count()
}

/// `appraise year Y --close`: freezes the proposed grades once every month is closed and
/// the list has been published for 5 working days.
pub fn close_year(tx: &mut Tx, year: i32) -> Result<()> {
    let state = year_state(tx, year)?
        .ok_or_else(|| Error::refused(RuleId::Art22Quota, Msg::new("refuse.year.not-proposed").arg("year", year)))?;
    if let Some(on) = state.closed_on {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.closed").arg("year", year).arg("date", on),
        ));
    }
    let open = open_months(tx, year)?;
    if !open.is_empty() {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.year.open-months").arg("months", open.join(", ")),
        ));
    }
    let last_close: Option<NaiveDate> = tx
        .prepare_cached("SELECT max(closed_on) FROM month_close WHERE month LIKE ?1")?
        .query_row([format!("{year:04}-%")], |r| r.get(0))?;
    if last_close.is_some_and(|c| c > state.published_on) {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.stale").arg("published", state.published_on).arg("year", year),
        ));
    }
    let cal = Calendar::load(tx)?;
    let waited = working_days_since(&cal, state.published_on, tx.ctx.today);
    if waited < rules::PUBLICATION_WORKING_DAYS {
        return Err(Error::refused(
            RuleId::Art22Quota,
            Msg::new("refuse.year.publication")
                .arg("published", state.published_on)
                .arg("days", waited)
                .arg("needed", rules::PUBLICATION_WORKING_DAYS),
        ));
    }
    let before = year_json(tx, year)?;
    tx.prepare_cached("UPDATE year_appraisal SET closed_on = ?2 WHERE year = ?1")?
        .execute(params![year, tx.ctx.today])?;
    let after = year_json(tx, year)?;
    tx.audit("year", year, "close", before.as_ref(), after.as_ref())?;
    Ok(())
}

/// The stored results of a year (proposed or closed).
pub fn stored_year(conn: &Connection, year: i32) -> Result<Vec<AnnualRow>> {
    let mut stmt = conn.prepare(
        "SELECT a.person_id, p.name, u.code, a.unit_id, a.category, a.months, a.standing, a.score, a.grade, a.rank,
         a.deduction_events, a.started_on, a.note
         FROM annual_result a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id
         WHERE a.year = ?1 ORDER BY u.code, a.person_id",
    )?;
    let rows = stmt.query_map([year], |r| {
        let note: Option<String> = r.get(12)?;
        Ok(AnnualRow {
            person_id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            unit_id: r.get(3)?,
            category: r.get(4)?,
            months: r.get(5)?,
            standing: r.get(6)?,
            score: r.get(7)?,
            grade: r.get(8)?,
            rank: r.get(9)?,
            deduction_events: r.get(10)?,
            started_on: r.get(11)?,
            notes: note
                .map(|n| n.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The annual results as a table.
pub fn year_table(year: i32, rows: &[AnnualRow], notes: Vec<Msg>, state: Option<&YearState>) -> Table {
    let mut t = Table::new(
        Msg::new("title.annual").arg("year", year),
        &["unit", "name", "category", "months", "standing", "score", "grade", "rank", "note"],
    );
    for r in rows {
        let notes = r.notes.iter().filter_map(|n| note_key(n)).map(Msg::new).collect();
        t.push(vec![
            Cell::text(&r.unit),
            Cell::text(&r.name),
            Cell::Label(r.category.label_key()),
            Cell::Int(r.months),
            Cell::Label(r.standing.label_key()),
            r.score.map_or(Cell::Empty, |s| Cell::Num(s, 2)),
            r.grade.map_or(Cell::Empty, |g| Cell::Label(g.label_key())),
            r.rank.map_or(Cell::Empty, Cell::Int),
            Cell::Messages(notes),
        ]);
    }
    t.notes = notes;
    if let Some(s) = state {
        t.notes.push(match s.closed_on {
            Some(on) => Msg::new("note.year.closed").arg("published", s.published_on).arg("date", on),
            None => Msg::new("note.year.published").arg("published", s.published_on),
        });
    }
    t
}

/// The stored note codes are text-table keys; only known ones are shown.
fn note_key(code: &str) -> Option<&'static str> {
    const KEYS: &[&str] = &[
        "note.annual.no-grade-item",
        "note.annual.long-leave",
        "note.annual.barred-lowest",
        "note.annual.barred-item",
        "note.annual.no-closed-month",
        "note.annual.tie",
    ];
    KEYS.iter().copied().find(|k| *k == code)
}

/// One unit's letter (Art 23): the formal text and its table.
#[derive(Debug, Clone)]
pub struct Letter {
    pub unit_code: String,
    pub unit_name: String,
    pub text: String,
    pub table: Table,
}

/// `appraise letters Y`: one letter per unit, in Chinese; refused before the year is closed.
pub fn letters(conn: &Connection, year: i32) -> Result<Vec<Letter>> {
    let state = year_state(conn, year)?;
    let Some(YearState { published_on, closed_on: Some(closed_on) }) = state else {
        return Err(Error::refused(RuleId::Art23Letter, Msg::new("refuse.letters.open").arg("year", year)));
    };
    let center: String = conn
        .prepare_cached("SELECT name FROM center ORDER BY id LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let rows = stored_year(conn, year)?;
    let mut by_unit: BTreeMap<(String, i64), Vec<&AnnualRow>> = BTreeMap::new();
    for r in &rows {
        by_unit.entry((r.unit.clone(), r.unit_id)).or_default().push(r);
    }
    let mut out = Vec::new();
    for ((code, unit_id), staff) in by_unit {
        let unit = crate::org::unit_by_id(conn, unit_id)?;
        let mut table = Table::new(
            Msg::new("title.letter").arg("unit", &unit.name).arg("year", year),
            &["seq", "name", "category", "months", "score", "grade"],
        );
        let mut lines = Vec::new();
        for (i, r) in staff.iter().enumerate() {
            let grade = match (r.standing, r.grade) {
                (Standing::Participant, Some(g)) => g.label(Lang::Zh).to_string(),
                (Standing::NotGraded, _) => i18n::text(Lang::Zh, "standing.not-graded").to_string(),
                (Standing::Unit, _) => i18n::text(Lang::Zh, "standing.unit").to_string(),
                (_, None) => String::from("—"),
            };
            let score =
                r.score.filter(|_| r.standing != Standing::Unit).map_or("—".to_string(), |s| format!("{s:.2}"));
            lines.push(format!(
                "| {} | {} | {} | {} | {} | {} |",
                i + 1,
                r.name,
                r.category.label(Lang::Zh),
                r.months,
                score,
                grade
            ));
            table.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&r.name),
                Cell::Label(r.category.label_key()),
                Cell::Int(r.months),
                r.score.filter(|_| r.standing != Standing::Unit).map_or(Cell::Empty, |s| Cell::Num(s, 2)),
                Cell::Text(grade),
            ]);
        }
        let text = format!(
            "# 关于{year}年度进驻人员考核结果的函\n\n{unit}：\n\n\
             根据《黔江区政务服务中心进驻人员管理办法》（黔江府办发〔2020〕72号）第二十二条、第二十三条规定，\
             我中心对你单位进驻人员{year}年度工作进行了考核。考核结果已于{published}起公示，期满无异议，现函告如下：\n\n\
             | 序号 | 姓名 | 身份类别 | 进驻月数 | 年度得分 | 考核等次 |\n|---|---|---|---|---|---|\n{lines}\n\n\
             进驻不满{threshold}个月的人员由你单位按规定自行考核。请将考核结果作为上述同志晋职晋级、评先评优的重要依据。\n\n\
             特此函告。\n\n{center}\n{date}\n",
            unit = unit.name,
            published = chinese_date(published_on),
            lines = lines.join("\n"),
            threshold = rulebook_on(conn, leave::year_range(year).1)?.map_or(6, |rb| rb.participation_months),
            date = chinese_date(closed_on),
        );
        out.push(Letter { unit_code: code, unit_name: unit.name, text, table });
    }
    Ok(out)
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// An amount of yuan as typed ("12000", "12000.50") in fen.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// ART22-FUNDS: per unit, Σ over its staff of (whole months stationed / 12) × the annual
/// standard of the person's category, in integer fen (each person's share rounded half up).
pub fn funds(conn: &Connection, year: i32, standards: &[String]) -> Result<Table> {
    let mut per_category: BTreeMap<Category, i64> = BTreeMap::new();
    for s in standards {
        let (cat, amount) =
            s.split_once('=').ok_or_else(|| Error::invalid("standard", s, Msg::new("reason.standard.form")))?;
        let category = Category::parse_field("standard", cat)?;
        let fen = parse_yuan(amount).ok_or_else(|| Error::invalid("standard", s, Msg::new("reason.standard.form")))?;
        per_category.insert(category, fen);
    }
    let (jan1, dec31) = leave::year_range(year);
    let stationed = stationed_days(conn, jan1, dec31)?;
    let categories = person_categories(conn)?;
    let units = unit_codes(conn)?;
    let mut by_unit: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (person, (unit_id, days)) in stationed {
        let months = whole_months(&days);
        let standard = categories.get(&person).and_then(|c| per_category.get(c)).copied().unwrap_or(0);
        let share = (standard * months * 2 + 12) / 24;
        let entry = by_unit.entry(units.get(&unit_id).cloned().unwrap_or_default()).or_default();
        entry.0 += 1;
        entry.1 += months;
        entry.2 += share;
    }
    let mut t = Table::new(Msg::new("title.funds").arg("year", year), &["unit", "persons", "person_months", "amount"]);
    let mut total = 0;
    for (unit, (persons, months, fen)) in by_unit {
        total += fen;
        t.push(vec![Cell::Text(unit), Cell::Int(persons), Cell::Int(months), Cell::Money(fen)]);
    }
    t.notes.push(Msg::new("note.funds.total").arg("total", crate::table::format_fen(total)));
    for (c, fen) in per_category {
        t.notes.push(
            Msg::new("note.funds.standard")
                .label("category", c.label_key())
                .arg("amount", crate::table::format_fen(fen)),
        );
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_to_fen_exactly() {
        assert_eq!(parse_yuan("12000"), Some(1_200_000));
        assert_eq!(parse_yuan("12000.5"), Some(1_200_050));
        assert_eq!(parse_yuan("0.07"), Some(7));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("-5"), None);
    }

    #[test]
    fn the_example_rulebook_is_valid() {
        let f: RulebookFile = serde_json::from_str(include_str!("../examples/rulebook.json")).unwrap();
        let (effective, annual, f) = validate_rulebook(f).unwrap();
        assert_eq!(effective, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(annual.len(), 3);
        assert!(f.items.iter().any(|i| i.no_grade));
    }

    #[test]
    fn bands_must_fall_and_end_with_a_catch_all() {
        let b = |g, m| Band { grade: g, min: m };
        assert!(check_bands(&[b(Grade::Pass, Some(80.0)), b(Grade::Fail, None)], "x").is_ok());
        assert!(
            check_bands(&[b(Grade::Pass, Some(80.0)), b(Grade::Good, Some(90.0)), b(Grade::Fail, None)], "x").is_err()
        );
        assert!(check_bands(&[b(Grade::Pass, Some(80.0))], "x").is_err());
        assert!(check_bands(&[], "x").is_err());
    }

    #[test]
    fn a_month_counts_when_stationed_half_of_it() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let days: BTreeMap<NaiveDate, i64> = [(d(1, 1), 16), (d(2, 1), 13), (d(3, 1), 31)].into_iter().collect();
        assert_eq!(whole_months(&days), 2);
    }
}
