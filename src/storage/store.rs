//! The storage layer: one SQLite file in WAL mode, foreign keys on, a busy timeout,
//! write transactions that take the lock up front (IMMEDIATE) and carry their audit
//! rows, a schema version in `PRAGMA user_version` with a guard against newer files.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::base::i18n::Msg;
use crate::error::{Error, Result};
use crate::storage::audit::{AuditWriter, Change, Correction, Ctx};
use crate::storage::key::{self, AuditKey};

/// The schema this version writes and reads.
pub const SCHEMA_VERSION: i32 = 15;
/// `PRAGMA application_id`: "JZHU", so that another program's SQLite file is not taken for ours.
pub const APPLICATION_ID: i32 = 0x4A5A_4855;
const SCHEMA: &str = include_str!("../../schema.sql");
/// (version reached, SQL) for each step after version 1, in order.
const MIGRATIONS: &[(i32, &str)] = &[
    (2, include_str!("../../migrations/0002-stationing.sql")),
    (3, include_str!("../../migrations/0003-leave.sql")),
    (4, include_str!("../../migrations/0004-appraisal.sql")),
    (5, include_str!("../../migrations/0005-indexes.sql")),
    (6, include_str!("../../migrations/0006-monthly-result.sql")),
    (7, include_str!("../../migrations/0007-check-lists.sql")),
    (8, include_str!("../../migrations/0008-corrections.sql")),
    (9, include_str!("../../migrations/0009-keyed-chain.sql")),
    (10, include_str!("../../migrations/0010-attendance.sql")),
    (11, include_str!("../../migrations/0011-review-verification.sql")),
    (12, include_str!("../../migrations/0012-windows.sql")),
    (13, include_str!("../../migrations/0013-batches-checkpoints.sql")),
    (14, include_str!("../../migrations/0014-review-state-index.sql")),
    (15, include_str!("../../migrations/0015-stationing-writes.sql")),
];
/// The version whose migration re-makes the audit chain with the key.
const KEYED_CHAIN_VERSION: i32 = 9;
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// 16 KiB pages instead of SQLite's 4 KiB: a quarter of the B-tree pages, splits and WAL
/// frames for the same rows (1M-row personnel import: 11.8 s -> 9.9 s).
pub const PAGE_SIZE: i64 = 16_384;
/// The page cache, in KiB (a negative `cache_size` is KiB).
const CACHE_KIB: i64 = -65_536;
/// SQLite's default page cache, for a connection that reads each page once.
const ASIDE_CACHE_KIB: i64 = -2_000;

/// What `PRAGMA integrity_check` found (`None`: not run) and the rows whose foreign key
/// names nothing.
pub type Physical = (Option<Vec<String>>, Vec<Msg>);
/// Inputs from this size on are imported as a bulk write (`Store::write_bulk`): a 16 MiB
/// personnel CSV is about 150,000 rows, over 100 MB of pages with their audit rows.
pub const BULK_INPUT_BYTES: u64 = 16 << 20;

/// The database file's layout, as `db compact` reports it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FileShape {
    pub page_size: i64,
    pub bytes: i64,
    pub free_pages: i64,
}

/// What `db compact` did (`after` is `None` in a dry run).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Compaction {
    pub before: FileShape,
    pub after: Option<FileShape>,
}

/// An open jinzhu database, with where its audit key is kept.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    key_file: PathBuf,
}

/// A write transaction with its audit trail. Derefs to the connection for queries.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    audit: AuditWriter,
    pub ctx: &'a Ctx,
    /// The kind of record a batch-audited import is creating: its rows' audit rows are
    /// the batch's (`storage::batch`), written when it finishes.
    batched: Option<&'static str>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// Runs `f` as a batch-audited import of `entity` records: the audit rows it would
    /// write for them are left to the batch, which `f` finishes (`Batch::finish`).
    pub fn batching<T>(&mut self, entity: &'static str, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.batched = Some(entity);
        let out = f(self);
        self.batched = None;
        out
    }

    /// Whether `entity` records are being created by a batch-audited import.
    pub fn is_batched(&self, entity: &str) -> bool {
        self.batched == Some(entity)
    }

    /// Appends an audit row for a change made in this transaction.
    pub fn audit(
        &mut self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        if self.is_batched(entity) {
            return Ok(());
        }
        let text = |v: &serde_json::Value| v.to_string();
        let change = Change { entity, entity_id: &entity_id.to_string(), action, correction: None };
        self.audit.append(&self.tx, self.ctx, &change, before.map(text), after.map(text))
    }

    /// Appends the audit row of a correction: the change, with its reason and what it
    /// corrects (`report audit --corrections` lists these).
    pub fn audit_correction(
        &mut self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        (before, after): (Option<&serde_json::Value>, Option<&serde_json::Value>),
        correction: &Correction,
    ) -> Result<()> {
        let text = |v: &serde_json::Value| v.to_string();
        let change = Change { entity, entity_id: &entity_id.to_string(), action, correction: Some(correction) };
        self.audit.append(&self.tx, self.ctx, &change, before.map(text), after.map(text))
    }

    /// Appends the audit row of a record this transaction created, serialising it
    /// directly (imports write one per row, and a `serde_json::Value` costs a map).
    pub fn audit_created(
        &mut self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        record: &impl serde::Serialize,
    ) -> Result<()> {
        if self.is_batched(entity) {
            return Ok(());
        }
        let after = crate::storage::audit::json_text(record);
        let change = Change { entity, entity_id: &entity_id.to_string(), action, correction: None };
        self.audit.append(&self.tx, self.ctx, &change, None, Some(after))
    }
}

/// A table seen through a filter for the length of one piece of work: `name` is shadowed
/// by a temporary view of `select` (temporary objects come first in SQLite's name lookup),
/// so that every query of a report sees, say, one center's stationings without a filter
/// of its own. Dropped afterwards, whatever the outcome.
pub struct Shadow {
    pub name: &'static str,
    pub select: String,
}

pub fn through_shadows<T>(
    conn: &Connection,
    shadows: &[Shadow],
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    for s in shadows {
        conn.execute_batch(&format!("CREATE TEMP VIEW \"{}\" AS {}", s.name, s.select))?;
    }
    let out = f(conn);
    for s in shadows {
        conn.execute_batch(&format!("DROP VIEW IF EXISTS temp.\"{}\"", s.name))?;
    }
    out
}

impl Store {
    /// Creates a new database at `path` (mode 0600) with the current schema; refuses an
    /// existing file. The audit key is made at `key_file` if there is none yet. The file
    /// is removed again if anything fails.
    pub fn create(path: &Path, key_file: &Path) -> Result<Store> {
        if path.exists() {
            return Err(Error::Other(Msg::new("error.exists").arg("path", path.display())));
        }
        AuditKey::load_or_create(key_file)?;
        OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|e| Error::io(path, e))?;
        let created = Self::open_unchecked(path).and_then(|mut store| {
            store.key_file = key_file.to_path_buf();
            store.apply_schema()?;
            Ok(store)
        });
        if created.is_err() {
            remove_database_files(path);
        }
        created
    }

    /// Creates a new database and makes its first write (the first center) in it; if that
    /// write fails, no file is left behind. The key is the default one (`key::default_path`).
    pub fn init<T>(path: &Path, ctx: &Ctx, first: impl FnOnce(&mut Tx) -> Result<T>) -> Result<(Store, T)> {
        Self::init_keyed(path, &key::default_path(), ctx, first)
    }

    /// `init` with the audit key at `key_file`.
    pub fn init_keyed<T>(
        path: &Path,
        key_file: &Path,
        ctx: &Ctx,
        first: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<(Store, T)> {
        let mut store = Self::create(path, key_file)?;
        match store.write(ctx, first) {
            Ok(value) => Ok((store, value)),
            Err(e) => {
                drop(store);
                remove_database_files(path);
                Err(e)
            }
        }
    }

    fn apply_schema(&mut self) -> Result<()> {
        let path = self.path.clone();
        // Set before the first table exists, and fixed for the file's life (WAL mode).
        self.conn.pragma_update(None, "page_size", PAGE_SIZE).map_err(|e| classify(&path, e))?;
        self.conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| classify(&path, e))?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| classify(&path, e))?;
        tx.execute_batch(SCHEMA).map_err(|e| classify(&path, e))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit().map_err(|e| classify(&path, e))
    }

    /// Opens an existing database of the current schema. A missing file, a file of
    /// another program, an older or a newer schema are refused (exit 5), and the file
    /// is not touched.
    pub fn open(path: &Path) -> Result<Store> {
        let store = Self::open_existing(path)?;
        let version = store.schema_version()?;
        if version < SCHEMA_VERSION {
            return Err(Error::Database(
                Msg::new("error.too-old")
                    .arg("path", path.display())
                    .arg("found", version)
                    .arg("supported", SCHEMA_VERSION),
            ));
        }
        Ok(store)
    }

    /// Opens an existing database of this or an older schema (for `db migrate`).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Database(Msg::new("error.no-database").arg("path", path.display())));
        }
        let store = Self::open_unchecked(path)?;
        let app_id: i32 =
            store.conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| classify(path, e))?;
        if app_id != APPLICATION_ID {
            return Err(Error::Database(Msg::new("error.not-jinzhu").arg("path", path.display())));
        }
        // A bulk write that was killed leaves the file in rollback mode; the first open
        // after it (once no bulk write runs) puts it back in WAL.
        if store.journal_mode()? != "wal" {
            store.try_journal_mode("wal")?;
        }
        let version = store.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::Database(
                Msg::new("error.too-new")
                    .arg("path", path.display())
                    .arg("found", version)
                    .arg("supported", SCHEMA_VERSION),
            ));
        }
        Ok(store)
    }

    /// Opens another jinzhu file (a backup, to compare with) without writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Database(Msg::new("error.no-database").arg("path", path.display())));
        }
        let store = Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let app_id: i32 =
            store.conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| classify(path, e))?;
        if app_id != APPLICATION_ID {
            return Err(Error::Database(Msg::new("error.not-jinzhu").arg("path", path.display())));
        }
        Ok(store)
    }

    fn open_unchecked(path: &Path) -> Result<Store> {
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "foreign_keys", true).map_err(|e| classify(path, e))?;
        // Pages are allocated as used: a big import keeps its indexes in memory instead of
        // reading them back from the WAL; a small command never touches most of it.
        conn.pragma_update(None, "cache_size", CACHE_KIB).map_err(|e| classify(path, e))?;
        conn.set_prepared_statement_cache_capacity(128);
        // Cached statements keep their plan: without this, a parameter compared against a
        // partial index makes SQLite recompile the statement at every new binding.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(|e| classify(path, e))?;
        Ok(Store { conn, path: path.to_path_buf(), key_file: key::default_path() })
    }

    /// The audit key is kept at `key_file` instead of the default place.
    pub fn with_key_file(mut self, key_file: &Path) -> Store {
        self.key_file = key_file.to_path_buf();
        self
    }

    pub fn key_file(&self) -> &Path {
        &self.key_file
    }

    /// The audit key, if it is where it should be (`db check` runs without it).
    pub fn key(&self) -> Result<Option<AuditKey>> {
        AuditKey::load(&self.key_file)
    }

    fn journal_mode(&self) -> Result<String> {
        self.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).map_err(|e| classify(&self.path, e))
    }

    /// Switches the journal without waiting for other connections: the switch needs the
    /// file to itself, and nobody should wait for an optimisation. Whether it took.
    fn try_journal_mode(&self, mode: &str) -> Result<bool> {
        let path = &self.path;
        self.conn.busy_timeout(Duration::ZERO).map_err(|e| classify(path, e))?;
        let set = self.conn.pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0));
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(path, e))?;
        match set {
            Ok(now) => Ok(now.eq_ignore_ascii_case(mode)),
            Err(e) if matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)) => {
                Ok(false)
            }
            Err(e) => Err(classify(path, e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i32> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| classify(&self.path, e))
    }

    /// Runs read-only queries in one read transaction, naming the database in any error:
    /// every query sees the same state, and SQLite takes its WAL read lock once, not once
    /// a statement (a full `db check` ran a quarter of a million statements).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let snapshot = self.conn.unchecked_transaction().map_err(|e| classify(&self.path, e))?;
        let value = f(&snapshot).map_err(|e| self.explain(e))?;
        snapshot.commit().map_err(|e| classify(&self.path, e))?;
        Ok(value)
    }

    /// `read`, with tables seen through `shadows`.
    pub fn read_through<T>(&self, shadows: &[Shadow], f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        through_shadows(&self.conn, shadows, f).map_err(|e| self.explain(e))
    }

    /// Runs `f` in one IMMEDIATE transaction with its audit rows; commits unless
    /// `ctx.dry_run`, rolls back on any error.
    pub fn write<T>(&mut self, ctx: &Ctx, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let key = AuditKey::require(&self.key_file)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| classify(&path, e))?;
        let audit = AuditWriter::resume(&tx, key).map_err(|e| explain(&path, e))?;
        let mut tx = Tx { tx, audit, ctx, batched: None };
        let value = f(&mut tx).map_err(|e| explain(&path, e))?;
        let Tx { tx, audit, .. } = tx;
        audit.finish(&tx).map_err(|e| explain(&path, e))?;
        if ctx.dry_run {
            tx.rollback().map_err(|e| classify(&path, e))?;
        } else {
            tx.commit().map_err(|e| classify(&path, e))?;
        }
        Ok(value)
    }

    /// `write` for a transaction of more than about 100 MB (a province's roster): WAL
    /// writes every page twice, once into the log and once back at the checkpoint, and
    /// SQLite's own guidance is the rollback journal for such transactions
    /// (sqlite.org/wal.html). When no other connection has the file open, this one
    /// transaction runs with the rollback journal (as durable and atomic: a kill rolls it
    /// back at the next open), holding the file until it commits; WAL is restored after.
    /// With other connections present it runs in WAL like any write.
    pub fn write_bulk<T>(&mut self, ctx: &Ctx, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let switched = self.try_journal_mode("delete")?;
        let value = self.write(ctx, f);
        if switched {
            self.restore_wal();
        }
        value
    }

    /// Back to WAL after a bulk write or a compaction. Should another connection have come
    /// in meanwhile, the next open restores it; the write's own outcome is what counts.
    fn restore_wal(&self) {
        let _ = self.try_journal_mode("wal");
    }

    /// Rewrites the file with SQLite's VACUUM: a file made before new databases had
    /// 16 KiB pages gets them, and free pages go back to the disk. WAL cannot change the
    /// page size, so the rewrite runs with the rollback journal (atomic: a kill leaves the
    /// old file) and needs the file to itself; the change is audited once it is done.
    pub fn compact(&mut self, ctx: &Ctx) -> Result<Compaction> {
        let before = self.file_shape()?;
        if ctx.dry_run {
            return Ok(Compaction { before, after: None });
        }
        if !self.try_journal_mode("delete")? {
            return Err(Error::Database(Msg::new("error.compact.busy").arg("path", self.path.display())));
        }
        let rewritten = self
            .conn
            .pragma_update(None, "page_size", PAGE_SIZE)
            .and_then(|()| self.conn.execute_batch("VACUUM"))
            .map_err(|e| classify(&self.path, e));
        self.restore_wal();
        rewritten?;
        let after = self.file_shape()?;
        self.write(ctx, |tx| {
            tx.audit(
                "database",
                "file",
                "compact",
                Some(&crate::storage::audit::json(&before)),
                Some(&crate::storage::audit::json(&after)),
            )
        })?;
        Ok(Compaction { before, after: Some(after) })
    }

    fn file_shape(&self) -> Result<FileShape> {
        let pragma = |name: &str| -> Result<i64> {
            self.conn.pragma_query_value(None, name, |r| r.get(0)).map_err(|e| classify(&self.path, e))
        };
        let page_size = pragma("page_size")?;
        Ok(FileShape { page_size, bytes: page_size * pragma("page_count")?, free_pages: pragma("freelist_count")? })
    }

    fn explain(&self, e: Error) -> Error {
        explain(&self.path, e)
    }

    /// Brings an older database to the current schema in one transaction, audited, with
    /// `then` (given the version it came from) run in the same transaction after the SQL.
    /// Returns (from, to).
    pub fn migrate(&mut self, ctx: &Ctx, then: impl FnOnce(&mut Tx, i32) -> Result<()>) -> Result<(i32, i32)> {
        let from = self.schema_version()?;
        if from == SCHEMA_VERSION {
            return Ok((from, from));
        }
        if from < KEYED_CHAIN_VERSION {
            // An older database has no key yet: this is where it gets one.
            AuditKey::load_or_create(&self.key_file)?;
        }
        let key = AuditKey::require(&self.key_file)?;
        self.write(ctx, |tx| {
            let mut reached = from;
            for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
                tx.execute_batch(sql)?;
                if *version == KEYED_CHAIN_VERSION {
                    crate::storage::audit::rechain(tx, &key)?;
                    tx.audit = AuditWriter::resume(&tx.tx, key.clone())?;
                }
                tx.pragma_update(None, "user_version", version)?;
                reached = *version;
            }
            if reached != SCHEMA_VERSION {
                return Err(Error::Database(Msg::new("error.no-migration").arg("from", from)));
            }
            then(tx, from)?;
            // A migration that edits table definitions in place (0007) leaves the schema
            // cookie alone; moving it on makes every other connection re-read the schema.
            let cookie: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
            tx.pragma_update(None, "schema_version", cookie + 1)?;
            let change = serde_json::json!({ "from": from, "to": SCHEMA_VERSION });
            tx.audit("database", "schema", "migrate", None, Some(&change))?;
            Ok(())
        })?;
        Ok((from, SCHEMA_VERSION))
    }

    /// Copies the database with SQLite's online backup API, in one step so that the copy
    /// is one consistent state even while another process writes. The copy is created
    /// readable by its owner only. Returns the number of pages copied.
    pub fn backup(&self, to: &Path, force: bool) -> Result<i32> {
        if to.exists() && !force {
            return Err(Error::Other(Msg::new("error.exists.force").arg("path", to.display())));
        }
        // Written beside the target and renamed into place: a killed backup leaves no
        // partial copy under the backup's name.
        crate::storage::files::replace_file(to, |tmp| {
            let copied = (|| {
                let mut dst = Connection::open(tmp)?;
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                backup.run_to_completion(i32::MAX, Duration::from_millis(50), None)?;
                Ok::<i32, rusqlite::Error>(backup.progress().pagecount)
            })();
            copied.map_err(|e| {
                remove_database_files(tmp);
                classify(to, e)
            })
        })
    }

    /// `physical_problems` read on a connection of its own, on the other core, while
    /// `meanwhile` runs on this one: the check of every page costs as much as the rest
    /// of `db check --full`, and neither needs the other. The extra connection keeps
    /// SQLite's default page cache, as the sqlite3 shell does, so memory stays flat.
    pub fn physical_problems_beside<T>(
        &self,
        tables: Option<&[String]>,
        meanwhile: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<(Physical, T)> {
        std::thread::scope(|scope| {
            let path = self.path.as_path();
            let aside = scope.spawn(move || {
                let store = Store::open_read_only(path)?;
                store.conn.pragma_update(None, "cache_size", ASIDE_CACHE_KIB).map_err(|e| classify(path, e))?;
                store.physical_problems(tables)
            });
            let value = meanwhile(self);
            let physical = aside.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((physical?, value?))
        })
    }

    /// `PRAGMA integrity_check` and `foreign_key_check` over the whole file (`tables`
    /// `None`), or the foreign keys of `tables` only (what was written since a
    /// checkpoint): the problems found, if any.
    fn physical_problems(&self, tables: Option<&[String]>) -> Result<Physical> {
        self.read(|c| {
            let integrity = match tables {
                None => {
                    let mut stmt = c.prepare("PRAGMA integrity_check")?;
                    let found: Vec<String> =
                        stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
                    Some(found.into_iter().filter(|s| s != "ok").collect())
                }
                Some(_) => None,
            };
            let pragmas: Vec<String> = match tables {
                None => vec!["PRAGMA foreign_key_check".to_string()],
                Some(tables) => {
                    tables.iter().map(|t| format!("PRAGMA foreign_key_check(\"{}\")", t.replace('"', ""))).collect()
                }
            };
            let mut fks = Vec::new();
            for pragma in pragmas {
                let mut stmt = c.prepare(&pragma)?;
                fks.extend(
                    stmt.query_map([], |r| {
                        Ok(Msg::new("check.db.fk-row")
                            .arg("table", r.get::<_, String>(0)?)
                            .arg("rowid", r.get::<_, Option<i64>>(1)?.unwrap_or_default())
                            .arg("parent", r.get::<_, String>(2)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                );
            }
            Ok((integrity, fks))
        })
    }
}

/// A database in memory with nothing but the schema: what `schema.sql` defines and seeds,
/// to compare a file with.
pub fn pristine() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    Ok(conn)
}

/// How the file's tables, indexes and triggers differ from what `schema.sql` defines
/// (a trigger dropped, a CHECK edited away, an object added): one message per object.
pub fn schema_drift(conn: &Connection) -> Result<Vec<Msg>> {
    let expected = schema_objects(&pristine()?)?;
    let found = schema_objects(conn)?;
    let mut drift = Vec::new();
    for ((kind, name), sql) in &expected {
        match found.get(&(kind.clone(), name.clone())) {
            None => drift.push(Msg::new("check.schema.missing").arg("kind", kind).arg("name", name)),
            Some(other) if other != sql => {
                drift.push(Msg::new("check.schema.changed").arg("kind", kind).arg("name", name))
            }
            Some(_) => {}
        }
    }
    for (kind, name) in found.keys().filter(|k| !expected.contains_key(*k)) {
        drift.push(Msg::new("check.schema.extra").arg("kind", kind).arg("name", name));
    }
    Ok(drift)
}

/// (type, name) → definition, with whitespace and identifier quotes evened out: a
/// migrated file and a new one keep the same definitions in different layouts.
fn schema_objects(conn: &Connection) -> Result<std::collections::BTreeMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), normalize_sql(&r.get::<_, String>(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn normalize_sql(sql: &str) -> String {
    let uncommented: String =
        sql.lines().map(|line| line.split_once("--").map_or(line, |(code, _)| code)).collect::<Vec<_>>().join("\n");
    let unquoted = uncommented.replace('"', "");
    let mut out = String::with_capacity(unquoted.len());
    for word in unquoted.split_whitespace() {
        let glue = out.ends_with(['(', ',']) || word.starts_with([')', ',']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes a database file and its WAL companions.
fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Names the database in a raw SQLite error and sorts it into busy, damaged, read-only
/// or other, so that the message says what to do.
fn classify(path: &Path, e: rusqlite::Error) -> Error {
    let key = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "error.busy",
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => "error.corrupt",
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => "error.readonly",
        _ => "error.database",
    };
    Error::database(path, key, e)
}

fn explain(path: &Path, e: Error) -> Error {
    match e {
        Error::Sqlite(e) => classify(path, e),
        other => other,
    }
}
