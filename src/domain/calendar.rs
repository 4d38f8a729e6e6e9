//! The official calendar: public holidays and make-up working days (调休上班日), imported
//! per year; every other day follows the week. Leave days are counted against it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::{Connection, OptionalExtension, params};

use crate::base::enums::{Counting, DayKind, Half};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::audit::json;
use crate::storage::store::Tx;

/// The holidays and make-up working days, loaded once per command.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: HashMap<NaiveDate, DayKind>,
    /// The years whose official schedule was imported.
    years: BTreeSet<i32>,
}

impl Calendar {
    pub fn load(conn: &Connection) -> Result<Calendar> {
        let mut stmt = conn.prepare("SELECT date, kind FROM calendar_day")?;
        let days: Vec<(NaiveDate, DayKind)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Self::from_days(days))
    }

    /// A calendar from explicit entries (tests, the demo).
    pub fn from_days(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Calendar {
        let days: HashMap<NaiveDate, DayKind> = days.into_iter().collect();
        let years = days.keys().map(|d| d.year()).collect();
        Calendar { days, years }
    }

    /// Refuses (under `rule`) a count of days that touches a year whose official schedule
    /// was never imported: without it New Year's Day and the Spring Festival would count
    /// as working days.
    pub fn require_years(&self, from: NaiveDate, to: NaiveDate, rule: RuleId) -> Result<()> {
        match (from.year()..=to.year()).find(|y| !self.years.contains(y)) {
            Some(year) => Err(Error::refused(rule, Msg::new("refuse.calendar.missing").arg("year", year))),
            None => Ok(()),
        }
    }

    /// Holidays are off, make-up working days are on, other days follow the week.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// An official holiday (not merely a weekend).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.days.get(&d) == Some(&DayKind::Holiday)
    }

    /// What one day of a leave counts: 1 (or 0.5 for a half day) when the counting rule
    /// counts it, else 0.
    pub fn day_weight(&self, d: NaiveDate, counting: Counting, half: Option<Half>) -> f64 {
        let counted = match counting {
            Counting::Calendar => true,
            Counting::Working => self.is_working_day(d),
        };
        match (counted, half) {
            (false, _) => 0.0,
            (true, Some(_)) => 0.5,
            (true, None) => 1.0,
        }
    }

    /// Days of a leave from `from` to `to` inclusive.
    pub fn count(&self, from: NaiveDate, to: NaiveDate, counting: Counting, half: Option<Half>) -> f64 {
        from.iter_days().take_while(|d| *d <= to).map(|d| self.day_weight(d, counting, half)).sum()
    }

    /// The same days split by month (first day of the month → days); they always sum to
    /// [`Calendar::count`].
    pub fn by_month(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        counting: Counting,
        half: Option<Half>,
    ) -> BTreeMap<NaiveDate, f64> {
        let mut months = BTreeMap::new();
        for d in from.iter_days().take_while(|d| *d <= to) {
            let w = self.day_weight(d, counting, half);
            if w > 0.0 {
                *months.entry(first_of_month(d)).or_insert(0.0) += w;
            }
        }
        months
    }
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Whether the month of `date` is closed (ART21-MONTHLY): nothing dated in it changes.
pub fn is_month_closed(conn: &Connection, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM month_close WHERE month = ?1")?
        .query_row([date.format("%Y-%m").to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The last day of the month of `d` (any day of it).
pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = first_of_month(d);
    first.checked_add_months(chrono::Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(first)
}

pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "date", required: true, aliases: &[] },
    ColumnSpec { key: "kind", required: true, aliases: &["类型"] },
    ColumnSpec { key: "name", required: false, aliases: &["名称", "节日"] },
];

/// ART21-MONTHLY: a closed month counted its leave days by the calendar it had; a new
/// schedule for its year may not change one of its days.
fn refuse_closed_changes(conn: &Connection, year: i32, rows: &BTreeMap<NaiveDate, (DayKind, String)>) -> Result<()> {
    let stored = Calendar::load(conn)?;
    let Some(jan1) = NaiveDate::from_ymd_opt(year, 1, 1) else { return Ok(()) };
    let mut changed = Vec::new();
    for day in jan1.iter_days().take_while(|d| d.year() == year) {
        let new_kind = rows.get(&day).map(|(k, _)| *k);
        if stored.days.get(&day).copied() != new_kind && is_month_closed(conn, day)? {
            changed.push(day.to_string());
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    Err(Error::refused(
        RuleId::Art21Monthly,
        Msg::new("refuse.calendar.closed").arg("count", changed.len()).arg("days", changed.join(", ")),
    ))
}

/// Makes the stored days of `year` those of `rows`, touching only the days that differ
/// (the days of a closed month are frozen in the file too, so they are left alone when
/// they stay as they were). Returns the days the year now has.
fn replace_year(tx: &Tx, year: i32, rows: &BTreeMap<NaiveDate, (DayKind, String)>) -> Result<usize> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Ok(0);
    };
    let wanted: BTreeMap<&NaiveDate, &(DayKind, String)> = rows.range(first..=last).collect();
    let stored: Vec<(NaiveDate, DayKind, String)> = tx
        .prepare("SELECT date, kind, name FROM calendar_day WHERE date BETWEEN ?1 AND ?2")?
        .query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (date, kind, name) in &stored {
        match wanted.get(date) {
            None => {
                tx.prepare_cached("DELETE FROM calendar_day WHERE date = ?1")?.execute([date])?;
            }
            Some((k, n)) if k != kind || n != name => {
                tx.prepare_cached("UPDATE calendar_day SET kind = ?2, name = ?3 WHERE date = ?1")?
                    .execute(params![date, k, n])?;
            }
            Some(_) => {}
        }
    }
    let had: std::collections::HashSet<NaiveDate> = stored.iter().map(|(d, _, _)| *d).collect();
    for (date, (kind, name)) in wanted.iter().filter(|(d, _)| !had.contains(**d)) {
        tx.prepare_cached("INSERT INTO calendar_day (date, kind, name) VALUES (?1, ?2, ?3)")?
            .execute(params![date, kind, name])?;
    }
    Ok(wanted.len())
}

/// `leave holidays import`: the file's years replace what the calendar had for them.
pub fn import(tx: &mut Tx, input: Input, encoding: Encoding, sheet_name: Option<&str>) -> Result<ImportSummary> {
    let mut rows: BTreeMap<NaiveDate, (DayKind, String)> = BTreeMap::new();
    let mut summary = sheet::import_rows(input, encoding, sheet_name, COLUMNS, |row| {
        let date = parse::date(row.get(0)).map_err(|r| row.fail(0, r)).ok();
        let kind = DayKind::parse(row.get(1))
            .ok_or_else(|| row.fail(1, Msg::new("reason.choice").arg("choices", DayKind::choices())))
            .ok();
        let name = parse::optional_text(row.get(2), 50).map_err(|r| row.fail(2, r)).ok();
        if let (Some(date), Some(kind), Some(name)) = (date, kind, name)
            && rows.insert(date, (kind, name.unwrap_or_default())).is_some()
        {
            row.fail(0, Msg::new("reason.calendar.duplicate"));
        }
        Ok(())
    })?;
    let mut years: Vec<i32> = rows.keys().map(|d| d.year()).collect();
    years.dedup();
    for year in &years {
        refuse_closed_changes(tx, *year, &rows)?;
    }
    for year in years {
        let before = year_json(tx, year)?;
        summary.inserted += replace_year(tx, year, &rows)?;
        let after = year_json(tx, year)?;
        let before = (before.as_array().is_some_and(|a| !a.is_empty())).then_some(before);
        tx.audit("calendar", year, "import", before.as_ref(), Some(&after))?;
    }
    Ok(summary)
}

/// A year's calendar as its import's audit row records it, by year ("2027").
pub fn audited_json(conn: &Connection, year: &str) -> Result<serde_json::Value> {
    year_json(conn, year.parse().unwrap_or_default())
}

fn year_json(conn: &Connection, year: i32) -> Result<serde_json::Value> {
    let mut stmt =
        conn.prepare("SELECT date, kind, name FROM calendar_day WHERE substr(date, 1, 4) = ?1 ORDER BY date")?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([format!("{year:04}")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(json(&rows))
}

/// `leave holidays list`.
pub fn list(conn: &Connection, year: Option<i32>) -> Result<Table> {
    let mut t =
        Table::new(Msg::new("title.calendar"), &["date", "weekday", "kind", "name"]).relabel("name", "col.title_name");
    let mut stmt = conn.prepare(
        "SELECT date, kind, name FROM calendar_day WHERE ?1 IS NULL OR substr(date, 1, 4) = ?1 ORDER BY date",
    )?;
    let year = year.map(|y| format!("{y:04}"));
    for row in stmt.query_map([year], |r| Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, DayKind>(1)?, r.get(2)?)))? {
        let (date, kind, name): (NaiveDate, DayKind, String) = row?;
        t.push(vec![Cell::Date(date), Cell::Label(weekday_key(date)), Cell::Label(kind.label_key()), Cell::Text(name)]);
    }
    Ok(t)
}

fn weekday_key(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "weekday.mon",
        Weekday::Tue => "weekday.tue",
        Weekday::Wed => "weekday.wed",
        Weekday::Thu => "weekday.thu",
        Weekday::Fri => "weekday.fri",
        Weekday::Sat => "weekday.sat",
        Weekday::Sun => "weekday.sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The 2026 National Day block: 10/1–10/7 off, 9/20 and 10/10 (weekends) worked.
    fn national_day() -> Calendar {
        let mut days: Vec<(NaiveDate, DayKind)> = (1..=7).map(|n| (d(2026, 10, n), DayKind::Holiday)).collect();
        days.push((d(2026, 9, 20), DayKind::Workday));
        days.push((d(2026, 10, 10), DayKind::Workday));
        Calendar::from_days(days)
    }

    #[test]
    fn working_days_across_a_holiday_block_with_make_up_days() {
        let cal = national_day();
        // 9/28 Mon … 10/11 Sun: 9/28, 9/29, 9/30 and 10/8, 10/9 (Thu, Fri), 10/10 (Sat, worked).
        assert_eq!(cal.count(d(2026, 9, 28), d(2026, 10, 11), Counting::Working, None), 6.0);
        assert_eq!(cal.count(d(2026, 9, 28), d(2026, 10, 11), Counting::Calendar, None), 14.0);
        assert!(cal.is_working_day(d(2026, 9, 20)));
        assert!(!cal.is_working_day(d(2026, 10, 5)));
    }

    #[test]
    fn half_days_count_half_on_working_days_only() {
        let cal = national_day();
        assert_eq!(cal.count(d(2026, 10, 9), d(2026, 10, 9), Counting::Working, Some(Half::Am)), 0.5);
        assert_eq!(cal.count(d(2026, 10, 3), d(2026, 10, 3), Counting::Working, Some(Half::Pm)), 0.0);
    }

    #[test]
    fn months_split_across_a_month_end() {
        let cal = national_day();
        let split = cal.by_month(d(2026, 9, 28), d(2026, 10, 11), Counting::Working, None);
        assert_eq!(split.get(&d(2026, 9, 1)), Some(&3.0));
        assert_eq!(split.get(&d(2026, 10, 1)), Some(&3.0));
        assert_eq!(last_of_month(d(2028, 2, 1)), d(2028, 2, 29));
    }

    proptest! {
        #[test]
        fn per_month_days_sum_to_the_total(
            start in 0i64..800,
            len in 0i64..120,
            holidays in proptest::collection::vec((0i64..900, any::<bool>()), 0..40),
            calendar_counting in any::<bool>(),
            half in any::<bool>(),
        ) {
            let base = d(2026, 1, 1);
            let cal = Calendar::from_days(holidays.into_iter().map(|(n, h)| {
                (base + chrono::Duration::days(n), if h { DayKind::Holiday } else { DayKind::Workday })
            }));
            let from = base + chrono::Duration::days(start);
            let to = if half { from } else { from + chrono::Duration::days(len) };
            let counting = if calendar_counting { Counting::Calendar } else { Counting::Working };
            let half = half.then_some(Half::Am);
            let total = cal.count(from, to, counting, half);
            let split: f64 = cal.by_month(from, to, counting, half).values().sum();
            prop_assert!((total - split).abs() < 1e-9, "{} vs {}", total, split);
        }
    }
}
