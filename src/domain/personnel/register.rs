//! Changes to the register: add, edit (a stationed person keeps the unit, ART11-TERM),
//! archive, import.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::record::{Person, by_id, id_of, open_stationing, resolve};
use super::validate::{
    COLUMNS, Fields, UnitCache, as_strs, col, current_fields, field_error, insert_new, update, validate, validate_in,
};
use crate::base::i18n::Msg;
use crate::base::idnum;
use crate::base::parse;
use crate::domain::org;
use crate::error::{Error, Result};
use crate::io::sheet::{self, Encoding, ImportSummary, Input};
use crate::rules::RuleId;
use crate::storage::audit::json;
use crate::storage::batch::{Batch, fingerprint_of};
use crate::storage::checkpoint::{Write, with_touches_replayed};
use crate::storage::store::Tx;

/// `personnel add`: registers a person; a bad or duplicate value exits 4.
pub fn add(tx: &mut Tx, fields: &Fields) -> Result<Person> {
    let strs = as_strs(fields);
    let valid = validate_in(tx, &strs, tx.ctx.today)?;
    let valid = valid.map_err(|e| field_error(&strs, e))?;
    if let Some(existing) = id_of(tx, &valid.id_number)? {
        // The number is known already: the message names the person, not the whole number.
        return Err(Error::invalid(
            "id-number",
            idnum::mask(&valid.id_number),
            Msg::new("reason.person.exists-add").arg("id", existing),
        ));
    }
    let id = insert_new(tx, &valid)?.ok_or_else(|| {
        Error::invalid("id-number", idnum::mask(&valid.id_number), Msg::new("reason.person.exists-add").arg("id", 0))
    })?;
    let person = valid.into_person(id);
    tx.audit_created("person", id, "insert", &person)?;
    Ok(person)
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

/// What `import` writes, with its triggers off (`with_touches_replayed`).
const IMPORT_WRITES: [(&str, Write); 4] = [
    ("person", Write::Insert),
    ("person", Write::Update),
    ("import_fingerprint", Write::Insert),
    ("audit", Write::Insert),
];

/// `personnel import`: all rows or none. Every bad row is reported at once (row,
/// column, value, reason), including duplicates within the file and, without `update`,
/// persons already registered. Rows are written as they are read, inside the caller's
/// transaction, which is rolled back if any row was bad. The persons it creates are
/// audited by the batch (one audit row, their fingerprints beside it); a person it
/// updates keeps an audit row of its own, with before and after.
pub fn import(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
    allow_update: bool,
) -> Result<ImportSummary> {
    let today = tx.ctx.today;
    let mut units = UnitCache::default();
    // Duplicates within the file are found by the unique index, with the row of a person
    // this import inserted (`rows_of_new`) or updated (by id).
    let mut rows_of_new = sheet::RowsOfNew::after_last(tx, "person")?;
    let mut rows_of_updated: HashMap<i64, usize> = HashMap::new();
    let (mut inserted, mut updated, mut unchanged) = (0, 0, 0);
    let mut batch = Batch::start(tx, "person")?;
    let source = (input.name(), input.sha256());
    let mut summary = with_touches_replayed(tx, &IMPORT_WRITES, &[], |tx, touches| {
        let summary = sheet::import_rows(input, encoding, sheet_name, COLUMNS, |row| {
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
                let unit_id = valid.unit_id;
                batch.add(tx, id, &fingerprint_of(&valid.into_person(id), &[], Some(unit_id)))?;
                inserted += 1;
                return Ok(());
            }
            let existing = id_of(tx, &valid.id_number)?.unwrap_or_default();
            let earlier_row = rows_of_new.row_of(existing).or_else(|| rows_of_updated.get(&existing).copied());
            if let Some(first) = earlier_row {
                let reason = Msg::new("reason.duplicate-in-file").arg("row", first);
                row.fail_value(col::ID_NUMBER, idnum::mask(&valid.id_number), reason);
                return Ok(());
            }
            if !allow_update {
                let reason = Msg::new("reason.person.exists").arg("id", existing);
                row.fail_value(col::ID_NUMBER, idnum::mask(&valid.id_number), reason);
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
                touches.id("person", "person", existing);
                updated += 1;
            }
            Ok(())
        })?;
        batch.owe(touches);
        Ok(summary)
    })?;
    let (file, sha256) = source;
    let sha256 = sha256?;
    batch.finish(tx, &file, &sha256, summary.rows as i64)?;
    (summary.inserted, summary.updated, summary.unchanged) = (inserted, updated, unchanged);
    Ok(summary)
}

/// `personnel template`: the import header in `lang`.
pub fn template_header(lang: crate::base::i18n::Lang) -> Vec<String> {
    COLUMNS.iter().map(|c| crate::io::table::column_label(lang, c.key)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_writes_with_its_triggers_off_on_this_schema() {
        let schema = crate::storage::store::pristine().unwrap();
        assert!(crate::storage::checkpoint::replayable(&schema, &IMPORT_WRITES, &[]).unwrap());
    }
}
