//! `db check`'s verified checkpoints: a check that found everything sound records, in
//! the audit trail, the last audit row it verified; the next check verifies only the
//! rows after it and the records written since (the `touched` table, filled by triggers
//! for any writer), after making sure the checkpoint itself still holds: its own audit
//! row, hashed with the key, says what the checkpoint says, and the row it names still
//! carries its hash. `db check --full` verifies everything, whatever the checkpoints say.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::base::i18n::Msg;
use crate::error::Result;
use crate::storage::audit::{self, json};
use crate::storage::key::AuditKey;
use crate::storage::store::Tx;

/// The audit trail's name for a checkpoint.
pub const ENTITY: &str = "check_point";

/// A checkpoint as stored, and as its audit row records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckPoint {
    pub id: i64,
    /// The last audit row verified, and its hash.
    pub seq: i64,
    pub hash: String,
    /// Whether the check read everything (`--full`).
    pub full: bool,
    /// The records it compared with the trail.
    pub records: i64,
    /// The last `touched` row it covered.
    pub touched: i64,
    /// `PRAGMA schema_version` then: any change of the schema since (a trigger dropped
    /// and put back, a migration, a VACUUM) moves it on.
    pub schema_version: i64,
    pub at: String,
}

impl CheckPoint {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CheckPoint> {
        Ok(CheckPoint {
            id: r.get(0)?,
            seq: r.get(1)?,
            hash: r.get(2)?,
            full: r.get(3)?,
            records: r.get(4)?,
            touched: r.get(5)?,
            schema_version: r.get(6)?,
            at: r.get(7)?,
        })
    }
}

const SELECT: &str = "SELECT id, seq, hash, full, records, touched, schema_version, at FROM check_point";

/// The latest checkpoint, if any check has recorded one.
pub fn last(conn: &Connection) -> Result<Option<CheckPoint>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} ORDER BY id DESC LIMIT 1"))?
        .query_row([], CheckPoint::from_row)
        .optional()?)
}

/// The latest checkpoint of a check that read everything (`--full`, or a first check).
pub fn last_full(conn: &Connection) -> Result<Option<CheckPoint>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE full = 1 ORDER BY id DESC LIMIT 1"))?
        .query_row([], CheckPoint::from_row)
        .optional()?)
}

/// A checkpoint as its audit row holds it (`db check` compares the two).
pub fn checkpoint_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let point = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.parse::<i64>().unwrap_or_default()], CheckPoint::from_row)?;
    Ok(json(&point))
}

/// Whether a check may start from a checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    Holds,
    /// The schema changed since (a migration, a VACUUM, or triggers dropped and put back
    /// while something was written): everything is read.
    Stale(Msg),
    /// It does not hold: a problem in itself; everything is read.
    Broken(Msg),
}

/// A checkpoint holds when it has an audit row whose hash is right under `key` and whose
/// record is the checkpoint as stored, the row it names still carries its hash, the
/// `touched` rows since follow on from it without a gap (none was deleted to hide a
/// write), and the schema is the one it saw.
pub fn standing(conn: &Connection, key: &AuditKey, point: &CheckPoint) -> Result<Standing> {
    let own = audit::rows_of(conn, ENTITY, &point.id.to_string())?;
    let vouched = own.last().is_some_and(|row| {
        row.hash == row.expected_hash(Some(key))
            && row.after.as_deref().and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok()) == Some(json(point))
    });
    if !vouched {
        return Ok(Standing::Broken(Msg::new("check.checkpoint.unvouched").arg("id", point.id)));
    }
    if let Some(why) = audit::anchored(conn, point.seq, &point.hash)? {
        return Ok(Standing::Broken(why));
    }
    if touched_gap(conn, point)? {
        return Ok(Standing::Broken(Msg::new("check.checkpoint.touched").arg("id", point.id)));
    }
    if schema_version(conn)? != point.schema_version {
        return Ok(Standing::Stale(Msg::new("check.checkpoint.schema").arg("id", point.id)));
    }
    Ok(Standing::Holds)
}

/// Whether rows of `touched` after the checkpoint were deleted: their numbers, issued
/// one after another (AUTOINCREMENT), no longer follow on from it to the last issued.
fn touched_gap(conn: &Connection, point: &CheckPoint) -> Result<bool> {
    let (count, last): (i64, i64) =
        conn.query_row("SELECT count(*), coalesce(max(seq), 0) FROM touched WHERE seq > ?1", [point.touched], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let issued: i64 = conn
        .query_row("SELECT seq FROM sqlite_sequence WHERE name = 'touched'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let earlier: i64 = conn.query_row("SELECT count(*) FROM touched WHERE seq <= ?1", [point.touched], |r| r.get(0))?;
    Ok(count != last - point.touched || issued != last.max(point.touched) || earlier != 0)
}

fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "schema_version", |r| r.get(0))?)
}

/// The last row of `touched` now: a checkpoint clears the rows up to it, no later one
/// (a write that came after the check read is checked by the next one).
pub fn touched_upto(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM touched", [], |r| r.get(0))?)
}

/// The tables written since the last checkpoint, up to `touched_upto`: those whose
/// foreign keys a check from the checkpoint verifies.
pub fn touched_tables(conn: &Connection, touched_upto: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT tbl FROM touched WHERE seq <= ?1 ORDER BY 1")?;
    let rows = stmt.query_map([touched_upto], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every record (entity, id) written since `point`: named by an audit row after it, or
/// by a trigger up to `touched_upto`. In order, each once.
pub fn written_since(conn: &Connection, point: &CheckPoint, touched_upto: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT entity, entity_id FROM audit WHERE seq > ?1
         UNION SELECT entity, entity_id FROM touched WHERE seq <= ?2 ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map(params![point.seq, touched_upto], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a checkpoint at the chain's row `seq` (hash `hash`), audited, and forgets the
/// records written up to `touched_upto`: they are verified.
pub fn record(tx: &mut Tx, seq: i64, hash: &str, full: bool, records: i64, touched_upto: i64) -> Result<CheckPoint> {
    let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let schema_version = schema_version(tx)?;
    let id: i64 = tx.query_row(
        "INSERT INTO check_point (seq, hash, full, records, touched, schema_version, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![seq, hash, full, records, touched_upto, schema_version, at],
        |r| r.get(0),
    )?;
    let point =
        CheckPoint { id, seq, hash: hash.to_string(), full, records, touched: touched_upto, schema_version, at };
    tx.audit_created(ENTITY, id, "insert", &point)?;
    tx.execute("DELETE FROM touched WHERE seq <= ?1", [touched_upto])?;
    Ok(point)
}
