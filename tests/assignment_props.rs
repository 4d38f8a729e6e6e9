//! A property test over the library: no sequence of stationing commands, accepted or
//! refused, leaves a person with two open assignments or two stationings on one day.

use chrono::NaiveDate;
use jinzhu::domain::org;
use jinzhu::domain::stationing::{self, Replacement};
use jinzhu::{Ctx, Store};
use proptest::prelude::*;

mod common;
use common::register_staff;

#[derive(Debug, Clone)]
enum Op {
    Propose {
        person: usize,
        day: u32,
    },
    Approve {
        assignment: i64,
        body: usize,
    },
    /// Both Art 8 bodies approve, one after the other.
    ApproveAll {
        assignment: i64,
    },
    Start {
        assignment: i64,
    },
    End {
        assignment: i64,
        day: u32,
    },
    Request {
        assignment: i64,
        person: usize,
        day: u32,
    },
    Reply {
        request: i64,
        approve: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    // Weighted towards approvals and starts, so that most runs reach active stationings.
    prop_oneof![
        3 => (0usize..4, 0u32..120).prop_map(|(person, day)| Op::Propose { person, day }),
        1 => (1i64..6, 0usize..3).prop_map(|(assignment, body)| Op::Approve { assignment, body }),
        4 => (1i64..6).prop_map(|assignment| Op::ApproveAll { assignment }),
        4 => (1i64..6).prop_map(|assignment| Op::Start { assignment }),
        1 => (1i64..6, 0u32..300).prop_map(|(assignment, day)| Op::End { assignment, day }),
        2 => (1i64..6, 0usize..4, 100u32..360).prop_map(|(assignment, person, day)| Op::Request { assignment, person, day }),
        2 => (1i64..4, any::<bool>()).prop_map(|(request, approve)| Op::Reply { request, approve }),
    ]
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i64::from(n))
}

fn id_number(i: usize) -> String {
    let first17 = format!("50011419900101{:03}", 100 + i);
    format!("{first17}{}", jinzhu::base::idnum::check_char(first17.as_bytes()))
}

fn setup(dir: &std::path::Path) -> (Store, Ctx) {
    let ctx = Ctx {
        today: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        operator: "prop".into(),
        command: "proptest".into(),
        dry_run: false,
    };
    let (mut store, _) = Store::init_keyed(&dir.join("p.db"), &dir.join("p.key"), &ctx, |tx| {
        org::add_center(tx, "QJ", "中心", "district")
    })
    .unwrap();
    store
        .write(&ctx, |tx| {
            org::add_unit(
                tx,
                &org::NewUnit { code: "U".into(), name: "单位".into(), kind: "organ".into(), ..Default::default() },
            )?;
            for i in 0..4 {
                register_staff(tx, &id_number(i))?;
            }
            Ok(())
        })
        .unwrap();
    (store, ctx)
}

fn apply(store: &mut Store, ctx: &Ctx, op: &Op) {
    let bodies = ["center", "org-dept", "gsmo"];
    if let Op::ApproveAll { assignment } = op {
        for body in 0..2 {
            apply(store, ctx, &Op::Approve { assignment: *assignment, body });
        }
        return;
    }
    let _ = store.write(ctx, |tx| match op {
        Op::Propose { person, day: d } => {
            stationing::propose(tx, &id_number(*person), day(*d), None, None, None, None).map(|_| ())
        }
        Op::Approve { assignment, body } => {
            stationing::approve(tx, *assignment, bodies[*body], "D", day(0), None).map(|_| ())
        }
        Op::Start { assignment } => stationing::start(tx, *assignment, None, false, false, None).map(|_| ()),
        Op::End { assignment, day: d } => {
            stationing::end(tx, *assignment, day(*d), "end", stationing::EndBasis::Cause("archived")).map(|_| ())
        }
        Op::Request { assignment, person, day: d } => stationing::request(
            tx,
            Replacement {
                assignment: *assignment,
                replacement: &id_number(*person),
                letter: "L",
                reason: "r",
                effective: day(*d),
                exception: None,
            },
        )
        .map(|_| ()),
        Op::Reply { request, approve } => {
            stationing::reply(tx, *request, "R", day(0), *approve, Some("no")).map(|_| ())
        }
        Op::ApproveAll { .. } => Ok(()),
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn never_two_open_assignments_or_overlapping_stationings(ops in proptest::collection::vec(op(), 1..60)) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, ctx) = setup(dir.path());
        for op in &ops {
            apply(&mut store, &ctx, op);
        }
        store.read(|c| {
            let open: i64 = c.query_row(
                "SELECT count(*) FROM (SELECT person_id FROM assignment WHERE status IN ('proposed','approved','active')
                 GROUP BY person_id HAVING count(*) > 1)", [], |r| r.get(0))?;
            assert_eq!(open, 0, "{ops:?}");
            let overlapping: i64 = c.query_row(
                "SELECT count(*) FROM assignment a JOIN assignment b ON a.person_id = b.person_id AND a.id < b.id
                 WHERE a.started_on IS NOT NULL AND b.started_on IS NOT NULL
                 AND a.started_on <= coalesce(b.ended_on, '9999-12-31') AND b.started_on <= coalesce(a.ended_on, '9999-12-31')",
                [], |r| r.get(0))?;
            assert_eq!(overlapping, 0, "{ops:?}");
            Ok(())
        }).unwrap();
        let key = store.key().unwrap();
        assert!(key.is_some());
        let chain = store.read(|c| jinzhu::storage::audit::verify_chain(c, key.as_ref())).unwrap();
        let intact = matches!(chain, jinzhu::storage::audit::ChainStatus::Intact { .. });
        prop_assert!(intact, "audit chain broken after {:?}", ops);
    }
}
