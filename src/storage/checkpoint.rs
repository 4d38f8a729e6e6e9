//! `db check`'s verified checkpoints: a check that found everything sound records, in
//! the audit trail, the last audit row it verified; the next check verifies only the
//! rows after it and the records written since (the `touched` table, filled by triggers
//! for any writer), after making sure the checkpoint itself still holds: its own audit
//! row, hashed with the key, says what the checkpoint says, and the row it names still
//! carries its hash. `db check --full` verifies everything, whatever the checkpoints say.

use std::collections::{BTreeMap, BTreeSet};

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

/// A kind of write a trigger fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    Insert,
    Update,
    Delete,
}

impl Write {
    fn word(self) -> &'static str {
        match self {
            Write::Insert => "insert",
            Write::Update => "update",
            Write::Delete => "delete",
        }
    }
}

/// The `touched` rows owed by writes made with triggers off: what the `touch_*` triggers
/// would have written, one row per record (the triggers may write one per write; a
/// check reads each record once either way). Ids that follow each other are kept as
/// ranges: an import of a million owes a few.
#[derive(Debug, Default)]
pub struct Touches {
    /// (table, entity) → ranges of ids, each `first..=last`.
    ranges: BTreeMap<(&'static str, &'static str), Vec<(i64, i64)>>,
    /// (table, entity, key) of records keyed by text (a month).
    keys: BTreeSet<(&'static str, &'static str, String)>,
}

impl Touches {
    /// Records `first..=last` of `table`, named `entity` in the trail, were written.
    pub fn range(&mut self, table: &'static str, entity: &'static str, first: i64, last: i64) {
        let ranges = self.ranges.entry((table, entity)).or_default();
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == first => *end = last,
            _ => ranges.push((first, last)),
        }
    }

    /// Record `id` of `table`, named `entity` in the trail, was written.
    pub fn id(&mut self, table: &'static str, entity: &'static str, id: i64) {
        self.range(table, entity, id, id);
    }

    /// Record `key` of `table`, named `entity` in the trail, was written.
    pub fn key(&mut self, table: &'static str, entity: &'static str, key: &str) {
        self.keys.insert((table, entity, key.to_string()));
    }

    /// One statement per (table, entity): ids that do not follow each other are many
    /// ranges (a close's reviews), and `touched` keeps a statement journal for each write.
    fn write(&self, conn: &Connection) -> Result<()> {
        let mut ranges = conn.prepare_cached(
            "INSERT INTO touched (tbl, entity, entity_id)
             WITH RECURSIVE n(i, last) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?3)
                                           UNION ALL SELECT i + 1, last FROM n WHERE i < last)
             SELECT ?1, ?2, CAST(i AS TEXT) FROM n",
        )?;
        for ((table, entity), spans) in &self.ranges {
            ranges.execute(params![table, entity, audit::json_text(spans)])?;
        }
        let mut key = conn.prepare_cached("INSERT INTO touched (tbl, entity, entity_id) VALUES (?1, ?2, ?3)")?;
        for (table, entity, id) in &self.keys {
            key.execute(params![table, entity, id])?;
        }
        Ok(())
    }
}

/// Runs `work`, which makes only `writes`, with this connection's triggers off, and then
/// writes the `touched` rows `work` says it owes. Why: a row inserted under an AFTER
/// trigger is a statement of two writes, and SQLite copies every page it changes into a
/// statement journal, a quarter of a bulk import's time. Only when every trigger those
/// writes would fire is the `touch_*` one of its table (`Touches` then says what it would
/// have written) or one of `upheld`, whose condition the caller's statements can never
/// meet (it says why); otherwise `work` runs with its triggers on, and what it owes is
/// left to them. Other connections keep their triggers: a write outside jinzhu is seen.
pub fn with_touches_replayed<C, T>(
    conn: &mut C,
    writes: &[(&str, Write)],
    upheld: &[&str],
    work: impl FnOnce(&mut C, &mut Touches) -> Result<T>,
) -> Result<T>
where
    C: std::ops::Deref<Target = Connection>,
{
    let mut touches = Touches::default();
    if !replayable(conn, writes, upheld)? {
        return work(conn, &mut touches);
    }
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    let out = work(conn, &mut touches);
    // Back on whatever `work` returned: one process runs many commands (the demo).
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)?;
    let out = out?;
    touches.write(conn)?;
    Ok(out)
}

/// Whether each trigger that `writes` would fire is `touch_<table>_<write>` or one of
/// `upheld`, so that `with_touches_replayed` runs them with triggers off.
pub fn replayable(conn: &Connection, writes: &[(&str, Write)], upheld: &[&str]) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1")?;
    for (table, write) in writes {
        let triggers = stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for trigger in triggers {
            let (name, sql) = trigger?;
            let other_write = fired_by(&sql).is_some_and(|w| w != *write);
            let replayed = name == format!("touch_{table}_{}", write.word()) || upheld.contains(&name.as_str());
            if !other_write && !replayed {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The write a trigger fires on, read from its definition (`None`: not understood, and
/// then taken to fire on every write).
fn fired_by(sql: &str) -> Option<Write> {
    let upper = sql.to_ascii_uppercase();
    let head = upper.split_whitespace().take_while(|w| *w != "ON").collect::<Vec<_>>();
    match head.iter().rev().find(|w| matches!(**w, "INSERT" | "UPDATE" | "DELETE")).copied() {
        Some("INSERT") => Some(Write::Insert),
        Some("UPDATE") => Some(Write::Update),
        Some("DELETE") => Some(Write::Delete),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::store::pristine;

    /// Two persons inserted, the first one updated, a block of fingerprints stored.
    const WRITES: &str = "
        INSERT INTO person (id, id_number, name, unit_id, position, establishment, category, joined_unit, work_start)
        VALUES (7, '500114199001011234', '甲', 1, 'staff', 'in', 'other', '2020-01-01', '2010-01-01'),
               (8, '500114199001011235', '乙', 1, 'staff', 'in', 'other', '2020-01-01', '2010-01-01');
        UPDATE person SET name = '丙' WHERE id = 7;
        INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (3, 0, x'00');";

    /// The unit they belong to, written before (its touch is not the work's).
    const UNIT: &str =
        "INSERT INTO unit (id, code, name, kind) VALUES (1, 'U1', '单位', 'organ'); DELETE FROM touched;";

    const OWN_WRITES: [(&str, Write); 3] =
        [("person", Write::Insert), ("person", Write::Update), ("import_fingerprint", Write::Insert)];

    fn touched_rows(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt = conn.prepare("SELECT DISTINCT tbl, entity, entity_id FROM touched ORDER BY 1, 2, 3").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    fn replayed(tx: &mut rusqlite::Transaction, writes: &[(&str, Write)]) -> Result<()> {
        with_touches_replayed(tx, writes, &[], |conn, touches| {
            conn.execute_batch(WRITES)?;
            touches.range("person", "person", 7, 8);
            touches.id("person", "person", 7);
            touches.id("import_fingerprint", "import", 3);
            Ok(())
        })
    }

    #[test]
    fn replayed_touches_are_what_the_triggers_write() {
        let by_triggers = pristine().unwrap();
        let by_triggers = by_triggers.unchecked_transaction().unwrap();
        by_triggers.execute_batch(UNIT).unwrap();
        by_triggers.execute_batch(WRITES).unwrap();
        let replaying = pristine().unwrap();
        let mut tx = replaying.unchecked_transaction().unwrap();
        tx.execute_batch(UNIT).unwrap();
        replayed(&mut tx, &OWN_WRITES).unwrap();
        assert_eq!(touched_rows(&tx), touched_rows(&by_triggers));
        assert_eq!(touched_rows(&tx).len(), 3);
        assert!(replayable(&tx, &OWN_WRITES, &[]).unwrap(), "and they were replayed, not written by the triggers");
    }

    #[test]
    fn triggers_are_back_on_after_work_that_failed() {
        let conn = pristine().unwrap();
        let mut tx = conn.unchecked_transaction().unwrap();
        let failed = with_touches_replayed(&mut tx, &OWN_WRITES, &[], |conn, touches| -> Result<()> {
            touches.id("person", "person", 1);
            conn.execute_batch("INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (3, 0, x'00');")?;
            conn.execute_batch("INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (3, 0, x'00');")?;
            Ok(())
        });
        assert!(failed.is_err());
        assert_eq!(touched_rows(&tx), vec![], "a failed work owes nothing");
        tx.execute_batch("INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (4, 0, x'00');").unwrap();
        assert_eq!(touched_rows(&tx), vec![("import_fingerprint".into(), "import".into(), "4".into())]);
    }

    #[test]
    fn a_write_that_fires_another_trigger_keeps_its_triggers_on() {
        let conn = pristine().unwrap();
        let mut tx = conn.unchecked_transaction().unwrap();
        // A BEFORE UPDATE trigger that is not a touch: with triggers off the import
        // fingerprint could be changed, which the schema refuses.
        let writes = [("import_fingerprint", Write::Insert), ("import_fingerprint", Write::Update)];
        let out = with_touches_replayed(&mut tx, &writes, &[], |conn, _| {
            conn.execute_batch(
                "INSERT INTO import_fingerprint (import_id, block, hashes) VALUES (3, 0, x'00');
                 UPDATE import_fingerprint SET hashes = x'01';",
            )?;
            Ok(())
        });
        assert!(out.is_err(), "the frozen trigger still fired");
        assert!(!replayable(&tx, &writes, &[]).unwrap());
        assert!(replayable(&tx, &writes, &["import_fingerprint_frozen_change"]).unwrap(), "unless upheld");
        // And a trigger's write is read from its definition, not its name.
        assert_eq!(
            fired_by("CREATE TRIGGER x_insert BEFORE UPDATE OF a, b ON t BEGIN SELECT 1; END"),
            Some(Write::Update)
        );
        assert_eq!(fired_by("create trigger t after insert on person begin select 1; end"), Some(Write::Insert));
        assert_eq!(fired_by("CREATE TRIGGER t INSTEAD OF DELETE ON v BEGIN SELECT 1; END"), Some(Write::Delete));
    }
}
