//! The register of document numbers (发文字号, Art 23): each letter the center issues
//! takes the next number of its year under the center's prefix (黔江政务函〔2027〕3号: the
//! year in 〔〕, no leading zeros, no 第); reissuing a letter keeps the number it had.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::org::Center;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::store::Tx;

/// A number given to a letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issued {
    pub id: i64,
    pub center_id: i64,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub kind: String,
    pub subject: String,
    pub addressee: String,
    pub issued_on: NaiveDate,
}

/// The number as GB/T 9704 writes it: prefix, year in 〔〕, sequence without leading zeros.
pub fn document_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}〔{year}〕{seq}号")
}

/// `letters prefix PREFIX`: the center's prefix for the numbers of its letters.
pub fn set_prefix(tx: &mut Tx, center: &Center, prefix: &str) -> Result<()> {
    let prefix = parse::text(prefix, 40).map_err(|r| Error::invalid("prefix", prefix, r))?;
    let before = prefix_of(tx, center.id)?;
    tx.prepare_cached(
        "INSERT INTO letter_prefix (center_id, prefix) VALUES (?1, ?2)
         ON CONFLICT (center_id) DO UPDATE SET prefix = excluded.prefix",
    )?
    .execute(params![center.id, prefix])?;
    let record = |p: &str| serde_json::json!({ "center_id": center.id, "prefix": p });
    tx.audit("letter_prefix", center.id, "set", before.as_deref().map(record).as_ref(), Some(&record(&prefix)))
}

/// The center's prefix, if it has one.
pub fn prefix_of(conn: &Connection, center_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT prefix FROM letter_prefix WHERE center_id = ?1")?
        .query_row([center_id], |r| r.get(0))
        .optional()?)
}

const ISSUED_SELECT: &str = "SELECT id, center_id, year, seq, number, kind, subject, addressee, issued_on FROM letter";

fn issued_row(r: &rusqlite::Row) -> rusqlite::Result<Issued> {
    Ok(Issued {
        id: r.get(0)?,
        center_id: r.get(1)?,
        year: r.get(2)?,
        seq: r.get(3)?,
        number: r.get(4)?,
        kind: r.get(5)?,
        subject: r.get(6)?,
        addressee: r.get(7)?,
        issued_on: r.get(8)?,
    })
}

/// The number of the letter of `kind` about `subject`: the one it was given when first
/// issued, or the next of the year of `on`, recorded and audited.
pub fn number_for(
    tx: &mut Tx,
    center: &Center,
    kind: &str,
    subject: &str,
    addressee: &str,
    on: NaiveDate,
) -> Result<Issued> {
    let known = tx
        .prepare_cached(&format!("{ISSUED_SELECT} WHERE center_id = ?1 AND kind = ?2 AND subject = ?3"))?
        .query_row(params![center.id, kind, subject], issued_row)
        .optional()?;
    if let Some(known) = known {
        return Ok(known);
    }
    let prefix = prefix_of(tx, center.id)?.ok_or_else(|| {
        Error::refused(RuleId::Art23Letter, Msg::new("refuse.letter.prefix").arg("center", &center.code))
    })?;
    let year = on.year();
    let seq: i64 = tx
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM letter WHERE center_id = ?1 AND year = ?2")?
        .query_row(params![center.id, year], |r| r.get(0))?;
    let number = document_number(&prefix, year, seq);
    tx.prepare_cached(
        "INSERT INTO letter (center_id, year, seq, number, kind, subject, addressee, issued_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![center.id, year, seq, number, kind, subject, addressee, on])?;
    let issued = Issued {
        id: tx.last_insert_rowid(),
        center_id: center.id,
        year,
        seq,
        number,
        kind: kind.to_string(),
        subject: subject.to_string(),
        addressee: addressee.to_string(),
        issued_on: on,
    };
    tx.audit_created("letter", issued.id, "issue", &issued)?;
    Ok(issued)
}

/// A letter as its audit row records it, for `db check`.
pub fn audited_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let issued = conn.prepare_cached(&format!("{ISSUED_SELECT} WHERE id = ?1"))?.query_row([id], issued_row)?;
    Ok(crate::storage::audit::json(&issued))
}

/// A center's prefix as its audit row records it, for `db check`.
pub fn prefix_json(conn: &Connection, center_id: &str) -> Result<serde_json::Value> {
    let id: i64 = center_id.parse().unwrap_or_default();
    let prefix = prefix_of(conn, id)?.unwrap_or_default();
    Ok(serde_json::json!({ "center_id": id, "prefix": prefix }))
}

/// `letters list`: the numbers given, optionally of one year.
pub fn list(conn: &Connection, year: Option<i32>) -> Result<Table> {
    let mut t = Table::new(Msg::new("title.letters"), &["number", "issued_on", "kind", "addressee", "subject"]);
    let mut stmt =
        conn.prepare(&format!("{ISSUED_SELECT} WHERE ?1 IS NULL OR year = ?1 ORDER BY center_id, year, seq"))?;
    for issued in stmt.query_map([year], issued_row)? {
        let i = issued?;
        t.push(vec![
            Cell::Text(i.number),
            Cell::Date(i.issued_on),
            Cell::Label(if i.kind == "publicity" { "letter.publicity" } else { "letter.annual-result" }),
            Cell::Text(i.addressee),
            Cell::Text(i.subject),
        ]);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_the_year_in_brackets_and_no_leading_zeros() {
        assert_eq!(document_number("黔江政务函", 2027, 3), "黔江政务函〔2027〕3号");
        assert_eq!(document_number("黔江政务函", 2027, 12), "黔江政务函〔2027〕12号");
    }
}
