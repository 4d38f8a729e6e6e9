//! `jinzhu assign propose|approve|reject|start|renew|end|chief|list|show` (Art 6–13, 25).

use anyhow::Result;
use clap::Subcommand;
use jinzhu::base::i18n::Msg;
use jinzhu::domain::stationing::{self, Assignment, parse_id};
use jinzhu::storage::audit::json;

use super::{App, date_arg, date_or_today};

#[derive(Subcommand)]
pub enum AssignCmd {
    /// Propose a stationing: Art 6/7 are checked on the start date.
    #[command(
        after_help = "Example:\n  jinzhu assign propose 500114199001011234 --start 2026-03-01 --window 3号窗口\n  jinzhu assign propose 12 --start 2026-03-01 --exception \"业务骨干，经中心研究同意\""
    )]
    Propose {
        /// ID number or internal id of the person.
        person: String,
        #[arg(long)]
        /// The proposed first day (YYYY-MM-DD).
        start: String,
        /// Center code [default: the first center].
        #[arg(long)]
        center: Option<String>,
        #[arg(long)]
        /// The window they will serve at.
        window: Option<String>,
        /// Reason for stationing although a soft (原则上) rule of Art 6/7 fails; stored.
        #[arg(long, allow_hyphen_values = true)]
        exception: Option<String>,
        /// The day the unit proposed the person [default: today]; no approval may be dated before it.
        #[arg(long)]
        date: Option<String>,
    },
    /// Record one body's approval (Art 8: center, org-dept; Art 9: gsmo, center).
    #[command(
        after_help = "Example:\n  jinzhu assign approve 7 --by center --doc 黔江政务〔2026〕15号 --date 2026-02-20 --remark 已审核第四、五条"
    )]
    Approve {
        /// The stationing's id.
        id: String,
        /// center (区行政服务中心), org-dept (组织人事部门) or gsmo (区政务服务管理办公室).
        #[arg(long)]
        by: String,
        #[arg(long)]
        /// The approving document's number (文号).
        doc: String,
        #[arg(long)]
        /// The approval's date (YYYY-MM-DD) [default: today].
        date: Option<String>,
        /// E.g. that the review covered Art 4 and 5 (health, conduct, knowledge of the business).
        #[arg(long, allow_hyphen_values = true)]
        remark: Option<String>,
    },
    /// A body refuses the proposal.
    #[command(after_help = "Example:\n  jinzhu assign reject 7 --by org-dept --reason 未满足第七条")]
    Reject {
        /// The stationing's id.
        id: String,
        #[arg(long)]
        /// Who refused: center, org-dept or gsmo.
        by: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why.
        reason: String,
    },
    /// Withdraw an approval given in error, before the start; it is kept with the reason.
    #[command(after_help = "Example:\n  jinzhu assign revoke-approval 7 --by center --reason 审批日期有误")]
    RevokeApproval {
        /// The stationing's id.
        id: String,
        /// The body whose approval is withdrawn: center, org-dept or gsmo.
        #[arg(long)]
        by: String,
        /// Why (kept with the withdrawn approval and in the audit log).
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// Put a wrong window or center right, before the start.
    #[command(after_help = "Example:\n  jinzhu assign correct 7 --window 3号窗口 --reason 窗口号录错")]
    Correct {
        /// The stationing's id.
        id: String,
        /// The right center's code.
        #[arg(long)]
        center: Option<String>,
        /// The right window.
        #[arg(long)]
        window: Option<String>,
        /// Why (kept in the audit log).
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// Start an approved stationing; its three-year term begins.
    #[command(after_help = "Example:\n  jinzhu assign start 7 --date 2026-03-01 --transfer-union --transfer-party")]
    Start {
        /// The stationing's id.
        id: String,
        /// [default: the proposed start]
        #[arg(long)]
        date: Option<String>,
        /// Move the union membership to the center's union (Art 8).
        #[arg(long)]
        transfer_union: bool,
        /// Move the party relation to the center's branch (Art 8; party members only).
        #[arg(long)]
        transfer_party: bool,
        /// Reason, if a soft rule fails on the actual start date and no exception covers it.
        #[arg(long, allow_hyphen_values = true)]
        exception: Option<String>,
    },
    /// A further three-year term, at or after the current term's end (Art 11).
    #[command(after_help = "Example:\n  jinzhu assign renew 7 --doc 黔江政务〔2029〕3号")]
    Renew {
        /// The stationing's id.
        id: String,
        #[arg(long)]
        /// The document approving the renewal.
        doc: String,
        /// Reason for renewing although a soft (原则上) rule of Art 6/7 fails on the new term's first day; stored.
        #[arg(long, allow_hyphen_values = true)]
        exception: Option<String>,
    },
    /// End a stationing; DATE is the last day stationed.
    #[command(after_help = "Example:\n  jinzhu assign end 7 --date 2026-09-30 --reason 调回原单位")]
    End {
        /// The stationing's id.
        id: String,
        /// The last day stationed.
        #[arg(long)]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why it ends.
        reason: String,
        /// Before the term's last day: the unit's letter number (with --reply).
        #[arg(long, requires = "reply", conflicts_with = "cause")]
        letter: Option<String>,
        /// Before the term's last day: the center's reply (函复) number (with --letter).
        #[arg(long, requires = "letter")]
        reply: Option<String>,
        /// Before the term's last day, a cause that needs no letter: retirement, death, dismissal or archived.
        #[arg(long)]
        cause: Option<String>,
    },
    /// Name a unit's chief representative (Art 12) with the authorised powers (Art 13).
    #[command(
        after_help = "Example:\n  jinzhu assign chief SCJG 500114198005052292 --doc 黔江市监〔2026〕8号 --powers approve,review,seal,coordinate"
    )]
    Chief {
        /// The unit's code or name.
        unit: String,
        /// ID number or internal id of the stationed person.
        person: String,
        /// The authorisation document number.
        #[arg(long)]
        doc: String,
        /// Comma-separated: approve, review, seal, coordinate (or their Chinese names).
        #[arg(long)]
        powers: String,
        #[arg(long)]
        /// From which day (YYYY-MM-DD) [default: today].
        date: Option<String>,
    },
    /// Import an existing roster: each row proposed, approved with its documents and started.
    #[command(
        after_help = "Example:\n  jinzhu assign import roster.csv\n  columns: id_number,start,center,window,center_doc,org_dept_doc,gsmo_doc,approved_on,exception"
    )]
    Import {
        /// A .csv or .xlsx file of stationings.
        file: std::path::PathBuf,
        #[command(flatten)]
        source: super::SourceArgs,
    },
    /// List assignments.
    #[command(after_help = "Example:\n  jinzhu assign list --status proposed")]
    List {
        #[arg(long)]
        /// Only this status: proposed, approved, active, ended, rejected.
        status: Option<String>,
        #[arg(long)]
        /// Only this unit (code or name).
        unit: Option<String>,
    },
    /// One assignment: approvals, exceptions, terms, chief authorisations, history.
    #[command(after_help = "Example:\n  jinzhu assign show 7")]
    Show {
        /// The stationing's id.
        id: String,
    },
    /// List the chief representatives, past and present.
    #[command(after_help = "Example:\n  jinzhu assign chiefs")]
    Chiefs,
}

fn created(app: &App, a: &Assignment, key: &'static str) -> Result<()> {
    let end = a.term_end.map(|d| d.to_string()).unwrap_or_default();
    let mut msg = Msg::new(key).arg("id", a.id).label("status", a.status.label_key()).arg("end", end);
    if !a.needs.is_empty() {
        msg = Msg::new("done.assignment.needs").arg("id", a.id).arg(
            "needs",
            a.needs
                .iter()
                .map(|b| b.label(app.lang()))
                .collect::<Vec<_>>()
                .join(jinzhu::base::i18n::list_separator(app.lang())),
        );
    }
    app.out.created(a.id, &json(a), msg)
}

pub fn run(app: &App, cmd: AssignCmd) -> Result<()> {
    match cmd {
        AssignCmd::Propose { person, start, center, window, exception, date } => {
            let start = date_arg("start", &start)?;
            let proposed_on = date.as_deref().map(|d| date_arg("date", d)).transpose()?;
            let a = app.write(|tx| {
                let (center, window, exception) = (center.as_deref(), window.as_deref(), exception.as_deref());
                stationing::propose(tx, &person, start, center, window, exception, proposed_on)
            })?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::Approve { id, by, doc, date, remark } => {
            let id = parse_id("id", &id)?;
            let date = date_or_today(app, "date", date.as_deref())?;
            let a = app.write(|tx| stationing::approve(tx, id, &by, &doc, date, remark.as_deref()))?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::Reject { id, by, reason } => {
            let id = parse_id("id", &id)?;
            let a = app.write(|tx| stationing::reject(tx, id, &by, &reason))?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::RevokeApproval { id, by, reason } => {
            let id = parse_id("id", &id)?;
            let a = app.write(|tx| stationing::revoke_approval(tx, id, &by, &reason))?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::Correct { id, center, window, reason } => {
            let id = parse_id("id", &id)?;
            let a = app.write(|tx| stationing::correct(tx, id, center.as_deref(), window.as_deref(), &reason))?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::Start { id, date, transfer_union, transfer_party, exception } => {
            let id = parse_id("id", &id)?;
            let date = date.map(|d| date_arg("date", &d)).transpose()?;
            let a =
                app.write(|tx| stationing::start(tx, id, date, transfer_union, transfer_party, exception.as_deref()))?;
            created(app, &a, "done.assignment.started")
        }
        AssignCmd::Renew { id, doc, exception } => {
            let id = parse_id("id", &id)?;
            let a = app.write(|tx| stationing::renew(tx, id, &doc, exception.as_deref()))?;
            created(app, &a, "done.assignment.started")
        }
        AssignCmd::End { id, date, reason, letter, reply, cause } => {
            let id = parse_id("id", &id)?;
            let date = date_arg("date", &date)?;
            let basis = match (&letter, &reply, &cause) {
                (Some(letter), Some(reply), _) => stationing::EndBasis::Letter { letter, reply },
                (_, _, Some(cause)) => stationing::EndBasis::Cause(cause),
                _ => stationing::EndBasis::None,
            };
            let a = app.write(|tx| stationing::end(tx, id, date, &reason, basis))?;
            created(app, &a, "done.assignment")
        }
        AssignCmd::Chief { unit, person, doc, powers, date } => {
            let date = date_or_today(app, "date", date.as_deref())?;
            let chief = app.write(|tx| stationing::name_chief(tx, &unit, &person, &doc, &powers, date))?;
            let msg = Msg::new("done.chief").arg("unit", &chief.unit_name).arg("name", &chief.person).arg("date", date);
            app.out.created(chief.id, &json(&chief), msg)
        }
        AssignCmd::Import { file, source } => source.import(app, &file, stationing::import),
        AssignCmd::List { status, unit } => {
            app.out.table(&app.open()?.read(|c| stationing::list(c, status.as_deref(), unit.as_deref()))?)
        }
        AssignCmd::Show { id } => {
            let id = parse_id("id", &id)?;
            app.out.tables(&app.open()?.read(|c| stationing::show(c, id))?)
        }
        AssignCmd::Chiefs => app.out.table(&app.open()?.read(|c| stationing::chief_table(c, None))?),
    }
}
