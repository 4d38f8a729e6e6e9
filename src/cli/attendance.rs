//! `jinzhu attendance schedule|pin|import|month|amend`: attendance from punch records
//! (Art 19, 21).

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::attendance::{self, MonthQuery};
use jinzhu::io::sheet::Input;

use super::{App, SourceArgs, date_arg, month_arg, report_import};

#[derive(Subcommand)]
pub enum AttendanceCmd {
    /// The center's work schedules (作息时间): import a version, list them.
    #[command(subcommand)]
    Schedule(ScheduleCmd),
    /// Map a terminal PIN or DingTalk 工号 to a person; --import reads a list of them, --list shows the mapping.
    #[command(
        after_help = "Example:\n  jinzhu attendance pin 500114199001011234 17\n  jinzhu attendance pin --import 考勤机用户.csv\n  jinzhu attendance pin --list"
    )]
    Pin {
        /// ID number or internal id.
        #[arg(required_unless_present_any = ["list", "import"])]
        person: Option<String>,
        /// The PIN or 工号 the terminal records.
        #[arg(required_unless_present_any = ["list", "import"])]
        pin: Option<String>,
        /// A file of PINs: columns id_number, pin (身份证号, 工号/考勤号).
        #[arg(long, conflicts_with_all = ["person", "pin", "replace", "list"])]
        import: Option<PathBuf>,
        #[command(flatten)]
        source: SourceArgs,
        /// Move the PIN from the person who holds it.
        #[arg(long)]
        replace: bool,
        /// Show every PIN and its person.
        #[arg(long, conflicts_with_all = ["person", "pin", "replace"])]
        list: bool,
    },
    /// Import punches: a sheet (ID number, 工号 or name, and the time), DingTalk's raw records, or a ZKTeco ATTLOG.
    #[command(
        after_help = "Example:\n  jinzhu attendance import 1_attlog.dat\n  jinzhu attendance import 钉钉原始记录.xlsx --skip-unknown"
    )]
    Import {
        /// The file (.csv, .xlsx or an ATTLOG .dat/.txt).
        file: PathBuf,
        #[command(flatten)]
        source: SourceArgs,
        /// List PINs and names no person has instead of refusing the file.
        #[arg(long)]
        skip_unknown: bool,
    },
    /// A month computed from the punches: late, early, missed punches, absence; --close makes them appraisal events.
    #[command(
        after_help = "Example:\n  jinzhu attendance month 2026-11\n  jinzhu attendance month 2026-11 --all --person 500114199001011234\n  jinzhu attendance month 2026-11 --close"
    )]
    Month {
        /// The month (YYYY-MM).
        month: String,
        /// Only this person (ID number or internal id).
        #[arg(long)]
        person: Option<String>,
        /// Only this unit (code or name).
        #[arg(long)]
        unit: Option<String>,
        /// Every working day, not only those with something to say.
        #[arg(long)]
        all: bool,
        /// Turn the month's results into appraisal events and freeze its punches.
        #[arg(long, conflicts_with_all = ["person", "unit", "all"])]
        close: bool,
    },
    /// Accept a missed punch (补签) with its reason: it counts as a punch.
    #[command(
        after_help = "Example:\n  jinzhu attendance amend 500114199001011234 --date 2026-11-03 --time 08:55 --reason 指纹机故障，经窗口负责人确认"
    )]
    Amend {
        /// ID number or internal id.
        person: String,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// The time of the punch (HH:MM or HH:MM:SS).
        #[arg(long)]
        time: String,
        /// Why the punch is missing and who confirmed it.
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum ScheduleCmd {
    /// Import a schedule version (JSON, see examples/schedule.json).
    #[command(after_help = "Example:\n  jinzhu attendance schedule import examples/schedule.json")]
    Import {
        /// The schedule as JSON (examples/schedule.json shows the shape).
        file: PathBuf,
        /// The center (its code) when the file names none [default: the first center].
        #[arg(long)]
        center: Option<String>,
    },
    /// Every schedule version: seasons, weekday exceptions, thresholds.
    #[command(after_help = "Example:\n  jinzhu attendance schedule list")]
    List,
}

pub fn run(app: &App, cmd: AttendanceCmd) -> Result<()> {
    match cmd {
        AttendanceCmd::Schedule(ScheduleCmd::Import { file, center }) => {
            let s = app.write(|tx| attendance::import_schedule(tx, &file, center.as_deref()))?;
            app.out.say(Msg::new("done.schedule").arg("name", &s.name).arg("effective", s.effective));
            Ok(())
        }
        AttendanceCmd::Schedule(ScheduleCmd::List) => app.out.table(&app.open()?.read(attendance::schedules)?),
        AttendanceCmd::Pin { list: true, .. } => app.out.table(&app.open()?.read(attendance::pins)?),
        AttendanceCmd::Pin { import: Some(file), source, .. } => source.import(app, &file, attendance::import_pins),
        AttendanceCmd::Pin { person, pin, replace, .. } => {
            let (person, pin) = (person.unwrap_or_default(), pin.unwrap_or_default());
            let p = app.write(|tx| attendance::set_pin(tx, &person, &pin, replace))?;
            app.out.say(Msg::new("done.pin").arg("pin", &p.pin).arg("name", &p.name));
            Ok(())
        }
        AttendanceCmd::Import { file, source, skip_unknown } => {
            let encoding = source.encoding()?;
            let (summary, record) = app.write_as(source.bulk_for(&file), |tx| {
                attendance::import_punches(tx, Input::Path(&file), encoding, source.sheet.as_deref(), skip_unknown)
            })?;
            app.out.note(Msg::new("done.punch.import").arg("format", &record.format).arg("sha256", &record.sha256));
            report_import(app, &summary);
            Ok(())
        }
        AttendanceCmd::Month { month, close: true, .. } => {
            let first = month_arg(&month)?;
            let events = app.write(|tx| attendance::close_attendance(tx, first))?;
            app.out.say(Msg::new("done.attendance.closed").arg("month", &month).arg("events", events));
            Ok(())
        }
        AttendanceCmd::Month { month, person, unit, all, .. } => {
            let q = MonthQuery { first: month_arg(&month)?, person: person.as_deref(), unit: unit.as_deref(), all };
            let store = app.open()?;
            app.out_with_head(&store)?.table(&store.read(|c| attendance::month_table(c, &q, app.ctx.today))?)
        }
        AttendanceCmd::Amend { person, date, time, reason } => {
            let date = date_arg("date", &date)?;
            let a = app.write(|tx| attendance::amend(tx, &person, date, &time, &reason))?;
            app.out.say(Msg::new("done.amend").arg("id", a.id).arg("at", &a.at));
            Ok(())
        }
    }
}
