//! `jinzhu init` and `jinzhu db check|backup|migrate|compact`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::org;
use jinzhu::io::table::{Cell, Table};
use jinzhu::storage::audit::{self, ChainStatus};
use jinzhu::{Error, Store};

use super::App;

#[derive(Subcommand)]
pub enum DbCmd {
    /// Integrity, foreign keys and the audit chain; exit 0 only when all hold.
    #[command(after_help = "Example:\n  jinzhu db check")]
    Check,
    /// Copy the database consistently, even while it is being written.
    #[command(after_help = "Example:\n  jinzhu db backup backups/jinzhu-2026-11-29.db")]
    Backup {
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
        DbCmd::Check => check(app),
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
            let (from, to) = store.migrate(&app.ctx)?;
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

fn check(app: &App) -> Result<()> {
    let store = app.open()?;
    let (integrity, fks) = store.physical_problems()?;
    let chain = store.read(audit::verify_chain)?;
    let mut t = Table::new(Msg::new("title.db-check"), &["check", "result"]);
    let ok = Cell::Label("check.db.ok");
    t.push(vec![
        Cell::Label("check.db.integrity"),
        if integrity.is_empty() { ok.clone() } else { Cell::Text(integrity.join("; ")) },
    ]);
    t.push(vec![
        Cell::Label("check.db.foreign-keys"),
        match fks.first() {
            None => ok,
            Some(first) => Cell::Message(first.clone()),
        },
    ]);
    let chain_ok = matches!(chain, ChainStatus::Intact { .. });
    let unaudited = store.read(|c| jinzhu::check::unaudited_changes(c, jinzhu::check::AUDITED_RECORDS))?;
    t.push(vec![
        Cell::Label("check.db.audit"),
        Cell::Message(match chain {
            ChainStatus::Intact { rows, head } => Msg::new("check.db.audit-ok").arg("rows", rows).arg("head", head),
            ChainStatus::Broken { seq, why } => {
                Msg::new("check.db.audit-broken").arg("seq", seq).arg("why", why.render(app.lang()))
            }
        }),
    ]);
    t.push(vec![
        Cell::Label("check.db.records"),
        match unaudited.first() {
            None => Cell::Label("check.db.ok"),
            Some(u) => Cell::Message(
                Msg::new("check.db.unaudited")
                    .arg("entity", u.entity)
                    .arg("id", &u.entity_id)
                    .arg("count", unaudited.len()),
            ),
        },
    ]);
    app.out.table(&t)?;
    if integrity.is_empty() && fks.is_empty() && chain_ok && unaudited.is_empty() {
        Ok(())
    } else {
        Err(Error::Database(Msg::new("check.db.failed")).into())
    }
}
