//! Output: formats, files, masking, formula neutralisation, languages.

mod common;

use std::os::unix::fs::PermissionsExt;

use calamine::{Data, Reader};
use common::*;

fn env_with_formula_name() -> (Env, String) {
    let env = Env::new();
    let idn = id_born("1990-01-01", 1);
    add_person(&env, &idn, "=HYPERLINK(\"http://x\")", &[]);
    add_person(&env, &id_born("1991-01-01", 3), "-5", &[]);
    (env, idn)
}

#[test]
fn csv_neutralises_formulas_and_can_carry_a_bom() {
    let (env, _) = env_with_formula_name();
    let out = env.ok(&["--format", "csv", "personnel", "list"]);
    assert!(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
    assert!(out.contains(",'-5,"), "{out}");
    assert!(out.starts_with("id,id_number,name,"), "{out}");
    assert!(!out.starts_with('\u{feff}'));
    let bom = env.ok(&["--format", "csv", "--bom", "personnel", "list"]);
    assert!(bom.starts_with('\u{feff}'));
    // Numbers stay numbers.
    assert!(out.contains("\n1,500114"), "{out}");
}

#[test]
fn id_numbers_are_masked_unless_asked_for() {
    let (env, idn) = env_with_formula_name();
    let masked = format!("{}********{}", &idn[..6], &idn[14..]);
    for format in ["table", "csv", "json"] {
        let out = env.ok(&["--format", format, "personnel", "list"]);
        assert!(out.contains(&masked) && !out.contains(&idn), "{format}: {out}");
        let out = env.ok(&["--format", format, "--show-id", "personnel", "list"]);
        assert!(out.contains(&idn), "{format}: {out}");
    }
    let audit = env.ok(&["--format", "csv", "report", "audit"]);
    assert!(!audit.contains(&idn) && audit.contains(&masked), "{audit}");
}

#[test]
fn output_files_by_extension_are_owner_only() {
    let (env, _) = env_with_formula_name();
    for name in ["list.csv", "list.json", "list.xlsx"] {
        let path = env.path(name);
        env.ok(&["personnel", "list", "--output", path.to_str().unwrap()]);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "{name}");
    }
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(env.path("list.json")).unwrap()).unwrap();
    assert_eq!(json.len(), 2);
    env.fails(4, &["personnel", "list", "--output", "list.txt"]);
}

#[test]
fn xlsx_has_a_header_text_cells_numbers_and_real_dates() {
    let (env, _) = env_with_formula_name();
    let path = env.path("名册.xlsx");
    env.ok(&["--lang", "zh", "personnel", "list", "--output", path.to_str().unwrap()]);
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    assert_eq!(sheet, "人员名册");
    let range = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][0], Data::String("人员名册".into()), "a title row over the header");
    assert_eq!(rows[1][0], Data::String("编号".into()));
    assert_eq!(rows[1][2], Data::String("姓名".into()));
    assert_eq!(rows[2][0], Data::Float(1.0));
    // Kept as typed; the cell's quote prefix, not an apostrophe in it, keeps it text.
    assert_eq!(rows[2][2], Data::String("=HYPERLINK(\"http://x\")".into()));
    assert!(zip_part(&path, "xl/styles.xml").contains(r#"quotePrefix="1""#));
    assert!(matches!(rows[2][8], Data::DateTime(_)), "{:?}", rows[2][8]);
    assert_eq!(rows[2][4], Data::String("工作人员".into()));
    // Printable: A4, one page wide, the header repeated, page numbers, an autofilter.
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    for part in
        [r#"paperSize="9""#, r#"fitToPage="1""#, r#"fitToHeight="0""#, "<autoFilter", "第 &amp;P 页 共 &amp;N 页"]
    {
        assert!(sheet.contains(part), "{part} in {sheet}");
    }
    assert!(zip_part(&path, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
}

#[test]
fn the_bulletin_prints_with_its_center_ties_and_the_audit_head() {
    let env = Env::new();
    import_rulebook(&env);
    for i in 0..3 {
        let p = staff(&env, 10 + i);
        station(&env, &p, "2026-01-05");
    }
    let path = env.path("通报.xlsx");
    env.ok(&["--lang", "zh", "report", "appraisal", "--month", "2026-10", "--output", path.to_str().unwrap()]);
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let title = rows[0][0].to_string();
    assert!(title.contains("黔江区政务服务中心") && title.contains("2026"), "{title}");
    assert_eq!(rows[2][0], Data::String("1（并列）".into()), "three equal scores share the first rank");
    assert_eq!(rows[2][2], Data::String("区市场监督管理局".into()), "the unit's name beside its code");
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("审计链") && sheet.contains(r#"orientation="landscape""#), "{sheet}");
    assert!(sheet.contains("<conditionalFormatting"), "the lowest grade is marked");
    // A second sheet: grades by unit, with a native column chart.
    let chart = zip_part(&path, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("各单位等次分布"), "{chart}");
    let score = rows[2].iter().position(|c| *c == Data::Float(100.0));
    assert!(score.is_some(), "scores are numbers: {:?}", rows[2]);
}

#[test]
fn chinese_tables_have_chinese_labels() {
    let (env, _) = env_with_formula_name();
    let out = env.ok(&["--lang", "zh", "personnel", "list"]);
    for word in ["人员名册", "身份证号", "工作人员", "在编在岗", "公务员/参公", "在册"] {
        assert!(out.contains(word), "{word}: {out}");
    }
    for word in ["staff", "in establishment", "civil servant", "current"] {
        assert!(!out.contains(word), "{word}: {out}");
    }
    let out = env.cmd().env("LANG", "zh_CN.UTF-8").args(["personnel", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("人员名册"));
}

#[test]
fn json_uses_stable_keys() {
    let (env, _) = env_with_formula_name();
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["--lang", "zh", "--format", "json", "personnel", "list"])).unwrap();
    assert_eq!(rows[0]["position"], "staff");
    assert_eq!(rows[0]["status"], "active");
    assert_eq!(rows[0]["filed"], false);
}

#[test]
fn help_lists_the_command_groups_in_the_chosen_language() {
    let env = Env::empty();
    let zh = env.ok(&["--lang", "zh", "--help"]);
    assert!(zh.contains("创建数据库及第一个中心") && zh.contains("进驻人员管理"), "{zh}");
    let by_env = env.cmd().env("JINZHU_LANG", "zh").arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&by_env.stdout).contains("中心审批请销假"));
    let en = env.ok(&["--help"]);
    assert!(en.contains("create the database and its first center"), "{en}");
}

#[test]
fn every_command_and_flag_is_described_in_the_chosen_language() {
    let env = Env::empty();
    let zh = env.ok(&["--lang", "zh", "personnel", "import", "--help"]);
    assert!(
        zh.contains("全部导入或全部不导入") && zh.contains("CSV 文件的文字编码") && zh.contains("不写入任何数据"),
        "{zh}"
    );
    let by_env = env.cmd().env("JINZHU_LANG", "zh").args(["report", "audit", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&by_env.stdout).contains("只列此日及以后的变更"));
    let en = env.ok(&["--lang", "en", "personnel", "import", "--help"]);
    assert!(en.contains("all rows or none") && en.contains("Text encoding of a CSV file"), "{en}");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    let env = Env::new();
    let mut csv = String::from("id_number,name,unit,position,establishment,category,joined_unit,work_start\n");
    for i in 0..900 {
        csv.push_str(&format!(
            "{},某{i},SCJG,staff,in,civil-servant,2018-07-01,2015-07-01\n",
            id_born("1990-01-01", i)
        ));
    }
    let file = env.write("many.csv", csv);
    env.ok(&["personnel", "import", file.to_str().unwrap()]);
    for format in ["csv", "json", "table"] {
        let mut child = env
            .std_cmd()
            .args(["--format", format, "report", "audit"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("Broken pipe"), "{format}");
    }
}

#[test]
fn the_operator_is_the_login_name_even_without_user_in_the_environment() {
    let env = Env::new();
    let out = env
        .std_cmd()
        .env_remove("JINZHU_OPERATOR")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .args(["unit", "add", "GA", "--name", "区公安局"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let operator: String =
        env.conn().query_row("SELECT operator FROM audit ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(operator != "unknown" && !operator.is_empty(), "{operator}");
}

#[test]
fn a_dry_run_says_what_it_would_do() {
    let env = Env::new();
    let out = env.cmd().args(["--dry-run", "unit", "add", "GA", "--name", "区公安分局"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("would create unit GA") && !err.contains("created unit"), "{err}");
    let out =
        env.cmd().args(["--dry-run", "unit", "volume", "SCJG", "--month", "2026-10", "--cases", "5"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("would have 5 cases"));
    let zh =
        env.cmd().args(["--lang", "zh", "--dry-run", "unit", "add", "GA", "--name", "区公安分局"]).output().unwrap();
    assert!(String::from_utf8_lossy(&zh.stderr).contains("将创建"));
    assert_eq!(env.count("unit"), 2);
}

#[test]
fn man_pages_are_written_for_every_command() {
    let env = Env::empty();
    let dir = env.path("man1");
    env.ok(&["man", dir.to_str().unwrap()]);
    let pages: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(pages.len() > 80 && pages.contains(&"jinzhu.1".to_string()), "{pages:?}");
    let page = std::fs::read_to_string(dir.join("jinzhu-leave-request.1")).unwrap();
    assert!(page.contains("jinzhu leave request") && page.contains("First day of the leave"), "{page}");
}

#[test]
fn readers_get_unit_names_totals_and_one_line_for_an_empty_group() {
    let env = Env::new();
    let p = staff(&env, 1);
    station(&env, &p, "2026-01-05");
    let show = json(&env, &["personnel", "show", &p]);
    assert_eq!(show["person"]["unit_name"], "区市场监督管理局", "{show}");
    let funds = env.ok(&["--lang", "zh", "report", "funds", "2026", "--standard", "civil-servant=12000"]);
    assert!(funds.contains("区市场监督管理局") && funds.contains("合计"), "{funds}");
    let funds_json = json(&env, &["report", "funds", "2026", "--standard", "civil-servant=12000"]);
    assert!(funds_json.as_array().unwrap().iter().all(|r| r["unit"] != "total"), "no totals row in JSON: {funds_json}");
    let compliance = env.ok(&["--lang", "zh", "report", "compliance", "--half", "2026H2"]);
    assert!(compliance.contains("：无"), "{compliance}");
}

#[test]
fn an_exported_register_imports_back_unchanged() {
    let (env, _) = env_with_formula_name();
    let csv = env.path("export.csv");
    env.ok(&["--show-id", "personnel", "list", "--output", csv.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&csv).unwrap().contains("'=HYPERLINK"), "the CSV keeps the apostrophe");
    let before = state(&env.db);
    let out = env.ok(&["personnel", "import", csv.to_str().unwrap(), "--update"]);
    assert!(out.contains("0 inserted, 0 updated"), "{out}");
    assert_eq!(state(&env.db), before, "nothing changed");
    let list = json(&env, &["personnel", "list"]);
    assert_eq!(list[0]["name"], "=HYPERLINK(\"http://x\")");
}
