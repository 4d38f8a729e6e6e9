//! Reading the spreadsheets clerks bring: CSV in UTF-8 (with or without BOM) or GB18030,
//! and workbooks (`workbook`: the first sheet with the header, or a named one). The header
//! may come after title rows; its cells may be the English keys or the Chinese labels (line
//! breaks and spaces inside them do not matter), in any order; unknown columns are ignored
//! and reported, and footer rows (填表人, 制表日期…) after the data are passed over with a
//! note. Rows are streamed, so memory does not grow with the file.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc::Receiver;

pub use super::header::{ColumnSpec, column_letter};
use super::workbook::{self, CellValue, HEADER_SEARCH_ROWS, Item, SheetRow};
use crate::base::i18n::Msg;
use crate::error::{BadRow, Error, Result};

/// The text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub ignored_columns: Vec<String>,
    /// What the reading noticed: the sheet and header row read, footer rows passed over.
    #[serde(skip)]
    pub notes: Vec<Msg>,
}

/// One data row: its spreadsheet row number and its cells in the order of the specs.
#[derive(Debug, Clone)]
pub struct Record {
    pub row: usize,
    cells: Vec<String>,
    /// Which of `cells` the workbook stored as numbers.
    numeric: Vec<bool>,
}

impl Record {
    /// The cell of the `i`-th column spec, trimmed ("" when the file lacks the column).
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.trim())
    }

    /// Whether the cell of the `i`-th column spec was stored as a number.
    pub fn is_numeric(&self, i: usize) -> bool {
        self.numeric.get(i).copied().unwrap_or(false)
    }
}

enum Rows {
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        record: csv::StringRecord,
        quotes: Rc<Cell<u64>>,
        /// The row of the last record with a line break in a cell, if it was the last read.
        last_multiline: Option<usize>,
        /// The row number the next record gets.
        next_row: usize,
        /// Rows read while looking for the header, not yet handed out.
        ahead: VecDeque<SheetRow>,
    },
    Sheet {
        rows: Receiver<Item>,
    },
}

impl Rows {
    /// The next row of the file, blank or not.
    fn next(&mut self, file: &str) -> Result<Option<SheetRow>> {
        let bad = |reason: Msg| Error::BadFile { file: file.to_string(), reason };
        match self {
            Rows::Csv { ahead, .. } if !ahead.is_empty() => Ok(ahead.pop_front()),
            Rows::Csv { reader, record, quotes, last_multiline, next_row, .. } => {
                let got = reader.read_record(record).map_err(|e| bad(csv_reason(e)))?;
                if !got {
                    // A quote never closed swallows the rest of the file into one cell of
                    // the last record: name where it opened, not what it swallowed.
                    return match last_multiline.take() {
                        Some(at) if quotes.get() % 2 == 1 => {
                            Err(bad(Msg::new("reason.file.unclosed-quote").arg("row", at)))
                        }
                        _ => Ok(None),
                    };
                }
                let row = *next_row;
                *next_row += 1;
                *last_multiline = record.iter().any(|c| c.contains('\n')).then_some(row);
                let cells = record.iter().map(|t| CellValue { text: t.to_string(), numeric: false }).collect();
                Ok(Some(SheetRow { row, cells }))
            }
            Rows::Sheet { rows } => match rows.recv() {
                Ok(Item::Row(row)) => Ok(Some(row)),
                Ok(Item::Failed(reason)) => Err(bad(reason)),
                Err(_) => Ok(None),
            },
        }
    }
}

/// An open input file, positioned after its header.
pub struct SheetReader {
    file: String,
    rows: Rows,
    /// For each column spec, where it is in the file.
    positions: Vec<Option<usize>>,
    width: usize,
    ignored: Vec<String>,
    notes: Vec<Msg>,
    /// The spec of the ID-number column, if the import has one.
    id_spec: Option<usize>,
}

/// Where rows come from: a file, or CSV text bundled with the program (the demo's).
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Path(&'a Path),
    Csv { name: &'a str, text: &'a str },
}

impl Input<'_> {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Csv { name, .. } => name.to_string(),
        }
    }

    /// The SHA-256 of the source as given (the file's bytes, read in blocks), which a
    /// batch-audited import records; a file that cannot be read is a bad file.
    pub fn sha256(&self) -> Result<String> {
        use sha2::Digest as _;
        use std::io::Read as _;
        let mut h = sha2::Sha256::new();
        let read = |p: &Path, h: &mut sha2::Sha256| -> std::io::Result<()> {
            let (mut file, mut buf) = (File::open(p)?, vec![0u8; 1 << 16]);
            loop {
                let n = file.read(&mut buf)?;
                if n == 0 {
                    return Ok(());
                }
                h.update(&buf[..n]);
            }
        };
        match self {
            Input::Csv { text, .. } => h.update(text.as_bytes()),
            Input::Path(p) => read(p, &mut h).map_err(|e| Error::BadFile {
                file: self.name(),
                reason: Msg::new("reason.file.csv").arg("detail", e),
            })?,
        }
        Ok(crate::base::hex::to_hex(&h.finalize()))
    }
}

/// Opens the input (by extension: .xlsx/.xls/.ods, otherwise CSV) and finds its header,
/// the row that names the columns of `specs`, among its first rows.
pub fn open(
    input: Input,
    encoding: Encoding,
    sheet: Option<&str>,
    specs: &'static [ColumnSpec],
) -> Result<SheetReader> {
    let file = input.name();
    let bad = |reason: Msg| Error::BadFile { file: file.clone(), reason };
    let workbook_path = match input {
        Input::Path(path) => {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods").then_some(path)
        }
        Input::Csv { .. } => None,
    };
    if let Some(path) = workbook_path {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm")) {
            super::xlsx_guard::check(path).map_err(bad)?;
        }
        let opened = workbook::open(path, sheet, specs).map_err(bad)?;
        let (positions, ignored) = opened.matched;
        let notes = vec![Msg::new("note.import.read").arg("sheet", &opened.sheet).arg("row", opened.header_row)];
        let rows = Rows::Sheet { rows: opened.rows };
        let width = opened.header.len();
        return Ok(SheetReader { file, rows, positions, width, ignored, notes, id_spec: id_spec(specs) });
    }
    let raw: Box<dyn Read> = match input {
        Input::Path(path) => {
            let raw = File::open(path).map_err(|e| bad(Msg::new("reason.file.csv").arg("detail", e)))?;
            Box::new(BufReader::with_capacity(1 << 16, raw))
        }
        Input::Csv { text, .. } => Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
    };
    let encoding = if matches!(input, Input::Csv { .. }) { Encoding::Utf8 } else { encoding };
    let mut rows = open_csv(raw, encoding).map_err(bad)?;
    let mut first = Vec::new();
    while first.len() < HEADER_SEARCH_ROWS {
        match rows.next(&file)? {
            Some(row) => first.push(row),
            None => break,
        }
    }
    if first.is_empty() {
        return Err(bad(Msg::new("reason.file.empty")));
    }
    let (at, (positions, ignored)) = workbook::find_header(&first, specs).map_err(bad)?;
    let header = first[at].texts();
    let notes =
        if first[at].row > 1 { vec![Msg::new("note.import.header-row").arg("row", first[at].row)] } else { Vec::new() };
    if let Rows::Csv { ahead, .. } = &mut rows {
        ahead.extend(first.drain(at + 1..));
    }
    Ok(SheetReader { file, rows, positions, width: header.len(), ignored, notes, id_spec: id_spec(specs) })
}

/// The column spec holding ID numbers: every import names it `id_number`.
fn id_spec(specs: &[ColumnSpec]) -> Option<usize> {
    specs.iter().position(|s| s.key == "id_number")
}

/// A CSV record may not run past this many bytes without a line break: a 50 MB file with
/// no newline would otherwise be held whole.
const MAX_LINE_BYTES: usize = 1 << 20;
/// The error `LineLimit` raises, told apart from other read errors by its type.
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a line runs past {MAX_LINE_BYTES} bytes")
    }
}

impl std::error::Error for LineTooLong {}

/// Fails a read once a line runs past `MAX_LINE_BYTES`, and counts the quote marks read
/// (an odd count at the end means a quote that was never closed: the byte `"` is never
/// part of a multi-byte character in UTF-8 or GB18030).
struct LineLimit<R> {
    inner: R,
    since_newline: usize,
    quotes: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.quotes.set(self.quotes.get() + buf[..n].iter().filter(|b| **b == b'"').count() as u64);
        self.since_newline = match buf[..n].iter().rposition(|b| *b == b'\n') {
            Some(at) => n - at - 1,
            None => self.since_newline + n,
        };
        if self.since_newline > MAX_LINE_BYTES {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, LineTooLong));
        }
        Ok(n)
    }
}

/// A file said to be GB18030 whose start is valid UTF-8 with Chinese in it is UTF-8: read
/// as GB18030 it would become mojibake without a single bad row.
fn refuse_utf8_as_gb18030(mut raw: Box<dyn Read>) -> Result<Box<dyn Read>, Msg> {
    let mut head = Vec::with_capacity(1 << 16);
    (&mut raw).take(1 << 16).read_to_end(&mut head).map_err(|e| Msg::new("reason.file.csv").arg("detail", e))?;
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        // Cut in the middle of the last character.
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    if utf8 && !head.is_ascii() {
        return Err(Msg::new("reason.file.utf8-not-gb18030"));
    }
    Ok(Box::new(std::io::Cursor::new(head).chain(raw)))
}

fn open_csv(raw: Box<dyn Read>, encoding: Encoding) -> Result<Rows, Msg> {
    let quotes = Rc::new(Cell::new(0));
    let raw: Box<dyn Read> = Box::new(LineLimit { inner: raw, since_newline: 0, quotes: quotes.clone() });
    let raw = if encoding == Encoding::Gb18030 { refuse_utf8_as_gb18030(raw)? } else { raw };
    let input: Box<dyn Read> = match encoding {
        Encoding::Utf8 => raw,
        Encoding::Gb18030 => {
            Box::new(encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(Some(encoding_rs::GB18030)).build(raw))
        }
    };
    let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let record = csv::StringRecord::new();
    Ok(Rows::Csv { reader, record, quotes, last_multiline: None, next_row: 1, ahead: VecDeque::new() })
}

fn csv_reason(e: csv::Error) -> Msg {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Msg::new("reason.file.encoding").arg("line", line),
        csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|e| e.is::<LineTooLong>()) => {
            Msg::new("reason.file.line-too-long").arg("max", MAX_LINE_BYTES >> 20)
        }
        _ => Msg::new("reason.file.csv").arg("detail", e),
    }
}

impl SheetReader {
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Header cells that matched no column.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// The header a bad cell of the `i`-th spec is reported under.
    pub fn column_name(&self, specs: &[ColumnSpec], i: usize) -> String {
        let label = crate::io::table::column_label(crate::base::i18n::Lang::Zh, specs[i].key);
        match self.positions[i] {
            Some(p) => format!("{} ({label})", column_letter(p)),
            None => label,
        }
    }

    /// What the reading noticed (the sheet and header row, footers passed over).
    pub fn notes(&self) -> &[Msg] {
        &self.notes
    }

    /// The next non-blank data row. A row wider than the header is returned as a bad
    /// row; a footer row is passed over with a note; a file that cannot be read further
    /// ends the import.
    pub fn next_record(&mut self) -> Result<Option<std::result::Result<Record, BadRow>>> {
        loop {
            let Some(SheetRow { row, cells }) = self.rows.next(&self.file)? else { return Ok(None) };
            if cells.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            if let Some(footer) = footer_text(&cells) {
                self.notes.push(Msg::new("note.import.footer").arg("row", row).arg("text", footer));
                continue;
            }
            let extra = cells.iter().skip(self.width).any(|c| !c.text.trim().is_empty());
            if extra {
                let value = cells[self.width..].iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(",");
                return Ok(Some(Err(BadRow {
                    row,
                    column: column_letter(self.width),
                    value,
                    reason: Msg::new("reason.row.width").arg("found", cells.len()).arg("expected", self.width),
                })));
            }
            let at = |p: &Option<usize>| p.and_then(|p| cells.get(p));
            if let Some(bad) = self.numeric_id(row, &cells) {
                return Ok(Some(Err(bad)));
            }
            let numeric = self.positions.iter().map(|p| at(p).is_some_and(|c| c.numeric)).collect();
            let mut cells: Vec<String> =
                self.positions.iter().map(|p| at(p).map(|c| c.text.clone()).unwrap_or_default()).collect();
            if let Some(i) = self.id_spec {
                cells[i] = half_width(&cells[i]);
            }
            for cell in &mut cells {
                unquote_formula(cell);
            }
            return Ok(Some(Ok(Record { row, cells, numeric })));
        }
    }
}

impl SheetReader {
    /// An ID number the workbook stored as a number has been rounded to 15 significant
    /// digits: whatever it reads now, it is not the number typed, so the row is refused.
    fn numeric_id(&self, row: usize, cells: &[CellValue]) -> Option<BadRow> {
        let column = self.positions[self.id_spec?]?;
        let cell = cells.get(column).filter(|c| c.numeric)?;
        Some(BadRow {
            row,
            column: column_letter(column),
            value: crate::base::idnum::mask(&cell.text),
            reason: Msg::new("reason.id.numeric-cell"),
        })
    }
}

/// The apostrophe jinzhu's CSV export puts before a text that a spreadsheet would run as a
/// formula (`'=x`, `'+86…`) is taken off again, so that an export imports back unchanged.
fn unquote_formula(cell: &mut String) {
    let rest = cell.strip_prefix('\'').unwrap_or("");
    if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.remove(0);
    }
}

/// Full-width digits and Ｘ (typed with a Chinese input method) as ASCII.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' | 'ｘ' => 'X',
            other => other,
        })
        .collect()
}

/// What starts a footer row under a clerk's table: who filled it in, when, who checked it.
const FOOTER_MARKS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "制表日期",
    "填表日期",
    "填报日期",
    "审核人",
    "负责人",
    "联系人",
    "联系电话",
    "注：",
    "说明：",
];

/// The footer text of a row whose first cell is a footer mark (`填表人：张三`).
fn footer_text(cells: &[CellValue]) -> Option<String> {
    let first = cells.iter().find(|c| !c.text.trim().is_empty())?;
    let compact: String = first.text.chars().filter(|c| !c.is_whitespace()).collect();
    FOOTER_MARKS.iter().any(|m| compact.starts_with(m)).then(|| first.text.trim().to_string())
}

/// One data row during an import, collecting what is wrong with it.
pub struct Row<'r> {
    pub record: Record,
    reader: &'r SheetReader,
    specs: &'r [ColumnSpec],
    bad: Vec<BadRow>,
    /// No earlier row was bad: writing can go on.
    pub clean_so_far: bool,
}

impl Row<'_> {
    /// The cell of the `i`-th column spec, trimmed.
    pub fn get(&self, i: usize) -> &str {
        self.record.get(i)
    }

    pub fn row(&self) -> usize {
        self.record.row
    }

    /// Records that the cell of the `i`-th spec is wrong.
    pub fn fail(&mut self, column: usize, reason: Msg) {
        self.fail_value(column, self.record.get(column).to_string(), reason);
    }

    /// The same, quoting a value other than the raw cell (a normalised one, say).
    pub fn fail_value(&mut self, column: usize, value: String, reason: Msg) {
        let column = self.reader.column_name(self.specs, column);
        self.bad.push(BadRow { row: self.record.row, column, value, reason });
    }

    /// Whether this row is still good.
    pub fn is_ok(&self) -> bool {
        self.bad.is_empty()
    }
}

/// The spreadsheet row each record written by an import came from, 4 bytes a record
/// instead of a copy of its key, so that a key met again further down is reported with
/// the row it was first on. Records are found by id: an import's new records get the
/// ids after the table's largest, in the order they are written.
pub struct RowsOfNew {
    first: i64,
    rows: Vec<u32>,
}

impl RowsOfNew {
    /// Before the import's first write into `table` (one of jinzhu's own table names).
    pub fn after_last(conn: &rusqlite::Connection, table: &str) -> Result<RowsOfNew> {
        let first = conn
            .prepare_cached(&format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"))?
            .query_row([], |r| r.get(0))?;
        Ok(RowsOfNew { first, rows: Vec::new() })
    }

    /// The record just written came from `row`.
    pub fn push(&mut self, row: usize) {
        self.rows.push(row as u32);
    }

    /// The row the record `id` came from, if this import wrote it.
    pub fn row_of(&self, id: i64) -> Option<usize> {
        let i = usize::try_from(id - self.first).ok()?;
        self.rows.get(i).map(|r| *r as usize)
    }
}

/// Reads every row of an import and hands it to `each`; all or nothing: if any row was
/// bad, every bad row is returned at once (exit 4) and the caller's transaction rolls
/// back. An input with a header and no rows is refused too.
pub fn import_rows(
    input: Input,
    encoding: Encoding,
    sheet: Option<&str>,
    specs: &'static [ColumnSpec],
    mut each: impl FnMut(&mut Row) -> Result<()>,
) -> Result<ImportSummary> {
    let mut reader = open(input, encoding, sheet, specs)?;
    let mut summary = ImportSummary {
        file: reader.file().to_string(),
        ignored_columns: reader.ignored().to_vec(),
        ..Default::default()
    };
    // Bounded: the first bad values are kept to report, every bad row is counted.
    let mut bad: Vec<BadRow> = Vec::new();
    let mut bad_rows = 0;
    let mut keep = |found: Vec<BadRow>, bad: &mut Vec<BadRow>| {
        if !found.is_empty() {
            bad_rows += 1;
        }
        let room = crate::error::MAX_BAD_VALUES.saturating_sub(bad.len());
        bad.extend(found.into_iter().take(room));
    };
    while let Some(next) = reader.next_record()? {
        summary.rows += 1;
        if summary.rows.is_multiple_of(crate::base::progress::EVERY) {
            crate::base::progress::report(
                Msg::new("progress.rows").arg("file", &summary.file).arg("rows", summary.rows),
            );
        }
        match next {
            Err(b) => keep(vec![b], &mut bad),
            Ok(record) => {
                let mut row = Row { record, reader: &reader, specs, bad: Vec::new(), clean_so_far: bad.is_empty() };
                each(&mut row)?;
                let found = std::mem::take(&mut row.bad);
                keep(found, &mut bad);
            }
        }
    }
    crate::base::progress::done();
    if !bad.is_empty() {
        return Err(Error::BadRows { file: summary.file, rows: bad, bad_rows });
    }
    if summary.rows == 0 {
        return Err(Error::BadFile { file: summary.file, reason: Msg::new("reason.file.no-rows") });
    }
    summary.notes = reader.notes().to_vec();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_new_records_are_found_by_id_and_older_records_are_not() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2);").unwrap();
        let mut rows = RowsOfNew::after_last(&conn, "t").unwrap();
        rows.push(2);
        rows.push(5);
        assert_eq!((rows.row_of(2), rows.row_of(3), rows.row_of(4), rows.row_of(5)), (None, Some(2), Some(5), None));
    }
}
