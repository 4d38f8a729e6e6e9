//! Input and output shapes: spreadsheets and CSV read row by row (`sheet`, with
//! `xlsx_guard` checking a workbook's declared sizes first), and the tables commands hand
//! to the binary for rendering (`table`).

pub mod sheet;
pub mod table;
mod xlsx_guard;
