//! `jinzhu leave request|edit|approve|reject|cancel|revoke|return|list|balance|holidays|types`
//! (Art 19).

use std::path::PathBuf;

use anyhow::Result;
use chrono::Datelike;
use clap::Subcommand;
use jinzhu::Error;
use jinzhu::base::enums::LeaveStatus;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::calendar;
use jinzhu::domain::leave::{self, Leave, LeaveEdit, NewLeave};
use jinzhu::domain::stationing::parse_id;
use jinzhu::storage::audit::json;

use super::{App, SourceArgs, date_arg};

#[derive(Subcommand)]
pub enum LeaveCmd {
    /// Request leave for a stationed person (decided by the center, Art 19).
    #[command(
        after_help = "Example:\n  jinzhu leave request 500114199001011234 --type annual --from 2026-09-28 --to 2026-10-09 --reason 探亲\n  jinzhu leave request 12 --type 事假 --from 2026-11-03 --to 2026-11-03 --half pm --reason 办理私事"
    )]
    Request {
        /// ID number or internal id.
        person: String,
        /// annual, personal, sick, marriage, maternity, paternity, bereavement, family-visit, other, official (公假: asked by the unit), out (临时外出) (or 年休假, 事假, …).
        #[arg(long = "type")]
        kind: String,
        #[arg(long)]
        /// First day of the leave (YYYY-MM-DD).
        from: String,
        #[arg(long)]
        /// Last day of the leave (YYYY-MM-DD).
        to: String,
        /// am or pm: half a day (from and to the same day).
        #[arg(long)]
        half: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        /// Why.
        reason: String,
    },
    /// Change a pending leave (dates, half day, type, reason); every rule is checked again.
    #[command(after_help = "Example:\n  jinzhu leave edit 5 --to 2026-10-08 --reason 探亲（提前返岗）")]
    Edit {
        /// The leave's id.
        id: String,
        /// The new type.
        #[arg(long = "type")]
        kind: Option<String>,
        /// The new first day.
        #[arg(long)]
        from: Option<String>,
        /// The new last day.
        #[arg(long)]
        to: Option<String>,
        /// am or pm; "" for a whole day.
        #[arg(long)]
        half: Option<String>,
        /// The new reason.
        #[arg(long, allow_hyphen_values = true)]
        reason: Option<String>,
    },
    /// Approve a pending leave.
    #[command(after_help = "Example:\n  jinzhu leave approve 5")]
    Approve {
        /// The leave's id.
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        /// A note on the decision.
        reason: Option<String>,
    },
    /// Refuse a pending leave, with a reason.
    #[command(after_help = "Example:\n  jinzhu leave reject 5 --reason 窗口人手不足")]
    Reject {
        /// The leave's id.
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why not.
        reason: String,
    },
    /// Withdraw a pending leave, or an approved one that has not started.
    #[command(after_help = "Example:\n  jinzhu leave cancel 5 --reason 行程取消")]
    Cancel {
        /// The leave's id.
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why it is withdrawn.
        reason: Option<String>,
    },
    /// Revoke an approved leave, begun or not: its days no longer count, the balance is restored.
    #[command(after_help = "Example:\n  jinzhu leave revoke 5 --reason 录入人员错误")]
    Revoke {
        /// The leave's id.
        id: String,
        /// Why (kept with the leave and in the audit log).
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// Record the return (销假): DATE is the first day back at work; --correct fixes one recorded wrong.
    #[command(
        after_help = "Example:\n  jinzhu leave return 5 --date 2026-10-08\n  jinzhu leave return 5 --date 2026-10-09 --correct --reason 销假日期录错"
    )]
    Return {
        /// The leave's id.
        id: String,
        /// The first day back at work, within the leave or the first working day after it.
        #[arg(long)]
        date: String,
        /// Correct the return date already recorded (needs --reason).
        #[arg(long, requires = "reason")]
        correct: bool,
        /// Why the recorded return date is wrong.
        #[arg(long, allow_hyphen_values = true)]
        reason: Option<String>,
    },
    /// List leaves.
    #[command(after_help = "Example:\n  jinzhu leave list --status approved --year 2026")]
    List {
        #[arg(long)]
        /// Only this person (ID number or internal id).
        person: Option<String>,
        #[arg(long)]
        /// Only this status: pending, approved, rejected, cancelled, returned, revoked.
        status: Option<String>,
        #[arg(long)]
        /// Only leaves touching this year.
        year: Option<i32>,
    },
    /// Annual leave: entitlement, taken, pending, remaining (and why none, if none).
    #[command(after_help = "Example:\n  jinzhu leave balance 500114199001011234 --year 2026")]
    Balance {
        /// ID number or internal id.
        person: String,
        /// [default: the year of --today]
        #[arg(long)]
        year: Option<i32>,
    },
    /// The holiday calendar: import a year (columns date,kind,name) or list it.
    #[command(subcommand)]
    Holidays(HolidaysCmd),
    /// How each leave type counts its days; --set TYPE=working|calendar changes one.
    #[command(after_help = "Example:\n  jinzhu leave types --set sick=calendar")]
    Types {
        #[arg(long)]
        /// TYPE=working or TYPE=calendar: how a type counts its days.
        set: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum HolidaysCmd {
    /// Import holidays and make-up working days; a year in the file replaces that year.
    #[command(after_help = "Example:\n  jinzhu leave holidays import examples/holidays-2026.csv")]
    Import {
        /// A .csv or .xlsx of official days (date, kind holiday/workday, name).
        file: PathBuf,
        #[command(flatten)]
        source: SourceArgs,
    },
    /// List the calendar.
    #[command(after_help = "Example:\n  jinzhu leave holidays list --year 2026")]
    List {
        #[arg(long)]
        /// Only this year.
        year: Option<i32>,
    },
}

fn done(app: &App, l: &Leave) -> Result<()> {
    let msg = Msg::new("done.leave")
        .arg("id", l.id)
        .label("status", l.status.label_key())
        .arg(
            "days",
            if matches!(l.status, LeaveStatus::Approved | LeaveStatus::Returned) { l.days_taken } else { l.days },
        )
        .label("counting", l.counting.label_key());
    app.out.created(l.id, &json(l), msg)
}

pub fn run(app: &App, cmd: LeaveCmd) -> Result<()> {
    match cmd {
        LeaveCmd::Request { person, kind, from, to, half, reason } => {
            let (from, to) = (date_arg("from", &from)?, date_arg("to", &to)?);
            let n = NewLeave { person: &person, kind: &kind, from, to, half: half.as_deref(), reason: &reason };
            let l = app.write(|tx| leave::request(tx, n))?;
            done(app, &l)
        }
        LeaveCmd::Edit { id, kind, from, to, half, reason } => {
            let id = parse_id("id", &id)?;
            let from = from.as_deref().map(|d| date_arg("from", d)).transpose()?;
            let to = to.as_deref().map(|d| date_arg("to", d)).transpose()?;
            let e = LeaveEdit { kind: kind.as_deref(), from, to, half: half.as_deref(), reason: reason.as_deref() };
            done(app, &app.write(|tx| leave::edit(tx, id, e))?)
        }
        LeaveCmd::Revoke { id, reason } => {
            let id = parse_id("id", &id)?;
            done(app, &app.write(|tx| leave::revoke(tx, id, &reason))?)
        }
        LeaveCmd::Approve { id, reason } => {
            let id = parse_id("id", &id)?;
            done(app, &app.write(|tx| leave::approve(tx, id, reason.as_deref()))?)
        }
        LeaveCmd::Reject { id, reason } => {
            let id = parse_id("id", &id)?;
            done(app, &app.write(|tx| leave::reject(tx, id, Some(&reason)))?)
        }
        LeaveCmd::Cancel { id, reason } => {
            let id = parse_id("id", &id)?;
            done(app, &app.write(|tx| leave::cancel(tx, id, reason.as_deref()))?)
        }
        LeaveCmd::Return { id, date, correct, reason } => {
            let id = parse_id("id", &id)?;
            let back = date_arg("date", &date)?;
            match (correct, reason) {
                (true, Some(reason)) => done(app, &app.write(|tx| leave::correct_return(tx, id, back, &reason))?),
                _ => done(app, &app.write(|tx| leave::return_on(tx, id, back))?),
            }
        }
        LeaveCmd::List { person, status, year } => {
            app.out.table(&app.open()?.read(|c| leave::list(c, person.as_deref(), status.as_deref(), year))?)
        }
        LeaveCmd::Balance { person, year } => {
            let year = year.unwrap_or(app.ctx.today.year());
            let (_, table) = app.open()?.read(|c| leave::balance_table(c, &person, year))?;
            app.out.table(&table)
        }
        LeaveCmd::Holidays(HolidaysCmd::Import { file, source }) => source.import(app, &file, calendar::import),
        LeaveCmd::Holidays(HolidaysCmd::List { year }) => {
            app.out.table(&app.open()?.read(|c| calendar::list(c, year))?)
        }
        LeaveCmd::Types { set } => {
            if let Some(setting) = set {
                app.write(|tx| leave::set_counting(tx, &setting))?;
            }
            app.out.table(&app.open()?.read(leave::types)?)
        }
    }
}

/// `--month YYYY-MM` or `--year Y` as a date range.
pub fn period(month: Option<&str>, year: Option<i32>) -> jinzhu::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    match (month, year) {
        (Some(m), _) => {
            let first = jinzhu::base::parse::month(m).map_err(|r| Error::invalid("month", m, r))?;
            Ok(leave::month_range(first))
        }
        (None, Some(y)) => Ok(leave::year_range(y)),
        (None, None) => Err(Error::invalid("month", "", Msg::new("reason.required"))),
    }
}
