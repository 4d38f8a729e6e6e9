//! A property test over the library (ART16-REVIEW): whatever reviews a month holds and
//! however the center verifies its bad ones, the score deducts the valid bad reviews only
//! and the satisfaction rate counts the reviews counted as they came and the valid ones:
//! an invalid or pending review changes neither.

use chrono::NaiveDate;
use jinzhu::Ctx;
use jinzhu::domain::appraisal;
use jinzhu::io::sheet::{Encoding, Input};
use proptest::prelude::*;

mod common;
use common::stationed_store;

/// The example rule book's bad-review item: -2 a review, at most 20 a month; base 100.
const BAD_POINTS: f64 = -2.0;
const BAD_CAP: f64 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Pending,
    Valid,
    Invalid,
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![Just(Verdict::Pending), Just(Verdict::Valid), Just(Verdict::Invalid)]
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn ctx(today: NaiveDate) -> Ctx {
    Ctx { today, operator: "prop".into(), command: "proptest".into(), dry_run: false }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn rates_and_scores_never_count_an_invalid_or_pending_review(
        reviews in proptest::collection::vec((1i64..=5, 1u32..=28, verdict()), 1..16),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let today = ctx(date(3, 31));
        let first17 = "50011419900101300";
        let id_number = format!("{first17}{}", jinzhu::base::idnum::check_char(first17.as_bytes()));
        let (mut store, _) = stationed_store(dir.path(), &today, std::slice::from_ref(&id_number));
        store
            .write(&today, |tx| {
                let mut csv = String::from("case_no,id_number,date,grade\n");
                for (n, (grade, day, _)) in reviews.iter().enumerate() {
                    csv.push_str(&format!("C{n},{id_number},{},{grade}\n", date(3, *day)));
                }
                appraisal::import_reviews(tx, Input::Csv { name: "r.csv", text: &csv }, Encoding::Utf8, None)?;
                for (n, (grade, _, verdict)) in reviews.iter().enumerate() {
                    if *grade <= 2 && *verdict != Verdict::Pending {
                        appraisal::verify_review(tx, &format!("C{n}"), *verdict == Verdict::Valid, "核实")?;
                    }
                }
                Ok(())
            })
            .unwrap();
        let (_, rows) = store.read(|c| appraisal::compute_month(c, date(3, 1), false)).unwrap();
        let counts = |bad: bool, v: &Verdict| !bad || *v == Verdict::Valid;
        let valid_bad = reviews.iter().filter(|(g, _, v)| *g <= 2 && *v == Verdict::Valid).count() as f64;
        let counted = reviews.iter().filter(|(g, _, v)| counts(*g <= 2, v)).count() as i64;
        let good = reviews.iter().filter(|(g, _, _)| *g >= 4).count() as i64;
        let expected_score = 100.0 - (valid_bad * -BAD_POINTS).min(BAD_CAP);
        prop_assert_eq!(rows.len(), 1);
        prop_assert!((rows[0].score - expected_score).abs() < 1e-9, "{} vs {}", rows[0].score, expected_score);
        prop_assert_eq!((rows[0].reviews, rows[0].good_reviews), (counted, good));
    }
}
