//! The regulation read exactly (issue 15): each point with a fixture that the old reading
//! got wrong, every refusal with its exit code, its message and an unchanged database.

mod common;

use common::*;

/// A filed section chief aged 50 on 2026-03-01, of the service section or not.
fn filed_chief(env: &Env, seq: u32, service_section: bool) -> String {
    let idn = id_born("1975-05-05", seq);
    let mut extra = vec!["--position", "chief", "--filed", "--joined-unit", "2016-01-01"];
    if service_section {
        extra.push("--service-section");
    }
    add_person(env, &idn, &format!("科长{seq}"), &extra);
    idn
}

#[test]
fn only_the_service_sections_filed_chief_is_exempt_from_the_age_limit_and_may_be_chief() {
    let env = Env::new();
    let other = filed_chief(&env, 1, false);
    let err = env.refused(3, &["assign", "propose", &other, "--start", "2026-03-01", "--date", "2026-02-01"]);
    assert!(err.contains("[ART6-AGE]") && err.contains("government-service section's filed chief"), "{err}");
    let head = filed_chief(&env, 2, true);
    station(&env, &head, "2026-03-01");
    other_with_exception(&env, &other);
    // The other section's chief, stationed with an exception, cannot be chief representative.
    let err = env
        .refused(3, &["assign", "chief", "SCJG", &other, "--doc", "A", "--powers", "approve", "--date", "2026-03-02"]);
    assert!(err.contains("[ART12-CHIEF]") && err.contains("in the section: no"), "{err}");
    env.ok(&["assign", "chief", "SCJG", &head, "--doc", "A", "--powers", "approve", "--date", "2026-03-02"]);
}

/// Stations a person who fails Art 6 with an exception.
fn other_with_exception(env: &Env, idn: &str) {
    let id = env
        .ok(&["assign", "propose", idn, "--start", "2026-03-01", "--date", "2026-02-01", "--exception", "业务骨干"])
        .trim()
        .to_string();
    for body in ["center", "org-dept"] {
        env.ok(&["assign", "approve", &id, "--by", body, "--doc", "D", "--date", "2026-02-10"]);
    }
    env.ok(&["assign", "start", &id]);
}

#[test]
fn an_early_end_needs_the_letter_and_reply_or_a_cause_and_is_reported_under_article_11() {
    let env = Env::new();
    let p = staff(&env, 10);
    let q = staff(&env, 11);
    let a = station(&env, &p, "2026-03-01");
    let b = station(&env, &q, "2026-03-01");
    let err = env.refused(3, &["assign", "end", &a, "--date", "2026-08-15", "--reason", "调回原单位"]);
    assert!(err.contains("[ART11-LETTER] 第十一条") && err.contains("before its term's last day 2029-02-28"), "{err}");
    let err = env.refused(4, &["assign", "end", &a, "--date", "2026-08-15", "--reason", "x", "--cause", "holiday"]);
    assert!(err.contains("cause"), "{err}");
    let err = env.fails(2, &["assign", "end", &a, "--date", "2026-08-15", "--reason", "x", "--letter", "L"]);
    assert!(err.contains("--reply"), "{err}");
    env.ok(&[
        "assign",
        "end",
        &a,
        "--date",
        "2026-08-15",
        "--reason",
        "调回",
        "--letter",
        "市监函〔2026〕3号",
        "--reply",
        "政务函〔2026〕9号",
    ]);
    env.ok(&["assign", "end", &b, "--date", "2026-09-30", "--reason", "退休", "--cause", "retirement"]);
    let report = json(&env, &["report", "compliance", "--half", "2026H2"]);
    let rows = report["early_end"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0]["flag"].as_str(), rows[0]["letter"].as_str()), (Some("mid-term"), Some("市监函〔2026〕3号")));
    assert_eq!((rows[1]["flag"].as_str(), rows[1]["cause"].as_str()), (None, Some("retirement")));
}

#[test]
fn annual_leave_taken_before_the_limits_stays_and_the_next_year_has_none() {
    let env = Env::new();
    let file = env.write("2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n");
    env.ok(&["leave", "holidays", "import", file.to_str().unwrap()]);
    let p = staff(&env, 20);
    station(&env, &p, "2026-01-05");
    let leave = |kind: &str, from: &str, to: &str| {
        let id = env
            .ok(&["leave", "request", &p, "--type", kind, "--from", from, "--to", to, "--reason", "事由"])
            .trim()
            .to_string();
        env.ok(&["leave", "approve", &id]);
    };
    leave("annual", "2026-03-02", "2026-03-06");
    leave("personal", "2026-05-11", "2026-06-05");
    let balance = |year: &str| env.ok(&["leave", "balance", &p, "--year", year]);
    let this_year = balance("2026");
    assert!(this_year.contains("none will be due in 2027") && !this_year.contains("-5.0"), "{this_year}");
    let next_year = balance("2027");
    assert!(next_year.contains("none is due: in 2026, after annual leave had been taken"), "{next_year}");
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "annual", "--from", "2027-01-04", "--to", "2027-01-04", "--reason", "x"],
    );
    assert!(err.contains("[ART19-LEAVE]"), "{err}");
}

#[test]
fn maternity_leave_is_for_women_and_paternity_leave_for_men() {
    let env = Env::new();
    let man = staff(&env, 31); // odd 17th digit: male
    station(&env, &man, "2026-01-05");
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &man,
            "--type",
            "maternity",
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-30",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("[ART19-LEAVE]") && err.contains("only for female staff"), "{err}");
    env.ok(&[
        "leave",
        "request",
        &man,
        "--type",
        "paternity",
        "--from",
        "2026-06-01",
        "--to",
        "2026-06-15",
        "--reason",
        "陪产",
    ]);
    let woman = id_born("1992-03-03", 32);
    add_person(&env, &woman, "女员工", &[]);
    station(&env, &woman, "2026-01-05");
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &woman,
            "--type",
            "paternity",
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-05",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("only for male staff"), "{err}");
}

#[test]
fn a_year_without_its_official_calendar_is_refused_not_guessed() {
    let env = Env::new();
    let p = staff(&env, 40);
    station(&env, &p, "2026-01-05");
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "personal", "--from", "2026-12-31", "--to", "2027-01-04", "--reason", "x"],
    );
    assert!(err.contains("[ART19-LEAVE]") && err.contains("schedule of 2027 has not been imported"), "{err}");
    assert!(err.contains("jinzhu leave holidays import holidays-2027.csv"), "{err}");
}

#[test]
fn attendance_items_happen_only_on_working_days_off_leave() {
    let env = Env::new();
    import_rulebook(&env);
    let p = staff(&env, 50);
    station(&env, &p, "2026-01-05");
    let err = env.refused(3, &["appraise", "record", &p, "--rule", "LATE", "--date", "2026-10-03"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("not a working day"), "{err}");
    let id = env.ok(&[
        "leave",
        "request",
        &p,
        "--type",
        "personal",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-16",
        "--reason",
        "x",
    ]);
    env.ok(&["leave", "approve", id.trim()]);
    let err = env.refused(3, &["appraise", "record", &p, "--rule", "ABSENT", "--date", "2026-11-16"]);
    assert!(err.contains("on approved leave on 2026-11-16"), "{err}");
    let err = env.refused(4, &["appraise", "record", &p, "--rule", "ABSENT", "--date", "2026-11-16", "--force"]);
    assert!(err.contains("--force needs a --note"), "{err}");
    env.ok(&[
        "appraise",
        "record",
        &p,
        "--rule",
        "ABSENT",
        "--date",
        "2026-11-16",
        "--force",
        "--note",
        "假期中被召回仍未到岗",
    ]);
    // Not an attendance item: a weekend service is fine.
    env.ok(&["appraise", "record", &p, "--rule", "PRAISE", "--date", "2026-10-03"]);
    let err = env.refused(3, &["appraise", "record", &p, "--rule", "LATE", "--date", "2026-01-02"]);
    assert!(err.contains("not stationed"), "{err}");
}

#[test]
fn age_is_an_entry_condition_judged_at_the_start_and_at_a_renewal() {
    let env = Env::new();
    // 45 on the start date 2026-03-01, 46 from 2026-05-01.
    let p = id_born("1980-05-01", 60);
    add_person(&env, &p, "四十五岁", &["--joined-unit", "2016-01-01"]);
    station(&env, &p, "2026-03-01");
    let report = json(&env, &["--today", "2026-08-01", "report", "compliance", "--half", "2026H2"]);
    let entry = &report["failing"];
    assert!(entry.as_array().unwrap().is_empty(), "turning 46 during the term is no breach: {entry}");
    let eligibility = env.ok(&["--today", "2026-08-01", "report", "eligibility", "--as-of", "2026-08-01"]);
    assert!(
        eligibility.contains("would fail Art 6/7 if stationed on 2026-08-01") && eligibility.contains("ART6-AGE"),
        "{eligibility}"
    );
}

#[test]
fn a_renewal_is_a_new_selection() {
    let env = Env::new();
    let p = id_born("1979-01-10", 61);
    add_person(&env, &p, "续任者", &["--joined-unit", "2016-01-01"]);
    let a = station(&env, &p, "2023-03-01");
    // The new term starts 2026-03-01, when the person is 47.
    let err = env.refused(3, &["--today", "2026-02-28", "assign", "renew", &a, "--doc", "续〔2026〕1号"]);
    assert!(err.contains("[ART6-AGE]") && err.contains("--exception"), "{err}");
    env.ok(&["--today", "2026-02-28", "assign", "renew", &a, "--doc", "续〔2026〕1号", "--exception", "业务骨干续任"]);
    let show = env.ok(&["assign", "show", &a]);
    assert!(show.contains("业务骨干续任"), "{show}");
}

#[test]
fn the_annual_list_is_published_once_and_an_allocated_quota_is_held_to_a_quarter() {
    let env = Env::new();
    import_rulebook(&env);
    for i in 0..8 {
        let p = staff(&env, 70 + i);
        station(&env, &p, "2026-01-05");
    }
    for m in 1..=12 {
        env.ok(&["--today", "2026-12-31", "appraise", "month", &format!("2026-{m:02}"), "--close"]);
    }
    let err = env.refused(3, &["--today", "2026-12-31", "appraise", "year", "2026", "--quota", "civil-servant=3"]);
    assert!(err.contains("[ART22-QUOTA]") && err.contains("more than a quarter (2)"), "{err}");
    let err = env.refused(4, &["--today", "2026-12-31", "appraise", "year", "2026", "--quota", "civil-servant=two"]);
    assert!(err.contains("CATEGORY=N"), "{err}");
    let out =
        json(&env, &["--today", "2026-12-31", "appraise", "year", "2026", "--quota", "civil-servant=1", "--publish"]);
    let excellent = out.as_array().unwrap().iter().filter(|r| r["grade"] == "excellent").count();
    assert_eq!(excellent, 1);
    let file = env.write("2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n");
    env.ok(&["leave", "holidays", "import", file.to_str().unwrap()]);
    let err = env.fails(2, &["--today", "2027-01-04", "appraise", "year", "2026", "--publish", "--republish"]);
    assert!(err.contains("--reason"), "{err}");
    env.ok(&["--today", "2027-01-04", "appraise", "year", "2026", "--publish", "--republish", "--reason", "名单有误"]);
    // The window restarts on 2027-01-04: 1/5 … 1/8 are four working days.
    let err = env.refused(3, &["--today", "2027-01-08", "appraise", "year", "2026", "--close"]);
    assert!(err.contains("published on 2027-01-04") && err.contains("4 working days"), "{err}");
    env.ok(&["--today", "2027-01-11", "appraise", "year", "2026", "--close"]);
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("republish") && audit.contains("名单有误"), "{audit}");
}

#[test]
fn funds_are_refused_for_a_category_with_staff_and_no_standard() {
    let env = Env::new();
    let p = staff(&env, 80);
    station(&env, &p, "2026-01-05");
    let err = env.refused(4, &["report", "funds", "2026", "--standard", "other=6000"]);
    assert!(err.contains("civil-servant") && err.contains("--standard civil-servant=YUAN"), "{err}");
    env.ok(&["report", "funds", "2026", "--standard", "civil-servant=12000"]);
}

#[test]
fn each_center_is_its_own_appraisal_unit() {
    let env = Env::new();
    import_rulebook(&env);
    env.ok(&["center", "add", "ZY", "--name", "正阳街道便民服务中心", "--level", "township"]);
    let mut at_zy = Vec::new();
    for i in 0..5 {
        let p = staff(&env, 90 + i);
        let id = env
            .ok(&[
                "assign",
                "propose",
                &p,
                "--start",
                "2026-01-05",
                "--date",
                "2026-01-05",
                "--center",
                if i < 2 { "ZY" } else { "QJ" },
            ])
            .trim()
            .to_string();
        for body in ["center", "org-dept"] {
            env.ok(&["assign", "approve", &id, "--by", body, "--doc", "D", "--date", "2026-01-05"]);
        }
        env.ok(&["assign", "start", &id]);
        if i < 2 {
            at_zy.push(format!("员工{}", 90 + i));
        }
    }
    let zy = env.ok(&["report", "roster", "--as-of", "2026-06-01", "--center", "ZY"]);
    assert!(zy.contains("员工90") && zy.contains("员工91") && !zy.contains("员工92"), "{zy}");
    let both = env.ok(&["report", "roster", "--as-of", "2026-06-01"]);
    assert!(both.contains("黔江区政务服务中心 — ") && both.contains("正阳街道便民服务中心 — "), "{both}");
    env.refused(4, &["report", "roster", "--center", "NOPE"]);
    for m in 1..=12 {
        env.ok(&["--today", "2026-12-31", "appraise", "month", &format!("2026-{m:02}"), "--close"]);
    }
    let err = env.refused(3, &["--today", "2026-12-31", "appraise", "year", "2026", "--publish"]);
    assert!(err.contains("[ART25-CENTERS]") && err.contains("QJ, ZY"), "{err}");
    let zy_year = json(&env, &["--today", "2026-12-31", "appraise", "year", "2026", "--center", "ZY", "--publish"]);
    assert_eq!(zy_year.as_array().unwrap().len(), 2, "only ZY's staff: {zy_year}");
    let qj_year = json(&env, &["--today", "2026-12-31", "appraise", "year", "2026", "--center", "QJ"]);
    assert_eq!(qj_year.as_array().unwrap().len(), 3, "QJ's own proposal: {qj_year}");
    let bulletin = env.ok(&["report", "appraisal", "--month", "2026-03", "--center", "ZY"]);
    assert!(bulletin.contains("员工90") && !bulletin.contains("员工93"), "{bulletin}");
    // A closed month's windows are kept by center: each center ranks only its own.
    for (center, persons) in [("ZY", 2), ("QJ", 3)] {
        let windows = json(&env, &["report", "windows", "--month", "2026-03", "--center", center]);
        let rows = windows.as_array().unwrap();
        assert_eq!(rows.len(), 1, "{center}: {windows}");
        assert_eq!(rows[0]["persons"], persons, "{center}: {windows}");
    }
}

#[test]
fn dates_are_read_as_clerks_write_them_and_two_digit_years_refused() {
    let env = Env::new();
    let p = staff(&env, 95);
    for (n, written) in ["2026/3/1", "2026.3.1", "2026年3月1日", "20260301"].iter().enumerate() {
        let id = env.ok(&["assign", "propose", &p, "--start", written, "--date", "2026-02-01"]).trim().to_string();
        let shown = json(&env, &["assign", "show", &id]);
        assert!(shown.to_string().contains("2026-03-01"), "{written}: {shown}");
        env.ok(&["assign", "reject", &id, "--by", "center", "--reason", &format!("试{n}")]);
    }
    let err = env.refused(4, &["assign", "propose", &p, "--start", "26-03-01"]);
    assert!(err.contains("two digits"), "{err}");
    let err = env.fails(4, &["--today", "26-11-29", "personnel", "list"]);
    assert!(err.contains("two digits"), "{err}");
}
