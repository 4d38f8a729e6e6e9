//! The personnel register: persons a unit may station, with what Art 6 and 7 look at.
//! The same validation serves `personnel add`, `edit` and `import`, so a value refused on
//! the command line is refused in a spreadsheet too.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::enums::{self, AssignmentStatus, Category, Establishment, Position, Sex};
use crate::base::i18n::Msg;
use crate::base::idnum::{self, IdNumber};
use crate::base::parse;
use crate::domain::org;
use crate::error::{Error, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::io::table::{Cell, Table};
use crate::rules::{self, Check, RuleId, StationingFacts};
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// A registered person, with the fields derived from the ID number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: i64,
    pub id_number: String,
    pub name: String,
    pub unit: String,
    pub position: Position,
    pub filed: bool,
    pub establishment: Establishment,
    pub category: Category,
    pub joined_unit: NaiveDate,
    pub work_start: NaiveDate,
    pub service_section: bool,
    pub party_member: bool,
    pub union_member: bool,
    pub phone: Option<String>,
    pub archived_on: Option<NaiveDate>,
    pub archive_reason: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

const PERSON_SELECT: &str = "SELECT p.id, p.id_number, p.name, u.code, p.position, p.filed, p.establishment,
    p.category, p.joined_unit, p.work_start, p.service_section, p.party_member, p.union_member, p.phone,
    p.archived_on, p.archive_reason, p.birth_date, p.sex FROM person p JOIN unit u ON u.id = p.unit_id";

impl Person {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Person> {
        Ok(Person {
            id: r.get(0)?,
            id_number: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            position: r.get(4)?,
            filed: r.get(5)?,
            establishment: r.get(6)?,
            category: r.get(7)?,
            joined_unit: r.get(8)?,
            work_start: r.get(9)?,
            service_section: r.get(10)?,
            party_member: r.get(11)?,
            union_member: r.get(12)?,
            phone: r.get(13)?,
            archived_on: r.get(14)?,
            archive_reason: r.get(15)?,
            birth_date: r.get(16)?,
            sex: r.get(17)?,
        })
    }

    pub fn facts(&self) -> StationingFacts {
        StationingFacts {
            birth_date: self.birth_date,
            position: self.position,
            filed: self.filed,
            establishment: self.establishment,
            joined_unit: self.joined_unit,
        }
    }

    /// The Art 6 and Art 7 checks for a stationing starting on `on`.
    pub fn checks_on(&self, on: NaiveDate) -> [Check; 3] {
        rules::stationing_checks(&self.facts(), on)
    }
}

/// The columns of the register, in template order: (key, required in an import, aliases).
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "id_number", required: true, aliases: &["身份证号码", "公民身份号码", "证件号码"]
    },
    ColumnSpec { key: "name", required: true, aliases: &[] },
    ColumnSpec { key: "unit", required: true, aliases: &["单位代码", "进驻单位", "所在单位"] },
    ColumnSpec { key: "position", required: true, aliases: &["职务（岗位）", "岗位"] },
    ColumnSpec { key: "filed", required: false, aliases: &["是否备案", "组织人事部门备案"] },
    ColumnSpec { key: "establishment", required: true, aliases: &["是否在编", "编制情况"] },
    ColumnSpec { key: "category", required: true, aliases: &["人员身份", "身份"] },
    ColumnSpec { key: "joined_unit", required: true, aliases: &["到单位时间", "进单位时间"] },
    ColumnSpec { key: "work_start", required: true, aliases: &["工作时间"] },
    ColumnSpec { key: "service_section", required: false, aliases: &["是否政务服务科人员"] },
    ColumnSpec { key: "party_member", required: false, aliases: &["党员", "政治面貌"] },
    ColumnSpec { key: "union_member", required: false, aliases: &["工会"] },
    ColumnSpec { key: "phone", required: false, aliases: &["联系电话", "手机", "手机号码"] },
];

/// Indexes into [`COLUMNS`].
mod col {
    pub const ID_NUMBER: usize = 0;
    pub const NAME: usize = 1;
    pub const UNIT: usize = 2;
    pub const POSITION: usize = 3;
    pub const FILED: usize = 4;
    pub const ESTABLISHMENT: usize = 5;
    pub const CATEGORY: usize = 6;
    pub const JOINED_UNIT: usize = 7;
    pub const WORK_START: usize = 8;
    pub const SERVICE_SECTION: usize = 9;
    pub const PARTY_MEMBER: usize = 10;
    pub const UNION_MEMBER: usize = 11;
    pub const PHONE: usize = 12;
}

/// A person's fields as typed, one string per column of [`COLUMNS`]; `None` leaves a
/// field as it is (for `edit`).
pub type Fields = [Option<String>; 13];

/// A validated person, ready to store.
#[derive(Debug, Clone, PartialEq)]
struct Valid {
    id_number: String,
    birth_date: NaiveDate,
    sex: Sex,
    unit_code: String,
    name: String,
    unit_id: i64,
    position: Position,
    filed: bool,
    establishment: Establishment,
    category: Category,
    joined_unit: NaiveDate,
    work_start: NaiveDate,
    service_section: bool,
    party_member: bool,
    union_member: bool,
    phone: Option<String>,
}

/// One refused value: the column index and the reason.
type FieldError = (usize, Msg);

/// Gathers every refused field of a row while keeping the accepted values.
#[derive(Default)]
struct Collector(Vec<FieldError>);

impl Collector {
    fn take<T>(&mut self, column: usize, value: std::result::Result<T, Msg>) -> Option<T> {
        value.map_err(|reason| self.0.push((column, reason))).ok()
    }
}

/// Checks every field; returns all problems, not just the first.
fn validate(
    fields: &[&str; 13],
    today: NaiveDate,
    unit_of: &mut dyn FnMut(&str) -> Result<Option<UnitRef>>,
) -> Result<std::result::Result<Valid, Vec<FieldError>>> {
    let mut c = Collector::default();
    let unit_text = fields[col::UNIT].trim();
    let unit = match unit_text {
        "" => Err(Msg::new("reason.required")),
        name => unit_of(name)?.ok_or_else(|| Msg::new("reason.unit.unknown").arg("unit", name)),
    };
    let flag = |i: usize| enums::parse_bool(fields[i]).ok_or_else(|| Msg::new("reason.bool"));
    let past_date = |i: usize| {
        parse::date(fields[i]).and_then(|d| {
            if d > today { Err(Msg::new("reason.after-today").arg("date", d).arg("today", today)) } else { Ok(d) }
        })
    };
    let phone = parse::optional_text(fields[col::PHONE], 20).and_then(|p| match p {
        Some(p) if !p.chars().all(|ch| ch.is_ascii_digit() || "+- ".contains(ch)) => Err(Msg::new("reason.phone")),
        other => Ok(other),
    });

    let id = c.take(col::ID_NUMBER, IdNumber::parse(fields[col::ID_NUMBER], today));
    let name = c.take(col::NAME, parse::text(fields[col::NAME], 50));
    let unit_id = c.take(col::UNIT, unit);
    let position = c.take(col::POSITION, choice(fields[col::POSITION], Position::parse, Position::choices));
    let filed = c.take(col::FILED, flag(col::FILED));
    let establishment =
        c.take(col::ESTABLISHMENT, choice(fields[col::ESTABLISHMENT], Establishment::parse, Establishment::choices));
    let category = c.take(col::CATEGORY, choice(fields[col::CATEGORY], Category::parse, Category::choices));
    let joined_unit = c.take(col::JOINED_UNIT, past_date(col::JOINED_UNIT));
    let work_start = c.take(col::WORK_START, past_date(col::WORK_START));
    let service_section = c.take(col::SERVICE_SECTION, flag(col::SERVICE_SECTION));
    let party_member = c.take(col::PARTY_MEMBER, flag(col::PARTY_MEMBER));
    let union_member = c.take(col::UNION_MEMBER, flag(col::UNION_MEMBER));
    let phone = c.take(col::PHONE, phone);
    if let (Some(id), Some(work)) = (&id, work_start)
        && work < id.birth_date
    {
        c.0.push((col::WORK_START, Msg::new("reason.before-birth").arg("date", work).arg("birth", id.birth_date)));
    }
    if let (Some(work), Some(joined)) = (work_start, joined_unit)
        && work > joined
    {
        c.0.push((col::WORK_START, Msg::new("reason.work-after-join").arg("work_start", work).arg("joined", joined)));
    }
    if !c.0.is_empty() {
        return Ok(Err(c.0));
    }
    let valid = (|| {
        let id = id?;
        let (unit_id, unit_code) = unit_id?;
        Some(Valid {
            id_number: id.as_str().to_string(),
            birth_date: id.birth_date,
            sex: id.sex,
            unit_code,
            name: name?,
            unit_id,
            position: position?,
            filed: filed?,
            establishment: establishment?,
            category: category?,
            joined_unit: joined_unit?,
            work_start: work_start?,
            service_section: service_section?,
            party_member: party_member?,
            union_member: union_member?,
            phone: phone?,
        })
    })();
    Ok(valid.ok_or(c.0))
}

/// A value of a labelled enum, or why not.
fn choice<T>(text: &str, parse: fn(&str) -> Option<T>, choices: fn() -> String) -> std::result::Result<T, Msg> {
    parse(text).ok_or_else(|| {
        if text.trim().is_empty() {
            Msg::new("reason.required")
        } else {
            Msg::new("reason.choice").arg("choices", choices())
        }
    })
}

impl Valid {
    /// The person as stored under `id` (what reading it back would give).
    fn into_person(self, id: i64) -> Person {
        Person {
            id,
            id_number: self.id_number,
            name: self.name,
            unit: self.unit_code,
            position: self.position,
            filed: self.filed,
            establishment: self.establishment,
            category: self.category,
            joined_unit: self.joined_unit,
            work_start: self.work_start,
            service_section: self.service_section,
            party_member: self.party_member,
            union_member: self.union_member,
            phone: self.phone,
            archived_on: None,
            archive_reason: None,
            birth_date: self.birth_date,
            sex: self.sex,
        }
    }
}

/// Binds `key` as ?1 and the person's twelve stored fields as ?2 … ?13.
fn bind<'a>(key: &'a dyn rusqlite::ToSql, v: &'a Valid) -> [&'a dyn rusqlite::ToSql; 13] {
    [
        key,
        &v.name,
        &v.unit_id,
        &v.position,
        &v.filed,
        &v.establishment,
        &v.category,
        &v.joined_unit,
        &v.work_start,
        &v.service_section,
        &v.party_member,
        &v.union_member,
        &v.phone,
    ]
}

/// Inserts the person unless the ID number is registered; the new id, or `None`.
fn insert_new(tx: &Tx, v: &Valid) -> Result<Option<i64>> {
    let changed = tx
        .prepare_cached(
            "INSERT INTO person (id_number, name, unit_id, position, filed, establishment, category, joined_unit,
             work_start, service_section, party_member, union_member, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (id_number) DO NOTHING",
        )?
        .execute(bind(&v.id_number, v))?;
    Ok((changed == 1).then(|| tx.last_insert_rowid()))
}

fn update(tx: &Tx, id: i64, v: &Valid) -> Result<()> {
    tx.prepare_cached(
        "UPDATE person SET name = ?2, unit_id = ?3, position = ?4, filed = ?5, establishment = ?6, category = ?7,
         joined_unit = ?8, work_start = ?9, service_section = ?10, party_member = ?11, union_member = ?12,
         phone = ?13 WHERE id = ?1",
    )?
    .execute(bind(&id, v))?;
    Ok(())
}

/// A person as the audit trail records it.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    Ok(json(&by_id(conn, id.parse().unwrap_or_default())?))
}

fn by_id(conn: &Connection, id: i64) -> Result<Person> {
    Ok(conn.prepare_cached(&format!("{PERSON_SELECT} WHERE p.id = ?1"))?.query_row([id], Person::from_row)?)
}

fn id_of(conn: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM person WHERE id_number = ?1")?
        .query_row([id_number], |r| r.get(0))
        .optional()?)
}

/// A person by ID number (either case of X) or internal id.
pub fn find(conn: &Connection, key: &str) -> Result<Option<Person>> {
    let key = key.trim();
    if let Some(id) = id_of(conn, &key.to_ascii_uppercase())? {
        return by_id(conn, id).map(Some);
    }
    match key.parse::<i64>() {
        Ok(id) if key.len() < 18 => Ok(conn
            .prepare_cached(&format!("{PERSON_SELECT} WHERE p.id = ?1"))?
            .query_row([id], Person::from_row)
            .optional()?),
        _ => Ok(None),
    }
}

/// A person by ID number or id, or the error that names the unknown person.
pub fn resolve(conn: &Connection, key: &str) -> Result<Person> {
    find(conn, key)?.ok_or_else(|| Error::invalid("person", key, Msg::new("reason.person.unknown").arg("person", key)))
}

/// A unit as a person row refers to it: (id, code).
type UnitRef = (i64, String);

/// Units already looked up by code or name during one command.
#[derive(Default)]
struct UnitCache(HashMap<String, Option<UnitRef>>);

impl UnitCache {
    fn lookup(&mut self, conn: &Connection, name: &str) -> Result<Option<UnitRef>> {
        if let Some(hit) = self.0.get(name) {
            return Ok(hit.clone());
        }
        let unit = org::find_unit(conn, name)?.map(|u| (u.id, u.code));
        self.0.insert(name.to_string(), unit.clone());
        Ok(unit)
    }
}

/// Validates typed fields against the register's rules, looking units up in `conn`.
fn validate_in(
    conn: &Connection,
    fields: &[&str; 13],
    today: NaiveDate,
) -> Result<std::result::Result<Valid, Vec<FieldError>>> {
    let mut cache = UnitCache::default();
    validate(fields, today, &mut |name| cache.lookup(conn, name))
}

/// The first field error as a command-line error.
fn field_error(fields: &[&str; 13], errors: Vec<FieldError>) -> Error {
    let (i, reason) = errors.into_iter().next().unwrap_or((0, Msg::new("reason.required")));
    Error::invalid(&COLUMNS[i].key.replace('_', "-"), fields[i], reason)
}

fn as_strs(fields: &Fields) -> [&str; 13] {
    std::array::from_fn(|i| fields[i].as_deref().unwrap_or(""))
}

/// `personnel add`: registers a person; a bad or duplicate value exits 4.
pub fn add(tx: &mut Tx, fields: &Fields) -> Result<Person> {
    let strs = as_strs(fields);
    let valid = validate_in(tx, &strs, tx.ctx.today)?;
    let valid = valid.map_err(|e| field_error(&strs, e))?;
    if let Some(existing) = id_of(tx, &valid.id_number)? {
        return Err(Error::invalid(
            "id-number",
            &valid.id_number,
            Msg::new("reason.person.exists-add").arg("id", existing),
        ));
    }
    let id = insert_new(tx, &valid)?.ok_or_else(|| {
        Error::invalid("id-number", &valid.id_number, Msg::new("reason.person.exists-add").arg("id", 0))
    })?;
    let person = valid.into_person(id);
    tx.audit_created("person", id, "insert", &person)?;
    Ok(person)
}

/// The fields of a stored person as text, for merging an edit.
fn current_fields(p: &Person) -> [String; 13] {
    let b = |v: bool| if v { "yes" } else { "no" }.to_string();
    [
        p.id_number.clone(),
        p.name.clone(),
        p.unit.clone(),
        p.position.key().to_string(),
        b(p.filed),
        p.establishment.key().to_string(),
        p.category.key().to_string(),
        p.joined_unit.to_string(),
        p.work_start.to_string(),
        b(p.service_section),
        b(p.party_member),
        b(p.union_member),
        p.phone.clone().unwrap_or_default(),
    ]
}

/// `personnel edit`: changes the given fields (the ID number is the identity and stays).
pub fn edit(tx: &mut Tx, key: &str, changes: &Fields) -> Result<Person> {
    if changes.iter().skip(1).all(Option::is_none) {
        return Err(Error::invalid("person", key, Msg::new("reason.nothing-to-edit")));
    }
    let before = resolve(tx, key)?;
    let mut merged = current_fields(&before);
    for (i, change) in changes.iter().enumerate().skip(1) {
        if let Some(v) = change {
            merged[i] = v.clone();
        }
    }
    let strs: [&str; 13] = std::array::from_fn(|i| merged[i].as_str());
    let valid = validate_in(tx, &strs, tx.ctx.today)?;
    let valid = valid.map_err(|e| field_error(&strs, e))?;
    update(tx, before.id, &valid)?;
    let after = by_id(tx, before.id)?;
    if after.unit != before.unit {
        refuse_unit_change(tx, &before)?;
    }
    tx.audit("person", before.id, "update", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// ART11-TERM: a person stationed for a unit, or proposed for one, stays that unit's
/// until the stationing ends or is replaced; otherwise the register and the roster part.
fn refuse_unit_change(conn: &Connection, person: &Person) -> Result<()> {
    match open_stationing(conn, person.id)? {
        Some((assignment, status)) => Err(Error::refused(
            RuleId::Art11Term,
            Msg::new("refuse.person.unit-stationed")
                .arg("name", &person.name)
                .arg("assignment", assignment)
                .arg("unit", &person.unit)
                .label("status", status.label_key()),
        )),
        None => Ok(()),
    }
}

/// The person's proposed, approved or active stationing, if any: one at a time
/// (ART11-TERM), and none while the person is archived or moved to another unit.
pub fn open_stationing(conn: &Connection, person_id: i64) -> Result<Option<(i64, AssignmentStatus)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, status FROM assignment WHERE person_id = ?1 AND status IN ('proposed', 'approved', 'active')",
        )?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// `personnel archive`: the person leaves the unit; kept, never deleted.
pub fn archive(tx: &mut Tx, key: &str, date: NaiveDate, reason: &str) -> Result<Person> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let before = resolve(tx, key)?;
    if let Some((assignment, _)) = open_stationing(tx, before.id)? {
        return Err(Error::invalid(
            "person",
            key,
            Msg::new("reason.archive.stationed").arg("id", before.id).arg("assignment", assignment),
        ));
    }
    if let Some(on) = before.archived_on {
        return Err(Error::invalid(
            "person",
            key,
            Msg::new("reason.already-archived").arg("id", before.id).arg("date", on),
        ));
    }
    org::check_not_future(tx, "date", date)?;
    tx.prepare_cached("UPDATE person SET archived_on = ?2, archive_reason = ?3 WHERE id = ?1")?
        .execute(params![before.id, date, reason])?;
    let after = by_id(tx, before.id)?;
    tx.audit("person", before.id, "archive", Some(&json(&before)), Some(&json(&after)))?;
    Ok(after)
}

/// `personnel import`: all rows or none. Every bad row is reported at once (row,
/// column, value, reason), including duplicates within the file and, without `update`,
/// persons already registered. Rows are written as they are read, inside the caller's
/// transaction, which is rolled back if any row was bad.
pub fn import(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
    allow_update: bool,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportSummary> {
    let today = tx.ctx.today;
    let mut units = UnitCache::default();
    // Duplicates within the file are found by the unique index, with the row of a person
    // this import inserted (`rows_of_new`) or updated (by id).
    let mut rows_of_new = sheet::RowsOfNew::after_last(tx, "person")?;
    let mut rows_of_updated: HashMap<i64, usize> = HashMap::new();
    let (mut inserted, mut updated, mut unchanged) = (0, 0, 0);
    let mut summary = sheet::import_rows(input, encoding, sheet_name, COLUMNS, |row| {
        if row.row().is_multiple_of(10_000) {
            progress(row.row());
        }
        let fields: [&str; 13] = std::array::from_fn(|i| row.get(i));
        let valid = match validate(&fields, today, &mut |name| units.lookup(tx, name))? {
            Ok(v) => v,
            Err(errors) => {
                for (i, reason) in errors {
                    row.fail(i, reason);
                }
                return Ok(());
            }
        };
        // Rows keep being written after a bad one (the transaction is rolled back at the
        // end anyway), so that duplicates further down are still found.
        if let Some(id) = insert_new(tx, &valid)? {
            rows_of_new.push(row.row());
            tx.audit_created("person", id, "insert", &valid.into_person(id))?;
            inserted += 1;
            return Ok(());
        }
        let existing = id_of(tx, &valid.id_number)?.unwrap_or_default();
        let earlier_row = rows_of_new.row_of(existing).or_else(|| rows_of_updated.get(&existing).copied());
        if let Some(first) = earlier_row {
            let reason = Msg::new("reason.duplicate-in-file").arg("row", first);
            row.fail_value(col::ID_NUMBER, valid.id_number.clone(), reason);
            return Ok(());
        }
        if !allow_update {
            let reason = Msg::new("reason.person.exists").arg("id", existing);
            row.fail_value(col::ID_NUMBER, valid.id_number.clone(), reason);
            return Ok(());
        }
        rows_of_updated.insert(existing, row.row());
        let before = by_id(tx, existing)?;
        update(tx, existing, &valid)?;
        let after = by_id(tx, existing)?;
        if after == before {
            unchanged += 1;
        } else {
            tx.audit("person", existing, "update", Some(&json(&before)), Some(&json(&after)))?;
            updated += 1;
        }
        Ok(())
    })?;
    (summary.inserted, summary.updated, summary.unchanged) = (inserted, updated, unchanged);
    Ok(summary)
}

/// `personnel template`: the import header in `lang`.
pub fn template_header(lang: crate::base::i18n::Lang) -> Vec<String> {
    COLUMNS.iter().map(|c| crate::io::table::column_label(lang, c.key)).collect()
}

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

/// All persons, optionally of one unit; archived ones only when asked.
pub fn all(conn: &Connection, unit: Option<&str>, include_archived: bool) -> Result<Vec<Person>> {
    let unit_id = unit.map(|u| org::resolve_unit(conn, u)).transpose()?.map(|u| u.id);
    let mut stmt = conn.prepare(&format!(
        "{PERSON_SELECT} WHERE (?1 IS NULL OR p.unit_id = ?1) AND (?2 OR p.archived_on IS NULL) ORDER BY u.code, p.id"
    ))?;
    let rows = stmt.query_map(params![unit_id, include_archived], Person::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
