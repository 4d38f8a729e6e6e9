//! The audit trail: every change, written in the transaction of the change, each row's
//! SHA-256 covering its content and the previous row's hash, so that an edit, deletion,
//! insertion or reordering of history breaks the chain where it happened. The chain's
//! head is also kept in `meta`, so that rows cut off the end are noticed too.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::base::i18n::Msg;
use crate::error::Result;

/// A record as the JSON the audit log and `--format json` carry.
pub fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A record as the JSON text of an audit row, written straight from the record (the
/// same content as `json`, in the record's field order; `db check` compares parsed values).
pub fn json_text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

/// Who acts, when, and how: every write is audited with it.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The date every rule is checked against (`--today`).
    pub today: NaiveDate,
    pub operator: String,
    /// The command line, as the audit log records it.
    pub command: String,
    /// Do everything, write nothing.
    pub dry_run: bool,
}

/// The previous hash of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const HEAD_KEY: &str = "audit_head";

/// Appends audit rows within one transaction, keeping the chain's head in memory.
pub struct AuditWriter {
    last_seq: i64,
    last_hash: String,
    at: String,
    wrote: bool,
}

/// One audit row as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub command: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    /// A correction's reason, and what it corrects ("entity:id").
    pub reason: Option<String>,
    pub corrects: Option<String>,
}

/// What a correction says of itself on its audit row.
#[derive(Debug, Clone)]
pub struct Correction {
    pub reason: String,
    /// "entity:id" of the record corrected.
    pub corrects: String,
}

impl Correction {
    pub fn new(reason: &str, entity: &str, id: impl std::fmt::Display) -> Correction {
        Correction { reason: reason.to_string(), corrects: format!("{entity}:{id}") }
    }
}

/// One change as an audit row names it.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub correction: Option<&'a Correction>,
}

impl AuditRow {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
        Ok(AuditRow {
            seq: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            command: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            action: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
            reason: r.get(11)?,
            corrects: r.get(12)?,
        })
    }

    /// The hash this row should carry.
    pub fn expected_hash(&self) -> String {
        chain_hash(
            &self.prev_hash,
            self.seq,
            [
                Some(self.at.as_str()),
                Some(&self.operator),
                Some(&self.command),
                Some(&self.entity),
                Some(&self.entity_id),
                Some(&self.action),
                self.before.as_deref(),
                self.after.as_deref(),
            ],
            self.reason.as_deref().zip(self.corrects.as_deref()),
        )
    }
}

const SELECT: &str = "SELECT seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash,
     reason, corrects FROM audit";

/// SHA-256 over the previous hash, the sequence number and every field; an absent field
/// hashes differently from an empty one. A correction's reason and target are hashed
/// after the fields, behind their own marker, so rows without one keep the hash they had
/// before schema 8.
fn chain_hash(prev: &str, seq: i64, fields: [Option<&str>; 8], correction: Option<(&str, &str)>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(seq.to_le_bytes());
    for f in fields {
        match f {
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    if let Some((reason, corrects)) = correction {
        h.update([2u8]);
        for s in [reason, corrects] {
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    }
    to_hex(&h.finalize())
}

/// Lower-case hexadecimal, without a formatter call per byte (this runs once per audit row).
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

impl AuditWriter {
    /// Picks the chain up where the last committed transaction left it.
    pub fn resume(conn: &Connection) -> Result<AuditWriter> {
        let last: Option<(i64, String)> = conn
            .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (last_seq, last_hash) = last.unwrap_or((0, GENESIS.to_string()));
        let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        Ok(AuditWriter { last_seq, last_hash, at, wrote: false })
    }

    pub fn append(
        &mut self,
        conn: &Connection,
        ctx: &Ctx,
        change: &Change,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<()> {
        let Change { entity, entity_id, action, correction } = *change;
        let correction = correction.map(|c| (c.reason.as_str(), c.corrects.as_str()));
        let seq = self.last_seq + 1;
        let hash = chain_hash(
            &self.last_hash,
            seq,
            [
                Some(&self.at),
                Some(&ctx.operator),
                Some(&ctx.command),
                Some(entity),
                Some(entity_id),
                Some(action),
                before.as_deref(),
                after.as_deref(),
            ],
            correction,
        );
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash,
             reason, corrects) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            seq,
            self.at,
            ctx.operator,
            ctx.command,
            entity,
            entity_id,
            action,
            before,
            after,
            self.last_hash,
            hash,
            correction.map(|c| c.0),
            correction.map(|c| c.1)
        ])?;
        self.last_seq = seq;
        self.last_hash = hash;
        self.wrote = true;
        Ok(())
    }

    /// Records the chain's new head, once per transaction.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        if self.wrote {
            conn.prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![HEAD_KEY, format!("{}:{}", self.last_seq, self.last_hash)])?;
        }
        Ok(())
    }
}

/// The state of the audit chain.
#[derive(Debug, Clone, PartialEq)]
pub enum ChainStatus {
    Intact { rows: i64, head: String },
    Broken { seq: i64, why: Msg },
}

/// Walks the whole chain and names the first row that does not hold.
pub fn verify_chain(conn: &Connection) -> Result<ChainStatus> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut prev_hash = GENESIS.to_string();
    let mut prev_seq = 0i64;
    let mut count = 0i64;
    while let Some(r) = rows.next()? {
        let row = AuditRow::from_row(r)?;
        if row.prev_hash != prev_hash || row.seq != prev_seq + 1 {
            return Ok(ChainStatus::Broken { seq: row.seq, why: Msg::new("check.db.link") });
        }
        if row.hash != row.expected_hash() {
            return Ok(ChainStatus::Broken { seq: row.seq, why: Msg::new("check.db.hash") });
        }
        prev_hash = row.hash;
        prev_seq = row.seq;
        count += 1;
    }
    let head: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([HEAD_KEY], |r| r.get(0)).optional()?;
    let recorded_seq = head.as_deref().and_then(|h| h.split_once(':')).and_then(|(s, _)| s.parse::<i64>().ok());
    let recorded_hash = head.as_deref().and_then(|h| h.split_once(':')).map(|(_, h)| h.to_string());
    let matches_head = match (&recorded_seq, &recorded_hash) {
        (Some(s), Some(h)) => *s == prev_seq && *h == prev_hash,
        _ => count == 0,
    };
    if !matches_head {
        let expected = recorded_seq.unwrap_or(0);
        return Ok(ChainStatus::Broken {
            seq: prev_seq.max(expected),
            why: Msg::new("check.db.head").arg("found", prev_seq).arg("expected", expected),
        });
    }
    Ok(ChainStatus::Intact { rows: count, head: prev_hash.chars().take(12).collect() })
}

/// The log, oldest first, optionally since a date and for one kind of entity.
pub fn rows(conn: &Connection, since: Option<NaiveDate>, entity: Option<&str>) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1) AND (?2 IS NULL OR entity = ?2) ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![since.map(|d| d.to_string()), entity], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The corrections' rows (those that name what they correct), oldest first, recorded on
/// or after `since`.
pub fn corrections(conn: &Connection, since: Option<NaiveDate>) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE corrects IS NOT NULL AND (?1 IS NULL OR substr(at, 1, 10) >= ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![since.map(|d| d.to_string())], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every audit row about one record, oldest first.
pub fn rows_of(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq"))?;
    let rows = stmt.query_map(params![entity, entity_id], AuditRow::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let base = [Some("t"), Some("op"), Some("cmd"), Some("person"), Some("1"), Some("insert"), None, Some("{}")];
        let mut other = base;
        other[6] = Some("");
        assert_ne!(chain_hash(GENESIS, 1, base, None), chain_hash(GENESIS, 1, other, None));
        assert_ne!(chain_hash(GENESIS, 1, base, None), chain_hash(GENESIS, 1, base, Some(("", ""))));
        assert_ne!(chain_hash(GENESIS, 1, base, Some(("ab", "c"))), chain_hash(GENESIS, 1, base, Some(("a", "bc"))));
    }

    #[test]
    fn hex_matches_the_formatter() {
        let bytes = [0u8, 1, 15, 16, 127, 128, 255];
        let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(to_hex(&bytes), expected);
    }

    #[test]
    fn field_boundaries_matter() {
        let a = [Some("ab"), Some("c"), None, None, None, None, None, None];
        let b = [Some("a"), Some("bc"), None, None, None, None, None, None];
        assert_ne!(chain_hash(GENESIS, 1, a, None), chain_hash(GENESIS, 1, b, None));
    }
}
