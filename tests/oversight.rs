//! Oversight (Art 10, 24): the half-year compliance report, staffing, the month-end job.

mod common;

use common::*;

/// A center where each thing the half-year report looks for happens once in July 2026.
fn fixture() -> Env {
    let env = Env::new();
    let old = id_born("1980-03-02", 1);
    add_person(&env, &old, "超龄", &[]);
    env.ok(&["assign", "propose", &old, "--start", "2026-07-01", "--exception", "业务骨干", "--date", "2026-06-10"]);
    env.ok(&["assign", "approve", "1", "--by", "center", "--doc", "C1", "--date", "2026-06-20"]);
    env.ok(&["assign", "approve", "1", "--by", "org-dept", "--doc", "O1", "--date", "2026-06-21"]);
    env.ok(&["assign", "start", "1"]);
    let a = staff(&env, 2);
    let b = staff(&env, 3);
    let replaced = station(&env, &a, "2026-07-01");
    env.ok(&[
        "reassign",
        "request",
        &replaced,
        "--replacement",
        &b,
        "--letter",
        "L1",
        "--reason",
        "工作需要",
        "--date",
        "2026-08-01",
    ]);
    env.ok(&["reassign", "reply", "1", "--doc", "R1", "--approve", "--date", "2026-07-25"]);
    let c = staff(&env, 4);
    let undecided =
        env.ok(&["assign", "propose", &c, "--start", "2026-07-15", "--date", "2026-07-01"]).trim().to_string();
    env.ok(&["assign", "approve", &undecided, "--by", "center", "--doc", "C2", "--date", "2026-07-10"]);
    add_person(&env, &id_born("1991-01-01", 5), "科员未进驻", &["--service-section"]);
    env.ok(&["unit", "window", "BDC", "--approval", "黔江府函〔2026〕9号", "--date", "2026-07-03"]);
    env.ok(&["unit", "incident", "SCJG", "--article", "19", "--date", "2026-07-20", "--note", "抽调开会"]);
    let leave = json(
        &env,
        &["leave", "request", &b, "--type", "personal", "--from", "2026-08-03", "--to", "2026-08-05", "--reason", "事"],
    );
    env.ok(&["leave", "approve", &leave["id"].to_string()]);
    env
}

#[test]
fn each_broken_rule_is_listed_once_under_its_article() {
    let env = fixture();
    let args = ["--today", "2026-08-15", "report", "compliance", "--half", "2026H2"];
    let report = json(&env, &args);
    let groups = report.as_object().unwrap();
    // (section id, the article its title cites, rows)
    let expected = [
        ("failing", "第六、七条", 0),
        ("exceptions", "第七条", 1),
        ("approvals", "第八、九、十一条", 1),
        ("section", "第十条", 1),
        ("mid_term", "第十一条", 1),
        ("early_end", "第十一条", 0),
        ("no_chief", "第十二条", 1),
        ("rectifications", "第十六条", 0),
        ("window", "第十七条", 1),
        ("incidents", "第十九条等", 1),
        ("overdue", "第十九条", 1),
        ("open_months", "第二十一条", 1),
        ("corrections", "第二十四条", 0),
        ("audit", "第二十四条", 0),
    ];
    let keys: Vec<&str> = groups.keys().map(String::as_str).collect();
    let mut wanted = vec!["compliance"];
    wanted.extend(expected.iter().map(|(k, _, _)| *k));
    assert_eq!(keys, wanted, "a summary, then one section per group in article order");
    for (key, _, count) in expected {
        assert_eq!(groups[key].as_array().unwrap().len(), count, "{key}: {}", groups[key]);
    }
    let summary = groups["compliance"].as_array().unwrap();
    assert_eq!(summary.iter().map(|r| r["count"].as_i64().unwrap()).sum::<i64>(), 9);
    assert_eq!(summary[0]["group"], "failing", "the summary names sections by their ids");
    // Each group's one line is the right one.
    assert_eq!(groups["exceptions"][0]["rule"], "ART6-AGE");
    assert!(groups["approvals"][0]["problem"].as_str().unwrap().contains("awaiting organisation/personnel department"));
    assert_eq!(groups["no_chief"][0]["unit"], "SCJG");
    assert_eq!(groups["section"][0]["name"], "科员未进驻");
    assert_eq!(groups["open_months"][0]["month"], "2026-07");
    // The titles cite the articles, in order, in either language.
    let table = env.ok(&args);
    let mut at = 0;
    for (key, article, _) in expected {
        let found = table[at..].find(article).unwrap_or_else(|| panic!("{key}: {article} after {at} in {table}"));
        at += found;
    }
}

#[test]
fn the_report_exports_one_sheet_per_group() {
    let env = fixture();
    let path = env.path("h2.xlsx");
    env.ok(&["--today", "2026-08-15", "report", "compliance", "--half", "2026H2", "--output", path.to_str().unwrap()]);
    use calamine::Reader;
    let book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names().len(), 15);
    env.refused(4, &["report", "compliance", "--half", "2026H3"]);
}

#[test]
fn staffing_flags_units_far_from_the_median() {
    let env = Env::new();
    for (code, name) in [("GA", "区公安局"), ("MZ", "区民政局")] {
        env.ok(&["unit", "add", code, "--name", name]);
    }
    for (i, unit) in ["SCJG", "BDC", "GA", "MZ"].iter().enumerate() {
        let p = id_born("1992-03-03", 50 + i as u32);
        add_person(&env, &p, &format!("员工{i}"), &["--unit", unit]);
        station(&env, &p, "2026-01-05");
    }
    for (unit, cases) in [("SCJG", "400"), ("BDC", "380"), ("GA", "1200"), ("MZ", "60")] {
        env.ok(&["unit", "volume", unit, "--month", "2026-03", "--cases", cases]);
    }
    let rows = json(&env, &["report", "staffing", "--month", "2026-03"]);
    let flag = |unit: &str| rows.as_array().unwrap().iter().find(|r| r["unit"] == unit).unwrap()["flag"].clone();
    assert_eq!(flag("GA"), "understaffed");
    assert_eq!(flag("MZ"), "overstaffed");
    assert_eq!(flag("SCJG"), serde_json::Value::Null);
}

#[test]
fn the_month_end_script_closes_the_month_and_writes_the_bulletin() {
    let env = Env::new();
    import_rulebook(&env);
    let p = staff(&env, 60);
    station(&env, &p, "2026-01-05");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/month-end.sh");
    let run = |month: &str| {
        let mut job = std::process::Command::new("bash");
        job.arg(&script);
        if !month.is_empty() {
            job.arg(month);
        }
        job.current_dir(env.dir.path())
            .env("JINZHU", assert_cmd::cargo::cargo_bin("jinzhu"))
            .env("JINZHU_DB", &env.db)
            .env("JINZHU_KEY_FILE", env.key_file())
            .env("JINZHU_TODAY", TODAY)
            .env("OUT", env.path("bulletins"))
            .output()
            .unwrap()
    };
    // Without a month: the one before JINZHU_TODAY (2026-11-29).
    let out = run("");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("month-end 2026-10: closed, 1 persons appraised"), "{line}");
    let csv_path = env.path("bulletins/2026-10/2026-10-bulletin.csv");
    let csv = std::fs::read(&csv_path).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&csv).contains("姓名"), "Chinese unless told otherwise");
    use std::os::unix::fs::PermissionsExt;
    for file in ["2026-10-bulletin.csv", "2026-10-bulletin.xlsx", "db-check.csv"] {
        let mode = std::fs::metadata(env.path("bulletins/2026-10").join(file)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }
    // A rerun after a partial failure finds the month closed, writes the bulletin again, exits 0.
    std::fs::remove_file(&csv_path).unwrap();
    let again = run("2026-10");
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(csv_path.exists());
    let anchors = std::fs::read_to_string(env.path("bulletins/anchors.tsv")).unwrap();
    assert_eq!(anchors.lines().count(), 2, "one anchor per run: {anchors}");
    assert_eq!(run("2026-13x").status.code(), Some(2));
}
