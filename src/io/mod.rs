//! Input and output shapes: spreadsheets and CSV read row by row (`sheet`; `workbook`
//! streams a workbook's rows, after `xlsx_guard` checked its declared sizes), and the tables commands hand
//! to the binary for rendering (`table`).

pub mod docx;
pub mod header;
pub mod sheet;
pub mod table;
pub mod workbook;
mod xlsx_guard;
