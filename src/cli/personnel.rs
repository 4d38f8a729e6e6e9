//! `jinzhu personnel add|edit|show|list|import|check|archive|template`.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use jinzhu::base::i18n::Msg;
use jinzhu::domain::personnel::{self, Fields};
use jinzhu::io::sheet::Input;
use jinzhu::io::table::Table;

use super::{App, SourceArgs, date_arg, date_or_today};

/// The fields of a person, as `add` requires them.
#[derive(Args)]
pub struct AddArgs {
    /// The 18-character resident ID number (birth date and sex are read from it).
    #[arg(long)]
    id_number: String,
    #[arg(long, allow_hyphen_values = true)]
    /// Full name.
    name: String,
    /// Unit code or name.
    #[arg(long)]
    unit: String,
    /// chief (科长), presiding-deputy (主持工作的副科长), deputy (副科长) or staff (工作人员).
    #[arg(long)]
    position: String,
    /// in (在编在岗) or out (非在编).
    #[arg(long)]
    establishment: String,
    /// civil-servant (公务员/参公), public-institution (事业单位) or other (编外).
    #[arg(long)]
    category: String,
    /// Date the person joined the unit.
    #[arg(long)]
    joined_unit: String,
    /// Date the person started working (参加工作时间).
    #[arg(long)]
    work_start: String,
    /// The position is filed with the organisation/personnel department (Art 6, 12).
    #[arg(long)]
    filed: bool,
    /// Member of the unit's government-service section (Art 10).
    #[arg(long)]
    service_section: bool,
    #[arg(long)]
    /// A member of the Communist Party of China (Art 15).
    party_member: bool,
    #[arg(long)]
    /// A member of the trade union (Art 15).
    union_member: bool,
    #[arg(long, allow_hyphen_values = true)]
    /// Phone number.
    phone: Option<String>,
}

/// The fields `edit` may change; yes/no fields take yes or no (是/否).
#[derive(Args)]
pub struct EditArgs {
    #[arg(long, allow_hyphen_values = true)]
    /// New full name.
    name: Option<String>,
    #[arg(long)]
    /// New home unit (code or name); refused while stationed.
    unit: Option<String>,
    #[arg(long)]
    /// New position: chief, presiding-deputy, deputy or staff.
    position: Option<String>,
    #[arg(long, value_name = "YES|NO")]
    /// yes or no: filed with the organisation/personnel department.
    filed: Option<String>,
    #[arg(long)]
    /// in or out of establishment.
    establishment: Option<String>,
    #[arg(long)]
    /// civil-servant, public-institution or other.
    category: Option<String>,
    #[arg(long)]
    /// When they joined the unit (YYYY-MM-DD).
    joined_unit: Option<String>,
    #[arg(long)]
    /// When they started work (YYYY-MM-DD).
    work_start: Option<String>,
    #[arg(long, value_name = "YES|NO")]
    /// yes or no: in the unit's government-service section.
    service_section: Option<String>,
    #[arg(long, value_name = "YES|NO")]
    /// yes or no: Party member.
    party_member: Option<String>,
    #[arg(long, value_name = "YES|NO")]
    /// yes or no: union member.
    union_member: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    /// New phone number.
    phone: Option<String>,
}

#[derive(Subcommand)]
pub enum PersonnelCmd {
    /// Register a person.
    #[command(
        after_help = "Example:\n  jinzhu personnel add --id-number 500114199001011234 --name 张伟 --unit SCJG \\\n    --position staff --establishment in --category civil-servant \\\n    --joined-unit 2018-07-01 --work-start 2013-07-01 --service-section"
    )]
    Add(AddArgs),
    /// Change fields of a person (the ID number stays).
    #[command(after_help = "Example:\n  jinzhu personnel edit 500114199001011234 --position chief --filed yes")]
    Edit {
        /// ID number or internal id.
        person: String,
        #[command(flatten)]
        fields: EditArgs,
    },
    /// One person's record.
    #[command(after_help = "Example:\n  jinzhu personnel show 12")]
    Show {
        /// ID number or internal id.
        person: String,
    },
    /// The register.
    #[command(after_help = "Example:\n  jinzhu personnel list --unit SCJG --output staff.xlsx")]
    List {
        /// Only this unit (code or name).
        #[arg(long)]
        unit: Option<String>,
        /// Include archived persons.
        #[arg(long)]
        all: bool,
    },
    /// Import persons from CSV (UTF-8 or GB18030) or .xlsx; all rows or none.
    #[command(
        after_help = "Example:\n  jinzhu personnel import 进驻人员.csv --encoding gb18030\n  jinzhu --dry-run personnel import staff.xlsx --sheet 名册"
    )]
    Import {
        /// A .csv or .xlsx roster (`jinzhu personnel template` gives the header).
        file: PathBuf,
        /// Update persons already registered instead of refusing them.
        #[arg(long)]
        update: bool,
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Which Art 6/7 rules a stationing starting on a date would break (everyone, without PERSON).
    #[command(after_help = "Example:\n  jinzhu personnel check 500114199001011234 --start 2026-03-01")]
    Check {
        /// ID number or internal id [default: every person].
        person: Option<String>,
        /// Start date of the stationing [default: today].
        #[arg(long)]
        start: Option<String>,
    },
    /// Archive a person who left the unit (kept, never deleted).
    #[command(after_help = "Example:\n  jinzhu personnel archive 12 --date 2026-06-30 --reason 调离本单位")]
    Archive {
        /// ID number or internal id.
        person: String,
        #[arg(long)]
        /// The day they left (YYYY-MM-DD).
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        /// Why (retired, transferred …).
        reason: String,
    },
    /// Print the import header row (in --lang).
    #[command(after_help = "Example:\n  jinzhu --lang zh personnel template > 进驻人员.csv")]
    Template,
}

fn add_fields(a: AddArgs) -> Fields {
    let b = |v: bool| Some(if v { "yes" } else { "no" }.to_string());
    [
        Some(a.id_number),
        Some(a.name),
        Some(a.unit),
        Some(a.position),
        b(a.filed),
        Some(a.establishment),
        Some(a.category),
        Some(a.joined_unit),
        Some(a.work_start),
        b(a.service_section),
        b(a.party_member),
        b(a.union_member),
        a.phone,
    ]
}

fn edit_fields(e: EditArgs) -> Fields {
    [
        None,
        e.name,
        e.unit,
        e.position,
        e.filed,
        e.establishment,
        e.category,
        e.joined_unit,
        e.work_start,
        e.service_section,
        e.party_member,
        e.union_member,
        e.phone,
    ]
}

pub fn run(app: &App, cmd: PersonnelCmd) -> Result<()> {
    match cmd {
        PersonnelCmd::Add(args) => {
            let fields = add_fields(args);
            let p = app.write(|tx| personnel::add(tx, &fields))?;
            let msg = Msg::new("done.created").label("entity", "entity.person").arg("id", p.id);
            app.out.created(p.id, &jinzhu::storage::audit::json(&p), msg)
        }
        PersonnelCmd::Edit { person, fields } => {
            let fields = edit_fields(fields);
            let p = app.write(|tx| personnel::edit(tx, &person, &fields))?;
            let msg = Msg::new("done.updated").label("entity", "entity.person").arg("id", p.id);
            app.out.created(p.id, &jinzhu::storage::audit::json(&p), msg)
        }
        PersonnelCmd::Show { person } => {
            let tables = app.open()?.read(|c| {
                let (p, table) = personnel::show(c, &person)?;
                Ok(vec![table, jinzhu::domain::stationing::history_of_person(c, p.id)?])
            })?;
            app.out.tables(&tables)
        }
        PersonnelCmd::List { unit, all } => {
            app.out.table(&app.open()?.read(|c| personnel::list(c, unit.as_deref(), all))?)
        }
        PersonnelCmd::Import { file, update, source } => {
            let encoding = source.encoding()?;
            let summary = app.write_as(source.bulk_for(&file), |tx| {
                personnel::import(tx, Input::Path(&file), encoding, source.sheet.as_deref(), update)
            })?;
            super::report_import(app, &summary);
            Ok(())
        }
        PersonnelCmd::Check { person, start } => {
            let on = date_or_today(app, "start", start.as_deref())?;
            let store = app.open()?;
            let table = match person {
                Some(p) => store.read(|c| personnel::check(c, &p, on))?.1,
                None => store.read(|c| personnel::check_all(c, on))?,
            };
            app.out.table(&table)
        }
        PersonnelCmd::Archive { person, date, reason } => {
            let date = date_arg("date", &date)?;
            let p = app.write(|tx| personnel::archive(tx, &person, date, &reason))?;
            app.out.say(Msg::new("done.archived").arg("id", p.id).arg("date", date));
            Ok(())
        }
        PersonnelCmd::Template => {
            let header = personnel::template_header(app.lang());
            match &app.out.file {
                Some(path) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) => {
                    write_template(app, path)?;
                    eprintln!("{}", path.display());
                    Ok(())
                }
                Some(_) => {
                    let mut t = Table::new(Msg::new("title.persons"), &[]);
                    t.columns = personnel::COLUMNS.iter().map(|c| c.key).collect();
                    app.out.table(&t)
                }
                None => {
                    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
                    w.write_record(header)?;
                    w.flush()?;
                    Ok(())
                }
            }
        }
    }
}

/// Rows of the template prepared for typing (text ID column, drop-down lists).
const TEMPLATE_ROWS: u32 = 2000;

/// `personnel template --output FILE.xlsx`: the header in the chosen language, the ID
/// column formatted as text (so that Excel and WPS keep all 18 digits), date columns as
/// dates, and drop-down lists for the columns with a closed set of values (and for the
/// units, when the database has them).
fn write_template(app: &App, path: &std::path::Path) -> Result<()> {
    use jinzhu::base::enums::{Category, Establishment, Position, bool_label_key};
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let lang = app.lang();
    let labels = |keys: Vec<&'static str>| {
        keys.into_iter().map(|k| jinzhu::base::i18n::text(lang, k).to_string()).collect::<Vec<_>>()
    };
    let yes_no = labels(vec![bool_label_key(true), bool_label_key(false)]);
    let units: Vec<String> =
        app.open().and_then(|store| store.read(jinzhu::domain::org::unit_names)).unwrap_or_default();
    let choices = |key: &str| -> Option<Vec<String>> {
        match key {
            "position" => Some(labels(Position::ALL.iter().map(|v| v.label_key()).collect())),
            "establishment" => Some(labels(Establishment::ALL.iter().map(|v| v.label_key()).collect())),
            "category" => Some(labels(Category::ALL.iter().map(|v| v.label_key()).collect())),
            "filed" | "service_section" | "party_member" | "union_member" => Some(yes_no.clone()),
            "unit" if !units.is_empty() && units.iter().map(|u| u.chars().count() + 1).sum::<usize>() < 255 => {
                Some(units.clone())
            }
            _ => None,
        }
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(jinzhu::base::i18n::text(lang, "title.persons"))?;
    let bold = Format::new().set_bold().set_text_wrap();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, spec) in personnel::COLUMNS.iter().enumerate() {
        let col = u16::try_from(col)?;
        let label = jinzhu::io::table::column_label(lang, spec.key);
        sheet.write_string_with_format(0, col, &label, &bold)?;
        let width = (label.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>() + 2.0).max(10.0);
        match spec.key {
            "id_number" | "phone" => sheet.set_column_range_format(col, col, &text)?.set_column_width(col, 22)?,
            "joined_unit" | "work_start" => {
                sheet.set_column_range_format(col, col, &date)?.set_column_width(col, 14)?
            }
            _ => sheet.set_column_width(col, width)?,
        };
        if let Some(values) = choices(spec.key) {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let validation = DataValidation::new().allow_list_strings(&values)?;
            sheet.add_data_validation(1, col, TEMPLATE_ROWS, col, &validation)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    jinzhu::storage::files::replace_file(path, |tmp| {
        book.save(tmp)
            .map_err(|e| jinzhu::Error::Other(Msg::new("error.io").arg("path", path.display()).arg("detail", e)))
    })?;
    Ok(())
}
