//! `jinzhu demo`: builds its database from the bundled examples, safely.

mod common;

use common::*;

#[test]
fn demo_builds_a_checked_database_and_prints_the_reports() {
    let env = Env::empty();
    let demo_db = env.path("jinzhu-demo.db");
    let out = env
        .cmd()
        .args(["--db", demo_db.to_str().unwrap(), "--today", "2027-01-02", "demo", "--full"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Something under every heading of the half-year report.
    let summary = stdout.split("Implementation report").nth(1).unwrap().split("\n\n").next().unwrap();
    // Art 6/7 at entry: jinzhu no longer starts or renews a stationing that fails them
    // without an exception, so only records of older versions can appear there.
    // The demo verifies its bad reviews on 2026-12-31: no rectification is due yet.
    let holds_rows = |l: &&str| {
        !l.contains("audit chain") && !l.contains("on the first day of a term") && !l.contains("rectifications")
    };
    for line in summary.lines().filter(|l| l.contains("第")).filter(holds_rows) {
        assert!(!line.trim_end_matches(['│', ' ']).ends_with(" 0"), "empty heading: {line}");
    }
    for part in [
        "Units",
        "Stationing check",
        "ART6-AGE",
        "FAIL",
        "exempt",
        "Incidents",
        "第十九条",
        "comprehensive window",
        "Roster of stationed staff",
        "no chief representative that day",
        "expired",
        "Replacement requests",
        "proposed",
        "approved",
        "rejected",
        "ended",
        "GSMO + center",
        "Chief representatives",
        "Stationed staff who would fail Art 6/7",
        "Leaves",
        "Leave days by month",
        "Leave days by unit",
        "OVERDUE",
        "returned",
        "pending",
        "Appraisal bulletin of stationed staff, 2026-11",
        "Annual appraisal 2026",
        "excellent",
        "not graded",
        "closed on 2027-01-11",
        "Implementation report 2026-07-01 to 2026-12-31",
        "第二十一条: months not closed",
        "Staffing against case volume",
        "Attendance 2026-12",
        "missed punch",
        "Attendance 2026-12 by unit",
        "Windows ranked, 2026-11",
        "Bad reviews 2026-11 and their verification",
        "verified valid",
    ] {
        assert!(stdout.contains(part) || stdout.contains(&part.to_lowercase()), "{part}: {stdout}");
    }
    let leaves = stdout.split("\nLeaves\n").nth(1).unwrap().split("\n\n").next().unwrap();
    assert!(leaves.lines().count() > 8, "the demo lists its leaves: {leaves}");
    let letters = env.path("jinzhu-demo-letters-2026");
    assert!(std::fs::read_dir(&letters).unwrap().count() >= 24, "a letter and a sheet per unit");
    let conn = rusqlite::Connection::open(&demo_db).unwrap();
    let persons: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap();
    let units: i64 = conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0)).unwrap();
    assert!(persons >= 60 && units >= 12, "{persons} persons, {units} units");
    // One unit's staff come in as a roster through `assign import`, audited by its batch.
    let roster: i64 = conn
        .query_row("SELECT coalesce(sum(created), 0) FROM import_batch WHERE entity = 'assignment'", [], |r| r.get(0))
        .unwrap();
    assert!(roster >= 3, "{roster} stationings imported from the roster");
    // December's punches were closed into events with the month, one missed punch corrected.
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert!(count("SELECT count(*) FROM punch") > 2000);
    assert!(count("SELECT count(*) FROM appraisal_event WHERE source = 'attendance'") > 20);
    assert_eq!(count("SELECT count(*) FROM punch_amend"), 1);
    assert_eq!(count("SELECT count(*) FROM attendance_close WHERE month = '2026-12'"), 1);
    let check = env.cmd().args(["--db", demo_db.to_str().unwrap(), "db", "check"]).output().unwrap();
    assert!(check.status.success());
    // Running it again replaces its own database; --today only moves the reports' date.
    let again = env
        .cmd()
        .args(["--db", demo_db.to_str().unwrap(), "--today", "2026-06-30", "demo", "--full"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(String::from_utf8_lossy(&again.stdout).contains("Roster of stationed staff on 2026-06-30"));
}

#[test]
fn demo_tells_its_story_on_one_screen() {
    let env = Env::empty();
    let out = env.cmd().args(["demo"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let lines = stdout.lines().count() + stderr.lines().count();
    assert!(lines <= 30, "{lines} lines:\n{stderr}{stdout}");
    for part in
        ["What the demo built", "stationed now", "months closed", "jinzhu --db", "demo --full", "14 letters written"]
    {
        assert!(stdout.contains(part) || stderr.contains(part), "{part}: {stderr}{stdout}");
    }
}

#[test]
fn demo_never_overwrites_a_real_database() {
    let env = Env::new();
    let before = state(&env.db);
    let err = env.fails(1, &["demo"]);
    assert!(err.contains("not a demo database"), "{err}");
    assert_eq!(before, state(&env.db));
}

#[test]
fn the_bundled_examples_are_valid_imports() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let env = Env::empty();
    env.ok(&["init"]);
    env.ok(&["unit", "import", examples.join("units.csv").to_str().unwrap()]);
    let out = env.ok(&["--dry-run", "personnel", "import", examples.join("personnel.csv").to_str().unwrap()]);
    assert!(out.contains("would insert 86"), "{out}");
}
