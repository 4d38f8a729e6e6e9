//! The benchmark's data path, small and fast, so that the bench cannot rot: the synthetic
//! generator's files go through every import and the month close.

mod common;

use common::*;

fn synth() -> std::path::PathBuf {
    // `cargo test` builds the examples next to the test binaries; a filtered run may not.
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().unwrap().parent().unwrap().join("examples").join("synth");
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = std::process::Command::new(cargo).args(["build", "--example", "synth"]).status().unwrap();
        assert!(built.success());
    }
    path
}

#[test]
fn generated_data_imports_end_to_end() {
    let env = Env::empty();
    let out = env.path("synth");
    let status = std::process::Command::new(synth())
        .args(["--staff", "60", "--units", "4", "--year", "2026", "--months", "1", "--seed", "7"])
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let file = |name: &str| out.join(name).to_str().unwrap().to_string();
    env.ok(&["init"]);
    env.ok(&["unit", "import", &file("units.csv")]);
    // Large files are imported as bulk writes (rollback journal); --bulk takes that path
    // with these small ones.
    assert!(env.ok(&["personnel", "import", "--bulk", &file("personnel.csv")]).contains("60 inserted"));
    assert!(env.ok(&["assign", "import", &file("assignments.csv")]).contains("60 inserted"));
    every_record_written_is_touched(&env);
    env.ok(&["appraise", "rules", "import", &file("rulebook.json")]);
    let events = std::fs::read_to_string(file("events.csv")).unwrap();
    let rows = events.lines().count() - 1;
    let times: u32 = events.lines().skip(1).map(|l| l.split(',').nth(3).unwrap().parse::<u32>().unwrap()).sum();
    assert_eq!(times, 600, "10 occurrences a person");
    let imported = env.ok(&["appraise", "import", "--bulk", &file("events.csv")]);
    assert!(imported.contains(&format!("{rows} inserted")), "{imported}");
    assert!(env.ok(&["appraise", "reviews", &file("reviews.csv")]).contains("180 inserted"));
    let out = env.ok(&["appraise", "month", "2026-01", "--close", "--count-unverified"]);
    assert!(out.contains("60 persons"), "{out}");
    env.ok(&["db", "check"]);
    assert_eq!(env.pragma::<String>("journal_mode"), "wal");
    // Deterministic for a seed.
    let again = env.path("again");
    std::process::Command::new(synth())
        .args(["--staff", "60", "--units", "4", "--year", "2026", "--months", "1", "--seed", "7", "--out"])
        .arg(&again)
        .status()
        .unwrap();
    for name in ["personnel.csv", "assignments.csv", "events.csv", "reviews.csv"] {
        assert_eq!(std::fs::read(out_path(&env, name)).unwrap(), std::fs::read(again.join(name)).unwrap(), "{name}");
    }
}

/// The imports write with their triggers off and owe `touched` what the triggers would
/// have written: each record of each table they wrote, and nothing else.
fn every_record_written_is_touched(env: &Env) {
    let conn = env.conn();
    let tables = [
        ("person", "id"),
        ("assignment", "id"),
        ("approval", "assignment_id"),
        ("stationing_exception", "assignment_id"),
        ("term", "assignment_id"),
    ];
    for (table, key) in tables {
        let records = format!("SELECT DISTINCT CAST({key} AS TEXT) FROM {table}");
        let touched = format!("SELECT entity_id FROM touched WHERE tbl = '{table}'");
        let count = |sql: String| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM ({sql})"), [], |r| r.get(0)).unwrap()
        };
        assert!(count(records.clone()) > 0, "{table} was written");
        assert_eq!(count(format!("{records} EXCEPT {touched}")), 0, "{table}: a record written and not touched");
        assert_eq!(count(format!("{touched} EXCEPT {records}")), 0, "{table}: touched and not written");
    }
}

fn out_path(env: &Env, name: &str) -> std::path::PathBuf {
    env.path("synth").join(name)
}

#[test]
fn assign_import_applies_every_stationing_rule_and_reports_all_bad_rows() {
    let env = Env::new();
    let ok = id_born("1990-01-01", 1);
    add_person(&env, &ok, "甲", &[]);
    let old = id_born("1970-01-01", 2);
    add_person(&env, &old, "乙", &[]);
    let organ_out = id_born("1995-05-05", 3);
    add_person(&env, &organ_out, "丙", &["--establishment", "out", "--category", "other"]);
    let header = "id_number,start,center,window,center_doc,org_dept_doc,gsmo_doc,approved_on,exception";
    let bad = env.write(
        "roster.csv",
        format!(
            "{header}\n{ok},2026-03-01,,1号窗口,C1,O1,,,\n{old},2026-03-01,,,C2,O2,,,\n{organ_out},2026-03-01,,,C3,,,,择优\n{ok},2026-13-01,,,C4,O4,,,\n110105194912310021,2026-03-01,,,C5,O5,,,\n"
        ),
    );
    let err = env.refused(4, &["assign", "import", bad.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("[ART6-AGE]"), "{err}");
    assert!(err.contains("row 4") && err.contains("gsmo_doc") || err.contains("row 4, column G"), "{err}");
    assert!(err.contains("row 5") && err.contains("not a date"), "{err}");
    assert!(err.contains("row 6") && err.contains("no person"), "{err}");
    assert!(!err.contains("row 2,"), "{err}");
    let good = env.write(
        "good.csv",
        format!("{header}\n{ok},2026-03-01,,1号窗口,C1,O1,,,\n{old},2026-03-01,,,C2,O2,,2026-02-20,业务骨干\n{organ_out},2026-03-01,,,C3,,G3,,择优\n"),
    );
    let audit_rows = env.count("audit");
    assert!(env.ok(&["assign", "import", good.to_str().unwrap()]).contains("3 inserted"));
    let rows = json(&env, &["assign", "list", "--status", "active"]);
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[2]["review"], "collective");
    assert_eq!(rows[1]["exceptions"], "ART6-AGE");
    // Audited by the batch: one row for the import, none per step of each stationing.
    assert_eq!(env.count("audit"), audit_rows + 1);
    let id = rows[1]["id"].as_i64().unwrap().to_string();
    let history = json(&env, &["report", "audit", "--entity", "assignment", "--id", &id]);
    assert_eq!((history.as_array().unwrap().len(), history[0]["entity"].as_str()), (1, Some("import")), "{history}");
    env.ok(&["db", "check"]);
    // Changed behind jinzhu's back, the stationing is named; changed by jinzhu since, not.
    env.conn().execute("UPDATE assignment SET window = '9号窗口' WHERE id = ?1", [&id]).unwrap();
    let out = env.cmd().args(["db", "check"]).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(5), "{table}");
    assert!(table.contains(&format!("assignment {id}: is not the record its import created")), "{table}");
    env.conn().execute("UPDATE assignment SET window = NULL WHERE id = ?1", [&id]).unwrap();
    let other = rows[0]["id"].as_i64().unwrap().to_string();
    let end = [
        "--date",
        "2026-11-20",
        "--reason",
        "单位调整",
        "--letter",
        "黔江市监函〔2026〕3号",
        "--reply",
        "黔江政务函〔2026〕9号",
    ];
    env.ok(&[&["assign", "end", &other][..], &end[..]].concat());
    env.ok(&["db", "check", "--full"]);
}

#[test]
fn assign_import_sees_the_rows_before_it_and_what_is_stationed_already() {
    let env = Env::new();
    let first = id_born("1990-01-01", 1);
    add_person(&env, &first, "甲", &[]);
    let second = id_born("1991-01-01", 2);
    add_person(&env, &second, "乙", &[]);
    let header = "id_number,start,center,window,center_doc,org_dept_doc,gsmo_doc,approved_on,exception";
    // The same person twice in one file: the second row finds the first's stationing open.
    let twice =
        env.write("twice.csv", format!("{header}\n{first},2026-03-01,,,C1,O1,,,\n{first},2026-04-01,,,C2,O2,,,\n"));
    let err = env.refused(4, &["assign", "import", twice.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("[ART11-TERM]") && !err.contains("row 2,"), "{err}");
    let one = env.write("one.csv", format!("{header}\n{first},2026-03-01,,,C1,O1,,,\n"));
    assert!(env.ok(&["assign", "import", one.to_str().unwrap()]).contains("1 inserted"));
    // A later file: the one stationed already is refused, by the same rule, and nothing is written.
    let again =
        env.write("again.csv", format!("{header}\n{second},2026-03-01,,,C3,O3,,,\n{first},2026-05-01,,,C4,O4,,,\n"));
    let err = env.refused(4, &["assign", "import", again.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("[ART11-TERM]") && !err.contains("row 2,"), "{err}");
    env.ok(&["db", "check", "--full"]);
}
