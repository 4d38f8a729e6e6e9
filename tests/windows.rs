//! Windows (Art 21, 25; ART21-TARGETS): a window's own events, the chief representative's
//! share of the staff's deductions, window scores and ranks, the awards a close gives, and
//! the department figures of the year.

mod common;

use common::*;

fn setup() -> (Env, Vec<String>) {
    let env = Env::new();
    import_rulebook(&env);
    let people: Vec<String> = (0..2).map(|i| staff(&env, 100 + i)).collect();
    for p in &people {
        station(&env, p, "2026-01-05");
    }
    (env, people)
}

/// A filed section chief of SCJG, stationed, and named its chief representative.
fn chief(env: &Env) -> String {
    let idn = id_born("1986-05-05", 77);
    let flags = ["--position", "chief", "--filed", "--service-section", "--joined-unit", "2016-01-01"];
    add_person(env, &idn, "科长77", &[&flags[..], &["--party-member", "--union-member"]].concat());
    station(env, &idn, "2026-01-05");
    env.ok(&["assign", "chief", "SCJG", &idn, "--doc", "局〔2026〕1号", "--powers", "approve", "--date", "2026-01-05"]);
    idn
}

#[test]
fn a_window_event_counts_for_its_window_and_is_refused_out_of_order() {
    let (env, p) = setup();
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "window", "record", "SCJG", "--rule", "LATE", "--date", "2026-03-09"]);
    assert!(err.contains("ART21-TARGETS") && err.contains("W-ORDER"), "a person's item: {err}");
    let err = env.refused(3, &["appraise", "window", "record", "SCJG", "--rule", "W-STAFF", "--date", "2026-03-09"]);
    assert!(err.contains("ART21-TARGETS"), "a counted item: {err}");
    let err = env.refused(3, &["appraise", "record", &p[0], "--rule", "CHIEF-DUTY", "--date", "2026-03-09"]);
    assert!(err.contains("ART21-TARGETS"), "the chief's share is counted: {err}");
    env.fails(4, &["appraise", "window", "record", "SCJG", "--rule", "W-ORDER", "--date", "2026-13-01"]);
    assert_eq!(state(&env.db), before, "nothing written on refusal");
    let id =
        env.ok(&["appraise", "window", "record", "SCJG", "--rule", "W-ORDER", "--date", "2026-03-09", "--times", "2"]);
    let id = id.trim();
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    assert_eq!(rows[0]["score"].as_f64(), Some(98.0), "100 less W-ORDER ×2: {rows}");
    env.ok(&["appraise", "window", "void", id, "--reason", "登记错误"]);
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "window", "void", id, "--reason", "再次"]);
    assert!(err.contains("already void"), "{err}");
    assert_eq!(state(&env.db), before);
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    assert_eq!(rows[0]["score"].as_f64(), Some(100.0), "void: {rows}");
    env.ok(&["--today", "2026-12-31", "appraise", "month", "2026-03", "--close"]);
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "window", "record", "SCJG", "--rule", "W-ORDER", "--date", "2026-03-10"]);
    assert!(err.contains("ART21-MONTHLY"), "{err}");
    assert_eq!(state(&env.db), before);
    env.ok(&["db", "check"]);
}

#[test]
fn the_chief_representative_shares_the_staffs_deductions() {
    let (env, p) = setup();
    let c = chief(&env);
    env.ok(&["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-09", "--times", "2"]);
    env.ok(&["appraise", "record", &p[1], "--rule", "DRESS", "--date", "2026-03-10"]);
    env.ok(&["appraise", "record", &c, "--rule", "LATE", "--date", "2026-03-11"]);
    let rows = json(&env, &["appraise", "month", "2026-03"]);
    let chief_row = rows.as_array().unwrap().iter().find(|r| r["name"] == "科长77").unwrap();
    // Three deductions of the others (LATE ×2, DRESS), −0.2 each; the chief's own LATE not.
    assert_eq!(chief_row["score"].as_f64(), Some(98.4), "{chief_row}");
    assert!(chief_row["items"].to_string().contains("CHIEF-DUTY"), "{chief_row}");
}

#[test]
fn a_close_gives_the_months_awards_and_the_year_sums_them() {
    let (env, p) = setup();
    let b = id_born("1990-05-05", 301);
    add_person(&env, &b, "不动产员工", &["--unit", "BDC"]);
    station(&env, &b, "2026-01-05");
    env.ok(&["appraise", "record", &b, "--rule", "PHONE", "--date", "2026-03-10", "--times", "6"]);
    env.ok(&["appraise", "record", &p[1], "--rule", "PRAISE", "--date", "2026-03-10"]);
    for m in ["2026-01", "2026-02", "2026-03"] {
        env.ok(&["--today", "2026-12-31", "appraise", "month", m, "--close"]);
    }
    let windows = json(&env, &["report", "windows", "--month", "2026-03"]);
    // SCJG 101 (≥ 95): 红旗窗口; BDC 94 − 1.2 = 92.8, under the minimum of 95.
    assert_eq!(windows[0]["unit"].as_str(), Some("SCJG"), "{windows}");
    assert_eq!(windows[0]["award"].as_str(), Some("red-flag window、red-flag window of the quarter"), "{windows}");
    assert_eq!(windows[1]["award"].as_str(), Some(""), "under the minimum: {windows}");
    let bulletin = env.ok(&["--lang", "zh", "report", "appraisal", "--month", "2026-03"]);
    assert!(bulletin.contains("服务之星") && bulletin.contains("红旗窗口（2026-03）：SCJG"), "{bulletin}");
    assert!(bulletin.contains("季度红旗窗口（2026-Q1）：SCJG"), "the quarter's, at its last close: {bulletin}");
    let rows = json(&env, &["report", "departments", "--year", "2026"]);
    assert_eq!(rows[0]["unit"].as_str(), Some("SCJG"), "{rows}");
    assert_eq!(rows[0]["window_months"].as_i64(), Some(3), "{rows}");
    // SCJG: three red flags (0.5 each), one of the quarter (1), stars 0.2 each, at most 3.
    assert!(rows[0]["award_points"].as_f64().unwrap() >= 2.5, "{rows}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_month_closed_before_schema_12_gets_its_windows_at_the_migration() {
    let (env, p) = setup();
    env.ok(&["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-09"]);
    env.ok(&["--today", "2026-12-31", "appraise", "month", "2026-03", "--close"]);
    // The file as schema 11 left it: no window tables, no window section, no windows frozen.
    common::back_to_schema_12(&env.conn());
    env.conn()
        .execute_batch(
            "DROP TABLE award; DROP TABLE window_result; DROP TABLE window_event;
             ALTER TABLE rulebook DROP COLUMN windows; PRAGMA user_version = 11;",
        )
        .unwrap();
    env.fails(5, &["report", "windows", "--month", "2026-03"]);
    let out = env.ok(&["db", "migrate"]);
    assert!(out.contains(&format!("from schema 11 to {}", jinzhu::storage::store::SCHEMA_VERSION)), "{out}");
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    // By the staff alone: (99 + 100) / 2, frozen at the migration.
    assert_eq!(rows[0]["score"].as_f64(), Some(99.5), "{rows}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_bad_window_section_or_an_unknown_window_event_writes_nothing() {
    let (env, p) = setup();
    let before = state(&env.db);
    let book = std::fs::read_to_string(rulebook_path()).unwrap();
    let bad = env.write("bad.json", book.replace("\"chief_item\": \"CHIEF-DUTY\"", "\"chief_item\": \"PRAISE\""));
    let err = env.fails(4, &["appraise", "rules", "import", bad.to_str().unwrap()]);
    assert!(err.contains("windows") && err.contains("chief_item"), "a bonus as the chief's share: {err}");
    let bad = env.write("weights.json", book.replace("\"review_weight\": 0.1", "\"review_weight\": 11"));
    let err = env.fails(4, &["appraise", "rules", "import", bad.to_str().unwrap()]);
    assert!(err.contains("review_weight"), "{err}");
    let err = env.fails(4, &["appraise", "window", "void", "999", "--reason", "无"]);
    assert!(err.contains("999"), "{err}");
    let err = env.fails(4, &["appraise", "window", "record", "NOPE", "--rule", "W-ORDER", "--date", "2026-03-09"]);
    assert!(err.contains("NOPE"), "{err}");
    let file = env.write("e.csv", format!("id_number,rule,date\n{},CHIEF-DUTY,2026-03-09\n", p[0]));
    let err = env.fails(4, &["appraise", "import", file.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("CHIEF-DUTY"), "the chief's share is not imported: {err}");
    assert_eq!(state(&env.db), before, "nothing written");
}

#[test]
fn a_months_window_events_are_listed_with_their_ids_and_voids() {
    let (env, _) = setup();
    let id = env.ok(&["appraise", "window", "record", "SCJG", "--rule", "W-ORDER", "--date", "2026-03-09"]);
    env.ok(&["appraise", "window", "record", "SCJG", "--rule", "W-ORDER", "--date", "2026-03-11", "--note", "台账"]);
    env.ok(&["appraise", "window", "void", id.trim(), "--reason", "登记错误"]);
    let rows = json(&env, &["appraise", "window", "events", "--month", "2026-03"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0]["void"].as_str(), rows[1]["note"].as_str()), (Some("登记错误"), Some("台账")), "{rows:?}");
    assert!(json(&env, &["appraise", "window", "events", "--month", "2026-04"]).as_array().unwrap().is_empty());
}

#[test]
fn a_window_item_can_count_its_staffs_bad_reviews_verified_valid() {
    let env = Env::new();
    let book = std::fs::read_to_string(rulebook_path()).unwrap().replace("\"staff-deductions\"", "\"bad-reviews\"");
    let book = env.write("book.json", book);
    env.ok(&["appraise", "rules", "import", book.to_str().unwrap()]);
    let p = staff(&env, 100);
    station(&env, &p, "2026-01-05");
    let reviews = env.write(
        "r.csv",
        format!("case_no,id_number,date,grade\nB1,{p},2026-03-03,1\nB2,{p},2026-03-04,2\nB3,{p},2026-03-05,1\n"),
    );
    env.ok(&["appraise", "reviews", reviews.to_str().unwrap()]);
    env.ok(&["appraise", "review", "verify", "B1", "--valid", "--reason", "属实"]);
    env.ok(&["appraise", "review", "verify", "B2", "--invalid", "--reason", "误评"]);
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    // One valid (B1); B2 invalid and B3 pending count nowhere: W-STAFF ×1.
    assert!(rows[0]["items"].as_str().unwrap().contains("×1 -0.2"), "{rows}");
}

#[test]
fn a_year_without_a_closed_month_has_no_department_figures_and_says_so() {
    let (env, _) = setup();
    let out = env.ok(&["report", "departments", "--year", "2026"]);
    assert!(out.contains("no month of 2026 is closed yet"), "{out}");
}
