//! The result of a report or a list: typed cells under column keys, rendered by the
//! binary as a terminal table, CSV, JSON or .xlsx. The safety rules of exports live here:
//! ID numbers are masked unless asked for, and text never starts a formula.

use chrono::NaiveDate;

use crate::base::i18n::{self, Lang, Msg};
use crate::base::idnum;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A decimal number shown with the given number of decimals.
    Num(f64, u8),
    /// An amount in fen (分), shown in yuan with two decimals.
    Money(i64),
    Date(NaiveDate),
    Bool(bool),
    /// A resident ID number: masked unless the user asked to see it.
    IdNumber(String),
    /// A text-table key (an enum label, a verdict): shown in the user's language,
    /// exported to JSON as the key.
    Label(&'static str),
    /// Several messages, one after another.
    Messages(Vec<Msg>),
    /// A column's header as a value (for field/value tables).
    Column(&'static str),
    /// A whole message in the user's language.
    Message(Msg),
    /// Stored JSON (audit before/after): ID numbers inside are masked too.
    Json(Option<String>),
    /// Free text that may quote ID numbers (a command line): they are masked too.
    Quoting(String),
    /// A value with structure (a bulletin's items, a section's id): shown as the cell,
    /// exported to JSON as the value.
    Data(Box<Cell>, serde_json::Value),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt_text(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as display text.
    pub fn display(&self, view: &View) -> String {
        match self {
            Cell::Empty | Cell::Json(None) => String::new(),
            Cell::Text(s) => i18n::inert(s).into_owned(),
            Cell::Int(i) => i.to_string(),
            Cell::Num(x, decimals) => crate::base::number::fixed(*x, *decimals),
            Cell::Money(fen) => format_fen(*fen),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => i18n::text(view.lang, crate::base::enums::bool_label_key(*b)).to_string(),
            Cell::IdNumber(id) => view.id(id),
            Cell::Label(k) => i18n::text(view.lang, k).to_string(),
            Cell::Message(m) => m.render(view.lang),
            Cell::Column(k) => column_label(view.lang, k),
            Cell::Messages(ms) => ms.iter().map(|m| m.render(view.lang)).collect::<Vec<_>>().join("; "),
            Cell::Json(Some(s)) | Cell::Quoting(s) => i18n::inert(&view.ids_in(s)).into_owned(),
            Cell::Data(shown, _) => shown.display(view),
        }
    }

    /// Whether the cell is text that a spreadsheet could take for a formula.
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            Cell::Text(_)
                | Cell::Message(_)
                | Cell::Json(_)
                | Cell::Label(_)
                | Cell::Column(_)
                | Cell::Messages(_)
                | Cell::Data(..)
        )
    }
}

/// How cells are shown: language and whether ID numbers are shown whole.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub lang: Lang,
    pub show_id: bool,
}

impl View {
    pub fn id(&self, id: &str) -> String {
        if self.show_id { id.to_string() } else { idnum::mask(id) }
    }

    /// Masks every ID-number-shaped run inside free text unless IDs are shown.
    pub fn ids_in(&self, text: &str) -> String {
        if self.show_id { text.to_string() } else { mask_ids_in(text) }
    }
}

/// Replaces every run of 17 digits and a digit or X (not inside a longer run of digits)
/// with its masked form.
pub fn mask_ids_in(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_run = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts_run && i + 18 <= chars.len() {
            let candidate = &chars[i..i + 18];
            let shaped = candidate[..17].iter().all(char::is_ascii_digit)
                && (candidate[17].is_ascii_digit() || candidate[17] == 'X' || candidate[17] == 'x');
            let ends_run = chars.get(i + 18).is_none_or(|c| !c.is_ascii_alphanumeric());
            if shaped && ends_run {
                out.push_str(&idnum::mask(&candidate.iter().collect::<String>()));
                i += 18;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's
/// advice for CSV injection); numbers are never text cells, so they stay numbers.
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Yuan with two decimals from integer fen.
pub fn format_fen(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// A titled table of rows under column keys (`col.<key>` in the text table).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: Msg,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines shown under the table (totals, explanations).
    pub notes: Vec<Msg>,
    /// The center (code, name) the table is for: shown in its title.
    pub center: Option<(String, String)>,
    /// One of a report made for each of several centers (`--format json` keys it by code).
    pub by_center: bool,
    /// The totals row under the rows, for readers (tables, CSV, sheets; JSON leaves it out:
    /// a script sums for itself).
    pub totals: Option<Vec<Cell>>,
    /// Columns shown under another label (a text key) than `col.<key>` (a unit's name is
    /// 名称, not 姓名), keeping the key scripts read.
    pub labels: Vec<(&'static str, &'static str)>,
    /// A value of a column a reader must not miss (the lowest grade): (column, label key),
    /// marked in sheets by a conditional format.
    pub alarm: Option<(&'static str, &'static str)>,
    /// Shown in a sheet with a column chart of its numbers by its first column.
    pub chart: bool,
}

impl Table {
    pub fn new(title: Msg, columns: &[&'static str]) -> Table {
        Table {
            title,
            columns: columns.to_vec(),
            rows: Vec::new(),
            notes: Vec::new(),
            center: None,
            by_center: false,
            totals: None,
            labels: Vec::new(),
            alarm: None,
            chart: false,
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The stable id of the table as a section of a report (`--format json` keys it so):
    /// its title's key without the prefix, in snake case (`title.leave-days` → `leave_days`).
    pub fn section_id(&self) -> String {
        self.title.key.split_once('.').map_or(self.title.key, |(_, rest)| rest).replace(['-', '.'], "_")
    }

    /// The title as shown: with the center's name when the report covers several.
    pub fn shown_title(&self) -> Msg {
        match &self.center {
            Some((_, name)) => Msg::new("title.in-center").arg("center", name).nested("title", self.title.clone()),
            None => self.title.clone(),
        }
    }

    /// Whether the table is one record shown as field/value rows (`personnel show`).
    pub fn is_record(&self) -> bool {
        self.columns == ["field", "value"] && self.rows.iter().all(|r| matches!(r.first(), Some(Cell::Column(_))))
    }

    /// Adds the totals row: `sum` columns summed (whole numbers, decimals or amounts),
    /// "total" in the first column, the others blank.
    pub fn with_totals(mut self, sum: &[&str]) -> Table {
        let mut row: Vec<Cell> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, key)| if sum.contains(key) { sum_of(self.rows.iter().map(|r| &r[i])) } else { Cell::Empty })
            .collect();
        if let Some(first) = row.first_mut() {
            *first = Cell::Label("table.total");
        }
        self.totals = Some(row);
        self
    }

    /// Shows `column` under the text `label` (a text-table key) instead of `col.<column>`.
    pub fn relabel(mut self, column: &'static str, label: &'static str) -> Table {
        self.labels.push((column, label));
        self
    }

    pub fn header(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| match self.labels.iter().find(|(col, _)| col == c) {
                Some((_, label)) => i18n::text(lang, label).to_string(),
                None => column_label(lang, c),
            })
            .collect()
    }
}

/// Columns a text takes, its widest line's: a CJK (wide) character counts two, as in a
/// spreadsheet or a document set in a CJK font.
pub fn display_width(text: &str) -> f64 {
    text.lines().map(|line| line.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>()).fold(0.0, f64::max)
}

/// The sum of a column's cells, in the kind of cell they are (amounts stay amounts).
fn sum_of<'a>(cells: impl Iterator<Item = &'a Cell>) -> Cell {
    let (mut ints, mut nums, mut fen, mut decimals, mut money, mut seen) = (0i64, 0f64, 0i64, None, false, false);
    for cell in cells {
        seen |= matches!(cell, Cell::Int(_) | Cell::Num(..) | Cell::Money(_));
        match cell {
            Cell::Int(n) => ints += n,
            Cell::Num(x, d) => {
                nums += x;
                decimals = Some(decimals.unwrap_or(0).max(*d));
            }
            Cell::Money(f) => {
                fen += f;
                money = true;
            }
            _ => {}
        }
    }
    match (money, decimals) {
        _ if !seen => Cell::Empty,
        (true, _) => Cell::Money(fen),
        (false, Some(d)) => Cell::Num(nums + ints as f64, d),
        (false, None) => Cell::Int(ints),
    }
}

/// A column's header in `lang`.
pub fn column_label(lang: Lang, key: &str) -> String {
    let k = format!("col.{key}");
    if i18n::has(&k) { i18n::text(lang, &k).to_string() } else { key.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralise_formula(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise_formula("张三"), "张三");
        assert_eq!(neutralise_formula(""), "");
    }

    #[test]
    fn ids_masked_inside_text() {
        let s = r#"{"id_number":"500114198503151233","phone":"13800000000"}"#;
        assert_eq!(mask_ids_in(s), r#"{"id_number":"500114********1233","phone":"13800000000"}"#);
        assert_eq!(mask_ids_in("1234567890123456789012"), "1234567890123456789012");
    }

    #[test]
    fn fen_to_yuan() {
        assert_eq!(format_fen(123456), "1234.56");
        assert_eq!(format_fen(5), "0.05");
        assert_eq!(format_fen(-250), "-2.50");
    }
}
