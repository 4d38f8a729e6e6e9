//! The tamper suite: changes made behind jinzhu's back, with the sqlite3 shell's powers
//! (triggers dropped and put back, the chain re-made), to every kind of record, the frozen
//! months and years, the schema and the audit chain itself. `db check` must exit 5 and
//! name the place each time.

mod common;

use common::Env;
use jinzhu::storage::audit::{AuditRow, rows};
use jinzhu::storage::key::AuditKey;
use rusqlite::Connection;

/// The demo's database, built once: every kind of record, closed months and a closed
/// year. Tests tamper with copies of it.
fn demo() -> &'static Env {
    static DEMO: std::sync::OnceLock<Env> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let env = Env::empty();
        env.ok(&["--today", "2027-01-20", "demo"]);
        env.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        env
    })
}

/// A copy of `base` to tamper with, sharing its key.
fn copy_of(base: &Env) -> Env {
    let env = Env::empty();
    std::fs::copy(&base.db, &env.db).unwrap();
    std::fs::copy(base.key_file(), env.key_file()).unwrap();
    env
}

/// The triggers whose names are LIKE `pattern`: (name, the SQL that makes it again).
fn triggers_named(conn: &Connection, pattern: &str) -> Vec<(String, String)> {
    conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?1")
        .unwrap()
        .query_map([pattern], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Runs `sql` as someone with the file and the sqlite3 shell would: the triggers dropped
/// for the change and put back as they were, so that only the change itself remains.
fn behind_the_back(env: &Env, sql: &str) {
    let conn = env.conn();
    let triggers = triggers_named(&conn, "%");
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    conn.execute("INSERT INTO meta (key, value) VALUES ('tampered', ?1)", [sql]).unwrap();
    for (_, create) in &triggers {
        conn.execute_batch(create).unwrap();
    }
}

/// `db check` on the tampered copy: exit 5, its table as text.
fn found(env: &Env, extra: &[&str]) -> String {
    let mut args = vec!["db", "check"];
    args.extend_from_slice(extra);
    let out = env.cmd().args(&args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let sql: Vec<String> = env
        .conn()
        .prepare("SELECT value FROM meta WHERE key = 'tampered'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{args:?} after {sql:?} should fail: {stdout}");
    stdout
}

fn one(conn: &Connection, sql: &str) -> String {
    conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Integer(n) => n.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn every_kind_of_record_changed_behind_the_back_is_named() {
    let base = demo();
    base.ok(&["db", "check"]);
    let conn = base.conn();
    let bad_review = one(&conn, "SELECT min(id) FROM review WHERE grade <= 2");
    let event = one(&conn, "SELECT min(id) FROM appraisal_event WHERE source = 'manual'");
    let volume =
        one(&conn, "SELECT u.code || '/' || v.month FROM unit_volume v JOIN unit u ON u.id = v.unit_id LIMIT 1");
    let month = one(&conn, "SELECT max(month) FROM month_close");
    let year = one(&conn, "SELECT year || '/' || center_id FROM year_appraisal WHERE closed_on IS NOT NULL");
    let rulebook = one(&conn, "SELECT effective FROM rulebook LIMIT 1");
    let person = one(&conn, "SELECT min(id) FROM person");
    let loose = one(&conn, "SELECT max(id) FROM person WHERE id NOT IN (SELECT person_id FROM assignment)");
    let other_unit =
        one(&conn, &format!("SELECT min(id) FROM unit WHERE id <> (SELECT unit_id FROM person WHERE id = {person})"));
    drop(conn);
    let cases: Vec<(String, String)> = vec![
        ("UPDATE leave SET reason = 'x' WHERE id = 1".into(), "leave 1: differs".into()),
        ("DELETE FROM leave WHERE id = 2".into(), "leave 2: is in the audit trail but not".into()),
        (
            "INSERT INTO leave (person_id, assignment_id, type, from_date, to_date, reason, status, requested_on)
             SELECT person_id, assignment_id, type, from_date, to_date, reason, 'pending', requested_on FROM leave WHERE id = 1"
                .into(),
            ": has no audit row".into(),
        ),
        (format!("UPDATE review SET grade = 5 WHERE id = {bad_review}"), format!("review {bad_review}: differs")),
        (format!("UPDATE appraisal_event SET times = times + 1 WHERE id = {event}"), format!("appraisal_event {event}: differs")),
        (
            format!("INSERT INTO event_void (event_id, date, reason, operator, voided_on) SELECT id, date, 'x', 'x', date FROM appraisal_event WHERE id = {event}"),
            format!("appraisal_event {event}: differs"),
        ),
        ("UPDATE event_correction SET points = 9".into(), "event_correction 1: differs".into()),
        (
            format!("UPDATE unit_volume SET cases = cases + 1 WHERE month || '' = '{}'", volume.split('/').nth(1).unwrap()),
            "unit_volume ".into(),
        ),
        ("UPDATE unit_incident SET note = 'x' WHERE id = 1".into(), "incident 1: differs".into()),
        ("INSERT INTO calendar_day (date, kind, name) VALUES ('2026-03-02', 'holiday', 'x')".into(), "calendar 2026: differs".into()),
        ("UPDATE chief SET doc = 'x' WHERE id = 1".into(), "chief 1: differs".into()),
        ("UPDATE reassignment SET letter = 'x' WHERE id = 1".into(), "reassignment 1: differs".into()),
        (
            format!("UPDATE person SET unit_id = {other_unit} WHERE id = {person}"),
            format!("person {person}: is not the record its import created"),
        ),
        (format!("DELETE FROM person WHERE id = {loose}"), format!("person {loose}: is in the audit trail but not")),
        (
            "UPDATE import_fingerprint SET hashes = zeroblob(length(hashes)) WHERE import_id = 1 AND block = 0".into(),
            "import 1: differs".into(),
        ),
        ("UPDATE import_batch SET file = 'other.csv'".into(), "import 1: differs".into()),
        ("UPDATE leave_type SET counting = 'calendar' WHERE type = 'annual'".into(), "leave_type annual: differs".into()),
        (
            format!("UPDATE rule_item SET points = points - 1 WHERE rulebook_id = (SELECT id FROM rulebook WHERE effective = '{rulebook}') AND code = (SELECT min(code) FROM rule_item)"),
            format!("rulebook {rulebook}: differs"),
        ),
        (
            format!("UPDATE monthly_result SET score = score + 1 WHERE month = '{month}' AND person_id = (SELECT min(person_id) FROM monthly_result WHERE month = '{month}')"),
            format!("month {month}: differs"),
        ),
        (
            format!("DELETE FROM monthly_result WHERE month = '{month}'; DELETE FROM window_result WHERE month = '{month}'; DELETE FROM award WHERE month = '{month}'; DELETE FROM month_close WHERE month = '{month}'"),
            format!("month {month}: is in the audit trail but not"),
        ),
        (
            format!("UPDATE annual_result SET grade = 'excellent' WHERE grade <> 'excellent' AND year || '/' || center_id = '{year}' AND rowid = (SELECT min(rowid) FROM annual_result WHERE grade <> 'excellent')"),
            format!("year {year}: differs"),
        ),
    ];
    for (sql, expected) in cases {
        let env = copy_of(base);
        behind_the_back(&env, &sql);
        let out = found(&env, &[]);
        assert!(out.contains(&expected), "{sql}\nexpected {expected:?} in:\n{out}");
    }
}

/// Written with the triggers in place, as the sqlite3 shell would: the check after the
/// checkpoint reads only what was written since, and finds it.
#[test]
fn a_change_since_the_checkpoint_is_found_without_reading_everything() {
    let base = demo();
    base.ok(&["db", "check"]);
    let cases = [
        ("UPDATE leave SET reason = 'x' WHERE id = 1", "leave 1: differs"),
        ("DELETE FROM leave WHERE id = 2", "leave 2: is in the audit trail but not"),
        (
            "PRAGMA foreign_keys = OFF; UPDATE leave SET person_id = 999999 WHERE id = 3",
            "leave row 3 points to a missing person",
        ),
        ("UPDATE person SET phone = '13800000000' WHERE id = 3", "person 3: is not the record its import created"),
        (
            "INSERT INTO unit_incident (unit_id, article, date, note) SELECT unit_id, article, date, 'x' FROM unit_incident LIMIT 1",
            ": has no audit row",
        ),
    ];
    for (sql, expected) in cases {
        let env = copy_of(base);
        env.conn().execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let out = env.cmd().args(["db", "check"]).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(5), "{sql}: {stdout}");
        assert!(stdout.contains(expected), "{sql}: {stdout}");
        assert!(stdout.contains("after checkpoint"), "read from the checkpoint: {stdout}");
    }
}

#[test]
fn the_schema_is_compared_with_schema_sql() {
    let base = demo();
    let env = copy_of(base);
    env.conn().execute_batch("DROP TRIGGER month_close_frozen_delete").unwrap();
    let out = found(&env, &[]);
    assert!(out.contains("trigger month_close_frozen_delete is missing"), "{out}");
    let env = copy_of(base);
    env.conn().execute_batch("CREATE TRIGGER quiet AFTER INSERT ON leave BEGIN SELECT 1; END").unwrap();
    assert!(found(&env, &[]).contains("trigger quiet is not in schema.sql"));
}

/// Re-makes the chain from its first row with `key`, as an attacker holding a key would.
fn rechain(conn: &Connection, key: &AuditKey) {
    let mut prev = jinzhu::storage::audit::GENESIS.to_string();
    for mut row in rows(conn, None, None, None).unwrap() {
        row.prev_hash = prev.clone();
        let hash = AuditRow::expected_hash(&row, Some(key));
        conn.execute(
            "UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![row.seq, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
    let last: i64 = conn.query_row("SELECT max(seq) FROM audit", [], |r| r.get(0)).unwrap();
    conn.execute("UPDATE meta SET value = ?1 WHERE key = 'audit_head'", [format!("{last}:{prev}")]).unwrap();
}

/// A person renamed, with the audit rows rewritten to say it was always so: its own rows,
/// and, as an import created it, its fingerprint and the import's digest (in the batch
/// and in the import's audit row), the frozen tables' triggers dropped and put back.
fn rewrite_history(conn: &Connection) {
    conn.execute_batch(
        "UPDATE person SET name = '改名' WHERE id = 1;
         UPDATE audit SET after = json_set(after, '$.name', '改名') WHERE entity = 'person' AND entity_id = '1';",
    )
    .unwrap();
    let person = jinzhu::domain::personnel::audited_json(conn, "1").unwrap();
    let unit: i64 = conn.query_row("SELECT unit_id FROM person WHERE id = 1", [], |r| r.get(0)).unwrap();
    let fingerprint = jinzhu::storage::batch::fingerprint(&person, &[], Some(unit));
    let (import, first): (i64, i64) = conn
        .query_row(
            "SELECT id, first_id FROM import_batch WHERE entity = 'person' AND first_id <= 1 AND last_id >= 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut blocks: Vec<Vec<u8>> = conn
        .prepare("SELECT hashes FROM import_fingerprint WHERE import_id = ?1 ORDER BY block")
        .unwrap()
        .query_map([import], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let at = usize::try_from(1 - first).unwrap() * fingerprint.len();
    blocks[0][at..at + fingerprint.len()].copy_from_slice(&fingerprint);
    let digest = common::sha256_hex(&blocks.concat());
    let frozen = triggers_named(conn, "import_%_frozen_%");
    frozen.iter().for_each(|(name, _)| conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap());
    conn.execute(
        "UPDATE import_fingerprint SET hashes = ?2 WHERE import_id = ?1 AND block = 0",
        rusqlite::params![import, blocks[0]],
    )
    .unwrap();
    conn.execute("UPDATE import_batch SET digest = ?2 WHERE id = ?1", rusqlite::params![import, digest]).unwrap();
    conn.execute(
        "UPDATE audit SET after = json_set(after, '$.digest', ?2) WHERE entity = 'import' AND entity_id = ?1",
        rusqlite::params![import.to_string(), digest],
    )
    .unwrap();
    frozen.iter().for_each(|(_, sql)| conn.execute_batch(sql).unwrap());
}

#[test]
fn history_re_chained_without_the_key_is_found() {
    let base = demo();
    let env = copy_of(base);
    let conn = env.conn();
    rewrite_history(&conn);
    let forger = AuditKey::load_or_create(&env.path("forger.key")).unwrap();
    rechain(&conn, &forger);
    let out = found(&env, &[]);
    assert!(out.contains("broken at audit row 1"), "{out}");
    // Told the forger's fingerprint, it is the key that is named.
    conn.execute("UPDATE meta SET value = ?1 WHERE key = 'audit_key'", [forger.fingerprint()]).unwrap();
    assert!(found(&env, &[]).contains("not the one this chain was made with"));
}

#[test]
fn history_re_chained_with_the_key_is_found_by_anchors_and_backups() {
    let base = demo();
    let env = copy_of(base);
    let anchors = env.path("anchors.tsv");
    let anchors_arg = anchors.to_str().unwrap();
    env.ok(&["db", "check", "--anchor", anchors_arg]);
    let backup = env.path("backup.db");
    env.ok(&["db", "backup", backup.to_str().unwrap()]);
    env.ok(&["db", "check", "--anchors", anchors_arg, "--against", backup.to_str().unwrap()]);
    let conn = env.conn();
    rewrite_history(&conn);
    rechain(&conn, &AuditKey::require(&env.key_file()).unwrap());
    // The last checkpoint's row no longer has the hash it recorded: that tells.
    let out = found(&env, &[]);
    assert!(
        out.contains("checkpoint") && out.contains("does not hold") && out.contains("no longer has its anchored hash"),
        "{out}"
    );
    // Read from the start, the chain and the records agree again: only what was kept
    // elsewhere can tell.
    env.ok(&["db", "check", "--full"]);
    let out = found(&env, &["--anchors", anchors_arg]);
    assert!(out.contains("no longer has its anchored hash"), "{out}");
    let out = found(&env, &["--against", backup.to_str().unwrap()]);
    assert!(out.contains("no longer has its anchored hash"), "{out}");
}

#[test]
fn a_cut_tail_is_found_by_an_anchor() {
    let base = demo();
    let env = copy_of(base);
    let anchors = env.path("anchors.tsv");
    env.ok(&["db", "check", "--anchor", anchors.to_str().unwrap()]);
    let conn = env.conn();
    let last: i64 = conn.query_row("SELECT max(seq) FROM audit", [], |r| r.get(0)).unwrap();
    let new_head: String = conn.query_row("SELECT hash FROM audit WHERE seq = ?1", [last - 1], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!(
        "DELETE FROM audit WHERE seq = {last}; UPDATE meta SET value = '{}:{new_head}' WHERE key = 'audit_head';",
        last - 1
    ))
    .unwrap();
    let out = found(&env, &["--anchors", anchors.to_str().unwrap()]);
    assert!(out.contains(&format!("anchored audit row {last} is gone")), "{out}");
}

#[test]
fn without_the_key_the_check_says_so_and_writes_are_refused() {
    let env = Env::new();
    std::fs::rename(env.key_file(), env.path("elsewhere.key")).unwrap();
    let out = env.ok(&["db", "check"]);
    assert!(out.contains("hashes NOT verified") && out.contains("audit.key"), "{out}");
    let before = env.count("audit");
    let err = env.fails(5, &["unit", "add", "GA", "--name", "区公安分局"]);
    assert!(err.contains("audit key") && err.contains("JINZHU_KEY_FILE"), "{err}");
    assert_eq!(env.count("audit"), before);
    // Another key is refused for writing, naming the fingerprint it should have.
    AuditKey::load_or_create(&env.key_file()).unwrap();
    let err = env.fails(5, &["unit", "add", "GA", "--name", "区公安分局"]);
    assert!(err.contains("not the key this database was made with"), "{err}");
    assert_eq!(env.count("audit"), before);
}

#[test]
fn frozen_tables_refuse_new_rows_for_closed_periods() {
    let env = copy_of(demo());
    let conn = env.conn();
    let month = one(&conn, "SELECT max(month) FROM month_close");
    let insert = conn.execute_batch(&format!(
        "INSERT INTO monthly_result SELECT month, person_id + 100000, unit_id, days_stationed, days_leave, deductions,
         bonuses, score, grade, lowest, events, reviews, good_reviews, detail, corrections FROM monthly_result
         WHERE month = '{month}' LIMIT 1"
    ));
    assert!(insert.unwrap_err().to_string().contains("ART21-MONTHLY"));
    let day = format!("{month}-15");
    let holiday = conn.execute("INSERT INTO calendar_day (date, kind, name) VALUES (?1, 'holiday', 'x')", [&day]);
    assert!(holiday.unwrap_err().to_string().contains("ART21-MONTHLY"));
    let reopen = conn.execute("UPDATE month_close SET sealed = 0 WHERE month = ?1", [&month]);
    assert!(reopen.unwrap_err().to_string().contains("ART21-MONTHLY"));
    let grade = conn.execute_batch(
        "INSERT INTO annual_result (year, center_id, person_id, unit_id, category, months, standing)
         SELECT year, center_id, person_id + 100000, unit_id, category, months, standing FROM annual_result LIMIT 1",
    );
    assert!(grade.unwrap_err().to_string().contains("ART22-QUOTA"));
}

/// A person an import created, then edited by jinzhu: the edit's `before` must still be
/// what the import fingerprinted, so a change slipped in before the edit is not hidden by it.
#[test]
fn a_change_hidden_under_a_later_edit_of_an_imported_person_is_found() {
    let base = demo();
    let env = copy_of(base);
    let person = one(&env.conn(), "SELECT max(id) FROM person WHERE id NOT IN (SELECT person_id FROM assignment)");
    env.ok(&["personnel", "edit", &person, "--phone", "13700000000"]);
    env.ok(&["db", "check", "--full"]);
    env.ok(&["db", "check"]);
    let env = copy_of(base);
    env.conn().execute_batch(&format!("UPDATE person SET name = '冒名' WHERE id = {person}")).unwrap();
    env.ok(&["personnel", "edit", &person, "--phone", "13700000000"]);
    for extra in [&[][..], &["--full"][..]] {
        let out = found(&env, extra);
        assert!(out.contains(&format!("person {person}: is not the record its import created")), "{extra:?}: {out}");
    }
}

/// `--dry-run db check` verifies and keeps no checkpoint.
#[test]
fn a_dry_run_check_records_no_checkpoint() {
    let env = copy_of(demo());
    let before = env.count("check_point");
    let out = env.cmd().args(["--dry-run", "db", "check"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("would record checkpoint"));
    assert_eq!(env.count("check_point"), before);
}
