//! The personnel register: add, edit, archive, check, and imports from CSV, GB18030 and .xlsx.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn add_prints_the_id_and_derives_birth_date_and_sex() {
    let env = Env::new();
    let idn = id_born("1990-05-17", 123);
    let id = add_person(&env, &idn, "张伟", &["--filed"]);
    assert_eq!(id, "1");
    let json = env.ok(&["--format", "json", "--show-id", "personnel", "show", &idn]);
    assert!(json.contains("1990-05-17"), "{json}");
    let out = env.ok(&["--lang", "zh", "personnel", "show", &idn]);
    assert!(out.contains("男") && out.contains("科") == out.contains("科"), "{out}");
}

#[test]
fn add_with_json_prints_the_whole_record() {
    let env = Env::new();
    let idn = id_born("1988-02-29", 246);
    let out = env.ok(&[
        "--format",
        "json",
        "personnel",
        "add",
        "--id-number",
        &idn,
        "--name",
        "李娜",
        "--unit",
        "区市场监督管理局",
        "--position",
        "主持工作的副科长",
        "--establishment",
        "在编在岗",
        "--category",
        "公务员/参公",
        "--joined-unit",
        "2015/3/1",
        "--work-start",
        "2010年7月1日",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], 1);
    assert_eq!(v["birth_date"], "1988-02-29");
    assert_eq!(v["sex"], "female");
    assert_eq!(v["position"], "presiding-deputy");
    assert_eq!(v["unit"], "SCJG");
    assert_eq!(v["id_number"], "500114********2460".replace("2460", &idn[14..]));
}

#[test]
fn bad_check_digit_exits_4_naming_the_digit() {
    let env = Env::new();
    let good = id_born("1990-05-17", 123);
    let expected = &good[17..];
    let wrong = if expected == "7" { "8" } else { "7" };
    let bad = format!("{}{wrong}", &good[..17]);
    let args = add_args(&bad, "张伟", &[]);
    let err = env.refused(4, &args);
    assert!(err.contains(&format!("check digit should be {expected}, found {wrong}")), "{err}");
    let err = env.refused(4, &[&["--lang", "zh"], &args[..]].concat());
    assert!(err.contains(&format!("校验码应为{expected}，实为{wrong}")), "{err}");
}

#[test]
fn duplicate_and_unknown_unit_exit_4() {
    let env = Env::new();
    let idn = id_born("1990-05-17", 123);
    add_person(&env, &idn, "张伟", &[]);
    let err = env.refused(4, &add_args(&idn, "张伟", &[]));
    assert!(err.contains("already registered as person 1"), "{err}");
    let other = id_born("1991-01-01", 11);
    let err = env.refused(4, &add_args(&other, "王芳", &["--unit", "NOPE"]));
    assert!(err.contains("no unit with code or name \"NOPE\""), "{err}");
}

#[test]
fn edit_changes_fields_and_is_audited() {
    let env = Env::new();
    let idn = id_born("1990-05-17", 123);
    add_person(&env, &idn, "张伟", &[]);
    env.ok(&["personnel", "edit", &idn, "--position", "科长", "--filed", "是"]);
    let json = env.ok(&["--format", "json", "report", "audit", "--entity", "person"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["action"], "update");
    assert_eq!(rows[1]["before"]["position"], "staff");
    assert_eq!(rows[1]["after"]["position"], "chief");
    assert_eq!(rows[1]["after"]["filed"], true);
    assert_eq!(rows[1]["operator"], "tester");
    let err = env.refused(4, &["personnel", "edit", &idn, "--joined-unit", "2010-01-01"]);
    assert!(err.contains("work start 2015-07-01 is after joining the unit on 2010-01-01"), "{err}");
    env.refused(4, &["personnel", "edit", &idn]);
}

#[test]
fn archive_keeps_the_person() {
    let env = Env::new();
    let idn = id_born("1990-05-17", 123);
    add_person(&env, &idn, "张伟", &[]);
    env.ok(&["personnel", "archive", &idn, "--date", "2026-06-30", "--reason", "调离本单位"]);
    assert_eq!(env.count("person"), 1);
    assert!(!env.ok(&["personnel", "list"]).contains("张伟"));
    assert!(env.ok(&["personnel", "list", "--all"]).contains("张伟"));
    let err = env.refused(4, &["personnel", "archive", &idn, "--date", "2026-07-01", "--reason", "again"]);
    assert!(err.contains("archived on 2026-06-30 already"), "{err}");
}

#[test]
fn check_shows_each_art6_art7_rule_with_figures() {
    let env = Env::new();
    let old = id_born("1980-03-02", 15);
    add_person(&env, &old, "老王", &["--joined-unit", "2025-06-01", "--work-start", "2002-07-01"]);
    let out = env.ok(&["personnel", "check", &old, "--start", "2026-03-02"]);
    assert!(out.contains("ART6-AGE") && out.contains("第六条"), "{out}");
    assert!(out.contains("aged 46 on 2026-03-02, over 45"), "{out}");
    assert!(out.contains("ART7-TENURE") && out.contains("under 2 years"), "{out}");
    let out = env.ok(&["personnel", "check", &old, "--start", "2026-03-01"]);
    assert!(out.contains("aged 45 on 2026-03-01, not over 45"), "{out}");
    let everyone = env.ok(&["personnel", "check", "--start", "2026-03-02"]);
    assert!(everyone.contains("老王") && everyone.contains("FAIL"), "{everyone}");
}

fn rows_en(n: usize) -> Vec<String> {
    (0..n).map(|i| person_row(&id_born("1990-01-01", i as u32 + 100), &format!("员工{i}"), "SCJG")).collect()
}

#[test]
fn import_csv_inserts_all_rows_with_audit() {
    let env = Env::new();
    let mut text = String::from(HEADER_EN);
    text.push('\n');
    text.push_str(&rows_en(50).join("\n"));
    let file = env.write("staff.csv", text);
    let out = env.ok(&["personnel", "import", file.to_str().unwrap()]);
    assert!(out.contains("50 inserted"), "{out}");
    assert_eq!(env.count("person"), 50);
    // 1 center + the 2026 calendar + 2 units + the import: its persons are audited by the batch
    assert_eq!(env.count("audit"), 5);
    let import = json(&env, &["report", "audit", "--entity", "import"]);
    let batch = &import[0]["after"];
    assert_eq!(
        (batch["entity"].as_str(), batch["rows"].as_i64(), batch["created"].as_i64()),
        (Some("person"), Some(50), Some(50))
    );
    let sha = sha256_hex(&std::fs::read(&file).unwrap());
    assert_eq!(batch["sha256"].as_str(), Some(sha.as_str()), "the file's SHA-256");
    let first = batch["first_id"].as_i64().unwrap();
    assert_eq!(batch["last_id"].as_i64(), Some(first + 49));
    let history = json(&env, &["report", "audit", "--entity", "person", "--id", &(first + 7).to_string()]);
    assert_eq!(history.as_array().unwrap().len(), 1, "created by the import: {history}");
    assert_eq!(history[0]["entity"], "import");
    env.ok(&["db", "check"]);
}

#[test]
fn three_bad_rows_among_fifty_are_all_reported_and_nothing_is_written() {
    let env = Env::new();
    let mut rows = rows_en(50);
    rows[4] = rows[4].replacen(",SCJG,", ",NOPE,", 1);
    rows[19] = rows[19].replacen("2018-07-01", "2018-02-30", 1);
    let mut broken_id = rows[41].clone();
    let last = if broken_id.as_bytes()[17] == b'1' { "2" } else { "1" };
    broken_id.replace_range(17..18, last);
    rows[41] = broken_id;
    let file = env.write("staff.csv", format!("{HEADER_EN}\n{}", rows.join("\n")));
    let err = env.refused(4, &["personnel", "import", file.to_str().unwrap()]);
    assert!(err.contains("3 bad row(s)"), "{err}");
    assert!(err.contains("row 6, column C (单位)") && err.contains("NOPE"), "{err}");
    assert!(err.contains("row 21, column H (进入单位时间)") && err.contains("not a date"), "{err}");
    assert!(err.contains("row 43, column A (身份证号)") && err.contains("check digit"), "{err}");
    assert_eq!(env.count("person"), 0);
}

#[test]
fn duplicates_inside_the_file_and_against_the_database_are_bad_rows() {
    let env = Env::new();
    let existing = id_born("1985-01-01", 1);
    add_person(&env, &existing, "已在库", &[]);
    let twice = id_born("1990-01-01", 2);
    let file = env.write(
        "dup.csv",
        format!(
            "{HEADER_EN}\n{}\n{}\n{}\n",
            person_row(&twice, "甲", "SCJG"),
            person_row(&twice, "乙", "SCJG"),
            person_row(&existing, "丙", "SCJG")
        ),
    );
    let err = env.refused(4, &["personnel", "import", file.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("already on row 2"), "{err}");
    assert!(err.contains("row 4") && err.contains("already registered as person 1; use --update"), "{err}");
}

#[test]
fn dry_run_reports_counts_and_writes_nothing() {
    let env = Env::new();
    let file = env.write("staff.csv", format!("{HEADER_EN}\n{}", rows_en(5).join("\n")));
    let before = state(&env.db);
    let out = env.ok(&["--dry-run", "personnel", "import", file.to_str().unwrap()]);
    assert!(out.contains("would insert 5"), "{out}");
    assert_eq!(before, state(&env.db));
    let out = env.ok(&[
        "--dry-run",
        "--format",
        "json",
        "personnel",
        "add",
        "--id-number",
        &id_born("1990-02-02", 5),
        "--name",
        "试",
        "--unit",
        "SCJG",
        "--position",
        "staff",
        "--establishment",
        "in",
        "--category",
        "other",
        "--joined-unit",
        "2020-01-01",
        "--work-start",
        "2019-01-01",
    ]);
    assert!(out.contains("\"name\": \"试\""), "{out}");
    assert_eq!(before, state(&env.db));
}

#[test]
fn update_changes_existing_persons_and_audits_before_and_after() {
    let env = Env::new();
    let idn = id_born("1990-01-01", 7);
    let file = env.write("a.csv", format!("{HEADER_EN}\n{}\n", person_row(&idn, "赵六", "SCJG")));
    env.ok(&["personnel", "import", file.to_str().unwrap()]);
    let changed = person_row(&idn, "赵六", "BDC").replace(",staff,", ",deputy,");
    let file = env.write("b.csv", format!("{HEADER_EN}\n{changed}\n"));
    env.refused(4, &["personnel", "import", file.to_str().unwrap()]);
    let out = env.ok(&["personnel", "import", file.to_str().unwrap(), "--update"]);
    assert!(out.contains("0 inserted, 1 updated"), "{out}");
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["--format", "json", "report", "audit", "--entity", "person"])).unwrap();
    let last = rows.last().unwrap();
    assert_eq!(last["action"], "update");
    assert_eq!(last["before"]["unit"], "SCJG");
    assert_eq!(last["after"]["unit"], "BDC");
    assert_eq!(last["after"]["position"], "deputy");
}

/// The import writes with its triggers off and owes `touched` what they would have
/// written: the next `db check`, started from a checkpoint, reads every person it
/// created or changed, and only those.
#[test]
fn an_import_after_a_checkpoint_leaves_every_person_it_wrote_to_the_next_check() {
    let env = Env::new();
    let rows = rows_en(6);
    let first = env.write("a.csv", format!("{HEADER_EN}\n{}\n", rows[..4].join("\n")));
    env.ok(&["personnel", "import", first.to_str().unwrap()]);
    env.ok(&["db", "check"]);
    let changed = rows[1].replace(",staff,", ",deputy,");
    let second = env.write("b.csv", format!("{HEADER_EN}\n{}\n{changed}\n{}\n", rows[0], rows[4..].join("\n")));
    let out = env.ok(&["personnel", "import", second.to_str().unwrap(), "--update"]);
    assert!(out.contains("2 inserted, 1 updated, 4 rows"), "{out}");
    let conn = env.conn();
    let ids = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    let first_import = "SELECT first_id + 3 FROM import_batch WHERE id = 1";
    let written = ids(&format!(
        "SELECT CAST(id AS TEXT) FROM person WHERE position = 'deputy' OR id > ({first_import}) ORDER BY id"
    ));
    assert_eq!(written.len(), 3);
    let touched =
        ids("SELECT DISTINCT entity_id FROM touched WHERE entity = 'person' ORDER BY CAST(entity_id AS INTEGER)");
    assert_eq!(touched, written, "the person updated and the two created, not the unchanged one");
    assert_eq!(ids("SELECT DISTINCT entity || ' ' || entity_id FROM touched WHERE tbl = 'import_batch'"), ["import 2"]);
    let out = env.ok(&["db", "check"]);
    assert!(out.contains("after checkpoint"), "{out}");
    // And triggers are on again for what comes after, in this process or another.
    env.ok(&["personnel", "edit", &written[0], "--phone", "13700000000"]);
    let after_edit = ids("SELECT entity_id FROM touched WHERE entity = 'person'");
    assert_eq!(after_edit, [written[0].clone()], "the edit was touched, by its trigger");
}

#[test]
fn chinese_headers_and_values_in_gb18030() {
    let env = Env::new();
    let idn = id_born("1992-08-08", 31);
    let text = format!(
        "序号,{HEADER_ZH}\n1,{idn},欧阳娜娜,区不动产登记中心,工作人员,否,非在编,编外,2019-03-01,2019-03-01,是,否,否,\n"
    );
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let file = env.write("名册.csv", &bytes);
    let err = env.refused(4, &["personnel", "import", file.to_str().unwrap()]);
    assert!(err.contains("--encoding gb18030"), "{err}");
    let out =
        env.cmd().args(["personnel", "import", file.to_str().unwrap(), "--encoding", "gb18030"]).assert().success();
    out.stderr(predicate::str::contains("序号"));
    let json = env.ok(&["--format", "json", "personnel", "list"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["name"], "欧阳娜娜");
    assert_eq!(rows[0]["unit"], "BDC");
    assert_eq!(rows[0]["establishment"], "out");
    assert_eq!(rows[0]["category"], "other");
}

#[test]
fn utf8_with_bom_is_read() {
    let env = Env::new();
    let idn = id_born("1992-08-08", 32);
    let file = env.write("bom.csv", format!("\u{feff}{HEADER_ZH}\n{}\n", person_row(&idn, "钱七", "SCJG")));
    env.ok(&["personnel", "import", file.to_str().unwrap()]);
    assert_eq!(env.count("person"), 1);
}

#[test]
fn xlsx_import_with_date_cells_and_named_sheet() {
    let env = Env::new();
    let path = env.path("名册.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "填表说明").unwrap();
    let sheet = book.add_worksheet().set_name("名册").unwrap();
    for (c, h) in HEADER_ZH.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for r in 1..=3u32 {
        let idn = id_born("1991-04-04", 40 + r);
        let cells = [idn.as_str(), "孙某", "SCJG", "科员", "否", "在编在岗", "公务员/参公"];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, *v).unwrap();
        }
        sheet.write_string(r, 3, "工作人员").unwrap();
        let joined = chrono::NaiveDate::from_ymd_opt(2017, 9, 1).unwrap();
        sheet.write_datetime_with_format(r, 7, joined, &date).unwrap();
        sheet.write_datetime_with_format(r, 8, chrono::NaiveDate::from_ymd_opt(2014, 7, 1).unwrap(), &date).unwrap();
        sheet.write_boolean(r, 9, true).unwrap();
        sheet.write_number(r, 12, 13900000000.0 + r as f64).unwrap();
    }
    book.save(&path).unwrap();
    let err = env.refused(4, &["personnel", "import", path.to_str().unwrap(), "--sheet", "说明"]);
    assert!(err.contains("no header found") && err.contains("required column missing"), "{err}");
    // Without --sheet, the first sheet with the header is read, and said so.
    let out = env.cmd().args(["personnel", "import", path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("read sheet \"名册\", header in row 1"));
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["--format", "json", "personnel", "list"])).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["joined_unit"], "2017-09-01");
    assert_eq!(rows[0]["service_section"], true);
    assert_eq!(rows[0]["phone"], "13900000001");
}

#[test]
fn template_prints_the_header_in_either_language() {
    let env = Env::new();
    assert_eq!(env.ok(&["personnel", "template"]).trim(), HEADER_EN);
    assert_eq!(env.ok(&["--lang", "zh", "personnel", "template"]).trim(), HEADER_ZH);
}

#[test]
fn check_table_renders_in_both_languages() {
    let env = Env::new();
    let idn = id("50011419800302015");
    add_person(
        &env,
        &idn,
        "老王",
        &["--position", "presiding-deputy", "--joined-unit", "2025-06-01", "--work-start", "2002-07-01"],
    );
    insta::assert_snapshot!("check_en", env.ok(&["personnel", "check", &idn, "--start", "2026-03-02"]));
    insta::assert_snapshot!("check_zh", env.ok(&["--lang", "zh", "personnel", "check", &idn, "--start", "2026-03-02"]));
}

/// A 名册 workbook as clerks make it: a merged title, a 填报单位 line, a header whose cells
/// wrap (`身份证\n号码`), the rows, and a footer.
fn clerk_workbook(env: &Env, name: &str, id_as_number: bool) -> (std::path::PathBuf, Vec<String>) {
    let path = env.path(name);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Sheet1").unwrap();
    let title = rust_xlsxwriter::Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 12, "区政务服务中心进驻人员名册", &title).unwrap();
    sheet.write_string(1, 0, "填报单位：区市场监督管理局").unwrap();
    for (c, h) in HEADER_ZH.split(',').enumerate() {
        let h = if h == "身份证号" { "身份证\n号码" } else { h };
        sheet.write_string(2, c as u16, h).unwrap();
    }
    let ids: Vec<String> = (0..3).map(|i| id_born("1990-05-05", 60 + i)).collect();
    for (r, idn) in ids.iter().enumerate() {
        let r = r as u32 + 3;
        if id_as_number {
            sheet.write_number(r, 0, idn.parse::<f64>().unwrap_or(0.0)).unwrap();
        } else {
            sheet.write_string(r, 0, idn).unwrap();
        }
        let rest = ["周某", "SCJG", "工作人员", "否", "在编", "参公", "2017-09-01", "2014-07-01", "否", "否", "否"];
        for (c, v) in rest.iter().enumerate() {
            sheet.write_string(r, c as u16 + 1, *v).unwrap();
        }
    }
    sheet.write_string(7, 0, "填表人：李四").unwrap();
    sheet.write_string(8, 0, "制表日期：2026年11月20日").unwrap();
    book.save(&path).unwrap();
    (path, ids)
}

#[test]
fn a_clerks_workbook_is_read_past_its_title_and_footer() {
    let env = Env::new();
    let (path, ids) = clerk_workbook(&env, "名册.xlsx", false);
    let ids: Vec<&str> = ids.iter().filter(|i| !i.ends_with('X')).map(String::as_str).collect();
    let out = env.cmd().args(["personnel", "import", path.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("read sheet \"Sheet1\", header in row 3"), "{err}");
    assert!(err.contains("row 8 passed over as a footer: 填表人：李四"), "{err}");
    assert!(err.contains("row 9 passed over as a footer"), "{err}");
    assert_eq!(env.count("person"), 3);
    assert!(!ids.is_empty());
}

#[test]
fn an_id_number_stored_as_a_number_is_refused_with_how_to_fix_it() {
    let env = Env::new();
    let (path, _) = clerk_workbook(&env, "数字.xlsx", true);
    let before = state(&env.db);
    let err = env.refused(4, &["personnel", "import", path.to_str().unwrap()]);
    assert!(err.contains("3 bad row(s)") && err.contains("row 4, column A"), "{err}");
    assert!(err.contains("stored as a number") && err.contains("Format Cells → Text"), "{err}");
    assert_eq!(state(&env.db), before);
    let zh = env.refused(4, &["--lang", "zh", "personnel", "import", path.to_str().unwrap()]);
    assert!(zh.contains("设为文本格式"), "{zh}");
}

#[test]
fn full_width_digits_in_an_id_number_are_read_as_digits() {
    let env = Env::new();
    let idn = id_born("1992-02-02", 7);
    let wide: String = idn
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + c.to_digit(10).unwrap()).unwrap(),
            'X' => 'Ｘ',
            other => other,
        })
        .collect();
    let file = env.write("wide.csv", format!("{HEADER_ZH}\n{}\n", person_row(&wide, "全角", "SCJG")));
    env.ok(&["personnel", "import", file.to_str().unwrap()]);
    let stored: String = env.conn().query_row("SELECT id_number FROM person", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, idn);
}

#[test]
fn the_xlsx_template_keeps_id_numbers_as_text_and_offers_the_choices() {
    let env = Env::new();
    let path = env.path("模板.xlsx");
    env.ok(&["--lang", "zh", "personnel", "template", "--output", path.to_str().unwrap()]);
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    let styles = zip_part(&path, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="@""#), "a text number format: {styles}");
    for list in [
        "科长,主持工作的副科长,副科长,工作人员",
        "在编在岗,非在编",
        "公务员/参公,事业单位,编外",
        "是,否",
        "区市场监督管理局",
    ] {
        assert!(sheet.contains(list), "{list} in {sheet}");
    }
    assert!(sheet.contains(r#"sqref="D2:D2001""#), "{sheet}");
    let header: Vec<String> = {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        range.rows().next().unwrap().iter().map(|c| c.to_string()).collect()
    };
    assert_eq!(header.join(","), HEADER_ZH);
    // In English, the lists are English.
    let en = env.path("template.xlsx");
    env.ok(&["--lang", "en", "personnel", "template", "--output", en.to_str().unwrap()]);
    assert!(zip_part(&en, "xl/worksheets/sheet1.xml").contains("section chief,presiding deputy chief"));
}

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_clerk_files_in_tests_data_import_as_a_clerk_expects() {
    let env = Env::new();
    // A notes sheet first, then 名册 with a merged title, a 填报单位 line, wrapped headers,
    // the words clerks write (科员, 在编, 参公, 公务员, 聘用), dates three ways, a footer.
    let out = env.cmd().args(["personnel", "import", &data("clerk-layout.xlsx")]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("read sheet \"名册\", header in row 3") && err.contains("passed over as a footer"), "{err}");
    let people = json(&env, &["personnel", "list"]);
    let categories: Vec<&str> = people.as_array().unwrap().iter().map(|p| p["category"].as_str().unwrap()).collect();
    assert_eq!(categories, ["civil-servant", "civil-servant", "other"]);
    assert_eq!(people[0]["position"], "staff");
    // The same rows with the ID numbers stored as numbers: refused, nothing written.
    let env = Env::new();
    let before = state(&env.db);
    let err = env.refused(4, &["personnel", "import", &data("numeric-id.xlsx")]);
    assert!(err.contains("3 bad row(s)") && err.contains("stored as a number"), "{err}");
    assert_eq!(state(&env.db), before);
}
