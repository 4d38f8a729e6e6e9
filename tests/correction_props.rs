//! A property test over the library: any sequence of record / void / correct / close over
//! open and closed months gives month scores equal to a fresh computation over the events
//! that still count (and the corrections counted in the month), and a closed month's
//! frozen results never change afterwards.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use jinzhu::domain::appraisal;
use jinzhu::domain::calendar::last_of_month;
use jinzhu::{Ctx, Store};
use proptest::prelude::*;

mod common;
use common::stationed_store;

/// (code, points, cap) of the example rule book's items used here; base 100.
const ITEMS: [(&str, f64, f64); 3] = [("LATE", -1.0, 10.0), ("ABSENT", -3.0, 30.0), ("PRAISE", 2.0, 6.0)];
const BASE: f64 = 100.0;
const PERSONS: usize = 2;

#[derive(Debug, Clone)]
enum Op {
    Record { person: usize, month: u32, day: u32, item: usize, times: i64 },
    Void { event: usize },
    Correct { event: usize, times: i64 },
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..PERSONS, 1u32..=4, 1u32..=28, 0..ITEMS.len(), 1i64..=12)
            .prop_map(|(person, month, day, item, times)| Op::Record { person, month, day, item, times }),
        2 => (0usize..12).prop_map(|event| Op::Void { event }),
        3 => (0usize..12, 0i64..=4).prop_map(|(event, times)| Op::Correct { event, times }),
        2 => Just(Op::Close),
    ]
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn id_number(i: usize) -> String {
    let first17 = format!("50011419900101{:03}", 200 + i);
    format!("{first17}{}", jinzhu::base::idnum::check_char(first17.as_bytes()))
}

fn ctx(today: NaiveDate) -> Ctx {
    Ctx { today, operator: "prop".into(), command: "proptest".into(), dry_run: false }
}

/// A center, a unit, the example rule book and two persons stationed from 2026-01-05.
fn setup(dir: &std::path::Path) -> (Store, Vec<i64>) {
    let ids: Vec<String> = (0..PERSONS).map(id_number).collect();
    stationed_store(dir, &ctx(date(1, 5)), &ids)
}

/// What the model knows of one accepted event.
#[derive(Debug, Clone)]
struct Event {
    id: i64,
    person: i64,
    month: u32,
    item: usize,
    times: i64,
    void: bool,
    corrected: bool,
}

/// One accepted correction: counted in `in_month`, of an event of `of_month`.
#[derive(Debug, Clone)]
struct Correction {
    person: i64,
    in_month: u32,
    points: f64,
}

fn capped(item: usize, times: i64) -> f64 {
    let (_, points, cap) = ITEMS[item];
    let raw = points * times as f64;
    if raw.abs() > cap { cap.copysign(raw) } else { raw }
}

struct Model {
    events: Vec<Event>,
    corrections: Vec<Correction>,
    /// Months 1..=closed are closed.
    closed: u32,
    /// (month, person, item) → times moved by corrections of that month's events.
    moved: BTreeMap<(u32, i64, usize), i64>,
}

impl Model {
    /// The open month everything now happens in; today is its 28th.
    fn today(&self) -> NaiveDate {
        date(self.closed + 1, 28)
    }

    fn counted(&self, month: u32, person: i64, item: usize) -> i64 {
        self.events
            .iter()
            .filter(|e| e.month == month && e.person == person && e.item == item && !e.void)
            .map(|e| e.times)
            .sum()
    }

    /// A fresh computation of a month's score for a person.
    fn score(&self, month: u32, person: i64) -> f64 {
        let items: f64 = (0..ITEMS.len()).map(|i| capped(i, self.counted(month, person, i))).sum();
        let corrections: f64 =
            self.corrections.iter().filter(|c| c.in_month == month && c.person == person).map(|c| c.points).sum();
        BASE + items + corrections
    }
}

fn month_scores(store: &Store, month: u32) -> BTreeMap<i64, f64> {
    store
        .read(|c| appraisal::compute_month(c, date(month, 1), false))
        .unwrap()
        .1
        .into_iter()
        .map(|r| (r.person_id, r.score))
        .collect()
}

fn frozen(store: &Store, month: u32) -> Vec<(i64, f64, String)> {
    store
        .read(|c| {
            let mut stmt =
                c.prepare("SELECT person_id, score, detail FROM monthly_result WHERE month = ?1 ORDER BY 1")?;
            let rows = stmt.query_map([format!("2026-{month:02}")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap()
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, persons) = setup(dir.path());
    let mut m = Model { events: Vec::new(), corrections: Vec::new(), closed: 0, moved: BTreeMap::new() };
    let mut snapshots: BTreeMap<u32, Vec<(i64, f64, String)>> = BTreeMap::new();
    for op in ops {
        let c = ctx(m.today());
        match op {
            Op::Record { person, month, day, item, times } => {
                let (p, d) = (persons[*person], date(*month, *day));
                let code = ITEMS[*item].0;
                let done = store.write(&c, |tx| appraisal::record(tx, &p.to_string(), code, d, *times, None, false));
                // LATE and ABSENT are attendance items: only on working days (no calendar
                // is imported here, so the week decides).
                let working = !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
                let allowed = *month > m.closed && d <= c.today && d >= date(1, 5) && (working || *item == 2);
                prop_assert_eq!(done.is_ok(), allowed, "record {:?}: {:?}", op, done.as_ref().err());
                if let Ok(e) = done {
                    let (month, item, times) = (*month, *item, *times);
                    m.events.push(Event { id: e.id, person: p, month, item, times, void: false, corrected: false });
                }
            }
            Op::Void { event } => {
                let Some(e) = m.events.get(*event).cloned() else { continue };
                let done = store.write(&c, |tx| appraisal::void(tx, e.id, "录错"));
                let allowed = e.month > m.closed && !e.void && !e.corrected;
                prop_assert_eq!(done.is_ok(), allowed, "void {:?}: {:?}", e, done.as_ref().err());
                if done.is_ok() {
                    m.events[*event].void = true;
                }
            }
            Op::Correct { event, times } => {
                let Some(e) = m.events.get(*event).cloned() else { continue };
                let done = store.write(&c, |tx| appraisal::correct(tx, e.id, "更正", Some(*times)));
                let allowed = e.month <= m.closed && !e.void && !e.corrected && *times != e.times;
                prop_assert_eq!(done.is_ok(), allowed, "correct {:?} to {}: {:?}", e, times, done.as_ref().err());
                if let Ok(done) = done {
                    // The change a fresh scoring of the corrected month would see, caps included.
                    let key = (e.month, e.person, e.item);
                    let before = m.counted(e.month, e.person, e.item) + m.moved.get(&key).copied().unwrap_or(0);
                    let after = before - e.times + times;
                    let points = capped(e.item, after.max(0)) - capped(e.item, before.max(0));
                    prop_assert!((done.points - points).abs() < 1e-9, "points {} ≠ {}", done.points, points);
                    *m.moved.entry(key).or_default() += times - e.times;
                    m.corrections.push(Correction { person: e.person, in_month: m.closed + 1, points });
                    m.events[*event].corrected = true;
                }
            }
            Op::Close => {
                if m.closed == 4 {
                    continue;
                }
                let month = m.closed + 1;
                let close_ctx = ctx(last_of_month(date(month, 1)));
                let scores = month_scores(&store, month);
                for p in &persons {
                    prop_assert!((scores[p] - m.score(month, *p)).abs() < 1e-9, "month {} before close", month);
                }
                store.write(&close_ctx, |tx| appraisal::close_month(tx, date(month, 1), false)).unwrap();
                snapshots.insert(month, frozen(&store, month));
                m.closed = month;
            }
        }
        // The open month scores as a fresh computation says.
        let month = m.closed + 1;
        let scores = month_scores(&store, month);
        for p in &persons {
            let fresh = m.score(month, *p);
            prop_assert!((scores[p] - fresh).abs() < 1e-9, "month {}: {} ≠ {}", month, scores[p], fresh);
        }
    }
    for (month, rows) in snapshots {
        prop_assert_eq!(frozen(&store, month), rows, "month {} changed after its close", month);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn scores_follow_the_events_that_count_and_frozen_months_stay(ops in proptest::collection::vec(op(), 1..30)) {
        run(&ops)?;
    }
}
