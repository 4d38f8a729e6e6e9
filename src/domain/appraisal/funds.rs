//! The funds transferred by headcount (Art 22), in fen so that sums are exact.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::month::{stationed_days, unit_codes};
use super::year::{person_categories, whole_months};
use crate::base::enums::Category;
use crate::base::i18n::Msg;
use crate::domain::leave;
use crate::error::{Error, ParseField, Result};
use crate::io::table::{Cell, Table};

/// An amount of yuan as typed ("12000", "12000.50") in fen.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// ART22-FUNDS: per unit, Σ over its staff of (whole months stationed / 12) × the annual
/// standard of the person's category, in integer fen (each person's share rounded half up).
pub fn funds(conn: &Connection, year: i32, standards: &[String]) -> Result<Table> {
    let mut per_category: BTreeMap<Category, i64> = BTreeMap::new();
    for s in standards {
        let (cat, amount) =
            s.split_once('=').ok_or_else(|| Error::invalid("standard", s, Msg::new("reason.standard.form")))?;
        let category = Category::parse_field("standard", cat)?;
        let fen = parse_yuan(amount).ok_or_else(|| Error::invalid("standard", s, Msg::new("reason.standard.form")))?;
        per_category.insert(category, fen);
    }
    let (jan1, dec31) = leave::year_range(year);
    let stationed = stationed_days(conn, jan1, dec31)?;
    let categories = person_categories(conn)?;
    let units = unit_codes(conn)?;
    // A category whose staff count towards the year needs its standard: counting them at
    // 0.00 would send a unit less than it is owed, silently.
    let counted: Vec<(i64, i64, i64)> = stationed
        .into_iter()
        .map(|(person, (unit_id, days))| (person, unit_id, whole_months(&days)))
        .filter(|(_, _, months)| *months > 0)
        .collect();
    if let Some(missing) =
        counted.iter().filter_map(|(person, _, _)| categories.get(person)).find(|c| !per_category.contains_key(c))
    {
        return Err(Error::invalid(
            "standard",
            missing.key(),
            Msg::new("reason.standard.missing").label("category", missing.label_key()).arg("key", missing.key()),
        ));
    }
    let mut by_unit: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (person, unit_id, months) in counted {
        let standard = categories.get(&person).and_then(|c| per_category.get(c)).copied().unwrap_or(0);
        let share = (standard * months * 2 + 12) / 24;
        let entry = by_unit.entry(units.get(&unit_id).cloned().unwrap_or_default()).or_default();
        entry.0 += 1;
        entry.1 += months;
        entry.2 += share;
    }
    let mut t = Table::new(Msg::new("title.funds").arg("year", year), &["unit", "persons", "person_months", "amount"]);
    let mut total = 0;
    for (unit, (persons, months, fen)) in by_unit {
        total += fen;
        t.push(vec![Cell::Text(unit), Cell::Int(persons), Cell::Int(months), Cell::Money(fen)]);
    }
    t.notes.push(Msg::new("note.funds.total").arg("total", crate::io::table::format_fen(total)));
    for (c, fen) in per_category {
        t.notes.push(
            Msg::new("note.funds.standard")
                .label("category", c.label_key())
                .arg("amount", crate::io::table::format_fen(fen)),
        );
    }
    Ok(t.with_totals(&["persons", "person_months", "amount"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_to_fen_exactly() {
        assert_eq!(parse_yuan("12000"), Some(1_200_000));
        assert_eq!(parse_yuan("12000.5"), Some(1_200_050));
        assert_eq!(parse_yuan("0.07"), Some(7));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("-5"), None);
    }
}
