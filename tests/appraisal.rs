//! Appraisal (Art 20–23): rule book, monthly scores, closing, annual grades under the quota,
//! letters and funds.

mod common;

use common::*;

/// The rule book and `n` staff of SCJG (civil servants) stationed from 2026-01-05.
fn setup(n: u32) -> (Env, Vec<String>) {
    let env = Env::new();
    import_rulebook(&env);
    let people = (0..n).map(|i| {
        let p = staff(&env, 100 + i);
        station(&env, &p, "2026-01-05");
        p
    });
    let people = people.collect();
    (env, people)
}

fn close(env: &Env, month: &str) {
    env.ok(&["--today", "2026-12-31", "appraise", "month", month, "--close"]);
}

fn row<'a>(rows: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    rows.as_array().unwrap().iter().find(|r| r[key] == value).unwrap_or_else(|| panic!("no {key}={value} in {rows}"))
}

#[test]
fn the_rule_book_is_imported_and_bad_ones_refused() {
    let env = Env::new();
    let out = env.ok(&["appraise", "rules", "import", &rulebook_path()]);
    assert!(out.contains("15 items"), "{out}");
    let list = env.ok(&["--lang", "zh", "appraise", "rules", "list"]);
    assert!(list.contains("迟到、早退") && list.contains("基础分100"), "{list}");
    let bad = env.write(
        "bad.json",
        std::fs::read_to_string(rulebook_path())
            .unwrap()
            .replace("\"bad_review_item\": \"BAD-REVIEW\"", "\"bad_review_item\": \"NOPE\""),
    );
    let err = env.refused(4, &["appraise", "rules", "import", bad.to_str().unwrap()]);
    assert!(err.contains("bad-review item NOPE"), "{err}");
    let bad = env.write("bad2.json", "{\"name\": 1}");
    env.refused(4, &["appraise", "rules", "import", bad.to_str().unwrap()]);
}

#[test]
fn monthly_score_holds_items_to_their_caps() {
    let (env, p) = setup(1);
    env.ok(&["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-09", "--times", "12"]);
    env.ok(&["appraise", "record", &p[0], "--rule", "dress", "--date", "2026-03-10"]);
    env.ok(&["appraise", "record", &p[0], "--rule", "PRAISE", "--date", "2026-03-11", "--times", "4"]);
    let rows = json(&env, &["appraise", "month", "2026-03"]);
    // 100 − min(10, 12) − 1 + min(6, 8) = 95
    assert_eq!(rows[0]["score"].as_f64(), Some(95.0));
    assert_eq!(rows[0]["grade"], "good");
    assert_eq!(rows[0]["deductions"].as_f64(), Some(-11.0));
    let zh = env.ok(&["--lang", "zh", "report", "appraisal", "--month", "2026-03"]);
    assert!(zh.contains("2026年3月进驻人员考核通报") && zh.contains("良好") && zh.contains("迟到、早退×12"), "{zh}");
}

#[test]
fn a_closed_month_is_frozen() {
    let (env, p) = setup(1);
    env.ok(&["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-09"]);
    let err = env.refused(3, &["appraise", "month", "2026-11", "--close"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("runs until 2026-11-30"), "{err}");
    env.ok(&["appraise", "month", "2026-03", "--close"]);
    let err = env.refused(3, &["appraise", "month", "2026-03", "--close"]);
    assert!(err.contains("closed already"), "{err}");
    let err = env.refused(3, &["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-20"]);
    assert!(
        err.contains("[ART21-MONTHLY] 第二十一条") && err.contains("record the correction in an open month"),
        "{err}"
    );
    // The database itself refuses too.
    let sql = env.conn().execute("DELETE FROM appraisal_event", []);
    assert!(sql.unwrap_err().to_string().contains("ART21-MONTHLY"));
    let rows = json(&env, &["report", "appraisal", "--month", "2026-03"]);
    assert_eq!(rows[0]["score"].as_f64(), Some(99.0));
}

#[test]
fn events_only_for_stationed_staff_and_imports_are_all_or_nothing() {
    let (env, p) = setup(1);
    let err = env.refused(3, &["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-01-02"]);
    assert!(err.contains("not stationed at the center on 2026-01-02"), "{err}");
    env.refused(4, &["appraise", "record", &p[0], "--rule", "NOPE", "--date", "2026-03-02"]);
    let file = env.write(
        "events.csv",
        format!(
            "id_number,rule,date,times,note\n{0},LATE,2026-03-02,2,\n{0},NOPE,2026-03-03,1,\n{0},LATE,2026-01-02,1,\n110105194912310021,LATE,2026-03-04,1,\n{0},LATE,2026-03-05,0,\n",
            p[0]
        ),
    );
    let err = env.refused(4, &["appraise", "import", file.to_str().unwrap()]);
    for row in ["row 3", "row 4", "row 5", "row 6"] {
        assert!(err.contains(row), "{row}: {err}");
    }
    assert!(!err.contains("row 2,"), "{err}");
    let good = env.write("good.csv", format!("身份证号,规则,日期,次数,备注\n{0},LATE,2026-03-02,2,迟到\n", p[0]));
    let good = std::fs::read_to_string(&good).unwrap().replace("规则", "考核项目").replace("日期", "发生日期");
    let good = env.write("good2.csv", good);
    env.ok(&["appraise", "import", good.to_str().unwrap()]);
    assert_eq!(env.count("appraisal_event"), 1);
}

#[test]
fn imports_of_events_and_reviews_note_what_they_wrote_and_still_refuse_a_closed_month() {
    let (env, p) = setup(2);
    close(&env, "2026-02");
    env.ok(&["db", "check"]);
    let lines: String = (0..3).map(|i| format!("{},LATE,2026-04-{:02},1,\n", p[i % 2], 1 + i)).collect();
    let events = env.write("april.csv", format!("id_number,rule,date,times,note\n{lines}"));
    let lines: String = (0..2).map(|i| format!("A{i},{},2026-04-{:02},{}\n", p[i % 2], 6 + i, 1 + 4 * i)).collect();
    let reviews = env.write("april-reviews.csv", format!("case_no,id_number,date,grade\n{lines}"));
    env.ok(&["appraise", "import", events.to_str().unwrap()]);
    env.ok(&["appraise", "reviews", reviews.to_str().unwrap()]);
    let conn = env.conn();
    let listed = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    // Written with their triggers off: the `touched` rows are the ones those would have written.
    let touched = |table: &str| {
        listed(&format!("SELECT entity_id FROM touched WHERE tbl = '{table}' ORDER BY CAST(entity_id AS INTEGER)"))
    };
    let written = listed("SELECT CAST(id AS TEXT) FROM appraisal_event ORDER BY id");
    assert_eq!((written.len(), touched("appraisal_event")), (3, written));
    let written = listed("SELECT CAST(id AS TEXT) FROM review ORDER BY id");
    assert_eq!((written.len(), touched("review")), (2, written));
    assert!(env.ok(&["db", "check"]).contains("after checkpoint"));
    let february = env.write("feb.csv", format!("id_number,rule,date,times,note\n{},LATE,2026-02-03,1,\n", p[0]));
    let err = env.refused(4, &["appraise", "import", february.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("2026-02") && err.contains("closed"), "{err}");
    let february = env.write("feb-reviews.csv", format!("case_no,id_number,date,grade\nF1,{},2026-02-03,5\n", p[0]));
    let err = env.refused(4, &["appraise", "reviews", february.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("2026-02") && err.contains("closed"), "{err}");
    // The frozen-month triggers are on again for every other write.
    for insert in [
        "INSERT INTO appraisal_event (person_id, item, date, source) SELECT id, 'LATE', '2026-02-04', 'manual' FROM person LIMIT 1",
        "INSERT INTO review (case_no, person_id, date, grade, state) SELECT 'F2', id, '2026-02-04', 5, 'counted' FROM person LIMIT 1",
    ] {
        assert!(conn.execute(insert, []).unwrap_err().to_string().contains("ART21-MONTHLY"), "{insert}");
    }
}

#[test]
fn an_event_is_not_imported_twice() {
    let (env, p) = setup(1);
    let twice = env.write(
        "twice.csv",
        format!("id_number,rule,date,times,note\n{0},LATE,2026-03-02,1,\n{0},LATE,2026-03-02,1,\n", p[0]),
    );
    let err = env.refused(4, &["appraise", "import", twice.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("the same event as row 2"), "{err}");
    assert_eq!(env.count("appraisal_event"), 0);
    let once = env.write(
        "once.csv",
        format!("id_number,rule,date,times,note\n{0},LATE,2026-03-02,1,\n{0},LATE,2026-03-02,1,第二次\n", p[0]),
    );
    env.ok(&["appraise", "import", once.to_str().unwrap()]);
    let audit = env.count("audit");
    let err = env.refused(4, &["appraise", "import", once.to_str().unwrap()]);
    assert!(
        err.contains("row 2") && err.contains("already recorded as event 1") && err.contains("imported before"),
        "{err}"
    );
    assert_eq!((env.count("appraisal_event"), env.count("audit")), (2, audit));
    // Items may be named as the rule book names them; an unknown one lists the items.
    let named = env.write("named.csv", format!("身份证号码,考核项目,发生日期\n{0},迟到、早退,2026-03-09\n", p[0]));
    env.ok(&["appraise", "import", named.to_str().unwrap()]);
    let item: String = env.conn().query_row("SELECT item FROM appraisal_event WHERE id = 3", [], |r| r.get(0)).unwrap();
    assert_eq!(item, "LATE");
    let unknown = env.write("unknown.csv", format!("身份证号码,考核项目,发生日期\n{0},睡觉,2026-03-10\n", p[0]));
    let err = env.refused(4, &["appraise", "import", unknown.to_str().unwrap()]);
    assert!(err.contains("has no item 睡觉") && err.contains("LATE (迟到、早退)"), "{err}");
}

#[test]
fn an_unclosed_quote_is_named_where_it_opens() {
    let (env, p) = setup(1);
    let file = env.write(
        "quote.csv",
        format!("id_number,rule,date,times,note\n{0},LATE,2026-03-02,1,\"迟到\n{0},LATE,2026-03-03,1,\n{0},LATE,2026-03-04,1,\n", p[0]),
    );
    let err = env.fails(4, &["appraise", "import", file.to_str().unwrap()]);
    assert!(err.contains("a quote mark opened in row 2 is never closed"), "{err}");
    assert_eq!(env.count("appraisal_event"), 0);
    // A cell on two lines, properly quoted, is only a line break in a note (refused as such).
    let file =
        env.write("lines.csv", format!("id_number,rule,date,times,note\n{0},LATE,2026-03-02,1,\"a\nb\"\n", p[0]));
    let err = env.fails(4, &["appraise", "import", file.to_str().unwrap()]);
    assert!(!err.contains("never closed") && err.contains("\\u{a}"), "{err}");
}

#[test]
fn bad_reviews_deduct_and_a_case_is_taken_once() {
    let (env, p) = setup(1);
    let file = env.write(
        "reviews.csv",
        format!("case_no,id_number,date,grade\nA1,{0},2026-03-02,5\nA2,{0},2026-03-03,2\nA3,{0},2026-03-04,1\nA4,{0},2026-03-05,4\n", p[0]),
    );
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    // ART16-REVIEW: the two bad reviews wait for verification and count nowhere yet.
    let rows = json(&env, &["appraise", "month", "2026-03"]);
    assert_eq!((rows[0]["score"].as_f64(), rows[0]["good_rate"].as_f64()), (Some(100.0), Some(100.0)));
    env.ok(&["appraise", "review", "verify", "A2", "--valid", "--reason", "回访属实"]);
    env.ok(&["appraise", "review", "verify", "A3", "--invalid", "--reason", "误评"]);
    let rows = json(&env, &["appraise", "month", "2026-03"]);
    assert_eq!(rows[0]["score"].as_f64(), Some(98.0), "one valid bad review deducts 2");
    // A 好差评 export's own headers and grade words.
    let words = env.write(
        "words.csv",
        format!(
            "案件编号,身份证号码,评价时间,整体满意度
C1,{0},2026-03-06,非常满意
C2,{0},2026-03-06,不满意
",
            p[0]
        ),
    );
    env.ok(&["appraise", "reviews", "--dry-run", words.to_str().unwrap()]);
    let rate = rows[0]["good_rate"].as_f64().unwrap();
    assert!((rate - 200.0 / 3.0).abs() < 1e-9, "two good of three valid; the invalid one is out: {rate}");
    let again = env.write("again.csv", format!("case_no,id_number,date,grade\nA1,{0},2026-03-02,5\nB1,{0},2026-03-02,7\nB2,{0},2026-03-02,3\nB2,{0},2026-03-02,3\n", p[0]));
    let err = env.refused(4, &["appraise", "reviews", again.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("imported already"), "{err}");
    assert!(err.contains("row 3") && err.contains("1–5 or 非常满意 (5)"), "{err}");
    assert!(err.contains("row 5") && err.contains("already on row 4"), "{err}");
    // A case number first met on a bad row is still a duplicate further down.
    let bad_first = env.write(
        "bad-first.csv",
        format!("case_no,id_number,date,grade\nC1,{0},2026-03-02,9\nC1,{0},2026-03-02,4\n", p[0]),
    );
    let before = state(&env.db);
    let err = env.refused(4, &["appraise", "reviews", bad_first.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("1–5 or 非常满意 (5)"), "{err}");
    assert!(err.contains("row 3") && err.contains("already on row 2"), "{err}");
    assert_eq!(state(&env.db), before);
}

#[test]
fn ratio_above_a_quarter_is_refused() {
    let (env, _) = setup(1);
    let err = env.refused(3, &["appraise", "year", "2026", "--ratio", "civil-servant=0.3"]);
    assert!(err.contains("[ART22-QUOTA] 第二十二条") && err.contains("0.25"), "{err}");
    env.refused(4, &["appraise", "year", "2026", "--ratio", "civil-servant"]);
}

#[test]
fn quota_is_floored_per_category() {
    let (env, cs) = setup(11);
    let inst: Vec<String> = (0..4)
        .map(|i| {
            let p = id_born("1993-04-04", 300 + i);
            add_person(&env, &p, &format!("事业{i}"), &["--unit", "BDC", "--category", "public-institution"]);
            station(&env, &p, "2026-01-05");
            p
        })
        .collect();
    // Different scores so the top two are clear.
    for (i, p) in cs.iter().chain(&inst).enumerate() {
        if i > 1 {
            env.ok(&[
                "appraise",
                "record",
                p,
                "--rule",
                "LATE",
                "--date",
                "2026-02-03",
                "--times",
                &(i % 5 + 1).to_string(),
            ]);
        }
    }
    for m in ["2026-01", "2026-02", "2026-03"] {
        close(&env, m);
    }
    let out = json(&env, &["appraise", "year", "2026"]);
    let excellent: Vec<&serde_json::Value> =
        out.as_array().unwrap().iter().filter(|r| r["grade"] == "excellent").collect();
    assert_eq!(excellent.len(), 2, "11 civil servants × 0.20 → 2, 4 institution staff → 0: {out}");
    assert!(excellent.iter().all(|r| r["category"] == "civil-servant"));
    let before = state(&env.db);
    let proposal = env.ok(&["appraise", "year", "2026"]);
    assert_eq!(before, state(&env.db), "looking does not publish");
    assert!(proposal.contains("not published"), "{proposal}");
    let err = env.refused(3, &["appraise", "year", "2026", "--publish"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("2026-04"), "{err}");
    assert!(
        proposal.contains("11 appraised, ratio 0.20, excellent quota 2")
            && proposal.contains("4 appraised, ratio 0.20, excellent quota 0"),
        "{proposal}"
    );
}

#[test]
fn a_tie_at_the_boundary_goes_to_fewer_deductions_then_the_earlier_start() {
    let env = Env::new();
    import_rulebook(&env);
    let people: Vec<String> = (0..5).map(|i| staff(&env, 200 + i)).collect();
    for (i, p) in people.iter().enumerate() {
        station(&env, p, if i == 3 { "2026-01-05" } else { "2026-01-06" });
    }
    // Quota 1. Persons 2 and 3 tie on score (−2): 2 with one event of 2 points (OVERDUE),
    // 3 with two LATE events; persons 0, 1, 4 score lower.
    let rec = |p: &str, rule: &str, times: &str| {
        env.ok(&["appraise", "record", p, "--rule", rule, "--date", "2026-02-03", "--times", times])
    };
    rec(&people[0], "RUDE", "1");
    rec(&people[1], "RUDE", "1");
    rec(&people[4], "RUDE", "1");
    rec(&people[2], "OVERDUE", "1");
    rec(&people[3], "LATE", "2");
    close(&env, "2026-01");
    close(&env, "2026-02");
    let rows = json(&env, &["appraise", "year", "2026"]);
    let winner = row(&rows, "grade", "excellent");
    assert_eq!(winner["name"], "员工202", "fewer deduction events wins: {rows}");
    assert!(winner["note"].as_str().unwrap().contains("tie at the quota boundary"), "{rows}");
}

#[test]
fn barred_and_not_graded_persons() {
    let (env, p) = setup(6);
    env.ok(&["appraise", "record", &p[0], "--rule", "SANCTION", "--date", "2026-02-03"]);
    env.ok(&["appraise", "record", &p[1], "--rule", "COMPLAINT", "--date", "2026-02-03"]);
    env.ok(&["appraise", "record", &p[2], "--rule", "ABSENT", "--date", "2026-02-03", "--times", "7"]);
    close(&env, "2026-01");
    close(&env, "2026-02");
    let rows = json(&env, &["appraise", "year", "2026"]);
    let sanctioned = row(&rows, "name", "员工100");
    assert_eq!(sanctioned["standing"], "not-graded");
    assert_eq!(sanctioned["grade"], serde_json::Value::Null);
    assert!(row(&rows, "name", "员工101")["note"].as_str().unwrap().contains("bars it"));
    assert!(row(&rows, "name", "员工102")["note"].as_str().unwrap().contains("graded lowest"));
    let excellent = rows.as_array().unwrap().iter().filter(|r| r["grade"] == "excellent").count();
    assert_eq!(excellent, 1, "6 × 0.2 → 1: {rows}");
    assert!(["员工103", "员工104", "员工105"].contains(&row(&rows, "grade", "excellent")["name"].as_str().unwrap()));
}

#[test]
fn the_year_closes_after_every_month_and_five_working_days_then_letters_go_out() {
    let (env, _) = setup(2);
    for m in 1..=12 {
        close(&env, &format!("2026-{m:02}"));
    }
    let err = env.refused(3, &["--today", "2026-12-31", "appraise", "year", "2026", "--close"]);
    assert!(err.contains("not been proposed"), "{err}");
    env.ok(&["--today", "2026-12-31", "appraise", "year", "2026", "--publish"]);
    let err = env.refused(3, &["--today", "2026-12-31", "appraise", "year", "2026", "--publish"]);
    assert!(err.contains("published on 2026-12-31") && err.contains("--republish"), "{err}");
    let err = env.refused(3, &["appraise", "letters", "2026", "--out", "letters"]);
    assert!(err.contains("[ART23-LETTER]"), "{err}");
    // Published Thu 2026-12-31: the window runs into 2027, whose calendar is not loaded.
    let err = env.refused(3, &["--today", "2027-01-08", "appraise", "year", "2026", "--close"]);
    assert!(err.contains("[ART22-QUOTA]") && err.contains("schedule of 2027 has not been imported"), "{err}");
    let cal = env.write("2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n");
    env.ok(&["leave", "holidays", "import", cal.to_str().unwrap()]);
    // 1/4, 1/5, 1/6 and 1/7 are four working days; the fifth is 1/8.
    let err = env.refused(3, &["--today", "2027-01-07", "appraise", "year", "2026", "--close"]);
    assert!(err.contains("4 working days ago, 5 are needed"), "{err}");
    env.ok(&["--today", "2027-01-08", "appraise", "year", "2026", "--close"]);
    let err = env.refused(
        3,
        &["--today", "2027-01-08", "appraise", "year", "2026", "--publish", "--republish", "--reason", "x"],
    );
    assert!(err.contains("closed on 2027-01-08"), "{err}");
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "letters", "2026", "--out", "letters"]);
    assert!(err.contains("[ART23-LETTER]") && err.contains("jinzhu letters prefix"), "{err}");
    assert_eq!(state(&env.db), before, "no number was taken");
    env.ok(&["letters", "prefix", "黔江政务函"]);
    let out = env.ok(&["appraise", "letters", "2026", "--out", "letters"]);
    assert!(out.contains("1 letter written"), "{out}");
    let docx = env.path("letters/SCJG-区市场监督管理局-2026年度考核结果.docx");
    let body = zip_part(&docx, "word/document.xml");
    for part in [
        "关于2026年度进驻人员考核结果的函",
        "第二十三条",
        "员工100",
        "黔江政务函〔2026〕1号",
        "区市场监督管理局：",
        "2026年11月29日",
    ] {
        assert!(body.contains(part), "{part} in the letter");
    }
    // GB/T 9704: body 仿宋_GB2312 三号 (32 half-points), title 小标宋 二号 (44), red issuer,
    // margins top 37 mm (2098 twips) and left 28 mm (1587 twips), east-Asian fonts named.
    assert!(body.contains(r#"w:eastAsia="仿宋_GB2312""#) && body.contains(r#"<w:sz w:val="32" />"#));
    assert!(body.contains(r#"w:eastAsia="方正小标宋简体""#) && body.contains(r#"<w:sz w:val="44" />"#));
    assert!(body.contains(r#"w:color w:val="FF0000""#) && body.contains("thickThinSmallGap"));
    assert!(body.contains(r#"w:top="2098""#) && body.contains(r#"w:left="1587""#), "margins");
    assert!(!body.contains("theme"), "no theme fonts");
    let footer = zip_part(&docx, "word/footer1.xml") + &zip_part(&docx, "word/footer2.xml");
    assert!(
        footer.contains("审计链") && footer.contains("thinThickSmallGap"),
        "the bottom rule and the audit head: {footer}"
    );
    assert!(env.path("letters/SCJG-区市场监督管理局-2026年度考核结果.xlsx").exists());
    // Reissued, the letter keeps its number; the register lists it once.
    env.ok(&["--today", "2026-12-02", "appraise", "letters", "2026", "--out", "again"]);
    let again = zip_part(&env.path("again/SCJG-区市场监督管理局-2026年度考核结果.docx"), "word/document.xml");
    assert!(again.contains("黔江政务函〔2026〕1号"));
    let register = json(&env, &["letters", "list"]);
    assert_eq!(register.as_array().unwrap().len(), 1, "{register}");
    assert_eq!(register[0]["number"], "黔江政务函〔2026〕1号");
    env.ok(&["db", "check"]);
}

#[test]
fn the_year_cannot_close_with_open_months() {
    let (env, _) = setup(1);
    close(&env, "2026-01");
    let err = env.refused(3, &["--today", "2026-12-31", "appraise", "year", "2026", "--publish"]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("2026-02"), "{err}");
    let err = env.refused(3, &["--today", "2027-02-01", "appraise", "year", "2026", "--close"]);
    assert!(err.contains("not been proposed"), "{err}");
}

#[test]
fn funds_by_headcount_in_fen() {
    let (env, _) = setup(1);
    let p = id_born("1993-04-04", 400);
    add_person(&env, &p, "事业甲", &["--unit", "BDC", "--category", "public-institution"]);
    station(&env, &p, "2026-07-20");
    // 员工100: Jan–Dec, 12 months; 事业甲: Aug–Dec (July has 12 of 31 days), 5 months.
    let rows =
        json(&env, &["report", "funds", "2026", "--standard", "civil-servant=12000.01", "--standard", "事业单位=9600"]);
    assert_eq!(row(&rows, "unit", "SCJG")["amount"].as_f64(), Some(12000.01), "amounts are numbers");
    assert_eq!(row(&rows, "unit", "BDC")["amount"].as_f64(), Some(4000.0));
    assert_eq!(row(&rows, "unit", "BDC")["person_months"], 5);
    let out = env.ok(&[
        "report",
        "funds",
        "2026",
        "--standard",
        "civil-servant=12000.01",
        "--standard",
        "public-institution=9600",
    ]);
    assert!(out.contains("total: 16000.01 yuan"), "{out}");
    env.refused(4, &["report", "funds", "2026", "--standard", "civil-servant=12.345"]);
}

#[test]
fn publishing_the_year_writes_the_publicity_notice_with_its_objection_period() {
    let (env, _) = setup(5);
    for m in 1..=12 {
        env.ok(&["--today", "2026-12-31", "appraise", "month", &format!("2026-{m:02}"), "--close"]);
    }
    env.ok(&["letters", "prefix", "黔江政务函"]);
    let out_dir = env.path("公示");
    env.ok(&["--today", "2027-01-04", "appraise", "year", "2026", "--publish", "--out", out_dir.to_str().unwrap()]);
    let notice = out_dir.join("2026年度考核优秀等次人选公示.docx");
    let body = zip_part(&notice, "word/document.xml");
    for part in [
        "关于2026年度进驻人员考核优秀等次人选的公示",
        "黔江政务函〔2027〕1号",
        "2027年1月4日至2027年1月11日",
        "以下1名同志",
    ] {
        assert!(body.contains(part), "{part} in the notice");
    }
    assert!(out_dir.join("2026年度考核优秀等次人选公示.xlsx").exists());
    let register = json(&env, &["letters", "list"]);
    assert_eq!(register[0]["kind"], "publicity", "{register}");
    env.ok(&["db", "check"]);
}

#[test]
fn a_review_is_verified_once_in_an_open_month_and_a_month_waits_for_its_bad_reviews() {
    let (env, p) = setup(1);
    let file =
        env.write("r.csv", format!("case_no,id_number,date,grade\nV1,{0},2026-03-02,1\nV2,{0},2026-03-03,5\n", p[0]));
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "month", "2026-03", "--close"]);
    assert!(err.contains("ART16-REVIEW") && err.contains("1 bad review") && err.contains("V1"), "{err}");
    let err = env.refused(3, &["appraise", "review", "verify", "V2", "--valid", "--reason", "x"]);
    assert!(err.contains("ART16-REVIEW") && err.contains("counted"), "a good review needs no verdict: {err}");
    let err = env.fails(4, &["appraise", "review", "verify", "NOPE", "--valid", "--reason", "x"]);
    assert!(err.contains("NOPE"), "{err}");
    assert_eq!(state(&env.db), before);
    env.ok(&["appraise", "review", "verify", "V1", "--valid", "--reason", "回访属实"]);
    let err = env.refused(3, &["appraise", "review", "verify", "V1", "--invalid", "--reason", "改判"]);
    assert!(err.contains("verified valid"), "once only: {err}");
    let report = env.ok(&["report", "reviews", "--month", "2026-03", "--format", "csv"]);
    assert!(report.contains("V1,2026-03-02") && report.contains("verified valid,回访属实,tester"), "{report}");
    assert!(report.lines().any(|l| l.starts_with("SCJG,") && l.contains(",2,1,50.0,1,0,0")), "{report}");
    env.ok(&["appraise", "month", "2026-03", "--close"]);
    // A bad review of a closed month waits for nothing; one imported later into an open
    // month is closed over only with --count-unverified, which counts it.
    let april = env.write("a.csv", format!("case_no,id_number,date,grade\nW1,{0},2026-04-02,2\n", p[0]));
    env.ok(&["appraise", "reviews", april.to_str().unwrap()]);
    env.ok(&["appraise", "month", "2026-04", "--close", "--count-unverified"]);
    let rows = json(&env, &["appraise", "month", "2026-04"]);
    assert_eq!(rows[0]["score"].as_f64(), Some(98.0), "the unverified bad review counted at the close: {rows}");
}

#[test]
fn a_close_counts_more_unverified_reviews_than_one_statement_writes_as_verify_would() {
    let (env, p) = setup(2);
    // 1,001 bad reviews cross the close's thousand-a-statement chunk; X0 is verified by
    // hand first, with the close's reason, to show what the close must write for the others.
    let grade = |i: usize| 1 + i % 2;
    let lines: String =
        (0..1001).map(|i| format!("X{i},{},2026-03-{:02},{}\n", p[i % 2], 2 + i % 20, grade(i))).collect();
    let file = env.write("x.csv", format!("case_no,id_number,date,grade\n{lines}"));
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    let reason = "结账时按未核实差评计入";
    env.ok(&["--today", "2026-12-31", "appraise", "review", "verify", "X0", "--valid", "--reason", reason]);
    // A checkpoint first: the next check reads only what the close notes it wrote.
    env.ok(&["db", "check"]);
    let (events, rects, audit) = (env.count("appraisal_event"), env.count("rectification"), env.count("audit"));
    env.ok(&["--today", "2026-12-31", "appraise", "month", "2026-03", "--close", "--count-unverified"]);
    assert_eq!(env.count("appraisal_event") - events, 1000, "one deduction a review");
    assert_eq!(env.count("rectification") - rects, 1000, "one rectification a review");
    // Each: the event, the verdict, the rectification; then the close itself.
    assert_eq!(env.count("audit") - audit, 3 * 1000 + 1);
    close_touched_what_it_wrote(&env, events);
    let conn = env.conn();
    let written = |case: &str| -> [String; 6] {
        conn.query_row(
            "SELECT r.state, r.verify_reason, r.verified_on, e.item || ' ' || e.note, c.deadline,
                    (SELECT group_concat(entity || ':' || action, ',') FROM (SELECT entity, action FROM audit
                     WHERE (entity IN ('review', 'rectification') AND entity_id = CAST(r.id AS TEXT))
                        OR (entity = 'appraisal_event' AND entity_id = CAST(e.id AS TEXT)) ORDER BY entity, action))
             FROM review r JOIN appraisal_event e ON e.review_id = r.id JOIN rectification c ON c.review_id = r.id
             WHERE r.case_no = ?1",
            [case],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]),
        )
        .unwrap()
    };
    let by_hand = written("X0");
    assert_eq!(by_hand[0], "valid");
    assert_eq!(by_hand[5], "appraisal_event:insert,rectification:open,review:insert,review:verify");
    for i in [1, 999, 1000] {
        let case = format!("X{i}");
        let at_close = written(&case);
        assert_eq!(at_close[3], format!("BAD-REVIEW {case} {}", grade(i)));
        let same = [0, 1, 2, 4, 5];
        assert_eq!(same.map(|k| &at_close[k]), same.map(|k| &by_hand[k]), "{case}");
    }
    assert!(env.ok(&["db", "check", "--full"]).contains("ok"));
    let rows = json(&env, &["appraise", "month", "2026-03"]);
    assert!(
        rows.as_array().unwrap().iter().all(|r| r["score"].as_f64().unwrap() <= 80.0),
        "the counted reviews deduct up to the cap: {rows}"
    );
}

/// The close writes with its triggers off: the `touched` rows it writes after are those
/// of every review, deduction and rectification it wrote, and of the month, no other.
fn close_touched_what_it_wrote(env: &Env, events_before: i64) {
    let conn = env.conn();
    let written = format!(
        "SELECT 'appraisal_event ' || id FROM appraisal_event WHERE id > {events_before}
         UNION SELECT 'review ' || review_id FROM appraisal_event WHERE id > {events_before}
         UNION SELECT 'rectification ' || review_id FROM appraisal_event WHERE id > {events_before}
         UNION SELECT 'month_close 2026-03'"
    );
    let written = format!("SELECT * FROM ({written})");
    // The check that made the checkpoint touches its own record.
    let touched = "SELECT tbl || ' ' || entity_id FROM touched WHERE tbl <> 'check_point'";
    let some = |sql: String| -> Vec<String> {
        let mut stmt = conn.prepare(&format!("{sql} LIMIT 5")).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    let count: i64 = conn.query_row(&format!("SELECT count(*) FROM ({written})"), [], |r| r.get(0)).unwrap();
    assert_eq!(count, 3 * 1000 + 1);
    assert_eq!(some(format!("{written} EXCEPT {touched}")), Vec::<String>::new(), "written, not touched");
    assert_eq!(some(format!("{touched} EXCEPT {written}")), Vec::<String>::new(), "touched, not written");
    assert!(env.ok(&["db", "check"]).contains("after checkpoint"));
}

#[test]
fn a_close_whose_one_statement_changes_megabytes_of_pages_is_written_whole() {
    // A thousand reviews with 6 KB of comment each: verifying one chunk of them changes
    // some 6 MB of pages in one statement, whose journal SQLite must keep. With its
    // spill threshold at 4 MiB, the bundled SQLite failed such a statement ("database or
    // disk is full") and rolled the close back.
    let (env, p) = setup(1);
    let comment = "评".repeat(2000);
    let lines: String = (0..1000).map(|i| format!("L{i},{},2026-03-{:02},1,{comment}\n", p[0], 2 + i % 20)).collect();
    let file = env.write("long.csv", format!("case_no,id_number,date,grade,comment\n{lines}"));
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    env.ok(&["--today", "2026-12-31", "appraise", "month", "2026-03", "--close", "--count-unverified"]);
    let valid: i64 =
        env.conn().query_row("SELECT count(*) FROM review WHERE state = 'valid'", [], |r| r.get(0)).unwrap();
    assert_eq!(valid, 1000);
    assert_eq!(env.count("rectification"), 1000);
}

#[test]
fn a_valid_bad_review_is_rectified_by_its_deadline_or_shown_overdue() {
    let (env, p) = setup(1);
    let file = env.write(
        "r.csv",
        format!("case_no,id_number,date,grade\nR1,{0},2026-03-02,1\nR2,{0},2026-03-03,2\nR3,{0},2026-03-04,5\n", p[0]),
    );
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    env.ok(&["--today", "2026-03-05", "appraise", "review", "verify", "R1", "--valid", "--reason", "属实"]);
    env.ok(&["--today", "2026-03-05", "appraise", "review", "verify", "R2", "--valid", "--reason", "属实"]);
    let before = state(&env.db);
    for case in ["R3", "NOPE"] {
        let code = if case == "NOPE" { 4 } else { 3 };
        let err = env.fails(code, &["appraise", "review", "rectify", case, "--note", "已整改"]);
        assert!(err.contains(case), "{err}");
    }
    let err = env.fails(4, &["appraise", "review", "rectify", "R1", "--note", "已整改", "--verdict", "还行"]);
    assert!(err.contains("满意"), "{err}");
    let err = env.fails(4, &["appraise", "review", "rectify", "R1", "--note", "已整改", "--date", "2026-03-01"]);
    assert!(err.contains("2026-03-05"), "before it opened: {err}");
    assert_eq!(state(&env.db), before);
    env.ok(&[
        "appraise",
        "review",
        "rectify",
        "R1",
        "--note",
        "已道歉并一次性告知",
        "--date",
        "2026-03-10",
        "--verdict",
        "满意",
    ]);
    let err = env.refused(3, &["appraise", "review", "rectify", "R1", "--note", "再次"]);
    assert!(err.contains("ART16-REVIEW") && err.contains("done already"), "{err}");
    // Seven working days from 2026-03-05: due 2026-03-16. R1 was done in time; R2 is overdue.
    let report = env.ok(&["report", "reviews", "--month", "2026-03", "--format", "csv"]);
    assert!(
        report.lines().any(|l| l.starts_with("R1,2026-03-02,SCJG,") && l.ends_with("2026-03-16,2026-03-10,满意,done")),
        "{report}"
    );
    assert!(report.lines().any(|l| l.starts_with("R2,") && l.contains("OVERDUE")), "{report}");
    let half = env.ok(&["report", "compliance", "--half", "2026H1", "--format", "csv"]);
    assert!(half.contains("rectifications of valid bad reviews") && half.contains("R2,"), "{half}");
    assert!(!half.lines().any(|l| l.starts_with("R1,")), "done in time: {half}");
    env.ok(&["db", "check"]);
}

/// Proposes `person` for `window` from `start`, approves and starts it.
fn station_at(env: &Env, person: &str, window: &str, start: &str) {
    let id = env.ok(&["assign", "propose", person, "--start", start, "--window", window, "--date", start]);
    let id = id.trim();
    env.ok(&["assign", "approve", id, "--by", "center", "--doc", "中心〔2026〕1号", "--date", start]);
    env.ok(&["assign", "approve", id, "--by", "org-dept", "--doc", "组〔2026〕1号", "--date", start]);
    env.ok(&["assign", "start", id]);
}

#[test]
fn a_national_export_is_read_whole_and_a_review_by_window_finds_its_one_person() {
    let env = Env::new();
    import_rulebook(&env);
    let (a, b, c) = (staff(&env, 201), staff(&env, 202), staff(&env, 203));
    station_at(&env, &a, "1号窗口", "2026-03-02");
    station_at(&env, &b, "2号窗口", "2026-03-02");
    station_at(&env, &c, "2号窗口", "2026-03-02");
    let export = "办件编号,事项编码,事项名称,评价渠道,评价时间,整体满意度,评价详情,文字评价,窗口\n\
        N1,11500114MB1234567X,个体工商户设立登记,窗口评价器,2026-03-05 10:21:07,非常满意,服务热情,很快,1号窗口\n\
        N2,11500114MB1234567X,个体工商户设立登记,扫码评价,2026-03-05 11:02:00,不满意,等待时间长,,1号窗口\n";
    let file = env.write("好差评.csv", export);
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    let conn = env.conn();
    let (person, channel, at, comment): (i64, String, String, Option<String>) = conn
        .query_row("SELECT person_id, channel, reviewed_at, comment FROM review WHERE case_no = 'N1'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    let a_id: i64 = conn.query_row("SELECT id FROM person WHERE id_number = ?1", [&a], |r| r.get(0)).unwrap();
    assert_eq!(
        (person, channel.as_str(), at.as_str(), comment.as_deref()),
        (a_id, "窗口评价器", "2026-03-05 10:21:07", Some("很快"))
    );
    let n2: String = conn.query_row("SELECT state FROM review WHERE case_no = 'N2'", [], |r| r.get(0)).unwrap();
    assert_eq!(n2, "pending");
    // Two persons at window 2, nobody at window 9: bad rows, never a guess.
    let bad = env.write(
        "bad.csv",
        "办件编号,评价时间,整体满意度,窗口\nM1,2026-03-06,满意,2号窗口\nM2,2026-03-06,满意,9号窗口\nM3,2026-03-06,满意,\n",
    );
    let before = state(&env.db);
    let err = env.refused(4, &["appraise", "reviews", bad.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("several persons"), "{err}");
    assert!(err.contains("row 3") && err.contains("no one was stationed"), "{err}");
    assert!(err.contains("row 4") && err.contains("names no person"), "{err}");
    assert_eq!(state(&env.db), before);
    env.ok(&["db", "check"]);
}

#[test]
fn windows_rank_by_the_rule_books_score_then_their_review_rate() {
    let (env, p) = setup(2);
    let b = id_born("1990-05-05", 301);
    add_person(&env, &b, "不动产员工", &["--unit", "BDC"]);
    station(&env, &b, "2026-01-05");
    // SCJG: 100 and 98 (LATE ×2), a mean of 99, and W-STAFF ×2 (-0.4); BDC: 99 (one LATE),
    // W-STAFF ×1. Without reviews, the staff's weight is the whole: 98.6 and 98.8.
    env.ok(&["appraise", "record", &p[0], "--rule", "LATE", "--date", "2026-03-09", "--times", "2"]);
    env.ok(&["appraise", "record", &b, "--rule", "LATE", "--date", "2026-03-10"]);
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    let rows = rows.as_array().unwrap();
    let units: Vec<&str> = rows.iter().map(|r| r["unit"].as_str().unwrap()).collect();
    assert_eq!(units, ["BDC", "SCJG"], "{rows:?}");
    assert_eq!((rows[1]["persons"].as_i64(), rows[1]["mean_score"].as_f64()), (Some(2), Some(99.0)));
    assert_eq!((rows[0]["score"].as_f64(), rows[1]["score"].as_f64()), (Some(98.8), Some(98.6)), "{rows:?}");
    assert!(rows[1]["items"].as_str().unwrap().contains("×2 -0.4"), "{rows:?}");
    // Reviews weigh 0.1: BDC's 100 % lifts it by 0.1 × (100 − 98.8) over its staff alone.
    let reviews =
        env.write("r.csv", format!("case_no,id_number,date,grade\nW1,{b},2026-03-03,5\nW2,{},2026-03-03,3\n", p[0]));
    env.ok(&["appraise", "reviews", reviews.to_str().unwrap()]);
    let rows = json(&env, &["report", "windows", "--month", "2026-03"]);
    let rows = rows.as_array().unwrap();
    let score = |i: usize| rows[i]["score"].as_f64().unwrap();
    assert_eq!(rows[0]["unit"].as_str(), Some("BDC"), "{rows:?}");
    assert!((score(0) - (0.9 * 99.0 + 0.1 * 100.0 - 0.2)).abs() < 0.005, "{rows:?}");
    assert!((score(1) - (0.9 * 99.0 + 0.1 * 0.0 - 0.4)).abs() < 0.005, "{rows:?}");
    assert_eq!(rows[1]["rank"].as_i64(), Some(2));
}

#[test]
fn a_bad_review_of_a_closed_month_is_not_verified_and_a_rectification_is_not_dated_ahead() {
    let (env, p) = setup(1);
    let file =
        env.write("r.csv", format!("case_no,id_number,date,grade\nK1,{0},2026-03-02,1\nK2,{0},2026-04-02,1\n", p[0]));
    env.ok(&["appraise", "reviews", file.to_str().unwrap()]);
    env.ok(&["appraise", "month", "2026-03", "--close", "--count-unverified"]);
    env.ok(&["appraise", "review", "verify", "K2", "--valid", "--reason", "属实"]);
    let before = state(&env.db);
    let err = env.refused(3, &["appraise", "review", "verify", "K1", "--invalid", "--reason", "改判"]);
    assert!(err.contains("ART16-REVIEW") && err.contains("verified valid"), "counted at the close: {err}");
    let err = env.fails(4, &["appraise", "review", "rectify", "K2", "--note", "已整改", "--date", "2026-12-31"]);
    assert!(err.contains("2026-12-31"), "{err}");
    assert_eq!(state(&env.db), before);
}
