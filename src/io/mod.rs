//! Input and output shapes: spreadsheets and CSV read row by row (`sheet`), and the
//! tables commands hand to the binary for rendering (`table`).

pub mod sheet;
pub mod table;
