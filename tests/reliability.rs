//! Nothing lost, nothing let in: crashes, concurrent writers, backups while writing,
//! tampering, hostile text. Each test is bounded to seconds.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

fn counts(env: &Env) -> (i64, i64, i64) {
    (env.count("person"), env.count("audit"), env.count("monthly_result"))
}

/// `db check` holds, and (under --dry-run) leaves no checkpoint: the counts stay comparable.
fn db_check_passes(env: &Env) {
    let out = env.cmd().args(["--dry-run", "db", "check"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// Starts `args` and kills it with SIGKILL after `delay`; true if it was still running.
fn kill_after(env: &Env, args: &[&str], delay: Duration) -> bool {
    let mut child = env.std_cmd().args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    running
}

fn big_register(env: &Env, rows: u32) -> std::path::PathBuf {
    let mut text = String::from(HEADER_EN);
    for i in 0..rows {
        text.push('\n');
        text.push_str(&person_row(
            // A thousand sequence numbers on each of `rows / 1000` birth dates: all distinct.
            &id_born(&format!("19{:02}-0{}-1{}", 70 + i / 1000 % 25, 1 + i / 1000 % 9, i / 1000 % 10), i % 1000),
            "员工",
            "SCJG",
        ));
    }
    env.write("big.csv", text)
}

/// Kills `personnel import` (with `extra` flags) at growing delays: after each kill the
/// database holds none of the file or all of it, and the next command finds it in WAL.
fn a_killed_import_is_all_or_nothing(extra: &[&str]) {
    let env = Env::new();
    let file = big_register(&env, 20_000);
    let mut args = vec!["personnel", "import", file.to_str().unwrap()];
    args.extend(extra);
    let before = counts(&env);
    let mut interrupted = 0;
    for ms in [5, 30, 80, 160, 320, 640] {
        let running = kill_after(&env, &args, Duration::from_millis(ms));
        if counts(&env) != before {
            // The kill came after the commit (the process may still have been exiting):
            // then all of it is there, and further runs would only refuse the duplicates.
            let (persons, audit_rows, results) = before;
            // The persons are audited by the batch: one audit row.
            assert_eq!(counts(&env), (persons + 20_000, audit_rows + 1, results), "killed after {ms} ms");
            db_check_passes(&env);
            break;
        }
        interrupted += usize::from(running);
        db_check_passes(&env);
        assert_eq!(env.pragma::<String>("journal_mode"), "wal", "killed after {ms} ms");
    }
    assert!(interrupted >= 2, "the import should still be running after the first kills");
}

#[test]
fn a_killed_import_leaves_the_database_exactly_as_before() {
    a_killed_import_is_all_or_nothing(&[]);
}

#[test]
fn a_killed_bulk_import_is_rolled_back_and_the_file_returns_to_wal() {
    a_killed_import_is_all_or_nothing(&["--bulk"]);
}

#[test]
fn a_bulk_import_ends_in_wal_and_runs_in_wal_beside_another_connection() {
    let env = Env::new();
    let file = big_register(&env, 300);
    env.ok(&["personnel", "import", "--bulk", file.to_str().unwrap()]);
    assert_eq!((env.count("person") >= 300, env.pragma::<String>("journal_mode")), (true, "wal".to_string()));
    // Another process holding the file open: the import does not wait for it or fail.
    let reader = env.conn();
    let _: i64 = reader.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap();
    let more = env.write("more.csv", format!("{HEADER_EN}\n{}", person_row(&id_born("1988-02-03", 7), "新人", "SCJG")));
    env.ok(&["personnel", "import", "--bulk", more.to_str().unwrap()]);
    assert_eq!(env.pragma::<String>("journal_mode"), "wal");
    db_check_passes(&env);
}

#[test]
fn a_killed_month_close_leaves_the_month_open_or_closed_whole() {
    let env = Env::new();
    import_rulebook(&env);
    for i in 0..40 {
        let p = staff(&env, 500 + i);
        station(&env, &p, "2026-01-05");
    }
    for ms in [1, 5, 15, 40] {
        let running = kill_after(&env, &["appraise", "month", "2026-03", "--close"], Duration::from_millis(ms));
        let (closed, results) = (env.count("month_close"), env.count("monthly_result"));
        assert!((closed, results) == (0, 0) || (closed, results) == (1, 40), "half a close after {ms} ms");
        db_check_passes(&env);
        if !running {
            break;
        }
    }
}

#[test]
fn concurrent_writers_all_succeed_or_fail_cleanly_and_nothing_is_lost_or_doubled() {
    let env = std::sync::Arc::new(Env::new());
    import_rulebook(&env);
    let people: Vec<String> = (0..4).map(|i| staff(&env, 600 + i)).collect();
    for p in &people {
        station(&env, p, "2026-01-05");
    }
    let workers: Vec<_> = people
        .iter()
        .cloned()
        .enumerate()
        .map(|(w, p)| {
            let env = env.clone();
            std::thread::spawn(move || {
                let mut codes = Vec::new();
                for n in 0..20 {
                    let note = format!("w{w}-n{n}");
                    let out = env
                        .cmd()
                        .args(["appraise", "record", &p, "--rule", "LATE", "--date", "2026-04-01", "--note", &note])
                        .output()
                        .unwrap();
                    codes.push((out.status.code(), note));
                }
                for day in 0..5 {
                    let d = format!("2026-05-{:02}", 11 + day);
                    let out = env
                        .cmd()
                        .args([
                            "leave", "request", &p, "--type", "personal", "--from", &d, "--to", &d, "--reason", "并发",
                        ])
                        .output()
                        .unwrap();
                    codes.push((out.status.code(), d));
                }
                codes
            })
        })
        .collect();
    let results: Vec<(Option<i32>, String)> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(results.iter().all(|(c, _)| *c == Some(0) || *c == Some(5)), "{results:?}");
    let ok_events = results.iter().filter(|(c, n)| *c == Some(0) && n.starts_with('w')).count() as i64;
    let ok_leaves = results.iter().filter(|(c, n)| *c == Some(0) && !n.starts_with('w')).count() as i64;
    assert_eq!(env.count("appraisal_event"), ok_events);
    assert_eq!(env.count("leave"), ok_leaves);
    let distinct: i64 =
        env.conn().query_row("SELECT count(DISTINCT note) FROM appraisal_event", [], |r| r.get(0)).unwrap();
    assert_eq!(distinct, ok_events, "nothing doubled");
    assert!(ok_events + ok_leaves >= 90, "a 5 s busy timeout should let nearly all through: {ok_events} + {ok_leaves}");
    db_check_passes(&env);
}

#[test]
fn a_backup_taken_while_another_process_writes_is_consistent() {
    let env = std::sync::Arc::new(Env::new());
    import_rulebook(&env);
    let p = staff(&env, 700);
    station(&env, &p, "2026-01-05");
    let writer = {
        let env = env.clone();
        std::thread::spawn(move || {
            let until = Instant::now() + Duration::from_millis(1500);
            let mut n = 0;
            while Instant::now() < until {
                env.ok(&[
                    "appraise",
                    "record",
                    &p,
                    "--rule",
                    "DRESS",
                    "--date",
                    "2026-04-02",
                    "--note",
                    &n.to_string(),
                ]);
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let copy = env.path("during.db");
    env.ok(&["db", "backup", copy.to_str().unwrap()]);
    let written = writer.join().unwrap();
    let check = env.cmd().args(["--db", copy.to_str().unwrap(), "db", "check"]).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let events: i64 = conn.query_row("SELECT count(*) FROM appraisal_event", [], |r| r.get(0)).unwrap();
    let audited: i64 =
        conn.query_row("SELECT count(*) FROM audit WHERE entity = 'appraisal_event'", [], |r| r.get(0)).unwrap();
    assert_eq!(events, audited, "every event in the copy has its audit row");
    assert!(events < written, "the copy is a moment during the writes");
}

fn check_output(env: &Env) -> String {
    let out = env.cmd().args(["db", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tampering_is_reported_with_the_place() {
    let setup = || {
        let env = Env::new();
        for i in 0..3 {
            add_person(&env, &id_born("1990-01-01", 10 + i), &format!("员工{i}"), &[]);
        }
        env
    };
    // 1 center, 1 calendar, 2 units, 3 persons: audit rows 1–7.
    let env = setup();
    env.conn().execute("UPDATE audit SET after = replace(after, '员工1', '员工9') WHERE seq = 6", []).unwrap();
    assert!(check_output(&env).contains("broken at audit row 6"));
    let env = setup();
    env.conn().execute("DELETE FROM audit WHERE seq = 4", []).unwrap();
    assert!(check_output(&env).contains("broken at audit row 5"));
    let env = setup();
    env.conn()
        .execute_batch("UPDATE audit SET seq = 100 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = 100;")
        .unwrap();
    assert!(check_output(&env).contains("broken at audit row 5"));
    let env = setup();
    env.conn()
        .execute("INSERT INTO audit (seq, at, operator, command, entity, entity_id, action, before, after, prev_hash, hash) SELECT 8, at, operator, command, entity, entity_id, action, before, after, hash, hash FROM audit WHERE seq = 7", [])
        .unwrap();
    assert!(check_output(&env).contains("broken at audit row 8"));
    let env = setup();
    env.conn().execute("UPDATE person SET name = '改名' WHERE id = 2", []).unwrap();
    let out = check_output(&env);
    assert!(out.contains("person 2: differs") && out.contains("changed without jinzhu"), "{out}");
}

#[test]
fn hostile_text_is_stored_and_shown_literally() {
    let env = Env::new();
    let idn = id_born("1990-01-01", 1);
    let name = "'; DROP TABLE person; --";
    add_person(&env, &idn, name, &[]);
    let note = "$(rm -rf /) `id` && echo pwned; \"quoted\" \\ back";
    env.ok(&["unit", "incident", "SCJG", "--article", "19", "--date", "2026-04-01", "--note", note]);
    let list = json(&env, &["personnel", "list"]);
    assert_eq!(list[0]["name"], name);
    let show = json(&env, &["unit", "show", "SCJG"]);
    assert_eq!(show["incidents"][0]["note"], note);
    assert_eq!(env.count("person"), 1);
    db_check_passes(&env);
}

#[test]
fn id_numbers_are_masked_in_every_report() {
    let env = Env::empty();
    let db = env.path("jinzhu-demo.db");
    env.cmd().args(["--db", db.to_str().unwrap(), "demo"]).output().unwrap();
    let run = |args: &[&str]| {
        let out = env.cmd().args(["--db", db.to_str().unwrap(), "--format", "csv"]).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let reports: &[&[&str]] = &[
        &["personnel", "list", "--all"],
        &["personnel", "check"],
        &["assign", "list"],
        &["leave", "list"],
        &["report", "roster", "--as-of", "2026-12-31"],
        &["report", "eligibility", "--as-of", "2026-12-31"],
        &["report", "compliance", "--half", "2026H2"],
        &["report", "appraisal", "--month", "2026-11"],
        &["report", "audit"],
    ];
    let full_id = |text: &str| {
        text.as_bytes()
            .windows(18)
            .any(|w| w[..17].iter().all(u8::is_ascii_digit) && (w[17].is_ascii_digit() || w[17] == b'X'))
    };
    for args in reports {
        let text = run(args);
        assert!(!full_id(&text), "{args:?} shows a whole ID number");
        let has_id_column = text.lines().next().is_some_and(|h| h.contains("id_number"));
        assert!(!has_id_column || text.contains("********"), "{args:?} shows no masked ID number");
    }
}

#[test]
fn dry_run_writes_nothing_for_any_write_command() {
    let env = Env::new();
    import_rulebook(&env);
    let p = staff(&env, 800);
    station(&env, &p, "2026-01-05");
    let q = staff(&env, 801);
    let register = big_register(&env, 50);
    let register = register.to_str().unwrap();
    let before = state(&env.db);
    let commands: &[&[&str]] = &[
        &["personnel", "import", "--bulk", register],
        &["db", "compact"],
        &["center", "add", "ZY", "--name", "正阳街道便民服务中心", "--level", "township"],
        &["unit", "add", "GA", "--name", "区公安局"],
        &["unit", "volume", "SCJG", "--month", "2026-03", "--cases", "100"],
        &["personnel", "edit", &q, "--phone", "13912345678"],
        &["assign", "propose", &q, "--start", "2026-03-01"],
        &["assign", "end", "1", "--date", "2026-06-30", "--reason", "调回", "--letter", "L", "--reply", "R"],
        &["leave", "request", &p, "--type", "personal", "--from", "2026-03-02", "--to", "2026-03-02", "--reason", "事"],
        &["appraise", "record", &p, "--rule", "LATE", "--date", "2026-03-02"],
        &["appraise", "month", "2026-03", "--close"],
        &["appraise", "year", "2026"],
        &["leave", "types", "--set", "sick=calendar"],
    ];
    for args in commands {
        env.ok(&[&["--dry-run"], *args].concat());
        assert_eq!(before, state(&env.db), "--dry-run {args:?} wrote");
    }
}
