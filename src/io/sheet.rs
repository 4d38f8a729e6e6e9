//! Reading the spreadsheets clerks bring: CSV in UTF-8 (with or without BOM) or GB18030,
//! and .xlsx (first sheet or a named one). Headers may be the English keys or the Chinese
//! labels, in any order; unknown columns are ignored and reported. Rows are streamed, so
//! memory does not grow with a CSV file's length.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Reader as _};

use crate::base::i18n::{self, Msg};
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

/// A column an import understands: its key (`col.<key>` gives its labels) and other
/// headers clerks use for it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub required: bool,
    pub aliases: &'static [&'static str],
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
}

/// One data row: its spreadsheet row number and its cells in the order of the specs.
#[derive(Debug, Clone)]
pub struct Record {
    pub row: usize,
    cells: Vec<String>,
}

impl Record {
    /// The cell of the `i`-th column spec, trimmed ("" when the file lacks the column).
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.trim())
    }
}

enum Rows {
    Csv { reader: csv::Reader<Box<dyn Read>>, record: csv::StringRecord },
    Sheet { rows: std::vec::IntoIter<Vec<Data>> },
}

/// An open input file, positioned after its header.
pub struct SheetReader {
    file: String,
    rows: Rows,
    /// For each column spec, where it is in the file.
    positions: Vec<Option<usize>>,
    width: usize,
    next_row: usize,
    ignored: Vec<String>,
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
}

/// Opens the input (by extension: .xlsx/.xls/.ods, otherwise CSV) and matches its header
/// to `specs`.
pub fn open(input: Input, encoding: Encoding, sheet: Option<&str>, specs: &[ColumnSpec]) -> Result<SheetReader> {
    let file = input.name();
    let bad = |reason: Msg| Error::BadFile { file: file.clone(), reason };
    let (header, rows) = match input {
        Input::Path(path) => {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            match ext.as_str() {
                "xlsx" | "xlsm" | "xls" | "ods" => open_workbook(path, sheet).map_err(bad)?,
                _ => {
                    let raw = File::open(path).map_err(|e| bad(Msg::new("reason.file.csv").arg("detail", e)))?;
                    open_csv(Box::new(BufReader::with_capacity(1 << 16, raw)), encoding).map_err(bad)?
                }
            }
        }
        Input::Csv { text, .. } => {
            open_csv(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())), Encoding::Utf8).map_err(bad)?
        }
    };
    let (positions, ignored) = match_header(&header, specs).map_err(bad)?;
    Ok(SheetReader { file, rows, positions, width: header.len(), next_row: 2, ignored })
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

/// Fails a read once a line runs past `MAX_LINE_BYTES`.
struct LineLimit<R> {
    inner: R,
    since_newline: usize,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
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

fn open_csv(raw: Box<dyn Read>, encoding: Encoding) -> Result<(Vec<String>, Rows), Msg> {
    let raw: Box<dyn Read> = Box::new(LineLimit { inner: raw, since_newline: 0 });
    let raw = if encoding == Encoding::Gb18030 { refuse_utf8_as_gb18030(raw)? } else { raw };
    let input: Box<dyn Read> = match encoding {
        Encoding::Utf8 => raw,
        Encoding::Gb18030 => {
            Box::new(encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(Some(encoding_rs::GB18030)).build(raw))
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut record = csv::StringRecord::new();
    let got = reader.read_record(&mut record).map_err(csv_reason)?;
    if !got {
        return Err(Msg::new("reason.file.empty"));
    }
    let header = record.iter().map(str::to_string).collect();
    Ok((header, Rows::Csv { reader, record }))
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

fn open_workbook(path: &Path, sheet: Option<&str>) -> Result<(Vec<String>, Rows), Msg> {
    let xlsx = |e: &dyn std::fmt::Display| Msg::new("reason.file.xlsx").arg("detail", e);
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm")) {
        super::xlsx_guard::check(path)?;
    }
    let mut book = calamine::open_workbook_auto(path).map_err(|e| xlsx(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(Msg::new("reason.file.sheet").arg("sheet", s).arg("names", names.join(", "))),
        None => names.first().cloned().ok_or_else(|| Msg::new("reason.file.empty"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| xlsx(&e))?;
    let mut rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    if rows.is_empty() {
        return Err(Msg::new("reason.file.empty"));
    }
    let header = rows.remove(0).iter().map(cell_text).collect();
    Ok((header, Rows::Sheet { rows: rows.into_iter() }))
}

/// A spreadsheet cell as the text a clerk sees; dates as YYYY-MM-DD.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map_or_else(|| dt.to_string(), |d| d.date().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Header text normalised for matching: no spaces, no required-marks, lower case.
fn normalise(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').replace([' ', '*', '＊', '\u{3000}'], "").to_lowercase()
}

fn accepted_headers(spec: &ColumnSpec) -> Vec<String> {
    let key = format!("col.{}", spec.key);
    let mut names = vec![spec.key.to_string()];
    if let Some((en, zh)) = i18n::both(&key) {
        names.push(en.to_string());
        names.push(zh.to_string());
    }
    names.extend(spec.aliases.iter().map(|a| a.to_string()));
    names
}

type HeaderMatch = (Vec<Option<usize>>, Vec<String>);

fn match_header(header: &[String], specs: &[ColumnSpec]) -> Result<HeaderMatch, Msg> {
    let accepted: Vec<Vec<String>> =
        specs.iter().map(|s| accepted_headers(s).iter().map(|h| normalise(h)).collect()).collect();
    let mut positions = vec![None; specs.len()];
    let mut ignored = Vec::new();
    for (col, h) in header.iter().enumerate() {
        let n = normalise(h);
        if n.is_empty() {
            continue;
        }
        match accepted.iter().position(|names| names.contains(&n)) {
            Some(i) => {
                if let Some(first) = positions[i] {
                    return Err(Msg::new("reason.column.duplicate")
                        .arg("first", column_letter(first))
                        .arg("second", column_letter(col)));
                }
                positions[i] = Some(col);
            }
            None => ignored.push(h.trim().to_string()),
        }
    }
    for (i, spec) in specs.iter().enumerate() {
        if spec.required && positions[i].is_none() {
            return Err(Msg::new("reason.column.missing").arg("names", accepted_headers(spec).join(" / ")));
        }
    }
    Ok((positions, ignored))
}

/// A 0-based column index as a spreadsheet names it: A, B, … Z, AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().collect()
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

    /// The next non-blank data row. A row wider than the header is returned as a bad
    /// row; a file that cannot be read further ends the import.
    pub fn next_record(&mut self) -> Result<Option<std::result::Result<Record, BadRow>>> {
        loop {
            let row = self.next_row;
            let cells: Vec<String> = match &mut self.rows {
                Rows::Csv { reader, record } => {
                    let got = reader
                        .read_record(record)
                        .map_err(|e| Error::BadFile { file: self.file.clone(), reason: csv_reason(e) })?;
                    if !got {
                        return Ok(None);
                    }
                    record.iter().map(str::to_string).collect()
                }
                Rows::Sheet { rows } => match rows.next() {
                    Some(r) => r.iter().map(cell_text).collect(),
                    None => return Ok(None),
                },
            };
            self.next_row += 1;
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let extra = cells.iter().skip(self.width).any(|c| !c.trim().is_empty());
            if extra {
                return Ok(Some(Err(BadRow {
                    row,
                    column: column_letter(self.width),
                    value: cells[self.width..].join(","),
                    reason: Msg::new("reason.row.width").arg("found", cells.len()).arg("expected", self.width),
                })));
            }
            let ordered = self.positions.iter().map(|p| p.and_then(|p| cells.get(p).cloned()).unwrap_or_default());
            return Ok(Some(Ok(Record { row, cells: ordered.collect() })));
        }
    }
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
    specs: &[ColumnSpec],
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
    if !bad.is_empty() {
        return Err(Error::BadRows { file: summary.file, rows: bad, bad_rows });
    }
    if summary.rows == 0 {
        return Err(Error::BadFile { file: summary.file, reason: Msg::new("reason.file.no-rows") });
    }
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

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn headers_match_in_either_language_and_ignore_marks() {
        let specs = [
            ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
            ColumnSpec { key: "name", required: true, aliases: &[] },
        ];
        let header = vec!["*姓名".to_string(), "序号".to_string(), "身份证号码".to_string()];
        let (pos, ignored) = match_header(&header, &specs).unwrap();
        assert_eq!(pos, vec![Some(2), Some(0)]);
        assert_eq!(ignored, vec!["序号"]);
    }

    #[test]
    fn missing_and_duplicate_columns_are_refused() {
        let specs = [ColumnSpec { key: "name", required: true, aliases: &[] }];
        assert_eq!(match_header(&["x".into()], &specs).unwrap_err().key, "reason.column.missing");
        assert_eq!(match_header(&["name".into(), "姓名".into()], &specs).unwrap_err().key, "reason.column.duplicate");
    }
}
