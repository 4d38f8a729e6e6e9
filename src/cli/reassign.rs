//! `jinzhu reassign request|reply|list|show` (Art 11).

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::stationing::{self, Replacement, parse_id};
use jinzhu::storage::audit::json;

use super::{App, date_arg};

#[derive(Subcommand)]
pub enum ReassignCmd {
    /// Record a unit's official letter asking to replace a stationed person.
    #[command(
        after_help = "Example:\n  jinzhu reassign request 7 --replacement 500114199203041234 --letter 黔江市监函〔2026〕21号 \\\n    --reason 工作需要 --date 2026-10-01"
    )]
    Request {
        /// The assignment to replace.
        assignment: String,
        /// ID number or id of the new person.
        #[arg(long)]
        replacement: String,
        /// The unit's letter number.
        #[arg(long)]
        letter: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why the unit asks for the replacement.
        reason: String,
        /// The day the replacement starts.
        #[arg(long)]
        date: String,
        /// Reason, if the replacement fails a soft rule of Art 6/7.
        #[arg(long, allow_hyphen_values = true)]
        exception: Option<String>,
    },
    /// The center's formal reply (函复): approve or reject a request.
    #[command(
        after_help = "Example:\n  jinzhu reassign reply 3 --doc 黔江政务函〔2026〕40号 --approve\n  jinzhu reassign reply 3 --doc 黔江政务函〔2026〕41号 --reject --reason 人选不符合第六条"
    )]
    Reply {
        /// The request's id.
        request: String,
        #[arg(long)]
        /// The center's reply document (文号).
        doc: String,
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        /// The center agrees.
        approve: bool,
        #[arg(long, requires = "reason")]
        /// The center does not agree.
        reject: bool,
        /// The date of the reply [default: today]; an approved replacement starts on or after it.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        /// Why not (with --reject).
        reason: Option<String>,
    },
    /// List replacement requests.
    #[command(after_help = "Example:\n  jinzhu reassign list --status pending")]
    List {
        #[arg(long)]
        /// Only this status: pending, approved, rejected.
        status: Option<String>,
    },
    /// One request and its history.
    #[command(after_help = "Example:\n  jinzhu reassign show 3")]
    Show {
        /// The request's id.
        request: String,
    },
}

pub fn run(app: &App, cmd: ReassignCmd) -> Result<()> {
    match cmd {
        ReassignCmd::Request { assignment, replacement, letter, reason, date, exception } => {
            let id = parse_id("assignment", &assignment)?;
            let effective = date_arg("date", &date)?;
            let request = Replacement {
                assignment: id,
                replacement: &replacement,
                letter: &letter,
                reason: &reason,
                effective,
                exception: exception.as_deref(),
            };
            let r = app.write(|tx| stationing::request(tx, request))?;
            let key = if r.mid_term { "done.request.mid-term" } else { "done.request" };
            app.out.created(r.id, &json(&r), Msg::new(key).arg("id", r.id).arg("date", r.effective))
        }
        ReassignCmd::Reply { request, doc, approve, reason, date, .. } => {
            let id = parse_id("request", &request)?;
            let replied_on = super::date_or_today(app, "date", date.as_deref())?;
            let r = app.write(|tx| stationing::reply(tx, id, &doc, replied_on, approve, reason.as_deref()))?;
            let msg = Msg::new("done.reply").arg("id", r.id).label("status", r.status.label_key());
            app.out.created(r.id, &json(&r), msg)
        }
        ReassignCmd::List { status } => {
            app.out.table(&app.open()?.read(|c| stationing::requests(c, status.as_deref()))?)
        }
        ReassignCmd::Show { request } => {
            let id = parse_id("request", &request)?;
            app.out.tables(&app.open()?.read(|c| stationing::show_request(c, id))?)
        }
    }
}
