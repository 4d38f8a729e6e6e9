//! `jinzhu unit add|edit|import|list|show|window|volume|incident` (Art 10, 17, 19).

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::org::{self, NewUnit};

use super::{App, date_arg, date_or_today};

#[derive(Subcommand)]
pub enum UnitCmd {
    /// Add a stationing unit.
    #[command(after_help = "Example:\n  jinzhu unit add SCJG --name 区市场监督管理局 --kind organ --service-items 126")]
    Add {
        /// The unit's code (letters, digits, -).
        code: String,
        #[arg(long, allow_hyphen_values = true)]
        /// The unit's full name.
        name: String,
        /// organ (行政机关), institution (事业单位) or other (其他组织).
        #[arg(long, default_value = "organ")]
        kind: String,
        /// Number of service items the unit brings to the center.
        #[arg(long, default_value = "0")]
        service_items: String,
    },
    /// Put a unit's code, name, kind or service items right; its records follow.
    #[command(after_help = "Example:\n  jinzhu unit edit SC --code SCJG --name 区市场监督管理局 --reason 代码录错")]
    Edit {
        /// The unit's current code or name.
        unit: String,
        /// The new code (short, no spaces).
        #[arg(long)]
        code: Option<String>,
        /// The new name.
        #[arg(long, allow_hyphen_values = true)]
        name: Option<String>,
        /// The new kind: organ, institution or other.
        #[arg(long)]
        kind: Option<String>,
        /// The new number of service items.
        #[arg(long)]
        service_items: Option<String>,
        /// Why (kept in the audit log).
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// Add units from a CSV or .xlsx file (columns: code, name, kind, service_items).
    #[command(after_help = "Example:\n  jinzhu unit import examples/units.csv")]
    Import {
        /// A .csv or .xlsx file of units (code, name, kind, service_items).
        file: PathBuf,
        #[command(flatten)]
        source: super::SourceArgs,
    },
    /// List the units with their staff.
    #[command(after_help = "Example:\n  jinzhu unit list --output units.xlsx")]
    List,
    /// One unit: details, case volume by month, incidents.
    #[command(after_help = "Example:\n  jinzhu unit show SCJG")]
    Show {
        /// The unit's code or name.
        code: String,
    },
    /// Switch a unit to the comprehensive window (Art 17: needs the district government's approval).
    #[command(after_help = "Example:\n  jinzhu unit window GD --approval 黔江府函〔2026〕12号 --date 2026-03-01")]
    Window {
        /// The unit's code or name.
        code: String,
        /// The district government's approval document number.
        #[arg(long)]
        approval: String,
        #[arg(long)]
        /// The date of the approval (YYYY-MM-DD).
        date: Option<String>,
    },
    /// Record a unit's case volume for a month (Art 10).
    #[command(after_help = "Example:\n  jinzhu unit volume SCJG --month 2026-03 --cases 1840")]
    Volume {
        /// The unit's code or name.
        code: String,
        #[arg(long)]
        /// The month (YYYY-MM).
        month: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Cases handled at its window in the month.
        cases: String,
    },
    /// Record a unit incident, e.g. unrelated tasks given to stationed staff (Art 19).
    #[command(
        after_help = "Example:\n  jinzhu unit incident GA --article 19 --date 2026-04-08 --note 抽调进驻人员参加局内会议"
    )]
    Incident {
        /// The unit's code or name.
        code: String,
        #[arg(long)]
        /// The article of the regulation it breaches (e.g. 19).
        article: String,
        #[arg(long)]
        /// When it happened (YYYY-MM-DD).
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        /// What happened.
        note: String,
    },
}

pub fn run(app: &App, cmd: UnitCmd) -> Result<()> {
    match cmd {
        UnitCmd::Add { code, name, kind, service_items } => {
            let unit = app.write(|tx| org::add_unit(tx, &NewUnit { code, name, kind, service_items }))?;
            let msg = Msg::new("done.created").label("entity", "entity.unit").arg("id", &unit.code);
            app.out.created(&unit.code, &jinzhu::storage::audit::json(&unit), msg)
        }
        UnitCmd::Edit { unit, code, name, kind, service_items, reason } => {
            let e = org::UnitEdit { code, name, kind, service_items, reason };
            let unit = app.write(|tx| org::edit_unit(tx, &unit, &e))?;
            let msg = Msg::new("done.unit.edited").arg("code", &unit.code).arg("name", &unit.name);
            app.out.created(&unit.code, &jinzhu::storage::audit::json(&unit), msg)
        }
        UnitCmd::Import { file, source } => source.import(app, &file, org::import_units),
        UnitCmd::List => app.out.table(&app.open()?.read(org::list_units)?),
        UnitCmd::Show { code } => app.out.tables(&app.open()?.read(|c| org::show_unit(c, &code))?),
        UnitCmd::Window { code, approval, date } => {
            let date = date_or_today(app, "date", date.as_deref())?;
            let unit = app.write(|tx| org::set_comprehensive_window(tx, &code, &approval, date))?;
            app.out.say(Msg::new("done.window").arg("code", &unit.code).arg("doc", unit.mode_doc.unwrap_or_default()));
            Ok(())
        }
        UnitCmd::Volume { code, month, cases } => {
            let (unit, month, cases) = app.write(|tx| org::set_volume(tx, &code, &month, &cases))?;
            app.out.say(Msg::new("done.volume").arg("code", unit.code).arg("month", month).arg("cases", cases));
            Ok(())
        }
        UnitCmd::Incident { code, article, date, note } => {
            let date = date_arg("date", &date)?;
            let incident = app.write(|tx| org::add_incident(tx, &code, &article, date, &note))?;
            let msg = Msg::new("done.created").label("entity", "entity.incident").arg("id", incident.id);
            app.out.created(incident.id, &jinzhu::storage::audit::json(&incident), msg)
        }
    }
}
