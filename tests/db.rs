//! The database: creation, guards, the audit chain and its tampering, backup, migrate.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::*;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_creates_an_owner_only_wal_database_with_its_center() {
    let env = Env::empty();
    let out = env.ok(&["init", "--center-code", "QJ", "--center-name", "黔江区政务服务中心"]);
    assert!(out.contains("QJ 黔江区政务服务中心"), "{out}");
    assert_eq!(mode(&env.db), 0o600);
    assert_eq!(env.pragma::<String>("journal_mode"), "wal");
    assert_eq!(env.pragma::<i64>("page_size"), 16_384);
    assert_eq!(env.pragma::<i32>("user_version"), jinzhu::storage::store::SCHEMA_VERSION);
    assert_eq!(env.count("center"), 1);
    // The center and the default 2026 holiday calendar.
    assert_eq!(env.count("audit"), 2);
    assert_eq!(env.count("calendar_day"), 39);
    let err = env.refused(1, &["init"]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_missing_database_exits_5_and_creates_nothing() {
    let env = Env::empty();
    for args in [&["personnel", "list"][..], &["db", "check"], &["unit", "add", "X", "--name", "Y"]] {
        let err = env.fails(5, args);
        assert!(err.contains(&format!("no database at {}; run `jinzhu init`", env.db.display())), "{err}");
        assert!(!env.db.exists());
    }
    let err = env.fails(5, &["--lang", "zh", "personnel", "list"]);
    assert!(err.contains("请先运行 `jinzhu init`"), "{err}");
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let env = Env::new();
    env.conn().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(&env.db).unwrap();
    let err = env.fails(5, &["personnel", "list"]);
    assert!(err.contains("newer jinzhu (schema 99"), "{err}");
    let err = env.fails(5, &["db", "migrate"]);
    assert!(err.contains("newer jinzhu"), "{err}");
    assert_eq!(before, std::fs::read(&env.db).unwrap());
}

#[test]
fn another_programs_database_and_a_damaged_file_exit_5() {
    let env = Env::empty();
    rusqlite::Connection::open(&env.db).unwrap().execute_batch("CREATE TABLE x (a)").unwrap();
    let err = env.fails(5, &["personnel", "list"]);
    assert!(err.contains("not a jinzhu database"), "{err}");
    std::fs::write(&env.db, b"this is not a database at all, just text written over it......").unwrap();
    let err = env.fails(5, &["personnel", "list"]);
    assert!(err.contains("damaged or not a database"), "{err}");
}

#[test]
fn db_check_passes_on_a_clean_database() {
    let env = Env::new();
    add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    let out = env.ok(&["db", "check"]);
    assert!(out.contains("ok: 5 rows"), "{out}");
}

#[test]
fn a_hand_edited_audit_row_is_detected() {
    let env = Env::new();
    add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    env.conn().execute("UPDATE audit SET operator = 'someone else' WHERE seq = 2", []).unwrap();
    let out = env.cmd().args(["db", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("broken at audit row 2") && stdout.contains("edited"), "{stdout}");
}

#[test]
fn deleted_and_truncated_audit_rows_are_detected() {
    let env = Env::new();
    add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    env.conn().execute("DELETE FROM audit WHERE seq = 2", []).unwrap();
    let out = env.cmd().args(["db", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stdout).contains("broken at audit row 3"));

    let env = Env::new();
    add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    env.conn().execute("DELETE FROM audit WHERE seq = 5", []).unwrap();
    let out = env.cmd().args(["db", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("cut off the end"), "{stdout}");
}

#[test]
fn every_write_carries_its_audit_rows_and_command_line() {
    let env = Env::new();
    env.ok(&["unit", "volume", "SCJG", "--month", "2026-03", "--cases", "1200"]);
    env.ok(&["unit", "volume", "SCJG", "--month", "2026-03", "--cases", "1300"]);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["--format", "json", "report", "audit", "--entity", "unit_volume"])).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["before"]["cases"], 1200);
    assert_eq!(rows[1]["after"]["cases"], 1300);
    assert!(rows[1]["command"].as_str().unwrap().contains("unit volume SCJG --month 2026-03 --cases 1300"));
    let since: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["--format", "json", "report", "audit", "--since", "2999-01-01"])).unwrap();
    assert!(since.is_empty());
}

#[test]
fn backup_is_consistent_owner_only_and_never_overwrites_by_accident() {
    let env = Env::new();
    add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    let copy = env.path("copy.db");
    env.ok(&["db", "backup", copy.to_str().unwrap()]);
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(state(&env.db), state(&copy));
    let check = env.cmd().args(["--db", copy.to_str().unwrap(), "db", "check"]).output().unwrap();
    assert!(check.status.success());
    let err = env.fails(1, &["db", "backup", copy.to_str().unwrap()]);
    assert!(err.contains("--force"), "{err}");
    env.ok(&["db", "backup", copy.to_str().unwrap(), "--force"]);
}

#[test]
fn migrate_on_a_current_database_says_so() {
    let env = Env::new();
    let out = env.ok(&["db", "migrate"]);
    assert!(out.contains("up to date"), "{out}");
}

#[test]
fn usage_errors_exit_2_and_bad_dates_exit_4() {
    let env = Env::new();
    env.fails(2, &["personnel", "frobnicate"]);
    env.fails(2, &["--format", "yaml", "personnel", "list"]);
    let err = env.fails(4, &["--today", "2026-02-30", "personnel", "list"]);
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn no_command_shows_the_groups_and_the_database() {
    let env = Env::new();
    let out = env.ok(&[]);
    let schema = format!("schema {}", jinzhu::storage::store::SCHEMA_VERSION);
    assert!(out.contains("personnel") && out.contains("report") && out.contains(&schema), "{out}");
}

#[test]
fn completions_are_generated() {
    let env = Env::empty();
    let out = env.ok(&["completions", "bash"]);
    assert!(out.contains("jinzhu") && out.contains("personnel"));
}

/// The schema objects of a database, whitespace-normalised, for comparing.
fn schema_of(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").unwrap();
    stmt.query_map([], |r| {
        let sql: String = r.get(1)?;
        Ok((r.get(0)?, sql.split_whitespace().collect::<Vec<_>>().join(" ")))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn an_older_database_is_refused_until_migrated_and_then_equals_a_new_one() {
    let env = Env::empty();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(include_str!("schema-v1.sql")).unwrap();
        conn.pragma_update(None, "application_id", jinzhu::storage::store::APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let err = env.fails(5, &["personnel", "list"]);
    assert!(err.contains("has schema 1") && err.contains("jinzhu db migrate"), "{err}");
    let out = env.ok(&["db", "migrate"]);
    assert!(out.contains(&format!("from schema 1 to {}", jinzhu::storage::store::SCHEMA_VERSION)), "{out}");
    env.ok(&["db", "check"]);
    env.ok(&["unit", "add", "SCJG", "--name", "区市场监督管理局"]);
    let fresh = Env::empty();
    fresh.ok(&["init"]);
    assert_eq!(schema_of(&env.db), schema_of(&fresh.db));
    // The constraints edited in place by migration 7 still hold, for a new connection.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let bad_kind = conn.execute("UPDATE unit SET kind = 'company' WHERE code = 'SCJG'", []).unwrap_err();
    assert!(bad_kind.to_string().contains("CHECK constraint failed"), "{bad_kind}");
    conn.execute("UPDATE unit SET kind = 'other' WHERE code = 'SCJG'", []).unwrap();
}

#[test]
fn schema_15_keeps_a_stationings_date_rule_and_keys_for_writes_behind_jinzhus_back() {
    let env = Env::new();
    let person = add_person(&env, &id_born("1990-01-01", 1), "甲", &[]);
    let id = station(&env, &person, "2026-03-01");
    back_to_schema_14(&env.conn());
    let out = env.ok(&["db", "migrate"]);
    assert!(out.contains("from schema 14 to 15"), "{out}");
    let fresh = Env::empty();
    fresh.ok(&["init"]);
    assert_eq!(schema_of(&env.db), schema_of(&fresh.db));
    let conn = env.conn();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    // Ended earlier than the day before it started: refused, as the CHECK did.
    let early = "UPDATE assignment SET status = 'ended', ended_on = '2026-02-27' WHERE id = ?1";
    let err = conn.execute(early, [&id]).unwrap_err();
    assert!(err.to_string().contains("ends at the earliest the day before it starts"), "{err}");
    conn.execute("UPDATE assignment SET status = 'ended', ended_on = '2026-02-28' WHERE id = ?1", [&id]).unwrap();
    // Not inserted ended; and a term of no stationing fails at the commit.
    let ended =
        "INSERT INTO assignment (person_id, center_id, unit_id, review, proposed_start, status, started_on, ended_on)
        SELECT person_id, center_id, unit_id, review, proposed_start, 'ended', started_on, ended_on FROM assignment";
    assert!(conn.execute(ended, []).unwrap_err().to_string().contains("not inserted ended"));
    conn.execute_batch(
        "BEGIN; INSERT INTO term (assignment_id, seq, start, end) VALUES (999, 1, '2026-01-01', '2029-01-01');",
    )
    .unwrap();
    let commit = conn.execute_batch("COMMIT").unwrap_err();
    assert!(commit.to_string().contains("FOREIGN KEY constraint failed"), "{commit}");
}

/// A current database in a file with SQLite's default 4 KiB pages, as files made before
/// 16 KiB pages are.
fn small_page_database() -> Env {
    let env = Env::new();
    let conn = env.conn();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "page_size", 4096).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    drop(conn);
    assert_eq!(env.pragma::<i64>("page_size"), 4096);
    env
}

#[test]
fn compact_gives_an_older_file_16_kib_pages_and_keeps_every_record() {
    let env = small_page_database();
    staff(&env, 1);
    let before = state(&env.db);
    let audit_rows = env.count("audit");

    let dry = env.ok(&["--dry-run", "db", "compact"]);
    assert!(dry.contains("would be rewritten with pages of 16384 bytes (now 4096"), "{dry}");
    assert_eq!((env.pragma::<i64>("page_size"), env.count("audit")), (4096, audit_rows));

    let out = env.ok(&["db", "compact"]);
    assert!(out.contains("pages of 4096 -> 16384 bytes"), "{out}");
    assert_eq!(env.pragma::<i64>("page_size"), 16_384);
    assert_eq!(env.pragma::<String>("journal_mode"), "wal");
    assert_eq!(env.count("audit"), audit_rows + 1, "the compaction is audited");
    let audit = env.ok(&["report", "audit", "--entity", "database"]);
    assert!(audit.contains("compact"), "{audit}");
    env.ok(&["db", "check"]);
    // Every record is as it was; only the audit trail (and its head in meta) grew, with
    // the check's checkpoint and the record of writes since.
    let bookkeeping = ["audit\n", "meta\n", "check_point\n", "touched\n", "sqlite_sequence\n"];
    let records =
        |s: String| s.split("== ").filter(|t| !bookkeeping.iter().any(|b| t.starts_with(b))).collect::<String>();
    assert_eq!(records(state(&env.db)), records(before));
}

#[test]
fn compact_is_refused_while_another_process_has_the_file_open() {
    let env = small_page_database();
    let before = state(&env.db);
    let other = env.conn();
    let _: i64 = other.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap();
    let err = env.fails(5, &["db", "compact"]);
    assert!(err.contains("`db compact` needs it alone"), "{err}");
    drop(other);
    assert_eq!((env.pragma::<i64>("page_size"), state(&env.db)), (4096, before));
}
