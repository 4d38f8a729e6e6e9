//! Matching a file's header to the columns an import understands: the English keys, the
//! Chinese labels or the other names clerks use, whatever the spacing inside them.

use crate::base::i18n::{self, Msg};

/// A column an import understands: its key (`col.<key>` gives its labels) and other
/// headers clerks use for it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub required: bool,
    pub aliases: &'static [&'static str],
}

/// Header text normalised for matching: no spaces or line breaks (`身份证\n号码`), no
/// required-marks, lower case.
fn normalise(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .collect::<String>()
        .to_lowercase()
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

/// For each spec, its column in the file; and the header cells that matched none.
pub type HeaderMatch = (Vec<Option<usize>>, Vec<String>);

pub fn match_header(header: &[String], specs: &[ColumnSpec]) -> Result<HeaderMatch, Msg> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let broken = vec!["姓\n名".to_string(), "身份证\r\n号码".to_string(), "  ".to_string()];
        assert_eq!(match_header(&broken, &specs).unwrap().0, vec![Some(1), Some(0)]);
    }

    #[test]
    fn missing_and_duplicate_columns_are_refused() {
        let specs = [ColumnSpec { key: "name", required: true, aliases: &[] }];
        assert_eq!(match_header(&["x".into()], &specs).unwrap_err().key, "reason.column.missing");
        assert_eq!(match_header(&["name".into(), "姓名".into()], &specs).unwrap_err().key, "reason.column.duplicate");
    }
}
