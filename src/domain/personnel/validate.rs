//! The register's fields (SPEC §2) and their validation, shared by `personnel add`,
//! `edit` and `import`: every bad field of a row reported at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::record::Person;
use crate::base::day::Day;
use crate::base::enums::{self, Category, Establishment, Position, Sex};
use crate::base::i18n::Msg;
use crate::base::idnum::IdNumber;
use crate::base::parse;
use crate::domain::org;
use crate::error::{Error, Result};
use crate::io::sheet::ColumnSpec;
use crate::storage::store::Tx;

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
pub(super) mod col {
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
pub(super) struct Valid {
    pub(super) id_number: String,
    pub(super) birth_date: NaiveDate,
    pub(super) sex: Sex,
    pub(super) unit_code: String,
    pub(super) name: String,
    pub(super) unit_id: i64,
    pub(super) position: Position,
    pub(super) filed: bool,
    pub(super) establishment: Establishment,
    pub(super) category: Category,
    pub(super) joined_unit: NaiveDate,
    pub(super) work_start: NaiveDate,
    pub(super) service_section: bool,
    pub(super) party_member: bool,
    pub(super) union_member: bool,
    pub(super) phone: Option<String>,
}

/// One refused value: the column index and the reason.
type FieldError = (usize, Msg);

/// Gathers every refused field of a row while keeping the accepted values.
#[derive(Default)]
struct Collector(Vec<FieldError>);

impl Collector {
    pub(super) fn take<T>(&mut self, column: usize, value: std::result::Result<T, Msg>) -> Option<T> {
        value.map_err(|reason| self.0.push((column, reason))).ok()
    }
}

/// Checks every field; returns all problems, not just the first.
pub(super) fn validate(
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
    /// The dates it stores, ready to bind.
    fn days(&self) -> [Day; 2] {
        [Day::of(self.joined_unit), Day::of(self.work_start)]
    }

    /// The person as stored under `id` (what reading it back would give).
    pub(super) fn into_person(self, id: i64) -> Person {
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

/// Binds `key` as ?1 and the person's twelve stored fields as ?2 … ?13 (its dates as
/// `Valid::days` makes them).
fn bind<'a>(key: &'a dyn rusqlite::ToSql, v: &'a Valid, days: &'a [Day; 2]) -> [&'a dyn rusqlite::ToSql; 13] {
    [
        key,
        &v.name,
        &v.unit_id,
        &v.position,
        &v.filed,
        &v.establishment,
        &v.category,
        &days[0],
        &days[1],
        &v.service_section,
        &v.party_member,
        &v.union_member,
        &v.phone,
    ]
}

/// Inserts the person unless the ID number is registered; the new id, or `None`.
pub(super) fn insert_new(tx: &Tx, v: &Valid) -> Result<Option<i64>> {
    let changed = tx
        .prepare_cached(
            "INSERT INTO person (id_number, name, unit_id, position, filed, establishment, category, joined_unit,
             work_start, service_section, party_member, union_member, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (id_number) DO NOTHING",
        )?
        .execute(bind(&v.id_number, v, &v.days()))?;
    Ok((changed == 1).then(|| tx.last_insert_rowid()))
}

/// Writes the fields of person `id`, only if one of them differs: a row written with
/// what it holds would still count as written since the last `db check`.
pub(super) fn update(tx: &Tx, id: i64, v: &Valid) -> Result<()> {
    tx.prepare_cached(
        "UPDATE person SET name = ?2, unit_id = ?3, position = ?4, filed = ?5, establishment = ?6, category = ?7,
         joined_unit = ?8, work_start = ?9, service_section = ?10, party_member = ?11, union_member = ?12,
         phone = ?13 WHERE id = ?1 AND NOT (name IS ?2 AND unit_id IS ?3 AND position IS ?4 AND filed IS ?5
         AND establishment IS ?6 AND category IS ?7 AND joined_unit IS ?8 AND work_start IS ?9
         AND service_section IS ?10 AND party_member IS ?11 AND union_member IS ?12 AND phone IS ?13)",
    )?
    .execute(bind(&id, v, &v.days()))?;
    Ok(())
}

/// A unit as a person row refers to it: (id, code).
type UnitRef = (i64, String);

/// Units already looked up by code or name during one command.
#[derive(Default)]
pub(super) struct UnitCache(HashMap<String, Option<UnitRef>>);

impl UnitCache {
    pub(super) fn lookup(&mut self, conn: &Connection, name: &str) -> Result<Option<UnitRef>> {
        if let Some(hit) = self.0.get(name) {
            return Ok(hit.clone());
        }
        let unit = org::find_unit(conn, name)?.map(|u| (u.id, u.code));
        self.0.insert(name.to_string(), unit.clone());
        Ok(unit)
    }
}

/// Validates typed fields against the register's rules, looking units up in `conn`.
pub(super) fn validate_in(
    conn: &Connection,
    fields: &[&str; 13],
    today: NaiveDate,
) -> Result<std::result::Result<Valid, Vec<FieldError>>> {
    let mut cache = UnitCache::default();
    validate(fields, today, &mut |name| cache.lookup(conn, name))
}

/// The first field error as a command-line error.
pub(super) fn field_error(fields: &[&str; 13], errors: Vec<FieldError>) -> Error {
    let (i, reason) = errors.into_iter().next().unwrap_or((0, Msg::new("reason.required")));
    Error::invalid(&COLUMNS[i].key.replace('_', "-"), fields[i], reason)
}

pub(super) fn as_strs(fields: &Fields) -> [&str; 13] {
    std::array::from_fn(|i| fields[i].as_deref().unwrap_or(""))
}

/// The fields of a stored person as text, for merging an edit.
pub(super) fn current_fields(p: &Person) -> [String; 13] {
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
