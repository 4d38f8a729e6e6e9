//! Service reviews (好差评, Art 16): imported per case, counted in the month's score.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::events::{Event, People, event_problem, insert_event};
use super::period::Months;
use crate::base::enums::EventSource;
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::error::{Error, Result};
use crate::io::sheet::{self, ColumnSpec, Encoding, ImportSummary, Input};
use crate::rules::{self};
use crate::storage::store::Tx;

pub const REVIEW_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        key: "case_no",
        required: true,
        aliases: &["办件编号", "受理编号", "案件编号", "办件号", "业务流水号"],
    },
    ColumnSpec { key: "id_number", required: true, aliases: &["身份证号码"] },
    ColumnSpec { key: "date", required: true, aliases: &["评价日期", "评价时间"] },
    ColumnSpec { key: "grade", required: true, aliases: &["评价等级", "评价", "整体满意度", "满意度"] },
];

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

/// A service review (好差评).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub case_no: String,
    pub person_id: i64,
    pub date: NaiveDate,
    pub grade: i64,
}

/// `appraise reviews`: reviews from a file (case_no, id_number, date, grade 1–5); a bad one
/// (1–2) adds the rule book's bad-review item. A case number is taken once. Good rows are
/// written as they are read; a case number met again is found by the unique index and
/// `RowsOfNew` (only bad rows' case numbers are kept whole), so memory does not grow with
/// the file.
pub fn import_reviews(
    tx: &mut Tx,
    input: Input,
    encoding: Encoding,
    sheet_name: Option<&str>,
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
        let person = people.get(tx, row.get(1))?;
        if person.is_none() {
            let reason = Msg::new("reason.person.unknown").arg("person", row.get(1));
            row.fail(1, reason);
        }
        let date = parse::date(row.get(2)).map_err(|r| row.fail(2, r)).ok();
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
                insert_review(tx, &mut months, Review { id: 0, case_no, person_id, date, grade })?;
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

/// Stores an imported review, audited, with the rule book's bad-review event when it is
/// bad (1–2).
fn insert_review(tx: &mut Tx, months: &mut Months, r: Review) -> Result<()> {
    tx.prepare_cached("INSERT INTO review (case_no, person_id, date, grade) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![r.case_no, r.person_id, r.date, r.grade])?;
    let review = Review { id: tx.last_insert_rowid(), ..r };
    tx.audit_created("review", review.id, "insert", &review)?;
    if !rules::is_bad_review(review.grade) {
        return Ok(());
    }
    let rb = months.get(tx, review.date)?.1.ok_or_else(|| {
        Error::invalid("date", review.date, Msg::new("reason.rulebook.none").arg("date", review.date))
    })?;
    let e = Event {
        id: 0,
        person_id: review.person_id,
        item: rb.bad_review_item.clone(),
        date: review.date,
        times: 1,
        note: Some(format!("{} {}", review.case_no, review.grade)),
        source: EventSource::Review,
        review_id: Some(review.id),
    };
    insert_event(tx, &e)?;
    Ok(())
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
