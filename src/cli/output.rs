//! Rendering what the library returns: terminal tables (comfy-table, fitted to the
//! terminal, CJK-width aware), CSV (optionally with a BOM for Excel), JSON, and .xlsx.
//! Files written here are readable by their owner only: they may hold ID numbers.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use comfy_table::{ContentArrangement, Table as Grid, presets};
use jinzhu::base::i18n::{self, Msg};
use jinzhu::io::table::{Cell, Table, View, display_width, neutralise_formula};
use jinzhu::storage::files::replace_with;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Where and how results go.
#[derive(Clone)]
pub struct Out {
    pub format: Format,
    pub file: Option<PathBuf>,
    pub view: View,
    pub bom: bool,
    /// `--dry-run`: a done-sentence is said in its "would" form.
    pub dry_run: bool,
    /// Files written are not named one by one (a folder of letters is named once).
    pub quiet: bool,
    /// The audit chain's head ("seq:hash"), printed in the footer of the sheets it writes.
    pub head: Option<String>,
}

enum Target {
    Terminal(Format),
    File(PathBuf, FileKind),
}

#[derive(Clone, Copy)]
enum FileKind {
    Csv,
    Json,
    Xlsx,
}

impl Out {
    fn target(&self) -> Result<Target> {
        match &self.file {
            None => Ok(Target::Terminal(self.format)),
            Some(path) => {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                let kind = match ext.as_str() {
                    "csv" => FileKind::Csv,
                    "json" => FileKind::Json,
                    "xlsx" => FileKind::Xlsx,
                    _ => {
                        return Err(
                            jinzhu::Error::invalid("output", path.display(), Msg::new("reason.output.type")).into()
                        );
                    }
                };
                Ok(Target::File(path.clone(), kind))
            }
        }
    }

    /// Checks `--output` before a command does its work.
    pub fn validate(&self) -> Result<()> {
        self.target().map(|_| ())
    }

    pub fn lang(&self) -> i18n::Lang {
        self.view.lang
    }

    pub fn table(&self, table: &Table) -> Result<()> {
        self.tables(std::slice::from_ref(table))
    }

    /// Several tables: one after another on the terminal, one sheet each in .xlsx.
    pub fn tables(&self, tables: &[Table]) -> Result<()> {
        match self.target()? {
            Target::Terminal(Format::Table) => {
                let mut out = std::io::stdout().lock();
                for (i, t) in tables.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    write!(out, "{}", self.grid(t))?;
                }
                Ok(())
            }
            Target::Terminal(Format::Csv) => self.write_csv(std::io::stdout().lock(), tables),
            Target::Terminal(Format::Json) => {
                let mut out = std::io::stdout().lock();
                serde_json::to_writer_pretty(&mut out, &self.json_of(tables))?;
                writeln!(out)?;
                Ok(())
            }
            Target::File(path, kind) => {
                match kind {
                    FileKind::Csv => replace_with(&path, |f| self.write_csv(f, tables).map_err(std::io::Error::other))?,
                    FileKind::Json => replace_with(&path, |f| {
                        serde_json::to_writer_pretty(&mut *f, &self.json_of(tables))?;
                        writeln!(f)
                    })?,
                    FileKind::Xlsx => self.write_xlsx(&path, tables)?,
                }
                if !self.quiet {
                    eprintln!("{}", path.display());
                }
                Ok(())
            }
        }
    }

    /// A created record: its id on stdout (so scripts can chain commands), or the whole
    /// record with `--format json` (ID numbers masked unless `--show-id`, as in reports);
    /// the human sentence on stderr.
    pub fn created(&self, id: impl std::fmt::Display, record: &Value, msg: Msg) -> Result<()> {
        if self.format == Format::Json {
            println!("{}", self.view.ids_in(&serde_json::to_string_pretty(record)?));
        } else {
            println!("{id}");
        }
        self.note(msg);
        Ok(())
    }

    /// A sentence for the person at the terminal (stderr, so stdout stays data).
    pub fn note(&self, msg: Msg) {
        eprintln!("{}", self.tense(msg).render(self.view.lang));
    }

    /// A done-sentence in its "would" form under `--dry-run` (`done.x.dry`).
    fn tense(&self, mut msg: Msg) -> Msg {
        if self.dry_run && msg.key.starts_with("done.") {
            msg.key = i18n::dry_run_key(msg.key);
        }
        msg
    }

    /// A result that is one sentence (stdout); with `--format json`, an object of what
    /// it says: `{"done": "backup", "path": …, "pages": …}` (the sentence under "message").
    pub fn say(&self, msg: Msg) {
        let msg = self.tense(msg);
        if self.format != Format::Json {
            println!("{}", msg.render(self.view.lang));
            return;
        }
        let mut obj = Map::new();
        obj.insert("done".into(), Value::from(msg.key.strip_prefix("done.").unwrap_or(msg.key)));
        for (name, arg) in &msg.args {
            let value = match arg {
                i18n::Arg::Plain(s) => serde_json::from_str::<serde_json::Number>(s)
                    .map_or_else(|_| Value::from(self.view.ids_in(s)), Value::Number),
                i18n::Arg::Key(k) => Value::from(k.rsplit_once('.').map_or(*k, |(_, v)| v)),
                i18n::Arg::Keys(ks) => {
                    ks.iter().map(|k| Value::from(k.rsplit_once('.').map_or(*k, |(_, v)| v))).collect()
                }
                i18n::Arg::Nested(m) => Value::from(m.render(self.view.lang)),
                i18n::Arg::List(ms) => ms.iter().map(|m| Value::from(m.render(self.view.lang))).collect(),
            };
            obj.insert((*name).to_string(), value);
        }
        obj.insert("message".into(), Value::from(msg.render(self.view.lang)));
        println!("{}", Value::Object(obj));
    }

    fn grid(&self, t: &Table) -> String {
        let title = t.shown_title().render(self.view.lang);
        if t.rows.is_empty() && t.totals.is_none() {
            // An empty group of a report in one line, not an empty frame.
            let mut s = format!("{}\n", Msg::new("table.none").arg("title", &title).render(self.view.lang));
            for n in &t.notes {
                s.push_str(&n.render(self.view.lang));
                s.push('\n');
            }
            return s;
        }
        let mut g = Grid::new();
        g.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
        g.set_header(t.header(self.view.lang));
        for row in t.rows.iter().chain(&t.totals) {
            g.add_row(row.iter().map(|c| c.display(&self.view)));
        }
        let mut s = format!("{title}\n{g}\n");
        for n in &t.notes {
            s.push_str(&n.render(self.view.lang));
            s.push('\n');
        }
        s
    }

    fn export_text(&self, c: &Cell) -> String {
        let s = c.display(&self.view);
        if c.is_text() { neutralise_formula(&s).into_owned() } else { s }
    }

    fn write_csv(&self, mut w: impl Write, tables: &[Table]) -> Result<()> {
        if self.bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        for (i, t) in tables.iter().enumerate() {
            if i > 0 {
                w.write_all(b"\n")?;
            }
            let mut csv = csv::WriterBuilder::new().flexible(true).from_writer(&mut w);
            if tables.len() > 1 {
                csv.write_record([neutralise_formula(&t.shown_title().render(self.view.lang)).as_ref()])?;
            }
            csv.write_record(t.header(self.view.lang))?;
            for row in t.rows.iter().chain(&t.totals) {
                csv.write_record(row.iter().map(|c| self.export_text(c)))?;
            }
            csv.flush()?;
        }
        Ok(())
    }

    fn json_cell(&self, c: &Cell) -> Value {
        match c {
            Cell::Empty | Cell::Json(None) => Value::Null,
            Cell::Int(i) => Value::from(*i),
            Cell::Num(x, _) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
            Cell::Money(fen) => serde_json::Number::from_f64(*fen as f64 / 100.0).map_or(Value::Null, Value::Number),
            Cell::Data(_, value) => value.clone(),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Label(k) => Value::String(k.rsplit_once('.').map_or(*k, |(_, v)| v).to_string()),
            Cell::Json(Some(s)) => {
                let shown = self.view.ids_in(s);
                serde_json::from_str(&shown).unwrap_or(Value::String(shown))
            }
            other => Value::String(other.display(&self.view)),
        }
    }

    /// A table as JSON: an array of row objects keyed by column, or one object keyed by
    /// field for a record (`show`), never labels that change with `--lang`.
    fn json_table(&self, t: &Table) -> Value {
        if t.is_record() {
            let fields = t.rows.iter().filter_map(|row| match (row.first(), row.get(1)) {
                (Some(Cell::Column(k)), Some(v)) => Some((k.to_string(), self.json_cell(v))),
                _ => None,
            });
            return Value::Object(fields.collect());
        }
        Value::Array(
            t.rows
                .iter()
                .map(|row| {
                    let obj: Map<String, Value> =
                        t.columns.iter().zip(row).map(|(k, c)| (k.to_string(), self.json_cell(c))).collect();
                    Value::Object(obj)
                })
                .collect(),
        )
    }

    /// One table as itself; several as one object keyed by their section ids (a second
    /// section of the same kind gets `_2`); a report of several centers as one object
    /// keyed by center code, each holding that center's report.
    fn json_of(&self, tables: &[Table]) -> Value {
        if tables.iter().any(|t| t.by_center) {
            let mut centers: Vec<(String, Vec<Table>)> = Vec::new();
            for t in tables {
                let code = t.center.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
                let mut plain = t.clone();
                plain.by_center = false;
                match centers.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, ts)) => ts.push(plain),
                    None => centers.push((code, vec![plain])),
                }
            }
            return Value::Object(centers.into_iter().map(|(code, ts)| (code, self.json_of(&ts))).collect());
        }
        match tables {
            [one] => self.json_table(one),
            many => {
                let mut sections = Map::new();
                for t in many {
                    let id = t.section_id();
                    let key = (1..).map(|n| if n == 1 { id.clone() } else { format!("{id}_{n}") });
                    let key = key.into_iter().find(|k| !sections.contains_key(k)).unwrap_or(id);
                    sections.insert(key, self.json_table(t));
                }
                Value::Object(sections)
            }
        }
    }

    /// Every sheet as a clerk prints it: a title row over the header, A4 (landscape when
    /// wide), one page wide, the header repeated on every page, "第 1 页 共 3 页" in the
    /// footer (with the audit chain's head when given), an autofilter, columns as wide as
    /// their text (a CJK character counts two), numbers as numbers with fixed decimals
    /// (rates as percentages), totals in bold, and formula-like text kept as text by the
    /// cell's quote prefix rather than an apostrophe in the value.
    fn write_xlsx(&self, path: &Path, tables: &[Table]) -> Result<()> {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        let mut used = std::collections::HashSet::new();
        for t in tables {
            let sheet = book.add_worksheet();
            let title = t.shown_title().render(self.view.lang);
            sheet.set_name(sheet_name(&title, &mut used))?;
            self.fill_sheet(sheet, t, &title)?;
        }
        // Created first with owner-only permissions, then filled.
        jinzhu::storage::files::replace_file(path, |tmp| {
            book.save(tmp).map_err(|e| jinzhu::Error::io(tmp, std::io::Error::other(e)))
        })?;
        Ok(())
    }

    fn fill_sheet(&self, sheet: &mut rust_xlsxwriter::Worksheet, t: &Table, title: &str) -> Result<()> {
        use rust_xlsxwriter::{Format as XFormat, FormatAlign, FormatBorder};
        let columns = t.columns.len().max(1) as u16;
        let last = columns - 1;
        let title_format = XFormat::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
        if last > 0 {
            sheet.merge_range(0, 0, 0, last, title, &title_format)?;
        } else {
            sheet.write_string_with_format(0, 0, title, &title_format)?;
        }
        sheet.set_row_height(0, 24)?;
        let header = XFormat::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_background_color("#DDEBF7")
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        let labels = t.header(self.view.lang);
        for (c, h) in labels.iter().enumerate() {
            sheet.write_string_with_format(1, c as u16, h, &header)?;
        }
        let mut widths: Vec<f64> = labels.iter().map(|h| display_width(h)).collect();
        let rows = t.rows.iter().map(|r| (r, false)).chain(t.totals.iter().map(|r| (r, true)));
        for (r, (row, total)) in (2u32..).zip(rows) {
            for (c, cell) in row.iter().enumerate() {
                let shown =
                    self.write_cell(sheet, (r, c as u16), cell, t.columns.get(c).copied().unwrap_or(""), total)?;
                widths[c] = widths[c].max(shown);
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (w + 2.0).clamp(6.0, 60.0))?;
        }
        let data_rows = t.rows.len() as u32;
        sheet.autofilter(1, 0, 1 + data_rows, last)?;
        sheet.set_freeze_panes(2, 0)?;
        sheet.set_paper_size(9);
        if widths.iter().map(|w| w + 2.0).sum::<f64>() > 100.0 {
            sheet.set_landscape();
        }
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(1, 1)?;
        sheet.set_footer(self.footer());
        if let Some((column, label)) = t.alarm
            && let Some(c) = t.columns.iter().position(|k| *k == column)
            && data_rows > 0
        {
            use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule};
            let alarm = XFormat::new().set_background_color("#FFC7CE").set_font_color("#9C0006");
            let text = format!("\"{}\"", i18n::text(self.view.lang, label));
            let rule =
                ConditionalFormatCell::new().set_rule(ConditionalFormatCellRule::EqualTo(text)).set_format(alarm);
            sheet.add_conditional_format(2, c as u16, 1 + data_rows, c as u16, &rule)?;
        }
        if t.chart && data_rows > 0 && last > 0 {
            let numeric: Vec<u16> = (0..=last)
                .filter(|c| t.rows.iter().all(|r| matches!(r.get(usize::from(*c)), Some(Cell::Int(_) | Cell::Num(..)))))
                .collect();
            chart(sheet, title, data_rows, (last, &numeric))?;
        }
        Ok(())
    }
}

/// A native column chart of a sheet's numbers by its first column, beside the table.
fn chart(sheet: &mut rust_xlsxwriter::Worksheet, title: &str, rows: u32, (last, series): (u16, &[u16])) -> Result<()> {
    {
        use rust_xlsxwriter::{Chart, ChartType};
        let name = sheet.name();
        let mut chart = Chart::new(ChartType::ColumnStacked);
        chart.title().set_name(title);
        for &c in series {
            chart
                .add_series()
                .set_name((name.as_str(), 1, c))
                .set_categories((name.as_str(), 2, 0, 1 + rows, 0))
                .set_values((name.as_str(), 2, c, 1 + rows, c));
        }
        sheet.insert_chart(1, last + 2, &chart)?;
    }
    Ok(())
}

impl Out {
    /// "第 &P 页 共 &N 页" (Page 1 of 3), with the audit chain's head when known.
    fn footer(&self) -> String {
        let pages = i18n::text(self.view.lang, "print.pages");
        match &self.head {
            Some(head) => format!("&L&8{}&C{pages}", i18n::text(self.view.lang, "print.head").replace("{head}", head)),
            None => format!("&C{pages}"),
        }
    }

    /// Writes one cell; returns the width it shows at.
    fn write_cell(
        &self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        (r, c): (u32, u16),
        cell: &Cell,
        column: &str,
        total: bool,
    ) -> Result<f64> {
        use jinzhu::base::number::round_half_up;
        use rust_xlsxwriter::Format as XFormat;
        let base = if total { XFormat::new().set_bold() } else { XFormat::new() };
        let decimals = |d: u8| if d == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(usize::from(d))) };
        match cell {
            Cell::Empty | Cell::Json(None) => {
                if total {
                    sheet.write_blank(r, c, &base)?;
                }
                Ok(0.0)
            }
            Cell::Int(i) => {
                sheet.write_number_with_format(r, c, *i as f64, &base)?;
                Ok(i.to_string().len() as f64)
            }
            Cell::Num(x, d) if column.ends_with("rate") => {
                let format = base.set_num_format(format!("{}%", decimals(*d)));
                sheet.write_number_with_format(r, c, round_half_up(*x, *d) / 100.0, &format)?;
                Ok(f64::from(*d) + 5.0)
            }
            Cell::Num(x, d) => {
                sheet.write_number_with_format(r, c, round_half_up(*x, *d), &base.set_num_format(decimals(*d)))?;
                Ok(cell.display(&self.view).len() as f64)
            }
            Cell::Money(fen) => {
                sheet.write_number_with_format(r, c, *fen as f64 / 100.0, &base.set_num_format("#,##0.00"))?;
                Ok(cell.display(&self.view).len() as f64 + 1.0)
            }
            Cell::Date(d) => {
                sheet.write_datetime_with_format(r, c, d, &base.set_num_format("yyyy-mm-dd"))?;
                Ok(10.0)
            }
            other => {
                let text = other.display(&self.view);
                // A text that a spreadsheet would run as a formula stays text by the
                // cell's quote prefix: the value itself is kept as it is.
                let format =
                    if other.is_text() && neutralise_formula(&text) != text { base.set_quote_prefix() } else { base };
                sheet.write_string_with_format(r, c, &text, &format)?;
                Ok(display_width(&text))
            }
        }
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique.
fn sheet_name(title: &str, used: &mut std::collections::HashSet<String>) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(28).collect();
    let base = if clean.trim().is_empty() { "Sheet".to_string() } else { clean };
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}
