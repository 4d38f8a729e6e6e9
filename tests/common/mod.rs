//! Helpers for running the real binary on a temporary database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;

/// The date all tests run on.
pub const TODAY: &str = "2026-11-29";

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    /// A temporary folder with no database yet.
    pub fn empty() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        Env { dir, db }
    }

    /// A database with its first center and two units (an organ and an institution).
    pub fn new() -> Env {
        let env = Env::empty();
        env.ok(&["init"]);
        env.ok(&["unit", "add", "SCJG", "--name", "区市场监督管理局", "--kind", "organ"]);
        env.ok(&["unit", "add", "BDC", "--name", "区不动产登记中心", "--kind", "institution"]);
        env
    }

    /// The audit key of this test's database (made by `init`).
    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("audit.key")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same command as a plain process (to spawn and kill).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("jinzhu"));
        c.env_remove("JINZHU_DB")
            .env_remove("JINZHU_LANG")
            .env_remove("JINZHU_TODAY")
            .env("LANG", "C")
            .env("JINZHU_OPERATOR", "tester")
            .env("JINZHU_KEY_FILE", self.key_file())
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .arg("--today")
            .arg(TODAY);
        c
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} failed ({:?}): {}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and asserts the exit code; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// Asserts the exit code and that the database is exactly as before.
    pub fn refused(&self, code: i32, args: &[&str]) -> String {
        let before = state(&self.db);
        let err = self.fails(code, args);
        assert_eq!(before, state(&self.db), "{args:?} changed the database");
        err
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn conn(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    /// A `PRAGMA`'s value, e.g. `journal_mode` or `page_size`.
    pub fn pragma<T: rusqlite::types::FromSql>(&self, name: &str) -> T {
        self.conn().query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    }

    pub fn count(&self, table: &str) -> i64 {
        self.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
}

/// Every row of every table, as text: equal states mean nothing was written.
pub fn state(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        out.push_str(&format!("== {t}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// A valid ID number from its first 17 digits.
pub fn id(first17: &str) -> String {
    format!("{first17}{}", jinzhu::base::idnum::check_char(first17.as_bytes()))
}

/// A valid ID number for a birth date and a sequence number.
pub fn id_born(birth: &str, seq: u32) -> String {
    id(&format!("500114{}{seq:03}", birth.replace('-', "")))
}

/// A register row in English keys.
pub fn person_row(id_number: &str, name: &str, unit: &str) -> String {
    format!("{id_number},{name},{unit},staff,no,in,civil-servant,2018-07-01,2015-07-01,yes,no,yes,13800000000")
}

pub const HEADER_EN: &str = "id_number,name,unit,position,filed,establishment,category,joined_unit,work_start,service_section,party_member,union_member,phone";
pub const HEADER_ZH: &str =
    "身份证号,姓名,单位,职务,备案,编制,身份类别,进入单位时间,参加工作时间,政务服务科,中共党员,工会会员,电话";

/// The arguments of `personnel add`: `extra` adds flags or overrides the defaults
/// (a staff member of SCJG since 2018).
pub fn add_args<'a>(id_number: &'a str, name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let defaults = [
        ("--unit", "SCJG"),
        ("--position", "staff"),
        ("--establishment", "in"),
        ("--category", "civil-servant"),
        ("--joined-unit", "2018-07-01"),
        ("--work-start", "2015-07-01"),
    ];
    let mut args = vec!["personnel", "add", "--id-number", id_number, "--name", name];
    for (flag, value) in defaults {
        if !extra.contains(&flag) {
            args.extend([flag, value]);
        }
    }
    args.extend_from_slice(extra);
    args
}

/// Adds one person by the command line (see [`add_args`]); returns the id printed.
pub fn add_person(env: &Env, id_number: &str, name: &str, extra: &[&str]) -> String {
    env.ok(&add_args(id_number, name, extra)).trim().to_string()
}

/// A staff member of SCJG who passes Art 6/7 on any 2026 date.
pub fn staff(env: &Env, seq: u32) -> String {
    let idn = id_born("1992-03-03", seq);
    add_person(env, &idn, &format!("员工{seq}"), &["--union-member"]);
    idn
}

/// Proposes, approves (Art 8, on the start date or today if that is later) and starts;
/// returns the assignment id.
pub fn station(env: &Env, person: &str, start: &str) -> String {
    let approved = start.min(TODAY);
    let id = env.ok(&["assign", "propose", person, "--start", start, "--date", approved]).trim().to_string();
    env.ok(&["assign", "approve", &id, "--by", "center", "--doc", "中心〔2026〕1号", "--date", approved]);
    env.ok(&["assign", "approve", &id, "--by", "org-dept", "--doc", "组〔2026〕1号", "--date", approved]);
    env.ok(&["assign", "start", &id]);
    id
}

pub fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.ok(&[&["--format", "json"], args].concat())).unwrap()
}

/// The bundled example rule book's path.
pub fn rulebook_path() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rulebook.json").to_str().unwrap().to_string()
}

/// Imports the bundled example rule book.
pub fn import_rulebook(env: &Env) {
    env.ok(&["appraise", "rules", "import", &rulebook_path()]);
}

/// Library-level tests: a person of unit U registered with `id_number`, in establishment,
/// a civil servant at the unit since 2015 (passes Art 6/7 on any 2026 date).
pub fn register_staff(tx: &mut jinzhu::storage::store::Tx, id_number: &str) -> jinzhu::Result<i64> {
    let values =
        [id_number, "某", "U", "staff", "no", "in", "civil-servant", "2015-01-01", "2010-01-01", "no", "no", "no", ""];
    let mut f: jinzhu::domain::personnel::Fields = Default::default();
    for (slot, v) in f.iter_mut().zip(values) {
        *slot = Some(v.to_string());
    }
    Ok(jinzhu::domain::personnel::add(tx, &f)?.id)
}

/// Library-level tests: a keyed database in `dir` with center QJ, unit U, the example rule
/// book and a person for each ID number, stationed from 2026-01-05; `today` is the
/// context of every write. Returns the store and the persons' ids.
pub fn stationed_store(dir: &Path, today: &jinzhu::Ctx, id_numbers: &[String]) -> (jinzhu::Store, Vec<i64>) {
    use jinzhu::domain::{appraisal, org, stationing};
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let (mut store, _) = jinzhu::Store::init_keyed(&dir.join("c.db"), &dir.join("c.key"), today, |tx| {
        org::add_center(tx, "QJ", "中心", "district")
    })
    .unwrap();
    let persons = store
        .write(today, |tx| {
            let unit =
                org::NewUnit { code: "U".into(), name: "单位".into(), kind: "organ".into(), ..Default::default() };
            org::add_unit(tx, &unit)?;
            appraisal::import_rulebook_text(tx, "rulebook.json", jinzhu::demo::RULEBOOK_JSON)?;
            let mut ids = Vec::new();
            for id_number in id_numbers {
                let person = register_staff(tx, id_number)?;
                let proposed = Some(start - chrono::Duration::days(3));
                let a = stationing::propose(tx, &person.to_string(), start, None, None, None, proposed)?;
                for body in ["center", "org-dept"] {
                    stationing::approve(tx, a.id, body, "D", start, None)?;
                }
                stationing::start(tx, a.id, Some(start), false, false, None)?;
                ids.push(person);
            }
            Ok(ids)
        })
        .unwrap();
    (store, persons)
}

/// The text of one part of a zip file (the XML inside a .docx or an .xlsx).
pub fn zip_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut text).unwrap();
    text
}

/// The SHA-256 of `bytes` in lower-case hex, as jinzhu records a source file's.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Takes a database back to schema 14: immediate foreign keys and the date CHECK of a
/// stationing, in place, as schema 15 found them.
pub fn back_to_schema_14(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "DROP TRIGGER assignment_ends_after_start; DROP TRIGGER assignment_inserted_unended;
         PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(replace(sql, ' DEFERRABLE INITIALLY DEFERRED', ''),
             'CHECK ((status = ''rejected'')',
             'CHECK (ended_on IS NULL OR ended_on >= date(started_on, ''-1 day'')),\n    CHECK ((status = ''rejected'')')
         WHERE type = 'table' AND name = 'assignment';
         UPDATE sqlite_schema SET sql = replace(sql, ' DEFERRABLE INITIALLY DEFERRED', '')
         WHERE type = 'table' AND name = 'term';
         PRAGMA writable_schema = RESET; PRAGMA user_version = 14;",
    )
    .unwrap();
}

/// Takes a database back to schema 12, as a file made before the batches and checkpoints
/// of schema 13 (their tables, with their triggers, and every `touch_` trigger).
pub fn back_to_schema_12(conn: &rusqlite::Connection) {
    back_to_schema_14(conn);
    let touch: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'touch\\_%' ESCAPE '\\'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    touch.iter().for_each(|name| conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap());
    conn.execute_batch(
        "DROP TABLE import_fingerprint; DROP TABLE import_batch; DROP TABLE check_point; DROP TABLE touched;
         DELETE FROM sqlite_sequence; PRAGMA user_version = 12;",
    )
    .unwrap();
}
