//! Workbooks as clerks make them. An .xlsx is streamed cell by cell on a thread of its own
//! and handed over a row at a time through a bounded channel, so that memory does not grow
//! with the sheet (an .xls or .ods is read whole: their readers have no stream). The header
//! is looked for among the first rows (title rows, a merged title, a 填报单位 line may come
//! first), and without `--sheet`, in each sheet in turn.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, Reader as _, Sheets};

use super::header::{ColumnSpec, HeaderMatch, match_header};
use crate::base::i18n::Msg;

/// How many rows from the top of a sheet may come before its header.
pub const HEADER_SEARCH_ROWS: usize = 20;
/// Rows read ahead of the import: enough to keep both threads busy, bounded in memory.
const ROWS_AHEAD: usize = 512;

/// A cell as read: the text a clerk sees, and whether the workbook stored it as a number
/// (an ID number stored as a number has lost its last digits).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellValue {
    pub text: String,
    pub numeric: bool,
}

/// A row of a sheet with its row number as the spreadsheet shows it.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub row: usize,
    pub cells: Vec<CellValue>,
}

impl SheetRow {
    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(|c| c.text.clone()).collect()
    }
}

/// What the reading thread sends after the header: rows, or what stopped it.
pub enum Item {
    Row(SheetRow),
    Failed(Msg),
}

/// An opened workbook, positioned after its header.
pub struct Opened {
    pub sheet: String,
    pub header_row: usize,
    pub header: Vec<String>,
    pub matched: HeaderMatch,
    pub rows: Receiver<Item>,
}

/// Where the header was found: the sheet, its row and the match.
type Found = (String, usize, Vec<String>, HeaderMatch);

/// Opens the workbook at `path` and finds the header of `specs` in `sheet`, or else in the
/// first sheet that has it.
pub fn open(path: &Path, sheet: Option<&str>, specs: &'static [ColumnSpec]) -> Result<Opened, Msg> {
    let (head_tx, head_rx) = sync_channel::<Result<Found, Msg>>(1);
    let (rows_tx, rows_rx) = sync_channel::<Item>(ROWS_AHEAD);
    let path: PathBuf = path.to_path_buf();
    let sheet = sheet.map(str::to_string);
    std::thread::spawn(move || read(&path, sheet.as_deref(), specs, &head_tx, &rows_tx));
    let (sheet, header_row, header, matched) =
        head_rx.recv().map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))??;
    Ok(Opened { sheet, header_row, header, matched, rows: rows_rx })
}

/// The reading thread: the header (or why there is none) on `head`, then every row after
/// it on `rows`. A closed channel (the import stopped) ends it quietly.
fn read(
    path: &Path,
    sheet: Option<&str>,
    specs: &'static [ColumnSpec],
    head: &SyncSender<Result<Found, Msg>>,
    rows: &SyncSender<Item>,
) {
    let xlsx = |e: &dyn std::fmt::Display| Msg::new("reason.file.xlsx").arg("detail", e);
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(book) => book,
        Err(e) => {
            let _ = head.send(Err(xlsx(&e)));
            return;
        }
    };
    let names = book.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(s) if names.iter().any(|n| n == s) => vec![s.to_string()],
        Some(s) => {
            let _ = head.send(Err(Msg::new("reason.file.sheet").arg("sheet", s).arg("names", names.join(", "))));
            return;
        }
        None => names.clone(),
    };
    let mut closest: Option<(usize, Msg)> = None;
    let tried = candidates.join(", ");
    for name in candidates {
        let mut source = match rows_of(&mut book, &name) {
            Ok(source) => source,
            Err(e) => {
                let _ = head.send(Err(e));
                return;
            }
        };
        let mut first = Vec::new();
        while first.len() < HEADER_SEARCH_ROWS {
            match source.next() {
                Some(Ok(row)) => first.push(row),
                Some(Err(e)) => {
                    let _ = head.send(Err(e));
                    return;
                }
                None => break,
            }
        }
        match closest_header(&first, specs) {
            Ok((at, matched)) => {
                let header = &first[at];
                if head.send(Ok((name, header.row, header.texts(), matched))).is_err() {
                    return;
                }
                let after = first.drain(at + 1..).map(Ok);
                for row in after.chain(source) {
                    let item = row.map_or_else(Item::Failed, Item::Row);
                    if rows.send(item).is_err() {
                        return;
                    }
                }
                return;
            }
            Err((known, why)) => {
                if closest.as_ref().is_none_or(|(best, _)| known > *best) {
                    closest = Some((known, Msg::new("reason.file.in-sheet").arg("sheet", &name).nested("why", why)));
                }
            }
        }
    }
    let why = closest.map_or_else(|| Msg::new("reason.file.empty"), |(_, why)| why);
    let _ = head.send(Err(Msg::new("reason.file.no-header")
        .arg("rows", HEADER_SEARCH_ROWS)
        .arg("sheets", tried)
        .nested("why", why)));
}

/// The first of `rows` that is the header of `specs`, or why none is (the reason for the
/// row that came closest: the most columns recognised).
pub fn find_header(rows: &[SheetRow], specs: &[ColumnSpec]) -> Result<(usize, HeaderMatch), Msg> {
    closest_header(rows, specs).map_err(|(_, why)| why)
}

/// `find_header`, saying how close the closest row came (columns recognised).
fn closest_header(rows: &[SheetRow], specs: &[ColumnSpec]) -> Result<(usize, HeaderMatch), (usize, Msg)> {
    let mut closest: Option<(usize, Msg)> = None;
    for (i, row) in rows.iter().enumerate() {
        match match_header(&row.texts(), specs) {
            Ok(matched) => return Ok((i, matched)),
            Err(why) => {
                let known = recognised(&row.texts(), specs);
                if closest.as_ref().is_none_or(|(best, _)| known > *best) {
                    closest = Some((known, why));
                }
            }
        }
    }
    Err(closest.unwrap_or_else(|| (0, Msg::new("reason.file.empty"))))
}

/// How many cells of `row` name a column of `specs`.
fn recognised(row: &[String], specs: &[ColumnSpec]) -> usize {
    row.iter()
        .filter(|h| specs.iter().any(|s| match_header(std::slice::from_ref(h), std::slice::from_ref(s)).is_ok()))
        .count()
}

type RowSource<'a> = Box<dyn Iterator<Item = Result<SheetRow, Msg>> + 'a>;

/// The rows of one sheet, streamed from an .xlsx, read whole from another format.
fn rows_of<'a>(book: &'a mut Sheets<std::io::BufReader<std::fs::File>>, name: &str) -> Result<RowSource<'a>, Msg> {
    let xlsx = |e: &dyn std::fmt::Display| Msg::new("reason.file.xlsx").arg("detail", e);
    match book {
        Sheets::Xlsx(book) => {
            let cells = book.worksheet_cells_reader(name).map_err(|e| xlsx(&e))?;
            Ok(Box::new(StreamedRows { cells, pending: None, done: false }))
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| xlsx(&e))?;
            let top = range.start().map_or(0, |(r, _)| r as usize);
            let left = range.start().map_or(0, |(_, c)| c as usize);
            let rows: Vec<SheetRow> = range
                .rows()
                .enumerate()
                .map(|(i, r)| {
                    let mut cells = vec![CellValue::default(); left];
                    cells.extend(r.iter().map(cell_value));
                    SheetRow { row: top + i + 1, cells }
                })
                .collect();
            Ok(Box::new(rows.into_iter().map(Ok)))
        }
    }
}

/// An .xlsx sheet's cells gathered into rows as they stream by.
struct StreamedRows<'a, RS: std::io::Read + std::io::Seek> {
    cells: calamine::XlsxCellReader<'a, RS>,
    /// The first cell of the next row, read while finishing the last one.
    pending: Option<(u32, u32, Data)>,
    done: bool,
}

impl<RS: std::io::Read + std::io::Seek> Iterator for StreamedRows<'_, RS> {
    type Item = Result<SheetRow, Msg>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done && self.pending.is_none() {
            return None;
        }
        let mut row: Option<(u32, Vec<CellValue>)> = None;
        loop {
            let cell = match self.pending.take() {
                Some(cell) => Some(cell),
                None if self.done => None,
                None => match self.cells.next_cell() {
                    Ok(Some(c)) => {
                        let (r, col) = c.get_position();
                        Some((r, col, Data::from(c.get_value().clone())))
                    }
                    Ok(None) => {
                        self.done = true;
                        None
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(Msg::new("reason.file.xlsx").arg("detail", e)));
                    }
                },
            };
            let Some((r, col, value)) = cell else {
                return row.map(|(r, cells)| Ok(SheetRow { row: r as usize + 1, cells }));
            };
            match &mut row {
                Some((current, _)) if *current != r => {
                    self.pending = Some((r, col, value));
                    return row.map(|(r, cells)| Ok(SheetRow { row: r as usize + 1, cells }));
                }
                Some((_, cells)) => place(cells, col, &value),
                None => {
                    let mut cells = Vec::new();
                    place(&mut cells, col, &value);
                    row = Some((r, cells));
                }
            }
        }
    }
}

fn place(cells: &mut Vec<CellValue>, col: u32, value: &Data) {
    let col = col as usize;
    if cells.len() <= col {
        cells.resize(col + 1, CellValue::default());
    }
    cells[col] = cell_value(value);
}

fn nearest_second(d: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike as _;
    let up = d + chrono::Duration::milliseconds(500);
    up.with_nanosecond(0).unwrap_or(up)
}

/// A spreadsheet cell as the text a clerk sees (dates as YYYY-MM-DD, a date with a time
/// of day as YYYY-MM-DD HH:MM:SS, a time alone as HH:MM:SS), and whether it is stored as
/// a number.
pub fn cell_value(d: &Data) -> CellValue {
    let numeric = matches!(d, Data::Int(_) | Data::Float(_));
    let text = match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // A serial number of days rounds to a millisecond off the second it was typed as.
        Data::DateTime(dt) => match dt.as_datetime().map(nearest_second) {
            // A time without a date is a fraction of the day 0 (1899-12-31).
            Some(d) if dt.as_f64() < 1.0 => d.time().format("%H:%M:%S").to_string(),
            Some(d) if d.time() != chrono::NaiveTime::MIN => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            Some(d) => d.date().to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    };
    CellValue { text, numeric }
}
