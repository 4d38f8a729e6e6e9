//! Leave (Art 19, SPEC §3): the calendar, requests decided by the center, entitlements.

mod common;

use common::*;

/// A stationed staff member (worked since 2015-07-01: 10 years on 1 January 2026,
/// so 10 days of annual leave) and the database, with the 2026 calendar and 2027's New
/// Year's Day.
fn stationed() -> (Env, String) {
    let env = Env::new();
    let file = env.write("2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n");
    env.ok(&["leave", "holidays", "import", file.to_str().unwrap()]);
    let p = staff(&env, 1);
    station(&env, &p, "2025-12-01");
    (env, p)
}

fn request(env: &Env, p: &str, kind: &str, from: &str, to: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["leave", "request", p, "--type", kind, "--from", from, "--to", to, "--reason", "事由"];
    args.extend_from_slice(extra);
    json(env, &args)
}

#[test]
fn the_2026_calendar_is_loaded_and_a_year_can_be_replaced() {
    let env = Env::new();
    let list = env.ok(&["--lang", "zh", "leave", "holidays", "list", "--year", "2026"]);
    assert!(list.contains("国庆节") && list.contains("调休上班日"), "{list}");
    let file = env.write("h.csv", "date,kind,name\n2026-10-01,holiday,国庆节\n2027-01-01,节假日,元旦\n");
    let out = env.ok(&["leave", "holidays", "import", file.to_str().unwrap()]);
    assert!(out.contains("2 inserted"), "{out}");
    assert_eq!(env.count("calendar_day"), 2);
    let bad = env.write(
        "bad.csv",
        "date,kind,name\n2026-02-30,holiday,x\n2026-10-02,vacation,y\n2026-10-03,holiday,z\n2026-10-03,holiday,z\n",
    );
    let err = env.refused(4, &["leave", "holidays", "import", bad.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("row 3") && err.contains("row 5"), "{err}");
}

#[test]
fn working_days_across_the_national_day_block() {
    let (env, p) = stationed();
    // 9/28–9/30 worked, 10/1–10/7 off, 10/8–10/9 worked, 10/10 a make-up Saturday, 10/11 Sunday.
    let l = request(&env, &p, "personal", "2026-09-28", "2026-10-11", &[]);
    assert_eq!(l["days"], 6.0);
    assert_eq!(l["status"], "pending");
    let l = request(&env, &p, "婚假", "2026-10-12", "2026-10-14", &[]);
    assert_eq!(l["days"], 3.0, "marriage leave counts calendar days");
    let half = request(&env, &p, "personal", "2026-11-03", "2026-11-03", &["--half", "pm"]);
    assert_eq!(half["days"], 0.5);
}

#[test]
fn refusals_name_art19_and_write_nothing() {
    let (env, p) = stationed();
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "personal", "--from", "2026-03-05", "--to", "2026-03-02", "--reason", "x"],
    );
    assert!(err.contains("[ART19-LEAVE] 第十九条") && err.contains("before it starts"), "{err}");
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &p,
            "--type",
            "personal",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-03",
            "--half",
            "am",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("half day is one day"), "{err}");
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "personal", "--from", "2025-11-28", "--to", "2025-12-02", "--reason", "x"],
    );
    assert!(err.contains("not stationed at the center on every day"), "{err}");
    let other = staff(&env, 2);
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &other,
            "--type",
            "personal",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-02",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("not stationed"), "{err}");
    request(&env, &p, "personal", "2026-03-02", "2026-03-04", &[]);
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "sick", "--from", "2026-03-04", "--to", "2026-03-06", "--reason", "x"],
    );
    assert!(err.contains("overlaps leave 1 (2026-03-02 to 2026-03-04, pending)"), "{err}");
    let err = env.refused(
        4,
        &["leave", "request", &p, "--type", "personal", "--from", "2026-03-07", "--to", "2026-03-08", "--reason", "x"],
    );
    assert!(err.contains("counts no working days"), "{err}");
    env.refused(
        4,
        &["leave", "request", &p, "--type", "holiday", "--from", "2026-03-10", "--to", "2026-03-10", "--reason", "x"],
    );
}

#[test]
fn decisions_cancel_and_return() {
    let (env, p) = stationed();
    request(&env, &p, "personal", "2026-03-02", "2026-03-06", &[]);
    env.ok(&["leave", "approve", "1"]);
    let err = env.refused(3, &["leave", "approve", "1"]);
    assert!(err.contains("only a pending leave"), "{err}");
    let err = env.refused(3, &["leave", "cancel", "1"]);
    assert!(err.contains("not yet started"), "{err}");
    // Back on Thursday: Monday to Wednesday taken.
    let l = json(&env, &["leave", "return", "1", "--date", "2026-03-05"]);
    assert_eq!(l["status"], "returned");
    assert_eq!(l["days"], 5.0);
    assert_eq!(l["days_taken"], 3.0);
    // The days after the return are free again.
    request(&env, &p, "personal", "2026-03-06", "2026-03-06", &[]);
    env.refused(3, &["leave", "return", "1", "--date", "2026-03-06"]);
    request(&env, &p, "personal", "2027-01-04", "2027-01-04", &[]);
    env.ok(&["leave", "approve", "3"]);
    env.ok(&["leave", "cancel", "3", "--reason", "不再需要"]);
    env.refused(4, &["leave", "reject", "2", "--reason", " "]);
    let l = json(&env, &["leave", "reject", "2", "--reason", "窗口人手不足"]);
    assert_eq!(l["status"], "rejected");
    assert_eq!(l["decided_by"], "tester");
    let all = json(&env, &["leave", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 3, "every leave, without a year: {all}");
    assert_eq!(all[1]["days_taken"], 0.0, "a rejected leave takes no days");
    let rejected = json(&env, &["leave", "list", "--status", "rejected", "--person", &p]);
    assert_eq!(rejected.as_array().unwrap().len(), 1);
}

#[test]
fn annual_leave_within_the_entitlement() {
    let (env, p) = stationed();
    let out = env.ok(&["leave", "balance", &p, "--year", "2026"]);
    assert!(out.contains("10.0"), "10 years worked on 2026-01-01: {out}");
    request(&env, &p, "annual", "2026-04-07", "2026-04-16", &[]); // 8 working days (4/4–4/6 Qingming)
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "annual", "--from", "2026-05-11", "--to", "2026-05-13", "--reason", "x"],
    );
    assert!(
        err.contains("annual leave 2026: entitlement 10, taken 0, pending 8, remaining 2; this request needs 3"),
        "{err}"
    );
    request(&env, &p, "annual", "2026-05-11", "2026-05-12", &[]);
    // Across the year end: two days in 2026 would exceed, but 2027 has its own entitlement.
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "annual", "--from", "2026-12-31", "--to", "2027-01-05", "--reason", "x"],
    );
    assert!(err.contains("annual leave 2026"), "{err}");
}

#[test]
fn no_annual_leave_after_20_days_of_personal_leave() {
    let (env, p) = stationed();
    let l = request(&env, &p, "personal", "2026-06-01", "2026-06-26", &[]);
    assert_eq!(l["days"], 19.0, "6/19 is a holiday");
    env.ok(&["leave", "approve", "1"]);
    request(&env, &p, "annual", "2026-07-06", "2026-07-06", &[]);
    request(&env, &p, "personal", "2026-07-07", "2026-07-07", &[]);
    env.ok(&["leave", "approve", "3"]);
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "annual", "--from", "2026-07-08", "--to", "2026-07-08", "--reason", "x"],
    );
    assert!(err.contains("no annual leave is due in 2026") && err.contains("20 days of personal leave"), "{err}");
    let out = env.ok(&["leave", "balance", &p, "--year", "2026"]);
    assert!(out.contains("no annual leave because"), "{out}");
}

#[test]
fn no_annual_leave_after_two_months_of_sick_leave_under_ten_years() {
    let env = Env::new();
    let p = id_born("1992-03-03", 9);
    add_person(&env, &p, "新人", &["--work-start", "2018-07-01"]);
    station(&env, &p, "2025-12-01");
    let l = request(&env, &p, "sick", "2026-03-02", "2026-04-29", &[]);
    env.ok(&["leave", "approve", &l["id"].to_string()]);
    request(&env, &p, "annual", "2026-05-06", "2026-05-06", &[]);
    let out = env.ok(&["leave", "balance", &p, "--year", "2026"]);
    assert!(!out.contains("no annual leave because"), "60 days not reached: {out}");
    let l = request(&env, &p, "sick", "2026-05-07", "2026-05-07", &[]);
    env.ok(&["leave", "approve", &l["id"].to_string()]);
    let out = env.ok(&["leave", "balance", &p, "--year", "2026"]);
    assert!(out.contains("sick leave") && out.contains("2 months"), "{out}");
}

#[test]
fn report_splits_days_by_month_and_marks_overdue() {
    let (env, p) = stationed();
    request(&env, &p, "sick", "2026-09-28", "2026-10-09", &[]);
    env.ok(&["leave", "approve", "1"]);
    env.ok(&["leave", "return", "1", "--date", "2026-10-10"]);
    request(&env, &p, "annual", "2026-10-29", "2026-11-03", &[]);
    env.ok(&["leave", "approve", "2"]);
    let rows = json(&env, &["report", "leave", "--year", "2026"]);
    let people = rows["leave_report"].as_array().unwrap();
    let sick = people.iter().find(|r| r["type"] == "sick").unwrap();
    assert_eq!((sick["m09"].as_f64(), sick["m10"].as_f64(), sick["total"].as_f64()), (Some(3.0), Some(2.0), Some(5.0)));
    let annual = people.iter().find(|r| r["type"] == "annual").unwrap();
    assert_eq!((annual["m10"].as_f64(), annual["m11"].as_f64()), (Some(2.0), Some(2.0)));
    assert_eq!(annual["overdue"], "overdue", "ended 11-03, no return by 11-29");
    assert_eq!(sick["overdue"], serde_json::Value::Null);
    assert_eq!(sick["m01"], serde_json::Value::Null, "months without leave are blank");
    assert_eq!(rows["leave_report_unit"][0]["total"].as_f64(), Some(9.0));
    assert_eq!(rows["leave_overdue"].as_array().unwrap().len(), 1);
    let month = json(&env, &["report", "leave", "--month", "2026-10"]);
    assert_eq!(month["leave_report"][0]["m10"].as_f64(), Some(2.0));
}

#[test]
fn leave_types_can_change_their_counting() {
    let (env, p) = stationed();
    env.ok(&["leave", "types", "--set", "sick=calendar"]);
    let l = request(&env, &p, "sick", "2026-03-06", "2026-03-09", &[]);
    assert_eq!(l["days"], 4.0);
    env.refused(4, &["leave", "types", "--set", "sick"]);
    env.refused(4, &["leave", "types", "--set", "sick=hours"]);
}
