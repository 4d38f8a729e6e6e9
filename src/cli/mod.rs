//! The command line (SPEC §5): global options, one file per command group, and the one
//! place where errors become messages and exit codes.

// Command enums are parsed once per process; boxing their variants would only add noise.
#![allow(clippy::large_enum_variant)]

mod appraise;
mod assign;
mod attendance;
mod center;
mod clap_zh;
mod db;
mod demo;
mod help;
mod leave;
mod letters;
mod output;
mod personnel;
mod reassign;
mod report;
mod unit;

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use jinzhu::base::i18n::{Lang, Msg};
use jinzhu::io::sheet::{Encoding, ImportSummary, Input};
use jinzhu::io::table::View;
use jinzhu::{Ctx, Error, Store};

use output::{Format, Out};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    En,
    Zh,
}

/// Administration of the staff stationed at a government service center
/// (黔江区政务服务中心进驻人员管理办法, 2020).
#[derive(Parser)]
#[command(name = "jinzhu", version, about, after_help = OVERVIEW_EXAMPLES, args_override_self = true)]
struct Cli {
    /// The database file [default: jinzhu.db; for `demo`, jinzhu-demo.db].
    #[arg(long, global = true, env = "JINZHU_DB")]
    db: Option<PathBuf>,
    /// How results are printed.
    #[arg(long, global = true, value_enum, default_value = "table")]
    format: Format,
    /// Write results to FILE instead (.csv, .json or .xlsx, by extension).
    #[arg(long, global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Language of labels and messages [default: zh when LANG starts with zh, else en].
    #[arg(long, global = true, env = "JINZHU_LANG", value_enum)]
    lang: Option<LangArg>,
    /// The date every rule is checked against (YYYY-MM-DD) [default: today].
    #[arg(long, global = true, env = "JINZHU_TODAY", value_name = "DATE")]
    today: Option<String>,
    /// Who is acting, for the audit log [default: the login name].
    #[arg(long, global = true, env = "JINZHU_OPERATOR")]
    operator: Option<String>,
    /// Do everything and print it, but write nothing.
    #[arg(long, global = true)]
    dry_run: bool,
    /// Show ID numbers whole (they are masked by default).
    #[arg(long, global = true)]
    show_id: bool,
    /// Start CSV output with a byte-order mark, for Excel.
    #[arg(long, global = true)]
    bom: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

const OVERVIEW_EXAMPLES: &str = "Examples:
  jinzhu init --center-code QJ --center-name 黔江区政务服务中心
  jinzhu personnel import staff.xlsx
  jinzhu report audit --since 2026-01-01";

#[derive(Subcommand)]
enum Command {
    /// Create the database and its first center.
    #[command(after_help = "Example:\n  jinzhu --db center.db init --center-code QJ --center-name 黔江区政务服务中心")]
    Init {
        #[arg(long, default_value = "QJ")]
        /// Code of the first center.
        center_code: String,
        #[arg(long, default_value = "黔江区政务服务中心")]
        /// Name of the first center.
        center_name: String,
    },
    /// Build an example database from the bundled data and print the key reports.
    #[command(
        after_help = "Example:\n  jinzhu demo            # writes jinzhu-demo.db and prints the reports\n  jinzhu --lang zh demo"
    )]
    Demo(demo::DemoArgs),
    /// Check, back up, migrate or compact the database.
    #[command(subcommand)]
    Db(db::DbCmd),
    /// Centers: the district center, sub-centers, township centers (Art 25).
    #[command(subcommand)]
    Center(center::CenterCmd),
    /// The register of document numbers of the letters the center sends (Art 23).
    #[command(subcommand)]
    Letters(letters::LettersCmd),
    /// Stationing units, their window mode, case volume and incidents (Art 10, 17, 19).
    #[command(subcommand)]
    Unit(unit::UnitCmd),
    /// The personnel register and the Art 6/7 eligibility check.
    #[command(subcommand)]
    Personnel(personnel::PersonnelCmd),
    /// Stationing: proposals, approvals, terms, chief representatives (Art 6–13).
    #[command(subcommand)]
    Assign(assign::AssignCmd),
    /// Replacing a stationed person by the unit's letter and the center's reply (Art 11).
    #[command(subcommand)]
    Reassign(reassign::ReassignCmd),
    /// Leave requested from and approved by the center; the holiday calendar (Art 19).
    #[command(subcommand)]
    Leave(leave::LeaveCmd),
    /// Attendance from punch records: work schedules, PINs, punches, the month (Art 19, 21).
    #[command(subcommand)]
    Attendance(attendance::AttendanceCmd),
    /// Monthly and annual appraisal by the rule book; letters to units (Art 20–23).
    #[command(subcommand)]
    Appraise(appraise::AppraiseCmd),
    /// Reports.
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  jinzhu completions bash > /etc/bash_completion.d/jinzhu")]
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Write a man page for every command into DIR (jinzhu.1, jinzhu-leave-request.1, …).
    #[command(after_help = "Example:\n  jinzhu man /usr/local/share/man/man1 && man jinzhu-leave-request")]
    Man {
        /// The folder to write the pages into (made if missing).
        dir: PathBuf,
    },
}

/// What every command needs: the database path, the acting context, the output.
pub struct App {
    pub db: PathBuf,
    /// Where `demo` writes: `--db` when given, else its own file.
    pub demo_db: PathBuf,
    /// Whether `--today` was given (the demo tells its story on its own date otherwise).
    pub today_given: bool,
    pub ctx: Ctx,
    pub out: Out,
}

impl App {
    pub fn open(&self) -> jinzhu::Result<Store> {
        Store::open(&self.db)
    }

    /// The output, with the audit chain's head to print in the footer of its sheets: a
    /// printed report says which state of the records it shows.
    pub fn out_with_head(&self, store: &Store) -> jinzhu::Result<Out> {
        let head = store.read(jinzhu::storage::audit::head)?;
        Ok(Out { head: head.map(|(seq, hash)| format!("{seq}:{hash}")), ..self.out.clone() })
    }

    pub fn lang(&self) -> Lang {
        self.out.lang()
    }

    /// The audit key, where `JINZHU_KEY_FILE` or the config folder says, if it is there.
    pub fn key(&self) -> jinzhu::Result<Option<jinzhu::storage::key::AuditKey>> {
        jinzhu::storage::key::AuditKey::load(&jinzhu::storage::key::default_path())
    }

    /// Opens the database and runs one write transaction in it.
    pub fn write<T>(&self, f: impl FnOnce(&mut jinzhu::storage::store::Tx) -> jinzhu::Result<T>) -> jinzhu::Result<T> {
        self.write_as(false, f)
    }

    /// `write`, or `Store::write_bulk` when `bulk`.
    pub fn write_as<T>(
        &self,
        bulk: bool,
        f: impl FnOnce(&mut jinzhu::storage::store::Tx) -> jinzhu::Result<T>,
    ) -> jinzhu::Result<T> {
        let mut store = self.open()?;
        let value = if bulk { store.write_bulk(&self.ctx, f)? } else { store.write(&self.ctx, f)? };
        if self.ctx.dry_run {
            self.out.note(Msg::new("done.dry-run"));
        }
        Ok(value)
    }
}

/// How a spreadsheet is read.
#[derive(clap::Args)]
pub struct SourceArgs {
    /// Text encoding of a CSV file: utf-8 or gb18030.
    #[arg(long, default_value = "utf-8")]
    encoding: String,
    /// Sheet of an .xlsx file [default: the first].
    #[arg(long)]
    pub sheet: Option<String>,
    /// Hold the database for the whole import and write through SQLite's rollback
    /// journal, which is faster for very large files [default: on from 16 MiB].
    #[arg(long)]
    bulk: bool,
}

/// An import of the library: a transaction, the file, how to read it.
pub type Importer = fn(&mut jinzhu::storage::store::Tx, Input, Encoding, Option<&str>) -> jinzhu::Result<ImportSummary>;

impl SourceArgs {
    pub fn encoding(&self) -> jinzhu::Result<Encoding> {
        Encoding::parse(&self.encoding)
            .ok_or_else(|| Error::invalid("encoding", &self.encoding, Msg::new("reason.encoding")))
    }

    /// Whether importing `file` is a bulk write: asked for, or a large file.
    pub fn bulk_for(&self, file: &Path) -> bool {
        self.bulk || std::fs::metadata(file).is_ok_and(|m| m.len() >= jinzhu::storage::store::BULK_INPUT_BYTES)
    }

    /// Reads `file` as these flags say, imports it in one transaction, reports the result.
    pub fn import(&self, app: &App, file: &Path, importer: Importer) -> Result<()> {
        let encoding = self.encoding()?;
        let summary =
            app.write_as(self.bulk_for(file), |tx| importer(tx, Input::Path(file), encoding, self.sheet.as_deref()))?;
        report_import(app, &summary);
        Ok(())
    }
}

/// Prints what an import did (stdout), what the reading noticed and the columns it
/// ignored (stderr).
pub fn report_import(app: &App, s: &ImportSummary) {
    for note in &s.notes {
        app.out.note(note.clone());
    }
    for column in &s.ignored_columns {
        app.out.note(Msg::new("done.import.ignored").arg("column", column));
    }
    let key = if app.ctx.dry_run { "done.import.dry" } else { "done.import" };
    if app.out.format == Format::Json {
        let mut summary = serde_json::json!(s);
        summary["dry_run"] = app.ctx.dry_run.into();
        summary["bad_rows"] = serde_json::json!([]);
        println!("{summary}");
        return;
    }
    app.out.say(
        Msg::new(key).arg("file", &s.file).arg("inserted", s.inserted).arg("updated", s.updated).arg("rows", s.rows),
    );
}

/// A date argument; a bad one is bad input (exit 4), as SPEC §5 says.
pub fn date_arg(field: &str, value: &str) -> jinzhu::Result<NaiveDate> {
    jinzhu::base::parse::date(value).map_err(|reason| Error::invalid(field, value, reason))
}

/// A month argument (YYYY-MM): its first day.
pub fn month_arg(text: &str) -> jinzhu::Result<NaiveDate> {
    jinzhu::base::parse::month(text).map_err(|r| Error::invalid("month", text, r))
}

/// An optional date argument, defaulting to `--today`.
pub fn date_or_today(app: &App, field: &str, value: Option<&str>) -> jinzhu::Result<NaiveDate> {
    value.map_or(Ok(app.ctx.today), |v| date_arg(field, v))
}

fn command_line() -> String {
    std::env::args()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$`\\;&|<>*?".contains(c)) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The operator when none is given: the login name, from the environment or, when a
/// scheduled job runs without one, from the password database.
fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

fn account_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the name is copied
    // out at once, before any other call could reuse that storage (one thread here).
    unsafe {
        let entry = libc::getpwuid(libc::getuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        Some(std::ffi::CStr::from_ptr((*entry).pw_name).to_string_lossy().into_owned())
    }
}

fn lang_of(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => Lang::from_locale(std::env::var("LANG").ok().as_deref()),
    }
}

/// The language asked for before parsing (so that `--help` can use it): `--lang` on the
/// command line, then `JINZHU_LANG`, then `LANG`.
fn requested_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang=") {
        Some(v) => Some(v.to_string()),
        None if a == "--lang" => args.get(i + 1).cloned(),
        None => None,
    });
    match flag.or_else(|| std::env::var("JINZHU_LANG").ok()).as_deref().and_then(Lang::parse) {
        Some(lang) => lang,
        None => Lang::from_locale(std::env::var("LANG").ok().as_deref()),
    }
}

/// `jinzhu man DIR`: one page per command, in the language of `--lang`.
fn write_man_pages(app: &App, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let command = help::localize(Cli::command(), app.lang());
    let mut written = 0;
    // (file name, the command as typed, the command)
    let mut pages = vec![(command.get_name().to_string(), command.get_name().to_string(), command)];
    while let Some((name, spoken, command)) = pages.pop() {
        let path = dir.join(format!("{name}.1"));
        let page = command.clone().bin_name(spoken.clone()).display_name(spoken.clone());
        let page = clap_mangen::Man::new(page).title(name.to_uppercase());
        jinzhu::storage::files::replace_with(&path, |f| page.render(f))?;
        written += 1;
        for sub in command.get_subcommands() {
            pages.push((format!("{name}-{}", sub.get_name()), format!("{spoken} {}", sub.get_name()), sub.clone()));
        }
    }
    app.out.say(Msg::new("done.man").arg("count", written).arg("dir", dir.display()));
    Ok(())
}

/// Long work shows a spinner with its count on a terminal (indicatif draws nothing when
/// stderr is a pipe or a file, so scripts and CI see no progress lines).
fn show_progress(lang: Lang) {
    let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    jinzhu::base::progress::install(Box::new(move |msg| match msg {
        Some(msg) => {
            bar.set_message(msg.render(lang));
            bar.tick();
        }
        None => bar.finish_and_clear(),
    }));
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
            )
    })
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    let asked = requested_lang();
    let command = help::localize(Cli::command(), asked);
    let cli = match command.try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) if asked == Lang::Zh && e.use_stderr() => {
            eprintln!("{}", clap_zh::error(&e));
            return e.exit_code();
        }
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    let lang = lang_of(cli.lang);
    let json = cli.format == Format::Json;
    show_progress(lang);
    match run(cli, lang) {
        Ok(()) => 0,
        // The reader of a pipe (`| head`) has what it wanted: stop quietly.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let err = match e.downcast::<Error>() {
                Ok(err) => err,
                Err(other) => Error::Other(Msg::new("error.other").arg("detail", format!("{other:#}"))),
            };
            if json {
                eprintln!("{}", err.to_json(lang));
            } else {
                eprintln!("{}", err.render(lang));
            }
            err.exit_code()
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<()> {
    let today = match &cli.today {
        Some(t) => date_arg("today", t)?,
        None => chrono::Local::now().date_naive(),
    };
    let operator = cli.operator.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(login_name);
    // Every audit row and `report audit` carry the operator: no hidden characters in it.
    let operator = jinzhu::base::parse::text(&operator, 100).map_err(|r| Error::invalid("operator", &operator, r))?;
    let ctx = Ctx { today, operator, command: command_line(), dry_run: cli.dry_run };
    let out = Out {
        format: cli.format,
        file: cli.output.clone(),
        view: View { lang, show_id: cli.show_id },
        bom: cli.bom,
        dry_run: cli.dry_run,
        quiet: false,
        head: None,
    };
    out.validate()?;
    let app = App {
        db: cli.db.clone().unwrap_or_else(|| PathBuf::from("jinzhu.db")),
        demo_db: cli.db.clone().unwrap_or_else(|| PathBuf::from(demo::DEFAULT_DEMO_DB)),
        today_given: cli.today.is_some(),
        ctx,
        out,
    };
    match cli.command {
        None => overview(&app),
        Some(Command::Init { center_code, center_name }) => db::init(&app, &center_code, &center_name),
        Some(Command::Demo(args)) => demo::run(&app, args),
        Some(Command::Db(cmd)) => db::run(&app, cmd),
        Some(Command::Center(cmd)) => center::run(&app, cmd),
        Some(Command::Letters(cmd)) => letters::run(&app, cmd),
        Some(Command::Unit(cmd)) => unit::run(&app, cmd),
        Some(Command::Personnel(cmd)) => personnel::run(&app, cmd),
        Some(Command::Assign(cmd)) => assign::run(&app, cmd),
        Some(Command::Reassign(cmd)) => reassign::run(&app, cmd),
        Some(Command::Leave(cmd)) => leave::run(&app, cmd),
        Some(Command::Attendance(cmd)) => attendance::run(&app, cmd),
        Some(Command::Appraise(cmd)) => appraise::run(&app, cmd),
        Some(Command::Report(cmd)) => report::run(&app, cmd),
        Some(Command::Man { dir }) => write_man_pages(&app, &dir),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "jinzhu", &mut std::io::stdout());
            Ok(())
        }
    }
}

/// `jinzhu` with no command: the command groups and the database in use.
fn overview(app: &App) -> Result<()> {
    let mut cmd = Cli::command();
    let lang = app.lang();
    println!("jinzhu {} — {}", env!("CARGO_PKG_VERSION"), Msg::new("overview.tagline").render(lang));
    println!();
    for sub in cmd.get_subcommands_mut() {
        let name = sub.get_name().to_string();
        let key = format!("overview.group.{name}");
        let about = if jinzhu::base::i18n::has(&key) {
            jinzhu::base::i18n::text(lang, &key).to_string()
        } else {
            sub.get_about().map(|a| a.to_string()).unwrap_or_default()
        };
        println!("  {name:<12} {about}");
    }
    println!();
    println!("{}", describe_database(&app.db, lang).render(lang));
    println!("{}", Msg::new("overview.help").render(lang));
    Ok(())
}

fn describe_database(path: &Path, lang: Lang) -> Msg {
    match Store::open(path) {
        Ok(store) => Msg::new("overview.db")
            .arg("path", path.display())
            .arg("version", store.schema_version().unwrap_or_default()),
        Err(e) => Msg::new("overview.db-problem").arg("problem", e.render(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(cmd: &clap::Command, path: String, out: &mut Vec<(String, bool)>) {
        let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|c| c.get_name() != "help").collect();
        if subs.is_empty() {
            let has_example = cmd.get_after_help().is_some_and(|h| h.to_string().contains("Example"));
            out.push((path.clone(), has_example));
        }
        for sub in subs {
            leaves(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_command_has_an_example_in_its_help() {
        let mut all = Vec::new();
        leaves(&Cli::command(), "jinzhu".into(), &mut all);
        let missing: Vec<&String> = all.iter().filter(|(_, ok)| !ok).map(|(p, _)| p).collect();
        assert!(missing.is_empty(), "commands without an example: {missing:?}");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
