//! `jinzhu report …`.

use anyhow::Result;
use clap::Subcommand;
use jinzhu::domain::history;
use jinzhu::domain::report;

use super::{App, date_arg, date_or_today};

#[derive(Subcommand)]
pub enum ReportCmd {
    /// Who was stationed on a day, per unit and window, chief representatives marked.
    #[command(after_help = "Example:\n  jinzhu report roster --as-of 2026-06-30 --unit SCJG --output roster.xlsx")]
    Roster {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        /// [default: today]
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        /// Only this unit (code or name).
        unit: Option<String>,
    },
    /// Terms ending soon, and terms ended with no renewal or replacement (Art 11).
    #[command(after_help = "Example:\n  jinzhu report terms --within 120")]
    Terms {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        #[arg(long, default_value = "90")]
        /// Terms ending within this many days [default: 60].
        within: String,
    },
    /// Stationed persons who would fail an Art 6/7 rule on a day, and whether an exception covers it.
    #[command(after_help = "Example:\n  jinzhu report eligibility --as-of 2027-01-01")]
    Eligibility {
        #[arg(long)]
        /// The day to judge on (YYYY-MM-DD) [default: today].
        as_of: Option<String>,
    },
    /// The half-yearly implementation report for the supervision office (Art 24).
    #[command(after_help = "Example:\n  jinzhu report compliance --half 2026H2 --output 2026下半年执行情况.xlsx")]
    Compliance {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        /// YYYYH1 (January–June) or YYYYH2 (July–December).
        #[arg(long)]
        half: String,
    },
    /// Staffing against case volume per unit for a month (Art 10).
    #[command(after_help = "Example:\n  jinzhu report staffing --month 2026-03")]
    Staffing {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        #[arg(long)]
        /// The month (YYYY-MM).
        month: String,
    },
    /// Leave days split by month, per person and type and per unit; overdue leaves.
    #[command(
        after_help = "Example:\n  jinzhu report leave --month 2026-10\n  jinzhu report leave --year 2026 --output leave-2026.xlsx"
    )]
    Leave {
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        /// One month (YYYY-MM).
        month: Option<String>,
        #[arg(long)]
        /// A whole year (YYYY).
        year: Option<i32>,
    },
    /// The monthly bulletin (通报) or a year's results (Art 21, 22).
    #[command(
        after_help = "Example:\n  jinzhu report appraisal --month 2026-03 --output 2026年3月考核通报.xlsx\n  jinzhu report appraisal --year 2026"
    )]
    Appraisal {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        /// One month's bulletin (YYYY-MM).
        month: Option<String>,
        #[arg(long)]
        /// A year's grades (YYYY).
        year: Option<i32>,
    },
    /// A month's 好差评: per person and unit the satisfaction rate and bad reviews by state, then each bad review's verification (Art 16).
    #[command(after_help = "Example:\n  jinzhu report reviews --month 2026-03 --output 2026年3月好差评.xlsx")]
    Reviews {
        /// The month (YYYY-MM).
        #[arg(long)]
        month: String,
        /// Only this unit (code or name).
        #[arg(long)]
        unit: Option<String>,
    },
    /// A month's windows (units) ranked by their score: staff's mean, 好差评 rate and window items, by the rule book (Art 21).
    #[command(after_help = "Example:\n  jinzhu report windows --month 2026-03 --output 2026年3月窗口排名.xlsx")]
    Windows {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        /// The month (YYYY-MM).
        #[arg(long)]
        month: String,
    },
    /// Each unit's figure for its department's annual target appraisal: staff and window scores, awards, by the rule book (Art 21).
    #[command(after_help = "Example:\n  jinzhu report departments --year 2026 --output 2026年度窗口考核计分.xlsx")]
    Departments {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        /// The year (YYYY).
        #[arg(long)]
        year: i32,
    },
    /// A month's attendance from the punches: per person the counts and minutes, per unit the totals (Art 19, 21).
    #[command(after_help = "Example:\n  jinzhu report attendance --month 2026-11 --output 2026年11月考勤.xlsx")]
    Attendance {
        /// The month (YYYY-MM).
        #[arg(long)]
        month: String,
        /// Only this unit (code or name).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Appraisal and performance-pay funds transferred by headcount (Art 22).
    #[command(
        after_help = "Example:\n  jinzhu report funds 2026 --standard civil-servant=12000 --standard public-institution=9600 --standard other=6000"
    )]
    Funds {
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        /// The year (YYYY).
        year: i32,
        /// CATEGORY=AMOUNT: the annual standard in yuan for an identity category.
        #[arg(long, required = true)]
        standard: Vec<String>,
    },
    /// The audit log: every change, who made it, with what command.
    #[command(after_help = "Examples:\n  jinzhu report audit --since 2026-11-01 --entity person\n  \
                      jinzhu report audit --entity person --id 42")]
    Audit {
        /// Only changes made on or after this date.
        #[arg(long)]
        since: Option<String>,
        /// Only changes of this kind of record (person, unit, center, incident, unit_volume, database).
        #[arg(long)]
        entity: Option<String>,
        /// Only the record with this id (with --entity): its rows, and the import that
        /// created it.
        #[arg(long, requires = "entity")]
        id: Option<String>,
        /// Only corrections: what each corrects, who made it, when and why.
        #[arg(long, conflicts_with = "entity")]
        corrections: bool,
    },
}

/// Prints a report for the named center, or for each center in turn when there are several.
pub fn per_center(
    app: &App,
    center: Option<&str>,
    report: impl Fn(&rusqlite::Connection) -> jinzhu::Result<Vec<jinzhu::io::table::Table>>,
) -> Result<()> {
    let store = app.open()?;
    let tables = store.read(|c| jinzhu::domain::org::per_center(c, center, &report))?;
    app.out_with_head(&store)?.tables(&tables)
}

pub fn run(app: &App, cmd: ReportCmd) -> Result<()> {
    match cmd {
        ReportCmd::Roster { center, as_of, unit } => {
            let on = date_or_today(app, "as-of", as_of.as_deref())?;
            per_center(app, center.as_deref(), |c| Ok(vec![report::roster(c, on, unit.as_deref())?]))
        }
        ReportCmd::Terms { center, within } => {
            let days = jinzhu::base::parse::int_at_least(&within, 0)
                .map_err(|r| jinzhu::Error::invalid("within", &within, r))?;
            per_center(app, center.as_deref(), |c| Ok(vec![report::terms(c, app.ctx.today, days)?]))
        }
        ReportCmd::Eligibility { as_of } => {
            let on = date_or_today(app, "as-of", as_of.as_deref())?;
            app.out.table(&app.open()?.read(|c| report::eligibility(c, on))?)
        }
        ReportCmd::Leave { month, year } => {
            let (from, to) = super::leave::period(month.as_deref(), year)?;
            app.out.tables(&app.open()?.read(|c| jinzhu::domain::leave::report(c, from, to, app.ctx.today))?)
        }
        ReportCmd::Appraisal { center, month, year } => match (month, year) {
            (Some(m), _) => super::appraise::month_report(app, &m, center.as_deref()),
            (None, Some(y)) => super::appraise::year_report(app, y, center.as_deref()),
            (None, None) => Ok(()),
        },
        ReportCmd::Windows { center, month } => {
            let first = super::month_arg(&month)?;
            per_center(app, center.as_deref(), |c| {
                Ok(vec![jinzhu::domain::appraisal::windows_table(c, first, app.lang())?])
            })
        }
        ReportCmd::Departments { center, year } => per_center(app, center.as_deref(), |c| {
            Ok(vec![jinzhu::domain::appraisal::departments_table(c, year, app.lang())?])
        }),
        ReportCmd::Reviews { month, unit } => {
            let first = super::month_arg(&month)?;
            let store = app.open()?;
            let tables =
                store.read(|c| jinzhu::domain::appraisal::reviews_report(c, first, unit.as_deref(), app.ctx.today))?;
            app.out_with_head(&store)?.tables(&tables)
        }
        ReportCmd::Attendance { month, unit } => {
            let first = super::month_arg(&month)?;
            let store = app.open()?;
            let tables = store
                .read(|c| jinzhu::domain::attendance::attendance_report(c, first, unit.as_deref(), app.ctx.today))?;
            app.out_with_head(&store)?.tables(&tables)
        }
        ReportCmd::Funds { center, year, standard } => {
            per_center(app, center.as_deref(), |c| Ok(vec![jinzhu::domain::appraisal::funds(c, year, &standard)?]))
        }
        ReportCmd::Compliance { center, half } => {
            let (from, to) = report::half_range(&half)?;
            let key = app.key()?;
            per_center(app, center.as_deref(), |c| report::compliance(c, from, to, app.ctx.today, key.as_ref()))
        }
        ReportCmd::Staffing { center, month } => {
            let first = jinzhu::base::parse::month(&month).map_err(|r| jinzhu::Error::invalid("month", &month, r))?;
            per_center(app, center.as_deref(), |c| Ok(vec![report::staffing(c, first)?]))
        }
        ReportCmd::Audit { since, entity, id, corrections } => {
            let since = since.map(|s| date_arg("since", &s)).transpose()?;
            if corrections {
                return app.out.table(&app.open()?.read(|c| history::corrections(c, since))?);
            }
            app.out.table(&app.open()?.read(|c| history::log(c, since, entity.as_deref(), id.as_deref()))?)
        }
    }
}
