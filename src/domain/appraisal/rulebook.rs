//! The center's rule book (考核细则): items, bands and settings, versioned by effective
//! date, validated on import. Scores come only from it: the code holds no scoring constant.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::window_rules::WindowRules;
use crate::base::enums::{Category, Counting};
use crate::base::i18n::{self, Lang, Msg};
use crate::base::parse;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::{self, Band, RuleId};
use crate::storage::audit::json;
use crate::storage::store::Tx;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One item of a rule book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub points: f64,
    #[serde(default)]
    pub cap: Option<f64>,
    #[serde(default)]
    pub article: Option<u8>,
    #[serde(default)]
    pub blocks_excellent: bool,
    #[serde(default)]
    pub no_grade: bool,
    /// An attendance item (late, early, absent): only on a working day off leave.
    #[serde(default)]
    pub attendance: bool,
    /// Bars 优秀 (of the month, or of the year) when it occurs this often in a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excellent_bar: Option<ExcellentBar>,
}

/// A count bar: `times` occurrences in one month bar 优秀 of that month or of its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcellentBar {
    pub times: u32,
    pub scope: BarScope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BarScope {
    Month,
    Year,
}

impl BarScope {
    fn key(self) -> &'static str {
        match self {
            BarScope::Month => "month",
            BarScope::Year => "year",
        }
    }
}

impl Rulebook {
    /// Whether the month's counts (item code → times) bar 优秀 of the given scope.
    pub fn count_barred<S: AsRef<str>>(&self, scope: BarScope, times: impl IntoIterator<Item = (S, i64)>) -> bool {
        times.into_iter().any(|(code, n)| {
            self.items
                .get(code.as_ref())
                .and_then(|i| i.excellent_bar)
                .is_some_and(|b| b.scope == scope && rules::count_bars_excellent(b.times, n))
        })
    }
}

impl Item {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// A rule book as the center writes it (examples/rulebook.json).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulebookFile {
    name: String,
    effective: String,
    base: f64,
    #[serde(default = "default_participation")]
    participation_months: u8,
    bad_review_item: String,
    /// 整改: the days a valid bad review's rectification is due in.
    #[serde(default = "default_rectify_days")]
    rectify_days: u32,
    #[serde(default = "default_rectify_counting")]
    rectify_counting: Counting,
    monthly_bands: Vec<Band>,
    annual_bands: BTreeMap<String, Vec<Band>>,
    items: Vec<Item>,
    /// How windows are scored, awarded and taken into the department figure (Art 21).
    #[serde(default)]
    windows: Option<WindowRules>,
}

fn default_participation() -> u8 {
    6
}

fn default_rectify_days() -> u32 {
    7
}

fn default_rectify_counting() -> Counting {
    Counting::Working
}

/// A rule book version in force from its effective date.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    pub id: i64,
    pub effective: NaiveDate,
    pub name: String,
    pub base: f64,
    pub participation_months: u8,
    pub bad_review_item: String,
    /// 整改: a valid bad review's rectification is due this many days after it opens.
    pub rectify_days: u32,
    pub rectify_counting: Counting,
    pub monthly_bands: Vec<Band>,
    pub annual_bands: BTreeMap<Category, Vec<Band>>,
    pub items: BTreeMap<String, Item>,
    /// The window section as the book gives it; none: windows by their staff alone.
    pub windows: Option<WindowRules>,
}

impl Rulebook {
    /// The window section in force: the book's, or scoring by the staff alone.
    pub fn window_rules(&self) -> &WindowRules {
        static BY_STAFF_ALONE: std::sync::LazyLock<WindowRules> = std::sync::LazyLock::new(WindowRules::default);
        self.windows.as_ref().unwrap_or(&BY_STAFF_ALONE)
    }
}

fn file_error(path: &Path, reason: Msg) -> Error {
    Error::BadFile { file: path.display().to_string(), reason }
}

/// Bands are ordered best first, their minimums falling, the last one catching all.
fn check_bands(bands: &[Band], what: &str) -> std::result::Result<(), Msg> {
    let bad = || Msg::new("reason.rulebook.bands").arg("what", what);
    let (last, rest) = bands.split_last().ok_or_else(bad)?;
    let mins: Vec<f64> = rest.iter().map(|b| b.min).collect::<Option<_>>().ok_or_else(bad)?;
    if mins.iter().any(|m| !rules::within_score_bounds(*m)) {
        return Err(bad());
    }
    if last.min.is_some() || mins.windows(2).any(|w| w[0] <= w[1]) {
        return Err(bad());
    }
    Ok(())
}

/// A rule book file that passed its checks, with its parsed date and annual bands.
type ValidRulebook = (NaiveDate, BTreeMap<Category, Vec<Band>>, RulebookFile);

fn validate_rulebook(mut f: RulebookFile) -> std::result::Result<ValidRulebook, Msg> {
    let effective = parse::date(&f.effective).map_err(|_| Msg::new("reason.rulebook.effective"))?;
    check_bands(&f.monthly_bands, "monthly_bands")?;
    let mut annual = BTreeMap::new();
    for (key, bands) in &f.annual_bands {
        let category = Category::parse(key).ok_or_else(|| Msg::new("reason.rulebook.category").arg("category", key))?;
        check_bands(bands, key)?;
        annual.insert(category, bands.clone());
    }
    if let Some(missing) = Category::ALL.iter().find(|c| !annual.contains_key(c)) {
        return Err(Msg::new("reason.rulebook.category-missing").arg("category", missing.key()));
    }
    let mut codes = HashSet::new();
    for item in &f.items {
        if item.code.trim().is_empty() || !codes.insert(item.code.trim().to_uppercase()) {
            return Err(Msg::new("reason.rulebook.item-code").arg("code", &item.code));
        }
        let field = |name: &str| Msg::new("reason.rulebook.item-field").arg("code", &item.code).arg("field", name);
        if !rules::within_item_bounds(item.points) || (item.points == 0.0 && !item.no_grade && !item.blocks_excellent) {
            return Err(field("points"));
        }
        if item.cap.is_some_and(|c| !(c > 0.0 && rules::within_item_bounds(c))) {
            return Err(field("cap"));
        }
        if item.article.is_some_and(|a| !(1..=27).contains(&a)) {
            return Err(field("article"));
        }
        if item.excellent_bar.is_some_and(|b| b.times == 0) {
            return Err(field("excellent_bar"));
        }
    }
    if !codes.contains(&f.bad_review_item.trim().to_uppercase()) {
        return Err(Msg::new("reason.rulebook.bad-review").arg("code", &f.bad_review_item));
    }
    if !(1..=90).contains(&f.rectify_days) {
        return Err(Msg::new("reason.rulebook.rectify"));
    }
    if f.participation_months > 12 || !rules::within_score_bounds(f.base) {
        return Err(Msg::new("reason.rulebook.base"));
    }
    f.windows = f.windows.map(WindowRules::normalised);
    if let Some(w) = &f.windows {
        let items = f.items.iter().map(|i| (i.code.trim().to_uppercase(), i.points)).collect();
        w.validate(&items)?;
    }
    Ok((effective, annual, f))
}

/// `appraise rules import`: stores a rule book version. A version whose months are
/// already closed cannot be replaced (ART21-MONTHLY).
pub fn import_rulebook(tx: &mut Tx, path: &Path) -> Result<Rulebook> {
    let text =
        std::fs::read_to_string(path).map_err(|e| file_error(path, Msg::new("reason.file.csv").arg("detail", e)))?;
    import_rulebook_text(tx, &path.display().to_string(), &text)
}

/// The same, from text (the demo's bundled rule book).
pub fn import_rulebook_text(tx: &mut Tx, name: &str, text: &str) -> Result<Rulebook> {
    let path = Path::new(name);
    let file: RulebookFile =
        serde_json::from_str(text).map_err(|e| file_error(path, Msg::new("reason.rulebook.json").arg("detail", e)))?;
    let (effective, annual, f) = validate_rulebook(file).map_err(|m| file_error(path, m))?;
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM rulebook WHERE effective = ?1")?
        .query_row([effective], |r| r.get(0))
        .optional()?;
    let before = match existing {
        Some(id) => {
            let used: Option<String> = tx
                .prepare_cached("SELECT month FROM month_close WHERE rulebook_id = ?1 LIMIT 1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(month) = used {
                return Err(Error::refused(
                    RuleId::Art21Monthly,
                    Msg::new("refuse.rulebook.used").arg("effective", effective).arg("month", month),
                ));
            }
            let before = rulebook_json(tx, id)?;
            tx.prepare_cached("DELETE FROM rule_item WHERE rulebook_id = ?1")?.execute([id])?;
            tx.prepare_cached("DELETE FROM year_appraisal WHERE rulebook_id = ?1 AND closed_on IS NULL")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM rulebook WHERE id = ?1")?.execute([id])?;
            Some(before)
        }
        None => None,
    };
    let annual_json: BTreeMap<&str, &Vec<Band>> = annual.iter().map(|(c, b)| (c.key(), b)).collect();
    tx.prepare_cached(
        "INSERT INTO rulebook (effective, name, base, participation_months, bad_review_item, monthly_bands,
         annual_bands, source, rectify_days, rectify_counting, windows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        effective,
        f.name,
        f.base,
        f.participation_months,
        f.bad_review_item.trim().to_uppercase(),
        json(&f.monthly_bands).to_string(),
        json(&annual_json).to_string(),
        text,
        f.rectify_days,
        f.rectify_counting,
        f.windows.as_ref().map(|w| json(w).to_string())
    ])?;
    let id = tx.last_insert_rowid();
    for item in &f.items {
        tx.prepare_cached(
            "INSERT INTO rule_item (rulebook_id, code, name_zh, name_en, category, points, cap, article,
             blocks_excellent, no_grade, attendance, bar_times, bar_scope)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            id,
            item.code.trim().to_uppercase(),
            item.name_zh,
            item.name_en,
            item.category,
            item.points,
            item.cap,
            item.article,
            item.blocks_excellent,
            item.no_grade,
            item.attendance,
            item.excellent_bar.map(|b| b.times),
            item.excellent_bar.map(|b| b.scope.key())
        ])?;
    }
    let after = rulebook_json(tx, id)?;
    tx.audit("rulebook", effective, "import", before.as_ref(), Some(&after))?;
    load_rulebook(tx, id)
}

pub(super) fn rulebook_json(conn: &Connection, id: i64) -> Result<serde_json::Value> {
    let rb = load_rulebook(conn, id)?;
    let mut v = serde_json::json!({
        "effective": rb.effective, "name": rb.name, "base": rb.base,
        "participation_months": rb.participation_months, "bad_review_item": rb.bad_review_item,
        "monthly_bands": rb.monthly_bands, "items": rb.items.values().collect::<Vec<_>>(),
    });
    // Rule books audited before schema 11 have the defaults and no such fields.
    if (rb.rectify_days, rb.rectify_counting) != (default_rectify_days(), default_rectify_counting()) {
        v["rectify_days"] = rb.rectify_days.into();
        v["rectify_counting"] = rb.rectify_counting.key().into();
    }
    // And those audited before schema 12 have no window section.
    if let Some(w) = &rb.windows {
        v["windows"] = json(w);
    }
    Ok(v)
}

pub(super) fn load_rulebook(conn: &Connection, id: i64) -> Result<Rulebook> {
    let (effective, name, base, participation_months, bad_review_item, monthly, annual): (
        NaiveDate,
        String,
        f64,
        u8,
        String,
        String,
        String,
    ) = conn
        .prepare_cached(
            "SELECT effective, name, base, participation_months, bad_review_item, monthly_bands, annual_bands
         FROM rulebook WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?;
    let (rectify_days, rectify_counting, windows): (u32, Counting, Option<String>) = conn
        .prepare_cached("SELECT rectify_days, rectify_counting, windows FROM rulebook WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let corrupt = |e: serde_json::Error| Error::Other(Msg::new("error.other").arg("detail", e));
    let windows = windows.map(|w| serde_json::from_str(&w)).transpose().map_err(corrupt)?;
    let monthly_bands: Vec<Band> = serde_json::from_str(&monthly).map_err(corrupt)?;
    let annual_raw: BTreeMap<String, Vec<Band>> = serde_json::from_str(&annual).map_err(corrupt)?;
    let annual_bands = annual_raw.into_iter().filter_map(|(k, v)| Category::parse(&k).map(|c| (c, v))).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT code, name_zh, name_en, category, points, cap, article, blocks_excellent, no_grade, attendance,
         bar_times, bar_scope FROM rule_item WHERE rulebook_id = ?1 ORDER BY rowid",
    )?;
    let items = stmt
        .query_map([id], |r| {
            Ok(Item {
                code: r.get(0)?,
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                category: r.get(3)?,
                points: r.get(4)?,
                cap: r.get(5)?,
                article: r.get(6)?,
                blocks_excellent: r.get(7)?,
                no_grade: r.get(8)?,
                attendance: r.get(9)?,
                excellent_bar: match (r.get::<_, Option<u32>>(10)?, r.get::<_, Option<String>>(11)?.as_deref()) {
                    (Some(times), Some("year")) => Some(ExcellentBar { times, scope: BarScope::Year }),
                    (Some(times), Some(_)) => Some(ExcellentBar { times, scope: BarScope::Month }),
                    _ => None,
                },
            })
        })?
        .map(|i| i.map(|i| (i.code.clone(), i)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(Rulebook {
        id,
        effective,
        name,
        base,
        participation_months,
        bad_review_item,
        rectify_days,
        rectify_counting,
        monthly_bands,
        annual_bands,
        items,
        windows,
    })
}

/// The rule book in force on `date`, if any was imported.
pub fn rulebook_on(conn: &Connection, date: NaiveDate) -> Result<Option<Rulebook>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM rulebook WHERE effective <= ?1 ORDER BY effective DESC LIMIT 1")?
        .query_row([date], |r| r.get(0))
        .optional()?;
    id.map(|id| load_rulebook(conn, id)).transpose()
}

pub(super) fn require_rulebook(conn: &Connection, date: NaiveDate) -> Result<Rulebook> {
    rulebook_on(conn, date)?.ok_or_else(|| no_rulebook(date))
}

/// The bad input of a date that no imported rule book covers.
pub(super) fn no_rulebook(date: NaiveDate) -> Error {
    Error::invalid("date", date, Msg::new("reason.rulebook.none").arg("date", date))
}

/// `appraise rules list`: the version in force on `on`, with its bands.
pub fn rules_table(conn: &Connection, on: NaiveDate) -> Result<Table> {
    let rb = require_rulebook(conn, on)?;
    let mut t = Table::new(
        Msg::new("title.rulebook").arg("name", &rb.name).arg("effective", rb.effective),
        &[
            "code",
            "item",
            "item_en",
            "category",
            "points",
            "cap",
            "article",
            "blocks_excellent",
            "no_grade",
            "excellent_bar",
        ],
    )
    .relabel("category", "col.item_category");
    for i in rb.items.values() {
        t.push(vec![
            Cell::text(&i.code),
            Cell::text(&i.name_zh),
            Cell::text(&i.name_en),
            Cell::text(&i.category),
            Cell::Num(i.points, 1),
            i.cap.map_or(Cell::Empty, |c| Cell::Num(c, 1)),
            i.article.map_or(Cell::Empty, |a| Cell::Text(i18n::article(a))),
            Cell::Bool(i.blocks_excellent),
            Cell::Bool(i.no_grade),
            i.excellent_bar.map_or(Cell::Empty, |b| {
                let key = match b.scope {
                    BarScope::Month => "bar.month",
                    BarScope::Year => "bar.year",
                };
                Cell::Message(Msg::new(key).arg("times", b.times))
            }),
        ]);
    }
    t.notes.push(
        Msg::new("note.rulebook")
            .arg("base", rb.base)
            .arg("months", rb.participation_months)
            .arg("bad", &rb.bad_review_item)
            .arg("rectify", rb.rectify_days)
            .label("counting", rb.rectify_counting.label_key())
            .list("bands", bands_text(&rb.monthly_bands)),
    );
    Ok(t)
}

/// The bands as a reader sees them: "优秀 ≥ 95、良好 ≥ 85、…".
fn bands_text(bands: &[Band]) -> Vec<Msg> {
    bands
        .iter()
        .map(|b| match b.min {
            Some(m) => Msg::new("band.min").label("grade", b.grade.label_key()).arg("min", m),
            None => Msg::new("band.rest").label("grade", b.grade.label_key()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::enums::Grade;

    #[test]
    fn the_example_rulebook_is_valid() {
        let f: RulebookFile = serde_json::from_str(include_str!("../../../examples/rulebook.json")).unwrap();
        let (effective, annual, f) = validate_rulebook(f).unwrap();
        assert_eq!(effective, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(annual.len(), 3);
        assert!(f.items.iter().any(|i| i.no_grade));
    }

    #[test]
    fn a_count_bar_counts_its_own_scope_only() {
        let f: RulebookFile = serde_json::from_str(include_str!("../../../examples/rulebook.json")).unwrap();
        let (effective, annual_bands, f) = validate_rulebook(f).unwrap();
        let rb = Rulebook {
            id: 1,
            effective,
            name: f.name,
            base: f.base,
            participation_months: f.participation_months,
            bad_review_item: f.bad_review_item,
            rectify_days: f.rectify_days,
            rectify_counting: f.rectify_counting,
            monthly_bands: f.monthly_bands,
            annual_bands,
            items: f.items.into_iter().map(|i| (i.code.clone(), i)).collect(),
            windows: f.windows,
        };
        let counts = |c: &[(&'static str, i64)]| c.to_vec();
        assert!(rb.count_barred(BarScope::Month, counts(&[("LATE", 5)])));
        assert!(!rb.count_barred(BarScope::Month, counts(&[("LATE", 4), ("ABSENT", 3)])));
        assert!(rb.count_barred(BarScope::Year, counts(&[("ABSENT", 1)])));
        assert!(!rb.count_barred(BarScope::Year, counts(&[("LATE", 9)])));
    }

    #[test]
    fn bands_must_fall_and_end_with_a_catch_all() {
        let b = |g, m| Band { grade: g, min: m };
        assert!(check_bands(&[b(Grade::Pass, Some(80.0)), b(Grade::Fail, None)], "x").is_ok());
        assert!(
            check_bands(&[b(Grade::Pass, Some(80.0)), b(Grade::Good, Some(90.0)), b(Grade::Fail, None)], "x").is_err()
        );
        assert!(check_bands(&[b(Grade::Pass, Some(80.0))], "x").is_err());
        assert!(check_bands(&[], "x").is_err());
    }
}
