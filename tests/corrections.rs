//! Corrections (nothing is deleted): voided and corrected appraisal events, edited,
//! revoked and re-dated leaves, withdrawn approvals, corrected stationings and units.
//! Every refusal checks its exit code, its message and that nothing was written.

mod common;

use common::*;

/// The rule book and one SCJG staff member stationed from 2026-01-05; returns the person.
fn setup() -> (Env, String) {
    let env = Env::new();
    import_rulebook(&env);
    let p = staff(&env, 300);
    station(&env, &p, "2026-01-05");
    (env, p)
}

fn close(env: &Env, month: &str) {
    env.ok(&["--today", "2026-12-31", "appraise", "month", month, "--close"]);
}

fn score(env: &Env, month: &str) -> f64 {
    let rows = json(env, &["report", "appraisal", "--month", month]);
    rows[0]["score"].as_f64().unwrap()
}

fn record(env: &Env, p: &str, rule: &str, date: &str, times: &str) -> String {
    env.ok(&["appraise", "record", p, "--rule", rule, "--date", date, "--times", times]).trim().to_string()
}

#[test]
fn a_void_takes_an_open_months_event_out_of_the_count_and_keeps_it() {
    let (env, p) = setup();
    let typo = record(&env, &p, "ABSENT", "2026-11-12", "11");
    assert_eq!(score(&env, "2026-11"), 70.0, "eleven half days absent, held to the cap of 30");
    let err = env.refused(2, &["appraise", "void", &typo]);
    assert!(err.contains("--reason"), "{err}");
    let err = env.refused(4, &["appraise", "void", &typo, "--reason", "  "]);
    assert!(err.contains("reason"), "{err}");
    env.refused(0, &["--dry-run", "appraise", "void", &typo, "--reason", "录错"]);
    let voided = json(&env, &["appraise", "void", &typo, "--reason", "次数录错"]);
    assert_eq!(voided["void"]["reason"], "次数录错");
    assert_eq!(voided["void"]["operator"], "tester");
    assert_eq!(score(&env, "2026-11"), 100.0);
    assert_eq!(env.count("appraisal_event"), 1, "the event stays");
    let list = env.ok(&["appraise", "events", "--month", "2026-11"]);
    assert!(list.contains("void: 次数录错"), "{list}");
    let err = env.refused(3, &["appraise", "void", &typo, "--reason", "again"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("void already"), "{err}");
    let err = env.refused(3, &["appraise", "correct", &typo, "--reason", "x"]);
    assert!(err.contains("void already"), "{err}");
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("appraisal_event:1") && audit.contains("次数录错") && audit.contains("void"), "{audit}");
    let err = env.refused(4, &["appraise", "void", "99", "--reason", "x"]);
    assert!(err.contains("there is no event 99"), "{err}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_closed_months_event_is_corrected_in_the_open_month_and_the_frozen_month_stays() {
    let (env, p) = setup();
    let late = record(&env, &p, "ABSENT", "2026-03-09", "11");
    close(&env, "2026-03");
    let frozen = env.ok(&["--format", "csv", "report", "appraisal", "--month", "2026-03"]);
    let err = env.refused(3, &["appraise", "void", &late, "--reason", "录错"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("appraise correct 1"), "{err}");
    let err = env.refused(4, &["appraise", "correct", &late, "--reason", "录错", "--times", "11"]);
    assert!(err.contains("already says 11"), "{err}");
    let err = env.refused(4, &["appraise", "correct", &late, "--reason", "录错", "--times", "-1"]);
    assert!(err.contains("times"), "{err}");
    close(&env, "2026-04");
    let err = env.refused(3, &["--today", "2026-04-30", "appraise", "correct", &late, "--reason", "x"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("month of today (2026-04), which is closed"), "{err}");
    // Open months elsewhere: the correction counts in today's month (2026-11).
    let c = json(&env, &["appraise", "correct", &late, "--times", "1", "--reason", "应为半天"]);
    assert_eq!(c["points"].as_f64(), Some(27.0), "held to the cap: −30 becomes −3");
    assert_eq!(c["date"], TODAY);
    assert_eq!(score(&env, "2026-11"), 127.0);
    let bulletin = env.ok(&["report", "appraisal", "--month", "2026-11"]);
    assert!(bulletin.contains("correction #1 of event 1") && bulletin.contains("应为半天"), "{bulletin}");
    assert_eq!(env.ok(&["--format", "csv", "report", "appraisal", "--month", "2026-03"]), frozen);
    let err = env.refused(3, &["appraise", "correct", &late, "--reason", "again"]);
    assert!(err.contains("corrected already (correction 1)"), "{err}");
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("appraisal_event:1") && audit.contains("应为半天"), "{audit}");
    // The corrections stay with the month that counted them when it closes.
    close(&env, "2026-11");
    assert_eq!(score(&env, "2026-11"), 127.0);
    let sql = env.conn().execute("DELETE FROM event_correction", []);
    assert!(sql.unwrap_err().to_string().contains("ART21-MONTHLY"));
    env.ok(&["db", "check"]);
}

#[test]
fn an_open_months_event_is_voided_not_corrected() {
    let (env, p) = setup();
    let e = record(&env, &p, "LATE", "2026-11-03", "2");
    let err = env.refused(3, &["appraise", "correct", &e, "--reason", "x"]);
    assert!(err.contains("still open") && err.contains("appraise void 1"), "{err}");
}

#[test]
fn events_are_listed_by_person_month_and_item() {
    let (env, p) = setup();
    record(&env, &p, "LATE", "2026-10-12", "1");
    record(&env, &p, "DRESS", "2026-11-03", "1");
    let rows = json(&env, &["appraise", "events", "--month", "2026-11"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["item"], "DRESS");
    let rows = json(&env, &["appraise", "events", "--rule", "late", "--person", &p]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["date"], "2026-10-12");
    env.refused(4, &["appraise", "events", "--month", "2026-13"]);
}

fn leave(env: &Env, p: &str, kind: &str, from: &str, to: &str, half: Option<&str>) -> String {
    let mut args = vec!["leave", "request", p, "--type", kind, "--from", from, "--to", to, "--reason", "事由"];
    if let Some(h) = half {
        args.extend(["--half", h]);
    }
    env.ok(&args).trim().to_string()
}

#[test]
fn a_pending_leave_is_edited_with_every_rule_checked_again() {
    let (env, p) = setup();
    let id = leave(&env, &p, "annual", "2026-12-07", "2026-12-08", None);
    let other = leave(&env, &p, "personal", "2026-12-10", "2026-12-10", None);
    let err = env.refused(3, &["leave", "edit", &id, "--to", "2026-12-10"]);
    assert!(err.contains("[ART19-LEAVE]") && err.contains(&format!("leave {other}")), "{err}");
    let err = env.refused(3, &["leave", "edit", &id, "--from", "2026-12-14", "--to", "2026-12-31"]);
    assert!(err.contains("[ART19-LEAVE]") && err.contains("annual"), "{err}");
    let err = env.refused(4, &["leave", "edit", &id, "--type", "holiday"]);
    assert!(err.contains("type"), "{err}");
    let edited = json(&env, &["leave", "edit", &id, "--to", "2026-12-09", "--reason", "探亲"]);
    assert_eq!((edited["to"].as_str(), edited["days"].as_f64()), (Some("2026-12-09"), Some(3.0)));
    assert_eq!(edited["reason"], "探亲");
    env.ok(&["leave", "approve", &id]);
    let err = env.refused(3, &["leave", "edit", &id, "--to", "2026-12-08"]);
    assert!(err.contains("only a pending leave is edited"), "{err}");
}

#[test]
fn an_approved_leave_is_revoked_and_the_balance_restored() {
    let (env, p) = setup();
    let id = leave(&env, &p, "annual", "2026-11-16", "2026-11-20", None);
    let err = env.refused(3, &["leave", "revoke", &id, "--reason", "x"]);
    assert!(err.contains("only an approved leave"), "{err}");
    env.ok(&["leave", "approve", &id]);
    let taken = |env: &Env| {
        let rows = json(env, &["leave", "balance", &p, "--year", "2026"]);
        rows["taken"].as_f64().unwrap()
    };
    assert_eq!(taken(&env), 5.0);
    let revoked = json(&env, &["leave", "revoke", &id, "--reason", "录入人员错误"]);
    assert_eq!((revoked["status"].as_str(), revoked["days_taken"].as_f64()), (Some("revoked"), Some(0.0)));
    assert_eq!(revoked["revoke_reason"], "录入人员错误");
    assert_eq!(taken(&env), 0.0);
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("leave:1") && audit.contains("录入人员错误"), "{audit}");
    // A leave whose days a closed month counted stays as it was.
    let old = leave(&env, &p, "personal", "2026-03-02", "2026-03-03", None);
    env.ok(&["leave", "approve", &old]);
    close(&env, "2026-03");
    let err = env.refused(3, &["leave", "revoke", &old, "--reason", "x"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("2026-03"), "{err}");
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &p,
            "--type",
            "personal",
            "--from",
            "2026-03-20",
            "--to",
            "2026-03-20",
            "--reason",
            "补请",
        ],
    );
    assert!(err.contains("[ART21-MONTHLY]"), "{err}");
}

#[test]
fn a_return_date_falls_within_the_leave_and_can_be_corrected() {
    let (env, p) = setup();
    let id = leave(&env, &p, "annual", "2026-09-28", "2026-09-30", None);
    env.ok(&["leave", "approve", &id]);
    // 2026-10-05 is in the National Day holiday, after the first working day back.
    let err = env.refused(4, &["leave", "return", &id, "--date", "2026-10-12"]);
    assert!(err.contains("within the leave") && err.contains("2026-10-08"), "{err}");
    let err = env.refused(4, &["leave", "return", &id, "--date", "2026-09-27"]);
    assert!(err.contains("within the leave"), "{err}");
    let err = env.refused(3, &["leave", "return", &id, "--date", "2026-09-30", "--correct", "--reason", "x"]);
    assert!(err.contains("only a recorded return is corrected"), "{err}");
    env.ok(&["leave", "return", &id, "--date", "2026-10-05"]);
    let err = env.fails(2, &["leave", "return", &id, "--date", "2026-09-30", "--correct"]);
    assert!(err.contains("--reason"), "{err}");
    let fixed = json(&env, &["leave", "return", &id, "--date", "2026-09-30", "--correct", "--reason", "销假日期录错"]);
    assert_eq!((fixed["returned_on"].as_str(), fixed["days_taken"].as_f64()), (Some("2026-09-30"), Some(2.0)));
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("correct-return") && audit.contains("销假日期录错"), "{audit}");
}

#[test]
fn the_morning_and_the_afternoon_of_one_day_are_two_leaves() {
    let (env, p) = setup();
    leave(&env, &p, "personal", "2026-12-03", "2026-12-03", Some("am"));
    leave(&env, &p, "personal", "2026-12-03", "2026-12-03", Some("pm"));
    let err = env.refused(
        3,
        &[
            "leave",
            "request",
            &p,
            "--type",
            "personal",
            "--from",
            "2026-12-03",
            "--to",
            "2026-12-03",
            "--half",
            "pm",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("[ART19-LEAVE]"), "{err}");
    let err = env.refused(
        3,
        &["leave", "request", &p, "--type", "personal", "--from", "2026-12-03", "--to", "2026-12-03", "--reason", "x"],
    );
    assert!(err.contains("[ART19-LEAVE]"), "{err}");
}

#[test]
fn approvals_follow_the_proposal_and_can_be_withdrawn_before_the_start() {
    let env = Env::new();
    let p = staff(&env, 301);
    let id = env.ok(&["assign", "propose", &p, "--start", "2026-12-01", "--date", "2026-11-10"]).trim().to_string();
    let err = env.refused(4, &["assign", "approve", &id, "--by", "center", "--doc", "D", "--date", "2026-11-09"]);
    assert!(err.contains("before the stationing was proposed on 2026-11-10"), "{err}");
    let err = env.refused(4, &["assign", "approve", &id, "--by", "center", "--doc", "D", "--date", "2026-11-30"]);
    assert!(err.contains("2026-11-30"), "{err}");
    let err =
        env.refused(4, &["assign", "propose", &staff(&env, 302), "--start", "2026-12-01", "--date", "2026-12-01"]);
    assert!(err.contains("2026-12-01"), "{err}");
    env.ok(&["assign", "approve", &id, "--by", "center", "--doc", "D1", "--date", "2026-11-12"]);
    env.ok(&["assign", "approve", &id, "--by", "org-dept", "--doc", "D2", "--date", "2026-11-13"]);
    let err = env.refused(3, &["assign", "revoke-approval", &id, "--by", "gsmo", "--reason", "x"]);
    assert!(err.contains("no approval by"), "{err}");
    let a = json(&env, &["assign", "revoke-approval", &id, "--by", "org-dept", "--reason", "文号有误"]);
    assert_eq!(a["status"], "proposed");
    assert_eq!(env.count("revoked_approval"), 1, "the withdrawn approval is kept");
    let err = env.refused(3, &["assign", "start", &id]);
    assert!(err.contains("[ART8-REVIEW]"), "{err}");
    env.ok(&["assign", "approve", &id, "--by", "org-dept", "--doc", "D3", "--date", "2026-11-14"]);
    let fixed = json(&env, &["assign", "correct", &id, "--window", "5号窗口", "--reason", "窗口号录错"]);
    assert_eq!(fixed["window"], "5号窗口");
    let err = env.refused(4, &["assign", "correct", &id, "--reason", "x"]);
    assert!(err.contains("--window or --center"), "{err}");
    let err = env.refused(3, &["assign", "correct", &id, "--center", "NOPE", "--reason", "x"]);
    assert!(err.contains("[ART25-CENTERS]"), "{err}");
    env.ok(&["assign", "start", &id, "--date", "2026-12-01", "--today", "2026-12-01"]);
    let err =
        env.refused(3, &["--today", "2026-12-01", "assign", "revoke-approval", &id, "--by", "center", "--reason", "x"]);
    assert!(err.contains("only before the start"), "{err}");
    let err = env.refused(3, &["--today", "2026-12-01", "assign", "correct", &id, "--window", "1", "--reason", "x"]);
    assert!(err.contains("only before the start"), "{err}");
    let audit = env.ok(&["--today", "2026-12-01", "report", "audit", "--corrections"]);
    assert!(audit.contains("revoke-approval") && audit.contains("文号有误") && audit.contains("窗口号录错"), "{audit}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_unit_is_corrected_and_its_records_follow() {
    let env = Env::new();
    let p = staff(&env, 303);
    let err = env.refused(4, &["unit", "add", "bad code", "--name", "某局"]);
    assert!(err.contains("without spaces"), "{err}");
    let err = env.refused(4, &["unit", "edit", "SCJG", "--code", "SC JG", "--reason", "x"]);
    assert!(err.contains("without spaces"), "{err}");
    let err = env.refused(4, &["unit", "edit", "SCJG", "--code", "BDC", "--reason", "x"]);
    assert!(err.contains("code"), "{err}");
    let err = env.fails(2, &["unit", "edit", "SCJG", "--name", "x"]);
    assert!(err.contains("--reason"), "{err}");
    env.refused(0, &["--dry-run", "unit", "edit", "SCJG", "--code", "SCJ", "--reason", "录错"]);
    let u = json(&env, &["unit", "edit", "SCJG", "--code", "SCJ", "--name", "区市场监管局", "--reason", "代码录错"]);
    assert_eq!((u["code"].as_str(), u["name"].as_str()), (Some("SCJ"), Some("区市场监管局")));
    let person = json(&env, &["personnel", "show", &p]);
    assert!(person.to_string().contains("SCJ"), "{person}");
    let audit = env.ok(&["report", "audit", "--corrections"]);
    assert!(audit.contains("unit:SCJG") && audit.contains("代码录错"), "{audit}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_stationed_or_proposed_person_keeps_the_unit() {
    let env = Env::new();
    let p = staff(&env, 304);
    let id = env.ok(&["assign", "propose", &p, "--start", "2026-12-01"]).trim().to_string();
    let err = env.refused(3, &["personnel", "edit", &p, "--unit", "BDC"]);
    assert!(err.contains("[ART11-TERM]") && err.contains(&format!("stationing {id}")), "{err}");
    assert!(err.contains("end or replace the stationing first"), "{err}");
    env.ok(&["assign", "reject", &id, "--by", "center", "--reason", "不同意"]);
    env.ok(&["personnel", "edit", &p, "--unit", "BDC"]);
}
