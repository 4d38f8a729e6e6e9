//! `jinzhu appraise rules|record|events|void|correct|import|reviews|month|year|letters`
//! (Art 20–23).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use jinzhu::Error;
use jinzhu::base::i18n::Msg;
use jinzhu::base::parse;
use jinzhu::domain::appraisal::{self, Event};
use jinzhu::storage::audit::json;

use super::{App, SourceArgs, date_arg, date_or_today, month_arg};

#[derive(Subcommand)]
pub enum AppraiseCmd {
    /// The rule book (考核细则): import a version, or list the one in force.
    #[command(subcommand)]
    Rules(RulesCmd),
    /// Record an appraisal event for a stationed person.
    #[command(
        after_help = "Example:\n  jinzhu appraise record 500114199001011234 --rule LATE --date 2026-03-09 --note 8:47到岗"
    )]
    Record {
        /// ID number or internal id.
        person: String,
        /// The rule book item's code (see `jinzhu appraise rules list`).
        #[arg(long)]
        rule: String,
        #[arg(long)]
        /// When it happened (YYYY-MM-DD).
        date: String,
        #[arg(long, default_value = "1")]
        /// How many times [default: 1].
        times: String,
        #[arg(long, allow_hyphen_values = true)]
        /// What happened.
        note: Option<String>,
        /// Record an attendance item on a day off or of leave all the same (needs --note).
        #[arg(long)]
        force: bool,
    },
    /// List appraisal events with their ids, source and whether they still count.
    #[command(after_help = "Example:\n  jinzhu appraise events --month 2026-03 --person 500114199001011234")]
    Events {
        /// Only this person's (ID number or register id).
        #[arg(long)]
        person: Option<String>,
        /// Only this month's (YYYY-MM).
        #[arg(long)]
        month: Option<String>,
        /// Only this rule book item's.
        #[arg(long)]
        rule: Option<String>,
    },
    /// Void an event of an open month: it stops counting; the row stays, marked void.
    #[command(after_help = "Example:\n  jinzhu appraise void 8 --reason 次数录入错误")]
    Void {
        /// The event's id (`appraise events` lists them).
        event: i64,
        /// Why the event is void (kept with it and in the audit log).
        #[arg(long)]
        reason: String,
    },
    /// Correct an event of a closed month, in the current open month: the frozen month stays.
    #[command(after_help = "Example:\n  jinzhu appraise correct 8 --times 1 --reason 应为1次")]
    Correct {
        /// The event's id (`appraise events` lists them).
        event: i64,
        /// Why (kept with the correction and in the audit log).
        #[arg(long)]
        reason: String,
        /// What the event should have said [default: 0, it should not have counted].
        #[arg(long, allow_hyphen_values = true)]
        times: Option<String>,
    },
    /// Import events (columns id_number, rule, date, times, note); all rows or none.
    #[command(after_help = "Example:\n  jinzhu appraise import 2026-03考勤.xlsx")]
    Import {
        /// A .csv or .xlsx of events (id_number, rule, date, times, note).
        file: PathBuf,
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Import service reviews (好差评: case_no, id_number, date, grade 1–5); 1–2 deduct.
    #[command(after_help = "Example:\n  jinzhu appraise reviews 好差评-2026-03.csv --encoding gb18030")]
    Reviews {
        /// A .csv or .xlsx of 好差评 reviews (case_no, id_number, date, grade).
        file: PathBuf,
        #[command(flatten)]
        source: SourceArgs,
    },
    /// A month's scores; --close freezes them (Art 21).
    #[command(after_help = "Example:\n  jinzhu appraise month 2026-03\n  jinzhu appraise month 2026-03 --close")]
    Month {
        /// The month (YYYY-MM).
        month: String,
        /// Only this center's records (its code) [default: each center in turn].
        #[arg(long)]
        center: Option<String>,
        #[arg(long)]
        /// Freeze the month's results (after its last day; Art 21).
        close: bool,
        /// With --close: count bad reviews nobody verified as valid (ART16-REVIEW).
        #[arg(long, requires = "close")]
        count_unverified: bool,
    },
    /// A 好差评 review: the center's verdict on a bad one (Art 16).
    #[command(subcommand)]
    Review(ReviewCmd),
    /// A window's (unit's) own events: the rule book's window items recorded against a unit (Art 21).
    #[command(subcommand)]
    Window(WindowCmd),
    /// A year's grades under the excellent quota (Art 22): show the proposal, --publish it (公示), then --close.
    #[command(
        after_help = "Example:\n  jinzhu appraise year 2026 --ratio public-institution=0.15\n  jinzhu appraise year 2026 --quota civil-servant=12 --publish --date 2027-01-04\n  jinzhu appraise year 2026 --close"
    )]
    Year {
        /// The year (YYYY).
        year: i32,
        /// The center whose year it is (its code); needed when there are several, each with its own quota.
        #[arg(long)]
        center: Option<String>,
        /// CATEGORY=R: the share of 优秀 for an identity category (default 0.20, at most 0.25).
        #[arg(long)]
        ratio: Vec<String>,
        /// CATEGORY=N: the number of 优秀 the organisation/personnel department allocated (at most a quarter).
        #[arg(long)]
        quota: Vec<String>,
        /// Record the publication (公示) of the list; refused while a month of the year is open.
        #[arg(long, conflicts_with = "close")]
        publish: bool,
        /// The day of the publication [default: today].
        #[arg(long, requires = "publish")]
        date: Option<String>,
        /// Publish again, replacing the list: the 5 working days start anew (needs --reason).
        #[arg(long, requires_all = ["publish", "reason"])]
        republish: bool,
        /// Where the 公示 notice (.docx) and its list (.xlsx) are written, with --publish.
        #[arg(long, value_name = "DIR", default_value = ".", requires = "publish")]
        out: PathBuf,
        /// Why the list is published again.
        #[arg(long, allow_hyphen_values = true)]
        reason: Option<String>,
        /// Make the published grades final, 5 working days after the publication.
        #[arg(long)]
        close: bool,
    },
    /// Write one letter per unit with its staff's annual grades (Art 23).
    #[command(after_help = "Example:\n  jinzhu appraise letters 2026 --out letters-2026")]
    Letters {
        /// The closed year (YYYY).
        year: i32,
        /// The center whose letters these are (its code); needed when there are several.
        #[arg(long)]
        center: Option<String>,
        #[arg(long)]
        /// The folder to write the letters into.
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// Verify a bad review (grade 1–2): --valid deducts it, --invalid (mistaken or malicious) counts it nowhere.
    #[command(
        after_help = "Example:\n  jinzhu appraise review verify QJ2026030001 --valid --reason 回访核实，未一次性告知\n  jinzhu appraise review verify QJ2026030002 --invalid --reason 办事群众误选"
    )]
    Verify {
        /// The review's case number (办件编号).
        case: String,
        /// The review is well founded: it deducts the rule book's bad-review item.
        #[arg(long, required_unless_present = "invalid", conflicts_with = "invalid")]
        valid: bool,
        /// The review is mistaken or malicious: it counts in no score or rate.
        #[arg(long)]
        invalid: bool,
        /// What the verification found.
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// Record the rectification (整改) of a bad review verified valid: what was put right, and the complainant's verdict.
    #[command(
        after_help = "Example:\n  jinzhu appraise review rectify QJ2026030001 --note 已向群众道歉并一次性告知全部材料 --verdict 满意"
    )]
    Rectify {
        /// The review's case number (办件编号).
        case: String,
        /// What the unit put right.
        #[arg(long, allow_hyphen_values = true)]
        note: String,
        /// The day it was put right [default: today].
        #[arg(long)]
        date: Option<String>,
        /// The complainant's verdict: 满意, 基本满意 or 不满意 (satisfied, basically-satisfied, unsatisfied).
        #[arg(long)]
        verdict: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum WindowCmd {
    /// Record a window item against a unit (窗口秩序, 台账资料…); it counts in the window's score.
    #[command(
        after_help = "Example:\n  jinzhu appraise window record BDC --rule W-ORDER --date 2026-03-09 --note 台账资料未及时归档"
    )]
    Record {
        /// The unit's code or name.
        unit: String,
        /// The rule book's window item (see the windows section of the rule book).
        #[arg(long)]
        rule: String,
        /// When it happened (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// How many times [default: 1].
        #[arg(long, default_value = "1")]
        times: String,
        /// What happened.
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// Void a window event of an open month: it stops counting; the row stays, marked void.
    #[command(after_help = "Example:\n  jinzhu appraise window void 3 --reason 登记错误")]
    Void {
        /// The window event's id (`appraise window events` lists them).
        event: i64,
        /// Why it is void.
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// A month's window events with their ids.
    #[command(after_help = "Example:\n  jinzhu appraise window events --month 2026-03")]
    Events {
        /// The month (YYYY-MM).
        #[arg(long)]
        month: String,
    },
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// Import a rule book version (JSON, see examples/rulebook.json).
    #[command(after_help = "Example:\n  jinzhu appraise rules import examples/rulebook.json")]
    Import {
        /// The rule book as JSON (examples/rulebook.json shows the shape).
        file: PathBuf,
    },
    /// The rule book in force on a date [default: today].
    #[command(after_help = "Example:\n  jinzhu appraise rules list --date 2026-03-01")]
    List {
        #[arg(long)]
        /// The rule book in force on this day [default: today].
        date: Option<String>,
    },
}

fn event_done(app: &App, e: &Event) -> Result<()> {
    let msg = Msg::new("done.event").arg("id", e.id).arg("item", &e.item).arg("date", e.date);
    app.out.created(e.id, &json(e), msg)
}

pub fn run(app: &App, cmd: AppraiseCmd) -> Result<()> {
    match cmd {
        AppraiseCmd::Rules(RulesCmd::Import { file }) => {
            let rb = app.write(|tx| appraisal::import_rulebook(tx, &file))?;
            app.out.say(
                Msg::new("done.rulebook")
                    .arg("name", &rb.name)
                    .arg("effective", rb.effective)
                    .arg("items", rb.items.len()),
            );
            Ok(())
        }
        AppraiseCmd::Rules(RulesCmd::List { date }) => {
            let on = date_or_today(app, "date", date.as_deref())?;
            app.out.table(&app.open()?.read(|c| appraisal::rules_table(c, on))?)
        }
        AppraiseCmd::Record { person, rule, date, times, note, force } => {
            let date = date_arg("date", &date)?;
            let times = parse::int_at_least(&times, 1).map_err(|r| Error::invalid("times", &times, r))?;
            let e = app.write(|tx| appraisal::record(tx, &person, &rule, date, times, note.as_deref(), force))?;
            event_done(app, &e)
        }
        AppraiseCmd::Events { person, month, rule } => {
            let month = month.as_deref().map(month_arg).transpose()?;
            app.out.table(&app.open()?.read(|c| appraisal::events(c, person.as_deref(), month, rule.as_deref()))?)
        }
        AppraiseCmd::Void { event, reason } => {
            let e = app.write(|tx| appraisal::void(tx, event, &reason))?;
            let msg = Msg::new("done.event.void").arg("id", e.id).arg("item", &e.item).arg("date", e.date);
            app.out.created(e.id, &json(&e), msg)
        }
        AppraiseCmd::Correct { event, reason, times } => {
            let times =
                times.map(|t| parse::int_at_least(&t, 0).map_err(|r| Error::invalid("times", &t, r))).transpose()?;
            let c = app.write(|tx| appraisal::correct(tx, event, &reason, times))?;
            let msg = Msg::new("done.event.corrected")
                .arg("id", c.id)
                .arg("event", c.event_id)
                .arg("points", format!("{:+}", c.points))
                .arg("month", c.date.format("%Y-%m"));
            app.out.created(c.id, &json(&c), msg)
        }
        AppraiseCmd::Import { file, source } => source.import(app, &file, appraisal::import_events),
        AppraiseCmd::Reviews { file, source } => source.import(app, &file, appraisal::import_reviews),
        AppraiseCmd::Review(ReviewCmd::Verify { case, valid, reason, .. }) => {
            let r = app.write(|tx| appraisal::verify_review(tx, &case, valid, &reason))?;
            app.out.say(Msg::new("done.review.verified").arg("case", &r.case_no).label("state", r.state.label_key()));
            Ok(())
        }
        AppraiseCmd::Review(ReviewCmd::Rectify { case, note, date, verdict }) => {
            let date = date.as_deref().map(|d| date_arg("date", d)).transpose()?;
            let r = app.write(|tx| appraisal::rectify(tx, &case, &note, date, verdict.as_deref()))?;
            let on = r.rectified_on.unwrap_or(app.ctx.today);
            app.out.say(Msg::new("done.rectify").arg("case", case.trim()).arg("date", on));
            Ok(())
        }
        AppraiseCmd::Window(cmd) => window(app, cmd),
        AppraiseCmd::Month { month, center, close, count_unverified } => {
            let first = month_arg(&month)?;
            if close {
                // A closing job says what it froze; the bulletin is `report appraisal --month`.
                let (attendance, n) = app.write(|tx| {
                    let attendance = jinzhu::domain::attendance::close_pending_attendance(tx, first)?;
                    Ok((attendance, appraisal::close_month(tx, first, count_unverified)?))
                })?;
                if let Some(events) = attendance {
                    app.out.note(Msg::new("done.attendance.closed").arg("month", &month).arg("events", events));
                }
                app.out.say(Msg::new("done.month.closed").arg("month", &month).arg("persons", n));
                return Ok(());
            }
            month_report(app, &month, center.as_deref())
        }
        AppraiseCmd::Year { year, center, ratio, quota, publish, date, republish, reason, close, out } => {
            let store = app.open()?;
            let unit = store.read(|c| appraisal::year_center(c, center.as_deref()))?;
            if close {
                app.write(|tx| appraisal::close_year(tx, year, unit.id))?;
                app.out.note(Msg::new("done.year.closed").arg("year", year));
                return year_report(app, year, Some(&unit.code));
            }
            let quotas = appraisal::parse_quotas(&ratio, &quota)?;
            if publish {
                let on = date.as_deref().map(|d| date_arg("date", d)).transpose()?;
                let published = on.unwrap_or(app.ctx.today);
                let why = if republish { reason.as_deref() } else { None };
                let (rows, notes, notice) = app.write(|tx| {
                    let (rows, notes) = appraisal::publish_year(tx, (year, unit.id), &quotas, on, why)?;
                    let notice = appraisal::issue_publicity(tx, year, &unit, &rows, published)?;
                    Ok((rows, notes, notice))
                })?;
                write_publicity(app, &notice, year, &out)?;
                let state = appraisal::YearState { published_on: published, closed_on: None };
                return app.out.table(&appraisal::year_table(year, &rows, notes, Some(&state)));
            }
            match store.read(|c| appraisal::year_state(c, year, unit.id))? {
                Some(_) => year_report(app, year, Some(&unit.code)),
                None => {
                    let scope = jinzhu::domain::org::center_scope(unit.id);
                    let (_, rows, mut notes) =
                        store.read_through(&scope, |c| appraisal::compute_year(c, year, &quotas))?;
                    notes.push(Msg::new("note.year.unpublished").arg("year", year));
                    app.out.table(&appraisal::year_table(year, &rows, notes, None))
                }
            }
        }
        AppraiseCmd::Letters { year, center, out } => {
            let letters = app.write(|tx| {
                let unit = appraisal::year_center(tx, center.as_deref())?;
                appraisal::issue_letters(tx, year, &unit)
            })?;
            let head = app.out_with_head(&app.open()?)?.head;
            write_letters(app, &letters, year, &out, head)
        }
    }
}

fn window(app: &App, cmd: WindowCmd) -> Result<()> {
    match cmd {
        WindowCmd::Record { unit, rule, date, times, note } => {
            let date = date_arg("date", &date)?;
            let times = parse::int_at_least(&times, 1).map_err(|r| Error::invalid("times", &times, r))?;
            let e = app.write(|tx| appraisal::record_window_event(tx, &unit, &rule, date, times, note.as_deref()))?;
            let msg = Msg::new("done.window-event")
                .arg("id", e.id)
                .arg("unit", &e.unit)
                .arg("item", &e.item)
                .arg("date", e.date);
            app.out.created(e.id, &json(&e), msg)
        }
        WindowCmd::Void { event, reason } => {
            let e = app.write(|tx| appraisal::void_window_event(tx, event, &reason))?;
            let msg = Msg::new("done.event.void").arg("id", e.id).arg("item", &e.item).arg("date", e.date);
            app.out.created(e.id, &json(&e), msg)
        }
        WindowCmd::Events { month } => {
            let first = month_arg(&month)?;
            app.out.table(&app.open()?.read(|c| appraisal::window_events_table(c, first, app.lang()))?)
        }
    }
}

/// Writes each letter as .docx (GB/T 9704 信函格式) and its attachment as .xlsx into `out`.
pub fn write_letters(
    app: &App,
    letters: &[appraisal::Letter],
    year: i32,
    out: &std::path::Path,
    head: Option<String>,
) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for l in letters {
        let mut document = l.document.clone();
        document.trace = head.clone();
        // A unit name of 75 CJK characters is 225 bytes: cut to fit a 255-byte file name.
        let name = jinzhu::storage::files::safe_name(&l.unit_name, 150);
        let stem = format!("{}-{name}-{year}年度考核结果", jinzhu::storage::files::safe_name(&l.unit_code, 32));
        let docx = out.join(format!("{stem}.docx"));
        let bytes = document.to_bytes()?;
        jinzhu::storage::files::replace_with(&docx, |f| std::io::Write::write_all(f, &bytes))?;
        let file = Some(out.join(format!("{stem}.xlsx")));
        let sheet = super::output::Out { file, dry_run: false, quiet: true, head: head.clone(), ..app.out.clone() };
        sheet.table(&l.table)?;
    }
    app.out.say(Msg::new("done.letters").arg("count", letters.len()).arg("dir", out.display()));
    Ok(())
}

/// Writes the 公示 notice as .docx and its list as .xlsx into `out` (nothing under --dry-run).
pub fn write_publicity(app: &App, notice: &appraisal::Publicity, year: i32, out: &std::path::Path) -> Result<()> {
    if app.ctx.dry_run {
        return Ok(());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let stem = format!("{year}年度考核优秀等次人选公示");
    let bytes = notice.document.to_bytes()?;
    jinzhu::storage::files::replace_with(&out.join(format!("{stem}.docx")), |f| std::io::Write::write_all(f, &bytes))?;
    let sheet = super::output::Out { file: Some(out.join(format!("{stem}.xlsx"))), quiet: true, ..app.out.clone() };
    sheet.table(&notice.table)?;
    app.out.note(
        Msg::new("done.publicity")
            .arg("number", &notice.document.number)
            .arg("dir", out.display())
            .arg("last", notice.last_day),
    );
    Ok(())
}

/// `report appraisal --year Y`: the stored results of a year.
pub fn year_report(app: &App, year: i32, center: Option<&str>) -> Result<()> {
    let table = app.open()?.read(|c| {
        let unit = appraisal::year_center(c, center)?;
        let rows = appraisal::stored_year(c, year, unit.id)?;
        let state = appraisal::year_state(c, year, unit.id)?;
        Ok(appraisal::year_table(year, &rows, Vec::new(), state.as_ref()))
    })?;
    app.out.table(&table)
}

/// `report appraisal --month M`: the bulletin, per center when there are several.
pub fn month_report(app: &App, month: &str, center: Option<&str>) -> Result<()> {
    let first = month_arg(month)?;
    // A workbook also gets, per bulletin, a sheet of grades by unit with its chart.
    let workbook = app.out.file.as_ref().is_some_and(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")));
    super::report::per_center(app, center, |c| {
        let bulletin = appraisal::month_table(c, first, app.lang())?;
        Ok(if workbook {
            vec![appraisal::grade_distribution(&bulletin), bulletin].into_iter().rev().collect()
        } else {
            vec![bulletin]
        })
    })
}
