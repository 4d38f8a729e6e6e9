//! Checks an .xlsx before calamine reads it, so that a small hostile file cannot make it
//! allocate what it declares: a cell at XFD1048576 (a dense range of 17 billion cells),
//! a shared-string count of 2³²−1, or a zip entry that inflates a thousandfold.

use std::io::{BufReader, Read};
use std::path::Path;

use crate::base::i18n::Msg;

/// The most one entry may inflate to, and all of them together.
const MAX_ENTRY_BYTES: u64 = 256 << 20;
const MAX_TOTAL_BYTES: u64 = 512 << 20;
/// Deflate rarely passes 100:1 on sheet XML; bombs go far beyond.
const MAX_RATIO: u64 = 200;
/// Columns and cells a sheet may span: far beyond any register, and within memory.
const MAX_COLUMNS: u32 = 256;
const MAX_CELLS: u64 = 4_000_000;

/// The reason a workbook is refused before it is read, if it is.
pub fn check(path: &Path) -> Result<(), Msg> {
    let file = std::fs::File::open(path).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES || size / packed > MAX_RATIO {
            return Err(Msg::new("reason.xlsx.inflates")
                .arg("entry", entry.name().unwrap_or_default())
                .arg("size", size >> 20));
        }
    }
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
        let name = entry.name().unwrap_or_default().to_string();
        let size = entry.size();
        if name.ends_with("sharedStrings.xml") {
            check_string_count(entry, size)?;
        } else if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            check_extent(entry, &name)?;
        }
    }
    Ok(())
}

/// A shared-string table cannot hold more strings than it has bytes for (`<si/>` is 5).
fn check_string_count(entry: impl Read, size: u64) -> Result<(), Msg> {
    let mut head = Vec::with_capacity(4096);
    entry.take(4096).read_to_end(&mut head).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
    let head = String::from_utf8_lossy(&head);
    for attr in ["count=\"", "uniqueCount=\""] {
        let declared =
            head.split(attr).nth(1).and_then(|rest| rest.split('"').next()).and_then(|n| n.parse::<u64>().ok());
        if declared.is_some_and(|n| n > size / 5 + 1) {
            return Err(Msg::new("reason.xlsx.strings").arg("count", declared.unwrap_or(0)));
        }
    }
    Ok(())
}

/// The furthest cell a sheet names (its `r="B7"` references), read as a stream.
fn check_extent(entry: impl Read, name: &str) -> Result<(), Msg> {
    const NEEDLE: &[u8] = b" r=\"";
    let mut reader = BufReader::with_capacity(1 << 16, entry);
    let (mut max_row, mut max_col) = (0u64, 0u32);
    let (mut matched, mut in_ref, mut reference) = (0usize, false, Vec::with_capacity(16));
    let mut buf = [0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf).map_err(|e| Msg::new("reason.file.xlsx").arg("detail", e))?;
        if n == 0 {
            break;
        }
        for &b in &buf[..n] {
            if in_ref {
                if b == b'"' || reference.len() > 12 {
                    let (col, row) = cell_position(&reference);
                    max_col = max_col.max(col);
                    max_row = max_row.max(row);
                    in_ref = false;
                    reference.clear();
                } else {
                    reference.push(b);
                }
            } else if b == NEEDLE[matched] {
                matched += 1;
                if matched == NEEDLE.len() {
                    (in_ref, matched) = (true, 0);
                }
            } else {
                matched = usize::from(b == NEEDLE[0]);
            }
        }
        if max_col > MAX_COLUMNS || max_row.saturating_mul(u64::from(max_col.max(1))) > MAX_CELLS {
            return Err(Msg::new("reason.xlsx.extent").arg("sheet", name).arg("rows", max_row).arg("columns", max_col));
        }
    }
    Ok(())
}

/// `B7` → (2, 7); a row's own `r="7"` → (0, 7).
fn cell_position(reference: &[u8]) -> (u32, u64) {
    let letters = reference.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let col =
        reference[..letters].iter().fold(0u32, |c, b| c.saturating_mul(26).saturating_add(u32::from(b - b'A' + 1)));
    let row = reference[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u64, |r, b| r.saturating_mul(10).saturating_add(u64::from(b - b'0')));
    (col, row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_their_column_and_row() {
        assert_eq!(cell_position(b"A1"), (1, 1));
        assert_eq!(cell_position(b"XFD1048576"), (16384, 1_048_576));
        assert_eq!(cell_position(b"7"), (0, 7));
    }
}
