//! Service reviews (好差评, Art 16): imported per case, counted in the month's score.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::events::{Event, People, event_problem, insert_event};
use super::period::Months;
use super::rulebook::Rulebook;
use crate::base::enums::{EventSource, ReviewState};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::io::table::{Cell, Table};
use crate::rules::{self, RuleId};
use crate::storage::audit::json;
use crate::storage::checkpoint::{Touches, Write, with_touches_replayed};
use crate::storage::store::Tx;

pub const REVIEW_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "case_no",
        required: true,
        aliases: &["办件编号", "受理编号", "案件编号", "办件号", "业务流水号"],
    },
    ColumnSpec { key: "id_number", required: false, aliases: &["身份证号码", "被评价人身份证号"] },
    ColumnSpec { key: "date", required: true, aliases: &["评价日期", "评价时间"] },
    ColumnSpec { key: "grade", required: true, aliases: &["评价等级", "评价", "整体满意度", "满意度"] },
    ColumnSpec { key: "item_code", required: false, aliases: &["事项编码", "事项代码"] },
    ColumnSpec { key: "item_name", required: false, aliases: &["事项名称"] },
    ColumnSpec { key: "channel", required: false, aliases: &["评价渠道", "评价方式"] },
    ColumnSpec { key: "review_detail", required: false, aliases: &["评价详情"] },
    ColumnSpec { key: "comment", required: false, aliases: &["文字评价", "评价内容"] },
    ColumnSpec { key: "window", required: false, aliases: &["窗口", "窗口号", "评价窗口"] },
];

/// What a 好差评 export says of a review besides its grade (stored as given).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The time of the review, when the export gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
}

/// The five 好差评 grades as the national rules word them, best first.
const GRADE_WORDS: [&str; 5] = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"];

/// A grade written as 1–5 or as its word (非常满意 = 5 … 非常不满意 = 1).
fn review_grade(text: &str) -> Option<i64> {
    let word: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(i) = GRADE_WORDS.iter().position(|w| *w == word) {
        return Some(5 - i as i64);
    }
    parse::int_at_least(text, 1).ok().filter(|g| *g <= 5)
}

/// A service review (好差评). Its audited form leaves out what a review counted as it came
/// does not have (the state `counted`, no verification), as reviews were audited before
/// schema 11.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub case_no: String,
    pub person_id: i64,
    pub date: NaiveDate,
    pub grade: i64,
    #[serde(skip_serializing_if = "ReviewState::is_counted")]
    pub state: ReviewState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub about: ReviewDetail,
}

impl ReviewState {
    fn is_counted(&self) -> bool {
        *self == ReviewState::Counted
    }
}

/// The columns `review_of` reads, in its order.
const REVIEW_SELECT: &str =
    "SELECT id, case_no, person_id, date, grade, state, verify_reason, verified_by, verified_on,
     item_code, item_name, channel, reviewed_at, detail, comment, window FROM review";

fn review_of(r: &rusqlite::Row) -> rusqlite::Result<Review> {
    Ok(Review {
        id: r.get(0)?,
        case_no: r.get(1)?,
        person_id: r.get(2)?,
        date: r.get(3)?,
        grade: r.get(4)?,
        state: r.get(5)?,
        verify_reason: r.get(6)?,
        verified_by: r.get(7)?,
        verified_on: r.get(8)?,
        about: ReviewDetail {
            item_code: r.get(9)?,
            item_name: r.get(10)?,
            channel: r.get(11)?,
            reviewed_at: r.get(12)?,
            detail: r.get(13)?,
            comment: r.get(14)?,
            window: r.get(15)?,
        },
    })
}

/// A review by id or case number.
pub fn load_review(conn: &Connection, id: Option<i64>, case_no: Option<&str>) -> Result<Option<Review>> {
    Ok(conn
        .prepare_cached(&format!("{REVIEW_SELECT} WHERE id = ?1 OR case_no = ?2"))?
        .query_row(params![id, case_no], review_of)
        .optional()?)
}

/// `appraise reviews`: reviews from a file (case_no, id_number, date, grade 1–5); a bad one
/// (1–2) enters to be verified (ART16-REVIEW). A case number is taken once. Good rows are
/// written as they are read; a case number met again is found by the unique index and
/// `RowsOfNew` (only bad rows' case numbers are kept whole), so memory does not grow with
/// the file.
pub fn import_reviews(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
) -> Result<ImportSummary> {
    with_touches_replayed(tx, &IMPORT_WRITES, &IMPORT_UPHELD, |tx, touches| {
        import_review_rows(tx, input, encoding, sheet_name, touches)
    })
}

/// What `import_reviews` writes, with its triggers off (`with_touches_replayed`).
const IMPORT_WRITES: [(&str, Write); 2] = [("review", Write::Insert), ("audit", Write::Insert)];

/// The frozen-month trigger an import meets and never fires: `event_problem` refuses
/// every row dated in a closed month, read under the import's write lock.
const IMPORT_UPHELD: [&str; 1] = ["review_frozen_insert"];

fn import_review_rows(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
    touches: &mut Touches,
) -> Result<ImportSummary> {
    let mut rows_of_new = sheet::RowsOfNew::after_last(tx, "review")?;
    let mut rows_of_bad: HashMap<String, usize> = HashMap::new();
    let mut inserted = 0;
    let mut people = People::default();
    let mut months = Months::default();
    let today = tx.ctx.today;
    let mut summary = sheet::import_rows(input, encoding, sheet_name, REVIEW_COLUMNS, |row| {
        let case_no = parse::text(row.get(0), 64).map_err(|r| row.fail(0, r)).ok();
        if let Some(case) = &case_no {
            let stored: Option<i64> = tx
                .prepare_cached("SELECT id FROM review WHERE case_no = ?1")?
                .query_row([case], |r| r.get(0))
                .optional()?;
            let earlier_row = match stored {
                Some(id) => rows_of_new.row_of(id),
                None => rows_of_bad.get(case).copied(),
            };
            match (stored, earlier_row) {
                (_, Some(first)) => row.fail(0, Msg::new("reason.review.duplicate-in-file").arg("row", first)),
                (Some(_), None) => row.fail(0, Msg::new("reason.review.exists")),
                (None, None) => {}
            }
        }
        let date = parse::date(row.get(2)).map_err(|r| row.fail(2, r)).ok();
        let person = match (row.get(1), row.get(9), date) {
            ("", "", _) => {
                row.fail(1, Msg::new("reason.review.who"));
                None
            }
            ("", window, Some(date)) => match at_window(tx, window, date)? {
                Ok(found) => Some(found),
                Err(reason) => {
                    row.fail(9, reason);
                    None
                }
            },
            ("", _, None) => None,
            (id_number, _, _) => {
                let found = people.get(tx, id_number)?;
                if found.is_none() {
                    row.fail(1, Msg::new("reason.person.unknown").arg("person", id_number));
                }
                found
            }
        };
        let about = review_detail(row);
        let grade = review_grade(row.get(3)).ok_or_else(|| row.fail(3, Msg::new("reason.review.grade"))).ok();
        if let (Some((person_id, name)), Some(date), Some(grade)) = (&person, date, grade) {
            // A good review needs the month open and the person stationed; a bad one also
            // the rule book's bad-review item.
            let bad_item = match months.get(tx, date)?.1 {
                Some(rb) if rules::is_bad_review(grade) => Some(rb.bad_review_item.clone()),
                _ => None,
            };
            if let Some((_, msg)) =
                event_problem(tx, &mut months, *person_id, name, bad_item.as_deref(), date, (today, false))?
            {
                row.fail(2, msg);
            }
        }
        match (case_no, person, date, grade) {
            (Some(case_no), Some((person_id, _)), Some(date), Some(grade)) if row.is_ok() => {
                let state = if rules::is_bad_review(grade) { ReviewState::Pending } else { ReviewState::Counted };
                let review = Review {
                    id: 0,
                    case_no,
                    person_id,
                    date,
                    grade,
                    state,
                    verify_reason: None,
                    verified_by: None,
                    verified_on: None,
                    about,
                };
                let id = insert_review(tx, review)?;
                touches.id("review", "review", id);
                rows_of_new.push(row.row());
                inserted += 1;
            }
            (Some(case_no), ..) => {
                rows_of_bad.entry(case_no).or_insert(row.row());
            }
            _ => {}
        }
        Ok(())
    })?;
    summary.inserted = inserted;
    Ok(summary)
}

/// The export's other fields of a row: texts as given (empty ones left out), the time
/// of the review when its date cell has one.
fn review_detail(row: &sheet::Row) -> ReviewDetail {
    let text = |i: usize| Some(row.get(i).to_string()).filter(|t| !t.is_empty());
    let reviewed_at = parse::date_time(row.get(2)).ok().map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    ReviewDetail {
        item_code: text(4),
        item_name: text(5),
        channel: text(6),
        reviewed_at,
        detail: text(7),
        comment: text(8),
        window: text(9),
    }
}

/// The one person stationed at `window` on `date` (an export that names only the window):
/// none or several is the row's fault, never a guess.
fn at_window(conn: &Connection, window: &str, date: NaiveDate) -> Result<std::result::Result<(i64, String), Msg>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.person_id, p.name FROM assignment a JOIN person p ON p.id = a.person_id
         WHERE a.window = ?1 AND a.started_on <= ?2 AND (a.ended_on IS NULL OR a.ended_on >= ?2) LIMIT 3",
    )?;
    let found: Vec<(i64, String)> =
        stmt.query_map(params![window, date], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Msg::new("reason.review.window-none").arg("window", window).arg("date", date)),
        _ => Err(Msg::new("reason.review.window-several").arg("window", window).arg("date", date)),
    })
}

/// Stores and audits an imported review; its id.
fn insert_review(tx: &mut Tx, r: Review) -> Result<i64> {
    let a = &r.about;
    tx.prepare_cached(
        "INSERT INTO review (case_no, person_id, date, grade, state, item_code, item_name, channel, reviewed_at,
         detail, comment, window) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        r.case_no,
        r.person_id,
        r.date,
        r.grade,
        r.state,
        a.item_code,
        a.item_name,
        a.channel,
        a.reviewed_at,
        a.detail,
        a.comment,
        a.window
    ])?;
    let review = Review { id: tx.last_insert_rowid(), ..r };
    tx.audit_created("review", review.id, "insert", &review)?;
    Ok(review.id)
}

/// `appraise review verify CASE --valid|--invalid --reason TEXT` (ART16-REVIEW): the
/// center's verdict on a bad review. A valid one deducts the rule book's bad-review item
/// (an event of the review's date); an invalid one counts in no score or rate. Refused
/// for a review that is not waiting for it, and in a closed month.
pub fn verify_review(tx: &mut Tx, case_no: &str, valid: bool, reason: &str) -> Result<Review> {
    verify_review_in(tx, &mut Months::default(), case_no, valid, reason)
}

/// `verify_review` with what one command has learnt of the months (their rule books, the
/// calendar), so that a close settling thousands of reviews reads them once.
pub(super) fn verify_review_in(
    tx: &mut Tx,
    months: &mut Months,
    case_no: &str,
    valid: bool,
    reason: &str,
) -> Result<Review> {
    let before = load_review(tx, None, Some(case_no.trim()))?.ok_or_else(|| {
        Error::invalid("case", case_no, Msg::new("reason.review.unknown").arg("case", case_no.trim()))
    })?;
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    let (after, rb) = verdict_on(tx, months, &before, valid, reason)?;
    tx.prepare_cached(
        "UPDATE review SET state = ?2, verify_reason = ?3, verified_by = ?4, verified_on = ?5 WHERE id = ?1",
    )?
    .execute(params![after.id, after.state, after.verify_reason, after.verified_by, after.verified_on])?;
    if let Some(rb) = &rb {
        insert_event(tx, &deduction_for(rb, &before))?;
    }
    tx.audit("review", before.id, "verify", Some(&json(&before)), Some(&json(&after)))?;
    if let Some(rb) = rb {
        let calendar = months.calendar(tx)?;
        super::rectification::open(tx, after.id, &rb, calendar)?;
    }
    Ok(after)
}

/// What the center's verdict makes of a review, with the rule book a valid one deducts
/// by; refused for a review not waiting for it (ART16-REVIEW), in a closed month
/// (ART21-MONTHLY), and valid with no rule book for its date.
fn verdict_on(
    tx: &Tx,
    months: &mut Months,
    before: &Review,
    valid: bool,
    reason: String,
) -> Result<(Review, Option<Rc<Rulebook>>)> {
    if before.state != ReviewState::Pending {
        return Err(Error::refused(
            RuleId::Art16Review,
            Msg::new("refuse.review.not-pending").arg("case", &before.case_no).label("state", before.state.label_key()),
        ));
    }
    let (closed, rulebook) = months.get(tx, before.date)?;
    if closed {
        return Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.month.closed")
                .arg("month", before.date.format("%Y-%m"))
                .arg("today", tx.ctx.today.format("%Y-%m")),
        ));
    }
    // A valid review deducts by the rule book of its date, so it needs one.
    let rb = if valid { Some(rulebook.ok_or_else(|| super::rulebook::no_rulebook(before.date))?) } else { None };
    let state = if valid { ReviewState::Valid } else { ReviewState::Invalid };
    let after = Review {
        state,
        verify_reason: Some(reason),
        verified_by: Some(tx.ctx.operator.clone()),
        verified_on: Some(tx.ctx.today),
        ..before.clone()
    };
    Ok((after, rb))
}

/// The event a review verified valid deducts: the rule book's bad-review item, on its date.
fn deduction_for(rb: &Rulebook, review: &Review) -> Event {
    Event {
        id: 0,
        person_id: review.person_id,
        item: rb.bad_review_item.clone(),
        date: review.date,
        times: 1,
        note: Some(format!("{} {}", review.case_no, review.grade)),
        source: EventSource::Review,
        review_id: Some(review.id),
    }
}

/// How many verdicts one statement writes when a close counts its unverified reviews:
/// enough that SQLite's per-statement work is spread thin, few enough that each
/// statement's JSON argument and its verdicts, events and audit rows stay small.
const VERDICTS_PER_STATEMENT: usize = 1000;

/// ART16-REVIEW at a close with `--count-unverified`: each pending bad review (as
/// `pending_reviews` reads them) verified valid with `reason`, refused and written as
/// `verify_review_in` would, a thousand to a statement; what it wrote noted in `touches`.
pub(super) fn count_pending(
    tx: &mut Tx,
    months: &mut Months,
    pending: &[Review],
    reason: &str,
    touches: &mut Touches,
) -> Result<()> {
    let reason = parse::text(reason, 500).map_err(|r| Error::invalid("reason", reason, r))?;
    for befores in pending.chunks(VERDICTS_PER_STATEMENT) {
        let mut verdicts = Vec::with_capacity(befores.len());
        for before in befores {
            let (after, rb) = verdict_on(tx, months, before, true, reason.clone())?;
            let rb = rb.ok_or_else(|| super::rulebook::no_rulebook(before.date))?;
            verdicts.push((after, rb));
        }
        // One verdict for all (valid, this reason, this operator, today): one UPDATE writes it.
        let Some((verdict, _)) = verdicts.first() else { continue };
        let ids: Vec<i64> = verdicts.iter().map(|(a, _)| a.id).collect();
        tx.prepare_cached(
            "UPDATE review SET state = ?2, verify_reason = ?3, verified_by = ?4, verified_on = ?5
             WHERE id IN (SELECT value FROM json_each(?1))",
        )?
        .execute(params![
            crate::storage::audit::json_text(&ids),
            verdict.state,
            verdict.verify_reason,
            verdict.verified_by,
            verdict.verified_on
        ])?;
        let events: Vec<Event> = befores.iter().zip(&verdicts).map(|(b, (_, rb))| deduction_for(rb, b)).collect();
        if let Some((first, last)) = super::events::insert_events(tx, &events)? {
            touches.range("appraisal_event", "appraisal_event", first, last);
        }
        for (before, (after, _)) in befores.iter().zip(&verdicts) {
            tx.audit("review", before.id, "verify", Some(&json(before)), Some(&json(after)))?;
            touches.id("review", "review", before.id);
            touches.id("rectification", "rectification", before.id);
        }
        let opened: Vec<(i64, &Rulebook)> = verdicts.iter().map(|(a, rb)| (a.id, rb.as_ref())).collect();
        let calendar = months.calendar(tx)?;
        super::rectification::open_all(tx, &opened, calendar)?;
    }
    Ok(())
}

/// The month's bad reviews still waiting for verification, by date and case number:
/// what a close refuses over, or verifies when it counts them.
pub fn pending_reviews(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<Review>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{REVIEW_SELECT} WHERE date BETWEEN ?1 AND ?2 AND state = 'pending' ORDER BY date, case_no"
    ))?;
    Ok(stmt.query_map(params![first, last], review_of)?.collect::<rusqlite::Result<_>>()?)
}

/// `report reviews --month M [--unit U]`: per person and per unit the reviews that count,
/// the good ones and the satisfaction rate, and the bad ones by state; then every bad
/// review of the month with its verification and its rectification.
pub fn reviews_report(conn: &Connection, first: NaiveDate, unit: Option<&str>, today: NaiveDate) -> Result<Vec<Table>> {
    let unit = unit.map(|u| crate::domain::org::resolve_unit(conn, u)).transpose()?;
    let last = crate::domain::calendar::last_of_month(first);
    let month = first.format("%Y-%m").to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT u.code, p.name, p.id_number, count(*) FILTER (WHERE r.state IN ('counted', 'valid')),
                count(*) FILTER (WHERE r.state IN ('counted', 'valid') AND r.grade >= 4),
                count(*) FILTER (WHERE r.state = 'valid'), count(*) FILTER (WHERE r.state = 'pending'),
                count(*) FILTER (WHERE r.state = 'invalid')
         FROM review r JOIN person p ON p.id = r.person_id JOIN unit u ON u.id = p.unit_id
         WHERE r.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR u.id = ?3)
         GROUP BY p.id ORDER BY u.code, p.id",
    )?;
    let columns = ["reviews", "good_reviews", "good_rate", "bad_valid", "bad_pending", "bad_invalid"];
    let mut by_person = Table::new(
        Msg::new("title.reviews.persons").arg("month", &month),
        &[&["unit", "name", "id_number"][..], &columns].concat(),
    );
    // Per person and unit: counted, good, bad valid, bad pending, bad invalid.
    let mut units: std::collections::BTreeMap<String, [i64; 5]> = std::collections::BTreeMap::new();
    let rows = stmt.query_map(params![first, last, unit.as_ref().map(|u| u.id)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
        ))
    })?;
    let counts = |n: &[i64; 5]| {
        let rate = rules::good_rate(n[1], n[0]).map_or(Cell::Empty, |rate| Cell::Num(rate, 1));
        vec![Cell::Int(n[0]), Cell::Int(n[1]), rate, Cell::Int(n[2]), Cell::Int(n[3]), Cell::Int(n[4])]
    };
    for row in rows {
        let (code, name, id_number, n) = row?;
        let mut cells = vec![Cell::text(&code), Cell::Text(name), Cell::IdNumber(id_number)];
        cells.extend(counts(&n));
        by_person.push(cells);
        let total = units.entry(code).or_default();
        for (t, v) in total.iter_mut().zip(n) {
            *t += v;
        }
    }
    let mut by_unit =
        Table::new(Msg::new("title.reviews.units").arg("month", &month), &[&["unit"][..], &columns].concat());
    for (code, n) in &units {
        let mut cells = vec![Cell::text(code)];
        cells.extend(counts(n));
        by_unit.push(cells);
    }
    let mut bad = Table::new(
        Msg::new("title.reviews.bad").arg("month", &month),
        &[
            "case_no",
            "date",
            "unit",
            "name",
            "grade",
            "state",
            "reason",
            "verified_by",
            "verified_on",
            "deadline",
            "rectified_on",
            "verdict",
            "rectification",
        ],
    );
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.case_no, r.date, u.code, p.name, r.grade, r.state, r.verify_reason, r.verified_by,
                r.verified_on
         FROM review r JOIN person p ON p.id = r.person_id JOIN unit u ON u.id = p.unit_id
         WHERE r.date BETWEEN ?1 AND ?2 AND r.grade <= 2 AND (?3 IS NULL OR u.id = ?3) ORDER BY r.date, r.case_no",
    )?;
    let rows = stmt.query_map(params![first, last, unit.as_ref().map(|u| u.id)], |r| {
        let cells = vec![
            Cell::Text(r.get(1)?),
            Cell::Date(r.get(2)?),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Int(r.get(5)?),
            Cell::Label(r.get::<_, ReviewState>(6)?.label_key()),
            r.get::<_, Option<String>>(7)?.map_or(Cell::Empty, Cell::Text),
            r.get::<_, Option<String>>(8)?.map_or(Cell::Empty, Cell::Text),
            r.get::<_, Option<NaiveDate>>(9)?.map_or(Cell::Empty, Cell::Date),
        ];
        Ok((r.get::<_, i64>(0)?, cells))
    })?;
    for row in rows {
        let (id, mut cells) = row?;
        match super::rectification::of_review(conn, id, today)? {
            Some((x, state)) => cells.extend([
                Cell::Date(x.deadline),
                x.rectified_on.map_or(Cell::Empty, Cell::Date),
                x.verdict.as_deref().and_then(super::rectification::verdict_words).map_or(Cell::Empty, Cell::text),
                Cell::Label(state),
            ]),
            None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
        }
        bad.push(cells);
    }
    Ok(vec![by_person, by_unit, bad])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_are_read_as_numbers_or_words() {
        assert_eq!(review_grade("5"), Some(5));
        assert_eq!(review_grade("非常满意"), Some(5));
        assert_eq!(review_grade("基本 满意"), Some(3));
        assert_eq!(review_grade("非常不满意"), Some(1));
        assert_eq!(review_grade("6"), None);
        assert_eq!(review_grade("还行"), None);
    }
}
