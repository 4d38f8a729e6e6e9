//! `jinzhu init` and `jinzhu db check|backup|migrate|compact`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::check::Scope;
use jinzhu::domain::org;
use jinzhu::io::table::{Cell, Table};
use jinzhu::storage::audit::{self, ChainStatus};
use jinzhu::storage::checkpoint::{self, Standing};
use jinzhu::storage::key::AuditKey;
use jinzhu::{Error, Store};

use super::App;

#[derive(Subcommand)]
pub enum DbCmd {
    /// Integrity, foreign keys, the schema, the audit chain (with the audit key), every
    /// record against its audit trail, and each frozen month and year against its digest;
    /// exit 0 only when all hold. A check that finds everything sound records a checkpoint;
    /// the next one verifies only what was written since (`--full`: everything).
    #[command(
        after_help = "Examples:\n  jinzhu db check\n  jinzhu db check --full\n  jinzhu db check --anchor anchors.tsv\n  \
                            jinzhu db check --anchors anchors.tsv --against backups/jinzhu-2026-11-29.db"
    )]
    Check {
        /// Append the chain's head (seq, hash, time) to FILE, kept away from the database.
        #[arg(long, value_name = "FILE")]
        anchor: Option<PathBuf>,
        /// Verify that every point in FILE (written by --anchor) is still in the chain.
        #[arg(long, value_name = "FILE")]
        anchors: Option<PathBuf>,
        /// Verify that BACKUP's whole chain is still the beginning of this one.
        #[arg(long, value_name = "BACKUP")]
        against: Option<PathBuf>,
        /// Read everything: the whole file, the whole chain, every record. Without it, a
        /// check after a checkpoint verifies what was written since.
        #[arg(long)]
        full: bool,
    },
    /// Copy the database consistently, even while it is being written.
    #[command(after_help = "Example:\n  jinzhu db backup backups/jinzhu-2026-11-29.db")]
    Backup {
        /// Where to write the copy.
        file: PathBuf,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Bring a database made by an older version up to date, in one transaction.
    #[command(after_help = "Example:\n  jinzhu db backup before-migrate.db && jinzhu db migrate")]
    Migrate,
    /// Rewrite the file (VACUUM): older files get the 16 KiB pages new ones have, free
    /// space goes back to the disk. Needs the database to itself.
    #[command(after_help = "Example:\n  jinzhu db backup before-compact.db && jinzhu db compact")]
    Compact,
}

/// `jinzhu init`: a new database with its first center, both audited.
pub fn init(app: &App, code: &str, name: &str) -> Result<()> {
    if app.ctx.dry_run {
        if app.db.exists() {
            return Err(Error::Other(Msg::new("error.exists").arg("path", app.db.display())).into());
        }
        app.out.note(Msg::new("done.dry-run"));
        return Ok(());
    }
    let (_, center) = Store::init(&app.db, &app.ctx, |tx| {
        let center = org::add_center(tx, code, name, "district")?;
        jinzhu::demo::load_default_calendar(tx)?;
        Ok(center)
    })?;
    app.out.say(
        Msg::new("done.init")
            .arg("path", app.db.display())
            .arg("version", jinzhu::storage::store::SCHEMA_VERSION)
            .arg("code", &center.code)
            .arg("name", &center.name),
    );
    Ok(())
}

pub fn run(app: &App, cmd: DbCmd) -> Result<()> {
    match cmd {
        DbCmd::Check { anchor, anchors, against, full } => check(app, &Anchoring { anchor, anchors, against }, full),
        DbCmd::Backup { file, force } => {
            let store = app.open()?;
            let pages = store.backup(&file, force)?;
            app.out.say(
                Msg::new("done.backup").arg("path", app.db.display()).arg("to", file.display()).arg("pages", pages),
            );
            Ok(())
        }
        DbCmd::Migrate => {
            let mut store = Store::open_existing(&app.db)?;
            let (from, to) = store.migrate(&app.ctx, |tx, from| {
                if from < 9 {
                    jinzhu::check::record_frozen_digests(tx)?;
                }
                if from < 11 {
                    jinzhu::check::record_verified_reviews(tx)?;
                }
                if from < 12 {
                    jinzhu::check::record_window_results(tx)?;
                }
                Ok(())
            })?;
            let msg = if from == to {
                Msg::new("done.migrate.none").arg("path", app.db.display()).arg("version", to)
            } else {
                Msg::new("done.migrate").arg("path", app.db.display()).arg("from", from).arg("to", to)
            };
            app.out.say(msg);
            Ok(())
        }
        DbCmd::Compact => {
            let c = app.open()?.compact(&app.ctx)?;
            let mib = |bytes: i64| format!("{:.1}", bytes as f64 / f64::from(1 << 20));
            let said = |key: &'static str| {
                Msg::new(key)
                    .arg("path", app.db.display())
                    .arg("from", c.before.page_size)
                    .arg("before", mib(c.before.bytes))
            };
            app.out.say(match c.after {
                Some(after) => said("done.compact").arg("to", after.page_size).arg("after", mib(after.bytes)),
                None => said("done.compact.dry").arg("to", jinzhu::storage::store::PAGE_SIZE),
            });
            if app.ctx.dry_run {
                app.out.note(Msg::new("done.dry-run"));
            }
            Ok(())
        }
    }
}

/// Where `db check` keeps and finds its anchors.
struct Anchoring {
    anchor: Option<PathBuf>,
    anchors: Option<PathBuf>,
    against: Option<PathBuf>,
}

fn check(app: &App, anchoring: &Anchoring, full: bool) -> Result<()> {
    let mut store = app.open()?;
    let key = store.key()?;
    let (start, doubt) = starting_point(app, &store, key.as_ref(), full)?;
    let touched_upto = store.read(checkpoint::touched_upto)?;
    let written_tables = match start {
        Some(_) => Some(store.read(|c| checkpoint::touched_tables(c, touched_upto))?),
        None => None,
    };
    let ((integrity, fks), (drift, chain, compared)) =
        store.physical_problems_beside(written_tables.as_deref(), |store| {
            let drift = store.read(jinzhu::storage::store::schema_drift)?;
            let from = start.as_ref().map(|p| (p.seq, p.hash.as_str()));
            let chain = store.read(|c| audit::verify_chain_after(c, key.as_ref(), from))?;
            let written = match &start {
                Some(point) => Some(store.read(|c| checkpoint::written_since(c, point, touched_upto))?),
                None => None,
            };
            let scope = written.as_deref().map_or(Scope::Full, Scope::Since);
            let compared =
                store.read(|c| jinzhu::check::unaudited_changes(c, jinzhu::check::AUDITED_RECORDS, &scope))?;
            Ok((drift, chain, compared))
        })?;
    let mut t = Table::new(Msg::new("title.db-check"), &["check", "result"]);
    let mut failed = false;
    let mut line = |label: &'static str, problem: Option<Cell>, ok: Cell| {
        failed |= problem.is_some();
        t.push(vec![Cell::Label(label), problem.unwrap_or(ok)]);
    };
    let ok = || Cell::Label("check.db.ok");
    let integrity_ok = match (&start, store.read(checkpoint::last_full)?) {
        (Some(_), Some(full)) => {
            Cell::Message(Msg::new("check.db.integrity-since").arg("id", full.id).arg("at", full.at))
        }
        _ => ok(),
    };
    let integrity = integrity.unwrap_or_default();
    line("check.db.integrity", (!integrity.is_empty()).then(|| Cell::Text(integrity.join("; "))), integrity_ok);
    line("check.db.foreign-keys", fks.first().cloned().map(Cell::Message), ok());
    line("check.db.schema", first_of(&drift, "check.schema.more"), ok());
    let head = match &chain {
        ChainStatus::Intact { seq, head, .. } => Some((*seq, head.clone())),
        ChainStatus::Broken { .. } => None,
    };
    let (problem, fine) = chain_cells(chain, start.as_ref(), &store, app);
    line("check.db.audit", problem.or(doubt.map(Cell::Message)), fine);
    let records: Vec<Msg> = compared
        .found
        .iter()
        .map(|u| {
            Msg::new("check.db.unaudited")
                .arg("entity", u.entity)
                .arg("id", &u.entity_id)
                .label("finding", u.finding.label_key())
        })
        .collect();
    let records_ok = Msg::new(if start.is_some() { "check.db.records-since" } else { "check.db.records-ok" })
        .arg("count", compared.compared);
    line("check.db.records", first_of(&records, "check.schema.more"), Cell::Message(records_ok));
    if let Some(file) = &anchoring.anchors {
        let problems = anchor_problems(&store, file)?;
        line(
            "check.db.anchors",
            first_of(&problems, "check.schema.more"),
            Cell::Message(Msg::new("check.anchor.ok").arg("path", file.display())),
        );
    }
    if let Some(backup) = &anchoring.against {
        let problem = backup_problem(&store, backup, key.as_ref())?;
        line(
            "check.db.backup",
            problem.map(Cell::Message),
            Cell::Message(Msg::new("check.backup.ok").arg("path", backup.display())),
        );
    }
    app.out.table(&t)?;
    if failed {
        return Err(Error::Database(Msg::new("check.db.failed")).into());
    }
    record_checkpoint(
        app,
        &mut store,
        key.is_some(),
        head.as_ref(),
        (start.is_none(), compared.compared, touched_upto),
    )?;
    // The head now, with the checkpoint's own row: the anchor is the chain's last point.
    if let (Some(file), Some((seq, hash))) = (&anchoring.anchor, store.read(audit::head)?) {
        jinzhu::storage::files::append(file, &audit::anchor_line(seq, &hash))?;
        app.out.note(Msg::new("done.anchor").arg("path", file.display()).arg("seq", seq));
    }
    Ok(())
}

/// Where the check starts: after the last checkpoint, unless `--full`, or the key is not
/// here to vouch for it, or it does not hold (then everything is read, and why is said).
fn starting_point(
    app: &App,
    store: &Store,
    key: Option<&AuditKey>,
    full: bool,
) -> Result<(Option<checkpoint::CheckPoint>, Option<Msg>)> {
    let (Some(key), false) = (key, full) else { return Ok((None, None)) };
    let Some(point) = store.read(checkpoint::last)? else { return Ok((None, None)) };
    Ok(match store.read(|c| checkpoint::standing(c, key, &point))? {
        Standing::Holds => (Some(point), None),
        Standing::Stale(why) => {
            app.out.note(why);
            (None, None)
        }
        Standing::Broken(why) => {
            (None, Some(Msg::new("check.checkpoint.broken").arg("id", point.id).nested("why", why)))
        }
    })
}

/// A sound check's checkpoint, at the head it verified: (full, records compared, the
/// last `touched` row it covered). Not without the key (nor kept under `--dry-run`).
fn record_checkpoint(
    app: &App,
    store: &mut Store,
    keyed: bool,
    head: Option<&(i64, String)>,
    (full, records, touched_upto): (bool, i64, i64),
) -> Result<()> {
    let (true, Some((seq, hash))) = (keyed, head) else { return Ok(()) };
    let point = store.write(&app.ctx, |tx| checkpoint::record(tx, *seq, hash, full, records, touched_upto))?;
    app.out.note(Msg::new("done.checkpoint").arg("id", point.id).arg("seq", point.seq));
    Ok(())
}

/// The first of `problems`, saying how many more there are.
fn first_of(problems: &[Msg], more: &'static str) -> Option<Cell> {
    let first = problems.first()?.clone();
    Some(Cell::Message(if problems.len() > 1 {
        Msg::new(more).nested("first", first).arg("count", problems.len() - 1)
    } else {
        first
    }))
}

/// The audit line: a problem, or what holds (with the full head, to anchor by hand).
fn chain_cells(
    chain: ChainStatus,
    start: Option<&checkpoint::CheckPoint>,
    store: &Store,
    app: &App,
) -> (Option<Cell>, Cell) {
    match chain {
        ChainStatus::Intact { rows, head, keyed: true, .. } => {
            let said = match start {
                Some(point) => Msg::new("check.db.audit-since").arg("id", point.id).arg("seq", point.seq),
                None => Msg::new("check.db.audit-ok"),
            };
            (None, Cell::Message(said.arg("rows", rows).arg("head", head)))
        }
        ChainStatus::Intact { rows, head, keyed: false, .. } => (
            None,
            Cell::Message(
                Msg::new("check.db.audit-unkeyed")
                    .arg("rows", rows)
                    .arg("head", head)
                    .arg("path", store.key_file().display()),
            ),
        ),
        ChainStatus::Broken { seq, why } => (
            Some(Cell::Message(Msg::new("check.db.audit-broken").arg("seq", seq).arg("why", why.render(app.lang())))),
            Cell::Label("check.db.ok"),
        ),
    }
}

fn anchor_problems(store: &Store, file: &std::path::Path) -> Result<Vec<Msg>> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let points = audit::parse_anchors(&text)
        .map_err(|line| Error::Other(Msg::new("error.anchor.line").arg("path", file.display()).arg("line", line)))?;
    let mut problems = Vec::new();
    for (seq, hash) in points {
        problems.extend(store.read(|c| audit::anchored(c, seq, &hash))?);
    }
    Ok(problems)
}

/// Whether the backup's chain holds (with the same key) and its head is still a point of
/// this database's chain.
fn backup_problem(store: &Store, backup: &std::path::Path, key: Option<&AuditKey>) -> Result<Option<Msg>> {
    let copy = Store::open_read_only(backup)?;
    match copy.read(|c| audit::verify_chain(c, key))? {
        ChainStatus::Broken { seq, why } => {
            Ok(Some(Msg::new("check.backup.broken").arg("path", backup.display()).arg("seq", seq).nested("why", why)))
        }
        ChainStatus::Intact { rows: 0, .. } => Ok(None),
        ChainStatus::Intact { seq, head, .. } => Ok(store.read(|c| audit::anchored(c, seq, &head))?),
    }
}
