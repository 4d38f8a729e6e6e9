//! `jinzhu report …`.

use anyhow::Result;
use clap::Subcommand;
use jinzhu::audit;

use super::{App, date_arg};

#[derive(Subcommand)]
pub enum ReportCmd {
    /// The audit log: every change, who made it, with what command.
    #[command(after_help = "Example:\n  jinzhu report audit --since 2026-11-01 --entity person")]
    Audit {
        /// Only changes made on or after this date.
        #[arg(long)]
        since: Option<String>,
        /// Only changes of this kind of record (person, unit, center, incident, unit_volume, database).
        #[arg(long)]
        entity: Option<String>,
    },
}

pub fn run(app: &App, cmd: ReportCmd) -> Result<()> {
    match cmd {
        ReportCmd::Audit { since, entity } => {
            let since = since.map(|s| date_arg("since", &s)).transpose()?;
            app.out.table(&app.open()?.read(|c| audit::report(c, since, entity.as_deref()))?)
        }
    }
}
