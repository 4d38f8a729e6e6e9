//! Hostile input (issue 16): text that would change the terminal or hide itself is
//! refused where it is stored, and shown inert where it can still appear.

mod common;

use common::*;

#[test]
fn hidden_characters_are_refused_in_codes_names_and_the_operator() {
    let env = Env::new();
    let err = env.refused(4, &["unit", "add", "G\u{200b}A", "--name", "某局"]);
    assert!(err.contains("code") && err.contains("\\u{200b} at position 2"), "{err}");
    let err = env.refused(4, &["unit", "add", "GA", "--name", "区\u{202e}局"]);
    assert!(err.contains("name") && err.contains("\\u{202e}"), "{err}");
    let err = env.refused(4, &["--operator", "admin\u{1b}[2J", "unit", "add", "GA", "--name", "区公安局"]);
    assert!(err.contains("operator") && err.contains("\\u{1b}"), "{err}");
    assert!(!err.contains('\u{1b}'), "the escape itself never reaches the terminal");
}

#[test]
fn old_rows_and_echoed_values_are_shown_escaped() {
    let env = Env::new();
    // A row written before these checks (or behind jinzhu's back).
    env.conn().execute("UPDATE unit SET name = 'x\u{1b}]0;owned\u{7}' WHERE code = 'BDC'", []).unwrap();
    for format in ["table", "csv", "json"] {
        let out = env.ok(&["--format", format, "unit", "list"]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{format}: {out}");
        assert!(out.contains("\\u{1b}"), "{format}: {out}");
    }
    let err = env.fails(4, &["unit", "show", "\u{1b}[31mSCJG"]);
    assert!(!err.contains('\u{1b}') && err.contains("\\u{1b}"), "{err}");
}

#[test]
fn rule_book_figures_are_finite_and_bounded() {
    let env = Env::new();
    let book = std::fs::read_to_string(rulebook_path()).unwrap();
    let late = "\"points\": -1, \"cap\": 10, \"article\": 21, \"attendance\": true";
    assert!(book.contains(late));
    for (points, field) in [("-1e308", "points"), ("0", "points"), ("-1, \"cap\": 1e308, \"x\": 0", "cap")] {
        let text = book.replace(late, &format!("\"points\": {points}, \"cap\": 10, \"article\": 21"));
        let text = text.replace(", \"x\": 0, \"cap\": 10", "");
        let file = env.write("book.json", text);
        let err = env.refused(4, &["appraise", "rules", "import", file.to_str().unwrap()]);
        assert!(err.contains("item LATE") && err.contains(&format!("{field} is out of bounds")), "{points}: {err}");
    }
}

#[test]
fn a_calendar_import_cannot_change_a_closed_month() {
    let env = Env::new();
    import_rulebook(&env);
    env.ok(&["--today", "2026-11-02", "appraise", "month", "2026-10", "--close"]);
    // The same schedule again changes nothing, and is taken.
    let same = env.write(
        "same.csv",
        std::fs::read_to_string(rulebook_path().replace("rulebook.json", "holidays-2026.csv")).unwrap(),
    );
    env.ok(&["leave", "holidays", "import", same.to_str().unwrap()]);
    // National Day moved: 2026-10-05 becomes a working day.
    let text = std::fs::read_to_string(&same).unwrap().replace("2026-10-05,holiday", "2026-10-05,workday");
    let moved = env.write("moved.csv", text);
    let err = env.refused(3, &["leave", "holidays", "import", moved.to_str().unwrap()]);
    assert!(err.contains("[ART21-MONTHLY]") && err.contains("2026-10-05"), "{err}");
}

#[test]
fn outputs_replace_a_symlink_at_their_target_and_never_follow_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let victim = env.write("victim.txt", "precious");
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    for name in ["out.csv", "out.json", "out.xlsx"] {
        let out = env.path(name);
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        env.ok(&["unit", "list", "--output", out.to_str().unwrap()]);
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(!meta.file_type().is_symlink(), "{name}");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::metadata(&victim).unwrap().permissions().mode() & 0o777, 0o644);
    let backup = env.path("copy.db");
    std::os::unix::fs::symlink(&victim, &backup).unwrap();
    env.ok(&["db", "backup", backup.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("jinzhu-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn huge_lines_and_floods_of_bad_rows_stop_cleanly() {
    let env = Env::new();
    let header = "id_number,name,unit,position,establishment,category,joined_unit,work_start\n";
    let endless = env.write("endless.csv", format!("{header}{}", "x".repeat(3 << 20)));
    let err = env.refused(4, &["personnel", "import", endless.to_str().unwrap()]);
    assert!(err.contains("without a line break"), "{err}");
    // 3,000 rows, each with two bad values: counted as rows, a thousand values shown.
    let mut flood = String::from(header);
    for i in 0..3000 {
        flood.push_str(&format!("bad{i},某,NOPE,staff,in,civil-servant,2018-07-01,2015-07-01\n"));
    }
    let file = env.write("flood.csv", flood);
    let err = env.refused(4, &["personnel", "import", file.to_str().unwrap()]);
    assert!(err.starts_with("3000 bad row(s)"), "{}", &err[..200]);
    assert!(err.contains("showing the first 500 of 3000 bad rows"), "{}", &err[err.len() - 200..]);
    assert!(err.lines().count() < 1100, "{} lines", err.lines().count());
}

/// A valid register workbook with a header row, as rust_xlsxwriter writes it.
fn workbook(env: &Env, name: &str, far_cell: Option<(u32, u16)>) -> std::path::PathBuf {
    let path = env.path(name);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, h) in ["id_number", "name", "unit", "position", "establishment", "category", "joined_unit", "work_start"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    if let Some((row, col)) = far_cell {
        sheet.write_string(row, col, "x").unwrap();
    }
    book.save(&path).unwrap();
    path
}

/// The workbook at `path` with one entry's content replaced.
fn with_entry(path: &std::path::Path, out: &std::path::Path, entry: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == entry {
            data = edit(data);
            found = true;
        }
        writer.start_file(name, options).unwrap();
        writer.write_all(&data).unwrap();
    }
    assert!(found, "{entry}");
    writer.finish().unwrap();
}

#[test]
fn hostile_workbooks_are_refused_before_they_are_read() {
    let env = Env::new();
    let far = workbook(&env, "far.xlsx", Some((1_048_575, 16_383)));
    assert!(std::fs::metadata(&far).unwrap().len() < 20_000);
    let err = env.refused(4, &["personnel", "import", far.to_str().unwrap()]);
    assert!(err.contains("reaches row 1048576, column 16384"), "{err}");
    let near = workbook(&env, "near.xlsx", Some((5, 40)));
    let strings = env.path("strings.xlsx");
    with_entry(&near, &strings, "xl/sharedStrings.xml", |xml| {
        let text = String::from_utf8(xml).unwrap();
        let start = text.find("count=\"").unwrap();
        let end = start + 7 + text[start + 7..].find('"').unwrap();
        format!("{}count=\"4294967295{}", &text[..start], &text[end..]).into_bytes()
    });
    let err = env.refused(4, &["personnel", "import", strings.to_str().unwrap()]);
    assert!(err.contains("declares 4294967295 shared strings"), "{err}");
    let bomb = env.path("bomb.xlsx");
    with_entry(&near, &bomb, "xl/worksheets/sheet1.xml", |mut xml| {
        xml.extend(std::iter::repeat_n(b' ', 8 << 20));
        xml
    });
    assert!(std::fs::metadata(&bomb).unwrap().len() < 100_000);
    let err = env.refused(4, &["personnel", "import", bomb.to_str().unwrap()]);
    assert!(err.contains("sheet1.xml would unpack to 8 MiB"), "{err}");
}

#[test]
fn frozen_tables_refuse_changes_made_behind_jinzhus_back() {
    let env = Env::new();
    import_rulebook(&env);
    let p = staff(&env, 7);
    station(&env, &p, "2026-01-05");
    env.ok(&["--today", "2026-02-01", "appraise", "month", "2026-01", "--close"]);
    let conn = env.conn();
    for sql in [
        "DELETE FROM monthly_result",
        "UPDATE monthly_result SET score = 100",
        "DELETE FROM month_close",
        "UPDATE month_close SET closed_on = '2026-01-31'",
        "UPDATE rule_item SET points = 0 WHERE code = 'LATE'",
        "DELETE FROM rule_item",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("ART21-MONTHLY"), "{sql}: {err}");
    }
}

#[test]
fn a_utf8_file_said_to_be_gb18030_and_a_known_person_are_named_without_damage() {
    let env = Env::new();
    let p = staff(&env, 8);
    let file = env.write("utf8.csv", format!("{}\n", person_row(&id_born("1992-03-03", 9), "王五", "SCJG")));
    let header = "id_number,name,unit,position,establishment,category,joined_unit,work_start\n";
    std::fs::write(&file, format!("{header}{}", std::fs::read_to_string(&file).unwrap())).unwrap();
    let err = env.refused(4, &["personnel", "import", file.to_str().unwrap(), "--encoding", "gb18030"]);
    assert!(err.contains("the file is UTF-8, not GB18030"), "{err}");
    let err = env.refused(4, &add_args(&p, "又一个", &[]));
    assert!(err.contains("already registered") && !err.contains(&p), "the full ID number stays off stderr: {err}");
}
