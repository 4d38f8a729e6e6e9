//! Stationing (Art 6–13, 25): proposals, approvals, terms, replacements, chief representatives.

mod common;

use common::*;

/// A filed section chief of SCJG, 40 years old, 10 years at the unit.
fn chief(env: &Env, seq: u32) -> String {
    let idn = id_born("1986-05-05", seq);
    add_person(
        env,
        &idn,
        &format!("科长{seq}"),
        &[
            "--position",
            "chief",
            "--filed",
            "--service-section",
            "--joined-unit",
            "2016-01-01",
            "--party-member",
            "--union-member",
        ],
    );
    idn
}

#[test]
fn art8_approvals_lead_to_an_active_three_year_term() {
    let env = Env::new();
    let p = staff(&env, 1);
    let out = env
        .cmd()
        .args(["assign", "propose", &p, "--start", "2026-03-01", "--window", "3号窗口", "--date", "2026-01-20"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("service center, organisation/personnel department"));
    let err = env.refused(3, &["assign", "start", "1"]);
    assert!(
        err.contains("[ART8-REVIEW] 第八条")
            && err.contains("missing: service center, organisation/personnel department"),
        "{err}"
    );
    env.ok(&[
        "assign",
        "approve",
        "1",
        "--by",
        "区行政服务中心",
        "--doc",
        "D1",
        "--date",
        "2026-02-01",
        "--remark",
        "已审核第四、五条",
    ]);
    let err = env.refused(3, &["assign", "approve", "1", "--by", "center", "--doc", "D2"]);
    assert!(err.contains("approved it already (D1, 2026-02-01)"), "{err}");
    let err = env.refused(3, &["assign", "approve", "1", "--by", "gsmo", "--doc", "D3"]);
    assert!(
        err.contains("[ART8-REVIEW]") && err.contains("needs: service center, organisation/personnel department"),
        "{err}"
    );
    env.ok(&["assign", "approve", "1", "--by", "org-dept", "--doc", "D4", "--date", "2026-02-10"]);
    let a = json(&env, &["assign", "start", "1", "--transfer-union"]);
    assert_eq!(a["status"], "active");
    assert_eq!(a["started_on"], "2026-03-01");
    assert_eq!(a["term_end"], "2029-02-28");
    assert_eq!(a["transfer_union"], true);
    assert_eq!(a["approvals"][0]["remark"], "已审核第四、五条");
    env.ok(&["db", "check"]);
}

#[test]
fn art9_out_of_establishment_staff_of_an_organ_go_to_gsmo_and_center() {
    let env = Env::new();
    let organ = id_born("1995-01-01", 2);
    add_person(&env, &organ, "编外甲", &["--establishment", "out", "--category", "other"]);
    let err = env.refused(3, &["assign", "propose", &organ, "--start", "2026-03-01"]);
    assert!(err.contains("[ART7-ESTAB] 第七条") && err.contains("--exception"), "{err}");
    let a = json(&env, &["assign", "propose", &organ, "--start", "2026-03-01", "--exception", "业务骨干，择优选进"]);
    assert_eq!(a["review"], "collective");
    assert_eq!(a["needs"], serde_json::json!(["gsmo", "center"]));
    assert_eq!(a["exceptions"][0]["rule"], "ART7-ESTAB");
    let err = env.refused(3, &["assign", "approve", "1", "--by", "org-dept", "--doc", "X"]);
    assert!(err.contains("[ART9-COLLECTIVE] 第九条"), "{err}");
    env.ok(&["assign", "approve", "1", "--by", "gsmo", "--doc", "G1"]);
    let a = json(&env, &["assign", "approve", "1", "--by", "center", "--doc", "C1"]);
    assert_eq!(a["status"], "approved");

    // Out of establishment at an institution: Art 8 as usual.
    let inst = id_born("1995-02-02", 4);
    add_person(&env, &inst, "编外乙", &["--unit", "BDC", "--establishment", "out", "--category", "other"]);
    let a = json(&env, &["assign", "propose", &inst, "--start", "2026-03-01", "--exception", "择优"]);
    assert_eq!(a["review"], "standard");
}

#[test]
fn soft_rules_refuse_without_an_exception_and_store_it_with_one() {
    let env = Env::new();
    let old = id_born("1979-01-01", 6);
    add_person(&env, &old, "老员工", &["--joined-unit", "2025-06-01", "--work-start", "2001-01-01"]);
    let err = env.refused(3, &["assign", "propose", &old, "--start", "2026-03-01"]);
    assert!(err.contains("[ART6-AGE] 第六条: aged 47 on 2026-03-01, over 45"), "{err}");
    assert!(err.contains("[ART7-TENURE] 第七条"), "{err}");
    let a = json(&env, &["assign", "propose", &old, "--start", "2026-03-01", "--exception", "经中心研究同意"]);
    let rules: Vec<&str> = a["exceptions"].as_array().unwrap().iter().map(|e| e["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["ART6-AGE", "ART7-TENURE"]);
    assert_eq!(a["exceptions"][0]["reason"], "经中心研究同意");
}

#[test]
fn hard_refusals_write_nothing() {
    let env = Env::new();
    let p = staff(&env, 7);
    env.ok(&["assign", "propose", &p, "--start", "2026-03-01"]);
    let err = env.refused(3, &["assign", "propose", &p, "--start", "2026-04-01"]);
    assert!(err.contains("[ART11-TERM] 第十一条") && err.contains("already holds assignment 1"), "{err}");
    let q = staff(&env, 8);
    let err = env.refused(3, &["assign", "propose", &q, "--start", "2026-03-01", "--center", "NOPE"]);
    assert!(err.contains("[ART25-CENTERS]"), "{err}");
    env.ok(&["personnel", "archive", &q, "--date", "2026-01-01", "--reason", "调离"]);
    let err = env.refused(3, &["assign", "propose", &q, "--start", "2026-03-01"]);
    assert!(err.contains("archived on 2026-01-01"), "{err}");
    let err = env.refused(4, &["personnel", "archive", &p, "--date", "2026-01-01", "--reason", "调离"]);
    assert!(err.contains("holds assignment 1"), "{err}");
    env.refused(4, &["assign", "approve", "99", "--by", "center", "--doc", "x"]);
    env.refused(4, &["assign", "approve", "1", "--by", "mayor", "--doc", "x"]);
}

#[test]
fn start_refuses_before_approval_and_party_transfer_of_non_members() {
    let env = Env::new();
    let p = staff(&env, 9);
    env.ok(&["assign", "propose", &p, "--start", "2026-03-01", "--date", "2026-02-20"]);
    env.ok(&["assign", "approve", "1", "--by", "center", "--doc", "C", "--date", "2026-03-05"]);
    env.ok(&["assign", "approve", "1", "--by", "org-dept", "--doc", "O", "--date", "2026-03-06"]);
    let err = env.refused(3, &["assign", "start", "1"]);
    assert!(err.contains("would come before the approval of 2026-03-06"), "{err}");
    let err = env.refused(3, &["assign", "start", "1", "--date", "2026-03-09", "--transfer-party"]);
    assert!(err.contains("[ART8-TRANSFER]") && err.contains("not a party member"), "{err}");
    env.ok(&["assign", "start", "1", "--date", "2026-03-09"]);
    let err = env.refused(3, &["assign", "start", "1"]);
    assert!(err.contains("only an approved assignment starts"), "{err}");
}

#[test]
fn a_start_on_29_february_ends_on_27_february_three_years_later() {
    let env = Env::new();
    let p = staff(&env, 10);
    let id = station(&env, &p, "2028-02-29");
    let a = json(&env, &["assign", "show", &id]);
    assert_eq!(a["terms_of"][0]["term_end"], "2031-02-27", "{a}");
}

#[test]
fn renew_only_at_or_after_expiry_and_end_closes_the_stationing() {
    let env = Env::new();
    let p = staff(&env, 11);
    let id = station(&env, &p, "2023-12-01");
    let err = env.refused(3, &["assign", "renew", &id, "--doc", "R1"]);
    assert!(err.contains("runs until 2026-11-30"), "{err}");
    let a = json(&env, &["--today", "2026-11-30", "assign", "renew", &id, "--doc", "R1"]);
    assert_eq!(a["term_end"], "2029-11-30");
    assert_eq!(a["terms"][1]["start"], "2026-12-01");
    env.refused(4, &["assign", "end", &id, "--date", "2023-11-01", "--reason", "x"]);
    let err = env.refused(3, &["assign", "end", &id, "--date", "2026-12-31", "--reason", "调回原单位"]);
    assert!(err.contains("[ART11-LETTER]") && err.contains("before its term's last day"), "{err}");
    env.ok(&[
        "assign",
        "end",
        &id,
        "--date",
        "2026-12-31",
        "--reason",
        "调回原单位",
        "--letter",
        "L1",
        "--reply",
        "R1",
    ]);
    let err = env.refused(3, &["assign", "end", &id, "--date", "2026-12-31", "--reason", "again"]);
    assert!(err.contains("only an active assignment ends"), "{err}");
    let err = env.refused(3, &["assign", "propose", &p, "--start", "2026-12-15"]);
    assert!(err.contains("[ART11-TERM]") && err.contains("stationed until 2026-12-31"), "{err}");
    env.ok(&["assign", "propose", &p, "--start", "2027-01-01"]);
}

#[test]
fn chief_representatives_one_per_unit_filed_and_stationed() {
    let env = Env::new();
    let c1 = chief(&env, 12);
    let c2 = chief(&env, 13);
    let s = staff(&env, 14);
    let a1 = station(&env, &c1, "2026-02-01");
    station(&env, &c2, "2026-02-01");
    station(&env, &s, "2026-02-01");
    let err =
        env.refused(3, &["assign", "chief", "SCJG", &s, "--doc", "A", "--powers", "approve", "--date", "2026-03-01"]);
    assert!(
        err.contains("[ART12-CHIEF] 第十二条") && err.contains("government-service section's filed chief"),
        "{err}"
    );
    let err =
        env.refused(3, &["assign", "chief", "BDC", &c1, "--doc", "A", "--powers", "approve", "--date", "2026-03-01"]);
    assert!(err.contains("not actively stationed for unit BDC"), "{err}");
    let err =
        env.refused(3, &["assign", "chief", "SCJG", &c1, "--doc", "A", "--powers", "approve", "--date", "2026-01-15"]);
    assert!(err.contains("not actively stationed"), "{err}");
    env.refused(4, &["assign", "chief", "SCJG", &c1, "--doc", "A", "--powers", "veto", "--date", "2026-03-01"]);
    env.refused(4, &["assign", "chief", "SCJG", &c1, "--doc", "A", "--powers", ",", "--date", "2026-03-01"]);
    env.ok(&["assign", "chief", "SCJG", &c1, "--doc", "A1", "--powers", "审批决定权,seal", "--date", "2026-03-01"]);
    let err =
        env.refused(3, &["assign", "chief", "SCJG", &c2, "--doc", "A2", "--powers", "approve", "--date", "2026-03-01"]);
    assert!(err.contains("after that"), "{err}");
    env.ok(&[
        "assign",
        "chief",
        "SCJG",
        &c2,
        "--doc",
        "A2",
        "--powers",
        "approve,review,seal,coordinate",
        "--date",
        "2026-06-01",
    ]);
    let chiefs = json(&env, &["assign", "chiefs"]);
    assert_eq!(chiefs[0]["to_date"], "2026-05-31");
    assert_eq!(chiefs[1]["to_date"], serde_json::Value::Null);
    let roster = env.ok(&["report", "roster", "--as-of", "2026-04-01"]);
    assert!(roster.contains("科长12") && !roster.contains("no chief representative"), "{roster}");
    // The first chief's stationing ends: the unit's chief from June is the second one.
    env.ok(&["assign", "end", &a1, "--date", "2026-07-31", "--reason", "调回", "--letter", "L", "--reply", "R"]);
    let roster = env.ok(&["report", "roster", "--as-of", "2026-08-01"]);
    assert!(!roster.contains("no chief representative"), "{roster}");
}

#[test]
fn when_the_chiefs_stationing_ends_the_unit_has_no_chief() {
    let env = Env::new();
    let c = chief(&env, 15);
    let s = staff(&env, 16);
    let a = station(&env, &c, "2026-02-01");
    station(&env, &s, "2026-02-01");
    env.ok(&["assign", "chief", "SCJG", &c, "--doc", "A1", "--powers", "approve", "--date", "2026-03-01"]);
    env.ok(&["assign", "end", &a, "--date", "2026-06-30", "--reason", "退休", "--cause", "retirement"]);
    let chiefs = json(&env, &["assign", "chiefs"]);
    assert_eq!(chiefs[0]["to_date"], "2026-06-30");
    let roster = env.ok(&["report", "roster", "--as-of", "2026-07-01"]);
    assert!(roster.contains("no chief representative that day (Art 12): SCJG"), "{roster}");
}

#[test]
fn a_mid_term_replacement_changes_the_roster_only_from_its_date() {
    let env = Env::new();
    let old = staff(&env, 17);
    let new = staff(&env, 18);
    let a = station(&env, &old, "2026-01-10");
    let err = env.refused(
        4,
        &["reassign", "request", "99", "--replacement", &new, "--letter", "L", "--reason", "r", "--date", "2026-09-01"],
    );
    assert!(err.contains("there is no stationing 99"), "{err}");
    let other_unit = id_born("1990-09-09", 19);
    add_person(&env, &other_unit, "别单位", &["--unit", "BDC"]);
    let err = env.refused(
        3,
        &[
            "reassign",
            "request",
            &a,
            "--replacement",
            &other_unit,
            "--letter",
            "L",
            "--reason",
            "r",
            "--date",
            "2026-09-01",
        ],
    );
    assert!(err.contains("[ART11-LETTER]") && err.contains("replaces its own staff"), "{err}");
    let out = env
        .cmd()
        .args([
            "reassign",
            "request",
            &a,
            "--replacement",
            &new,
            "--letter",
            "市监函〔2026〕21号",
            "--reason",
            "工作需要",
            "--date",
            "2026-09-01",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("MID-TERM"));
    let r = json(&env, &["reassign", "show", "1"]);
    assert_eq!(r["request"]["mid_term"], true, "{r}");
    let err = env.refused(
        3,
        &["reassign", "request", &a, "--replacement", &new, "--letter", "L2", "--reason", "r", "--date", "2026-09-01"],
    );
    assert!(err.contains("pending replacement request 1"), "{err}");
    // Nothing changes before the reply.
    let roster = env.ok(&["report", "roster", "--as-of", "2026-09-15"]);
    assert!(roster.contains("员工17") && !roster.contains("员工18"), "{roster}");
    let err = env.refused(3, &["reassign", "reply", "1", "--doc", "中心函〔2026〕40号", "--approve"]);
    assert!(err.contains("[ART11-LETTER]") && err.contains("nobody is stationed before the reply"), "{err}");
    env.ok(&["reassign", "reply", "1", "--doc", "中心函〔2026〕40号", "--approve", "--date", "2026-08-25"]);
    let err = env.refused(3, &["reassign", "reply", "1", "--doc", "again", "--approve", "--date", "2026-08-26"]);
    assert!(err.contains("answered already"), "{err}");
    let before = env.ok(&["report", "roster", "--as-of", "2026-08-31"]);
    assert!(before.contains("员工17") && !before.contains("员工18"), "{before}");
    let after = env.ok(&["report", "roster", "--as-of", "2026-09-01"]);
    assert!(after.contains("员工18") && !after.contains("员工17"), "{after}");
    assert!(after.contains("2029-08-31"), "new three-year term: {after}");
    let old_a = json(&env, &["assign", "list", "--status", "ended"]);
    assert_eq!(old_a[0]["ended_on"], "2026-08-31");
    env.ok(&["db", "check"]);
}

#[test]
fn an_at_expiry_replacement_is_not_mid_term_and_a_rejection_stations_nobody() {
    let env = Env::new();
    let old = staff(&env, 20);
    let new = staff(&env, 21);
    let a = station(&env, &old, "2023-06-01");
    env.ok(&[
        "reassign",
        "request",
        &a,
        "--replacement",
        &new,
        "--letter",
        "L",
        "--reason",
        "期满轮换",
        "--date",
        "2026-06-01",
    ]);
    let list = json(&env, &["reassign", "list"]);
    assert_eq!(list[0]["mid_term"], false);
    env.refused(2, &["reassign", "reply", "1", "--doc", "D", "--reject"]);
    env.ok(&["reassign", "reply", "1", "--doc", "D", "--reject", "--reason", "人选不合适"]);
    let roster = env.ok(&["report", "roster", "--as-of", "2026-07-01"]);
    assert!(roster.contains("员工20") && !roster.contains("员工21"), "{roster}");
    let rejected = json(&env, &["assign", "list", "--status", "rejected"]);
    assert_eq!(rejected[0]["review"], "reply");
    // The rejected replacement is free to be proposed again.
    env.ok(&["assign", "propose", &new, "--start", "2026-08-01"]);
}

#[test]
fn terms_report_lists_ending_and_expired_terms() {
    let env = Env::new();
    let a = station(&env, &staff(&env, 22), "2023-01-10");
    let b = station(&env, &staff(&env, 23), "2024-06-10");
    station(&env, &staff(&env, 24), "2026-01-10");
    let rows = json(&env, &["report", "terms", "--within", "90"]);
    let ids: Vec<i64> = rows.as_array().unwrap().iter().map(|r| r["assignment"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![a.parse::<i64>().unwrap()], "{rows}");
    assert!(rows[0]["state"].as_str().unwrap().contains("expired"), "{rows}");
    let rows = json(&env, &["report", "terms", "--within", "500"]);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["assignment"].as_i64().unwrap().to_string(), b);
}

#[test]
fn eligibility_shows_who_turned_46_during_the_term() {
    let env = Env::new();
    let p = id_born("1981-06-01", 25);
    add_person(&env, &p, "将满46", &[]);
    station(&env, &p, "2026-01-10");
    let rows = json(&env, &["report", "eligibility", "--as-of", "2026-05-31"]);
    assert_eq!(rows.as_array().unwrap().len(), 0);
    let rows = json(&env, &["report", "eligibility", "--as-of", "2027-06-01"]);
    assert_eq!(rows[0]["rule"], "ART6-AGE");
    assert_eq!(rows[0]["covered"], "not-covered", "{rows}");
}

#[test]
fn personnel_show_includes_the_stationing_history() {
    let env = Env::new();
    let p = staff(&env, 26);
    station(&env, &p, "2026-01-10");
    let out = env.ok(&["personnel", "show", &p]);
    assert!(out.contains("Stationing history") && out.contains("2029-01-09"), "{out}");
}
