//! Attendance from punch records: schedules, PINs, the three punch formats, the month
//! computed and closed into appraisal events, 补签, official absences, count bars.

mod common;

use common::{Env, import_rulebook, staff, state, station};

const SCHEDULE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/schedule.json");

/// Two stationed persons from 2026-09-28, the rule book and the example schedule.
fn setup() -> (Env, String, String) {
    let env = Env::new();
    import_rulebook(&env);
    env.ok(&["attendance", "schedule", "import", SCHEDULE]);
    let (a, b) = (staff(&env, 1), staff(&env, 2));
    station(&env, &a, "2026-09-28");
    station(&env, &b, "2026-09-28");
    (env, a, b)
}

/// The working days of October 2026 (the calendar's holidays out, the make-up Saturday in)
/// with their start and end in the winter schedule.
fn october_days() -> Vec<(String, &'static str, &'static str)> {
    let mut days = Vec::new();
    for d in 8..=31 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let weekday = chrono::Datelike::weekday(&date);
        let make_up = d == 10;
        if (weekday == chrono::Weekday::Sat || weekday == chrono::Weekday::Sun) && !make_up {
            continue;
        }
        let end = if weekday == chrono::Weekday::Fri { "17:00:00" } else { "17:30:00" };
        days.push((date.to_string(), "08:55:00", end));
    }
    days
}

/// A punch sheet: every working day on time for both, but for the `special` lines.
fn punches(a: &str, b: &str, skip: &[(&str, &str)], special: &[(&str, &str)]) -> String {
    let mut csv = String::from("身份证号,打卡时间\n");
    for (date, start, end) in october_days() {
        for person in [a, b] {
            if skip.iter().any(|(p, d)| *p == person && *d == date) {
                continue;
            }
            csv.push_str(&format!("{person},{date} {start}\n{person},{date} {end}\n"));
        }
    }
    for (person, at) in special {
        csv.push_str(&format!("{person},{at}\n"));
    }
    csv
}

#[test]
fn the_month_follows_from_the_punches_across_the_season_switch_and_the_make_up_day() {
    let (env, a, b) = setup();
    let skip = [(a.as_str(), "2026-10-09"), (a.as_str(), "2026-10-10"), (a.as_str(), "2026-10-12")];
    let skip: Vec<(&str, &str)> =
        skip.iter().chain(&[(b.as_str(), "2026-10-13"), (b.as_str(), "2026-10-14")]).copied().collect();
    let special = [
        // Summer: 08:30 with 5 minutes' grace, the last day of September.
        (a.as_str(), "2026-09-30 08:35:00"),
        (a.as_str(), "2026-09-30 18:00:00"),
        // Winter from October: a Friday ending at 17:00, exactly at the grace limit.
        (a.as_str(), "2026-10-09 09:05:59"),
        (a.as_str(), "2026-10-09 17:00:00"),
        // The make-up Saturday keeps the ordinary day: 6 minutes late.
        (a.as_str(), "2026-10-10 09:06:00"),
        (a.as_str(), "2026-10-10 17:30:00"),
        // One punch: a missed punch at the end.
        (a.as_str(), "2026-10-12 08:59:00"),
        // B leaves 40 minutes early: half a day absent; the 14th B is on leave in the morning.
        (b.as_str(), "2026-10-13 08:50:00"),
        (b.as_str(), "2026-10-13 16:50:00"),
        (b.as_str(), "2026-10-14 13:58:00"),
        (b.as_str(), "2026-10-14 17:31:00"),
        // The same punch twice, and one before the stationing.
        (b.as_str(), "2026-10-14 17:31:00"),
        (b.as_str(), "2026-09-25 09:00:00"),
    ];
    let file = env.write("punches.csv", punches(&a, &b, &skip, &special));
    let leave = env.ok(&[
        "leave",
        "request",
        &b,
        "--type",
        "personal",
        "--from",
        "2026-10-14",
        "--to",
        "2026-10-14",
        "--half",
        "am",
        "--reason",
        "办事",
    ]);
    env.ok(&["leave", "approve", leave.trim()]);
    let out = env.cmd().args(["attendance", "import", file.to_str().unwrap()]).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("already recorded: 1 punch") && stderr.contains("outside"), "{stderr}");
    assert!(stdout.contains("inserted"), "{stdout}");

    let september = env.ok(&["attendance", "month", "2026-09", "--format", "csv"]);
    assert!(!september.contains("late"), "08:35 is within the summer grace: {september}");
    let month = env.ok(&["attendance", "month", "2026-10", "--format", "csv"]);
    let line =
        |date: &str, name: &str| month.lines().find(|l| l.starts_with(date) && l.contains(name)).map(str::to_string);
    assert_eq!(line("2026-10-09", "员工1"), None, "09:05:59 is on time: {month}");
    assert!(line("2026-10-10", "员工1").unwrap().contains("late 6 min"), "{month}");
    assert!(line("2026-10-12", "员工1").unwrap().contains("missed punch"), "{month}");
    assert!(line("2026-10-13", "员工2").unwrap().contains("absent 0.5 day"), "{month}");
    assert_eq!(line("2026-10-14", "员工2"), None, "the morning on leave, the afternoon on time: {month}");
    assert_eq!(month.lines().count(), 4, "header and three days: {month}");

    let days: serde_json::Value =
        serde_json::from_str(&env.ok(&["attendance", "month", "2026-10", "--format", "json"])).unwrap();
    let late = days.as_array().unwrap().iter().find(|d| d["date"] == "2026-10-10").unwrap();
    assert_eq!((late["result"]["late"].as_i64(), late["result"]["absent_halves"].as_i64()), (Some(6), Some(0)));
    let report = env.ok(&["report", "attendance", "--month", "2026-10", "--format", "csv"]);
    assert!(report.lines().any(|l| l.contains("员工1") && l.contains(",1,6,")), "one late, 6 minutes: {report}");

    let closed = env.ok(&["attendance", "month", "2026-10", "--close"]);
    assert!(closed.contains("3 appraisal events"), "{closed}");
    let events = env.ok(&["appraise", "events", "--month", "2026-10", "--format", "csv"]);
    assert!(events.contains("LATE") && events.contains("MISSED") && events.contains("ABSENT"), "{events}");
    assert!(events.contains("09:06:00 / 09:00"), "the note shows the punch and the start: {events}");

    // Closed: no second close, no punch, no 补签 for October.
    let before = state(&env.db);
    let err = env.refused(3, &["attendance", "month", "2026-10", "--close"]);
    assert!(err.contains("ART21-MONTHLY") && err.contains("closed already"), "{err}");
    let late = env.write("late.csv", format!("身份证号,打卡时间\n{a},2026-10-20 09:00:00\n"));
    let err = env.fails(4, &["attendance", "import", late.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("closed"), "{err}");
    let err =
        env.refused(3, &["attendance", "amend", &a, "--date", "2026-10-12", "--time", "17:31", "--reason", "机器故障"]);
    assert!(err.contains("ART21-MONTHLY"), "{err}");
    assert_eq!(state(&env.db), before);
}

#[test]
fn a_missed_punch_corrected_by_the_center_counts_as_a_punch() {
    let (env, a, b) = setup();
    let file =
        env.write("p.csv", punches(&a, &b, &[(a.as_str(), "2026-10-20")], &[(a.as_str(), "2026-10-20 08:58:00")]));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    let month = env.ok(&["attendance", "month", "2026-10", "--person", &a, "--format", "csv"]);
    assert!(month.contains("missed punch"), "{month}");
    let before = state(&env.db);
    let err = env.fails(4, &["attendance", "amend", &a, "--date", "2026-10-20", "--time", "25:00", "--reason", "x"]);
    assert!(err.contains("time"), "{err}");
    assert_eq!(state(&env.db), before);
    env.ok(&[
        "attendance",
        "amend",
        &a,
        "--date",
        "2026-10-20",
        "--time",
        "17:32",
        "--reason",
        "指纹机故障，经负责人确认",
    ]);
    let month = env.ok(&["attendance", "month", "2026-10", "--person", &a, "--format", "csv"]);
    assert_eq!(month.lines().count(), 1, "no exception left: {month}");
    let audit = env.ok(&["report", "audit", "--format", "csv"]);
    assert!(audit.contains("punch_amend") && audit.contains("punch_import"), "{audit}");
    env.ok(&["db", "check"]);
}

#[test]
fn an_attlog_names_persons_by_pin_and_an_unknown_pin_is_reported_never_guessed() {
    let (env, a, _) = setup();
    env.ok(&["attendance", "pin", &a, "7"]);
    let log = "     7\t2026-10-20 08:51:02\t1\t1\t0\t0\n     7\t2026-10-20 17:40:11\t1\t1\t0\t0\n    99\t2026-10-20 08:40:00\t1\t1\t0\t0\n";
    let file = env.write("1_attlog.dat", log);
    let before = state(&env.db);
    let err = env.fails(4, &["attendance", "import", file.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("PIN") && err.contains("99"), "{err}");
    assert_eq!(state(&env.db), before, "all or nothing");
    let out = env.cmd().args(["attendance", "import", file.to_str().unwrap(), "--skip-unknown"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains("attlog") && stderr.contains("99"), "{stderr}");
    assert_eq!(env.count("punch"), 2);
    // The same PIN for another person only with --replace.
    let b = common::staff(&env, 3);
    let err = env.fails(4, &["attendance", "pin", &b, "7"]);
    assert!(err.contains("--replace"), "{err}");
    env.ok(&["attendance", "pin", &b, "7", "--replace"]);
    let pins = env.ok(&["attendance", "pin", "--list", "--format", "csv"]);
    assert!(pins.contains("员工3"), "{pins}");
}

#[test]
fn a_dingtalk_export_is_read_under_its_title_rows() {
    let (env, a, _) = setup();
    env.ok(&["attendance", "pin", &a, "DT0001"]);
    let sheet = String::from(
        "原始记录 统计日期：2026-10-20 至 2026-10-20,,,,,,\n报表生成时间：2026-10-21 09:00,,,,,,\n\
         姓名,考勤组,部门,工号,考勤日期,打卡时间,打卡结果\n\
         员工1,中心,区市场监督管理局,DT0001,2026-10-20 星期二,08:57,正常\n\
         员工1,中心,区市场监督管理局,DT0001,2026-10-20 星期二,,未打卡\n\
         员工2,中心,区市场监督管理局,,2026-10-20 星期二,09:20,迟到\n",
    );
    let file = env.write("钉钉.csv", sheet);
    let out = env.cmd().args(["attendance", "import", file.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no punch"), "{stderr}");
    assert_eq!(env.count("punch"), 2, "员工2 by name, 员工1 by 工号");
    let bad = env.write("bad.csv", "姓名,打卡时间\n员工1,2026-10-21 8点\n无此人,2026-10-21 09:00\n");
    let before = state(&env.db);
    let err = env.fails(4, &["attendance", "import", bad.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("row 3"), "every bad row: {err}");
    assert_eq!(state(&env.db), before);
}

#[test]
fn an_official_absence_excuses_the_day_and_is_an_art19_incident_of_the_unit() {
    let (env, a, b) = setup();
    let id = env.ok(&[
        "leave",
        "request",
        &a,
        "--type",
        "公假",
        "--from",
        "2026-10-21",
        "--to",
        "2026-10-21",
        "--reason",
        "单位抽调参加检查",
    ]);
    env.ok(&["leave", "approve", id.trim()]);
    let file = env.write("p.csv", punches(&a, &b, &[(a.as_str(), "2026-10-21")], &[]));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    let month = env.ok(&["attendance", "month", "2026-10", "--format", "csv"]);
    assert_eq!(month.lines().count(), 1, "excused: {month}");
    let report = env.ok(&["report", "compliance", "--half", "2026H2", "--format", "csv"]);
    assert!(report.contains("公假（进驻单位要求）") && report.contains("单位抽调参加检查"), "{report}");
}

#[test]
fn closing_the_appraisal_month_closes_its_attendance_and_five_late_days_bar_the_months_excellent() {
    let (env, a, b) = setup();
    let late: Vec<String> = ["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"]
        .iter()
        .map(|d| format!("{d} 09:10:00"))
        .collect();
    let skip: Vec<(&str, &str)> = late.iter().map(|d| (a.as_str(), &d[..10])).collect();
    let mut special: Vec<(&str, String)> = late.iter().map(|d| (a.as_str(), d.clone())).collect();
    special.extend(late.iter().map(|d| (a.as_str(), format!("{} 17:30:00", &d[..10]))));
    let special: Vec<(&str, &str)> = special.iter().map(|(p, s)| (*p, s.as_str())).collect();
    let file = env.write("p.csv", punches(&a, &b, &skip, &special));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    // A lighter LATE: five of them leave 99.5 points, in the 优秀 band but for the bar.
    let rulebook = std::fs::read_to_string(common::rulebook_path()).unwrap().replacen(
        r#""points": -1, "cap": 10, "article": 21, "attendance": true"#,
        r#""points": -0.1, "cap": 10, "article": 21, "attendance": true"#,
        1,
    );
    let rulebook = env.write("rulebook.json", rulebook);
    env.ok(&["appraise", "rules", "import", rulebook.to_str().unwrap()]);
    // Earlier months are closed first (they have no punches: nothing to close for attendance).
    env.ok(&["appraise", "month", "2026-09", "--close"]);
    let out = env.cmd().args(["appraise", "month", "2026-10", "--close"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains("5 appraisal events"), "{stderr}");
    let bulletin = env.ok(&["report", "appraisal", "--month", "2026-10", "--format", "csv"]);
    let grade = |name: &str| bulletin.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    assert!(grade("员工1").contains("99.5") && grade("员工1").contains("good"), "barred: {bulletin}");
    assert!(grade("员工2").contains("excellent"), "{bulletin}");
    let rules = env.ok(&["appraise", "rules", "list", "--date", "2026-10-01", "--format", "csv"]);
    assert!(rules.contains("5 a month bar"), "{rules}");
}

#[test]
fn a_schedule_is_validated_and_a_used_one_cannot_be_replaced() {
    let env = Env::new();
    let text = std::fs::read_to_string(SCHEDULE).unwrap();
    let bad = env.write("bad.json", text.replacen("\"12:00\"", "\"08:00\"", 1));
    let before = state(&env.db);
    let err = env.fails(4, &["attendance", "schedule", "import", bad.to_str().unwrap()]);
    assert!(err.contains("sessions of \"夏季作息\""), "{err}");
    assert_eq!(state(&env.db), before);
    env.ok(&["attendance", "schedule", "import", SCHEDULE]);
    let list = env.ok(&["attendance", "schedule", "list", "--format", "csv"]);
    assert!(list.contains("09:00–12:00, 14:00–17:30") && list.contains("Fri"), "{list}");
    // Once a month was closed by it, the version stays: a new one needs a later date.
    import_rulebook(&env);
    let (a, b) = (staff(&env, 1), staff(&env, 2));
    station(&env, &a, "2026-09-28");
    station(&env, &b, "2026-09-28");
    let file = env.write("p.csv", punches(&a, &b, &[], &[]));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    env.ok(&["attendance", "month", "2026-10", "--close"]);
    let before = state(&env.db);
    let err = env.refused(3, &["attendance", "schedule", "import", SCHEDULE]);
    assert!(err.contains("ART21-MONTHLY") && err.contains("2026-10"), "{err}");
    // And a 补签 outside the stationing is refused too.
    let err = env.refused(3, &["attendance", "amend", &a, "--date", "2026-09-25", "--time", "09:00", "--reason", "x"]);
    assert!(err.contains("ART19-LEAVE") && err.contains("not stationed"), "{err}");
    assert_eq!(state(&env.db), before);
    let later = env.write("later.json", text.replacen("\"2026-01-01\"", "\"2026-11-01\"", 1));
    env.ok(&["attendance", "schedule", "import", later.to_str().unwrap()]);
}

#[test]
fn db_check_names_a_punch_changed_and_a_pin_deleted_behind_jinzhus_back() {
    let (env, a, b) = setup();
    env.ok(&["attendance", "pin", &a, "7"]);
    let file = env.write("p.csv", punches(&a, &b, &[], &[]));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    env.ok(&["db", "check"]);
    let check = |sql: &str| {
        env.conn().execute_batch(sql).unwrap();
        let out = env.cmd().args(["db", "check"]).output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = check(
        "DROP TRIGGER punch_frozen_change;
         UPDATE punch SET at = '2026-10-20 08:30:00' WHERE at = '2026-10-20 08:55:00' AND person_id = 1;",
    );
    assert!(out.contains("punch_import 1: differs"), "{out}");
    let out = check("DELETE FROM attendance_pin WHERE pin = '7'");
    assert!(out.contains("attendance_pin 7: is in the audit trail but not"), "{out}");
}

#[test]
fn a_workbook_with_date_and_time_cells_is_read_to_the_second() {
    let (env, a, _) = setup();
    env.ok(&["attendance", "pin", &a, "0001"]);
    let path = env.path("考勤.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["工号", "日期", "时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let time = rust_xlsxwriter::Format::new().set_num_format("hh:mm:ss");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    for (r, t) in [(1u32, (9, 7, 59)), (2, (17, 30, 1))] {
        sheet.write_string(r, 0, "0001").unwrap();
        sheet.write_datetime_with_format(r, 1, day, &date).unwrap();
        let clock = chrono::NaiveTime::from_hms_opt(t.0, t.1, t.2).unwrap();
        sheet.write_datetime_with_format(r, 2, clock, &time).unwrap();
    }
    book.save(&path).unwrap();
    env.ok(&["attendance", "import", path.to_str().unwrap()]);
    let month = env.ok(&["attendance", "month", "2026-10", "--person", &a, "--format", "csv"]);
    let line = month.lines().find(|l| l.starts_with("2026-10-20")).unwrap_or_default();
    assert!(line.contains("09:07:59") && line.contains("17:30:01") && line.contains("late 7 min"), "{month}");
}

#[test]
fn a_list_of_pins_is_imported_all_or_nothing() {
    let (env, a, b) = setup();
    let good = env.write("pins.csv", format!("身份证号,考勤号\n{a},101\n{b},102\n"));
    let bad = env.write("bad.csv", format!("身份证号,考勤号\n{a},201\n{b},101\n110101199001011234,300\n"));
    env.ok(&["attendance", "pin", "--import", good.to_str().unwrap()]);
    let before = state(&env.db);
    let err = env.fails(4, &["attendance", "pin", "--import", bad.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("员工1") && err.contains("row 4"), "{err}");
    assert_eq!(state(&env.db), before);
    assert_eq!(env.count("attendance_pin"), 2);
}

#[test]
fn english_headers_and_a_separate_date_column_are_read_too() {
    let (env, a, b) = setup();
    env.ok(&["attendance", "pin", &b, "B-2"]);
    let by_id = env.write("en.csv", format!("id_number,time\n{a},2026/10/20 9:01\n{a},2026-10-20T17:35:00\n"));
    let by_pin = env.write("pin.csv", "PIN,date,time\nB-2,2026年10月20日,08:59:30\nB-2,2026-10-20,17：31\n");
    env.ok(&["attendance", "import", by_id.to_str().unwrap()]);
    env.ok(&["attendance", "import", by_pin.to_str().unwrap()]);
    let at: Vec<String> = env
        .conn()
        .prepare("SELECT at FROM punch ORDER BY at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        at,
        ["2026-10-20 08:59:30", "2026-10-20 09:01:00", "2026-10-20 17:31:00", "2026-10-20 17:35:00"],
        "every form of time stored one way"
    );
    let none = env.write("none.csv", "部门,打卡时间\n窗口,2026-10-20 09:00\n");
    let err = env.fails(4, &["attendance", "import", none.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("names no person"), "{err}");
}

#[test]
fn a_month_is_not_closed_early_without_punches_or_with_an_item_the_rule_book_lacks() {
    let (env, a, b) = setup();
    let before = state(&env.db);
    let err = env.refused(3, &["attendance", "month", "2026-10", "--close"]);
    assert!(err.contains("ART21-MONTHLY") && err.contains("no punches of 2026-10"), "{err}");
    assert_eq!(state(&env.db), before);
    let late = [(a.as_str(), "2026-10-20 09:20:00"), (a.as_str(), "2026-10-20 17:31:00")];
    let file = env.write("p.csv", punches(&a, &b, &[(a.as_str(), "2026-10-20")], &late));
    env.ok(&["attendance", "import", file.to_str().unwrap()]);
    let err = env.refused(3, &["--today", "2026-10-30", "attendance", "month", "2026-10", "--close"]);
    assert!(err.contains("ART21-MONTHLY") && err.contains("2026-10-31"), "before its last day: {err}");
    // A schedule that counts lateness as an item the rule book does not have.
    let text = std::fs::read_to_string(SCHEDULE).unwrap().replace("\"late\": \"LATE\"", "\"late\": \"TARDY\"");
    let odd = env.write("odd.json", text.replacen("\"2026-01-01\"", "\"2026-10-01\"", 1));
    env.ok(&["attendance", "schedule", "import", odd.to_str().unwrap()]);
    let before_close = state(&env.db);
    let err = env.refused(3, &["attendance", "month", "2026-10", "--close"]);
    assert!(err.contains("ART21-MONTHLY") && err.contains("TARDY"), "{err}");
    assert_eq!(state(&env.db), before_close);
    assert_ne!(before, before_close, "the refusals before wrote nothing; the imports did");
}
