//! The JSON contract scripts rely on: every command's keys are stable snake_case, the
//! same whatever `--lang`; records are objects, reports are objects keyed by section;
//! numbers are numbers; errors are JSON on stderr.

mod common;

use std::collections::BTreeSet;

use common::Env;
use serde_json::Value;

fn demo() -> &'static Env {
    static DEMO: std::sync::OnceLock<Env> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let env = Env::empty();
        env.ok(&["--today", "2027-01-20", "demo"]);
        env
    })
}

fn json_in(env: &Env, lang: &str, args: &[&str]) -> Value {
    let mut all = vec!["--today", "2027-01-20", "--lang", lang, "--format", "json"];
    all.extend_from_slice(args);
    let out = env.ok(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} in {lang}: {e}\n{out}"))
}

/// Every key path of a value, with the JSON type at it (`[]` for array elements).
fn shape(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                shape(v, &format!("{at}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{at}[]"), out);
            }
        }
        Value::Number(_) => {
            out.insert(format!("{at}: number"));
        }
        Value::Bool(_) => {
            out.insert(format!("{at}: bool"));
        }
        // A value that is sometimes null and sometimes text is one field.
        Value::Null | Value::String(_) => {
            out.insert(at.to_string());
        }
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    shape(v, "", &mut out);
    out
}

const COMMANDS: &[&[&str]] = &[
    &["personnel", "list"],
    &["personnel", "show", "1"],
    &["personnel", "check", "1"],
    &["assign", "list"],
    &["assign", "show", "1"],
    &["reassign", "list"],
    &["reassign", "show", "1"],
    &["leave", "list"],
    &["leave", "balance", "1", "--year", "2026"],
    &["leave", "types"],
    &["leave", "holidays", "list", "--year", "2026"],
    &["unit", "list"],
    &["unit", "show", "SCJG"],
    &["center", "list"],
    &["appraise", "events", "--month", "2026-06"],
    &["appraise", "month", "2026-06"],
    &["appraise", "rules", "list"],
    &["report", "roster", "--center", "QJ", "--as-of", "2026-12-01"],
    &["report", "terms", "--center", "QJ"],
    &["report", "compliance", "--center", "QJ", "--half", "2026H2"],
    &["report", "staffing", "--center", "QJ", "--month", "2026-06"],
    &["report", "leave", "--year", "2026"],
    &["report", "appraisal", "--center", "QJ", "--year", "2026"],
    &[
        "report",
        "funds",
        "--center",
        "QJ",
        "2026",
        "--standard",
        "civil-servant=12000",
        "--standard",
        "public-institution=9600",
        "--standard",
        "other=6000",
    ],
    &["report", "audit", "--corrections"],
    &["db", "check"],
];

#[test]
fn the_keys_of_every_command_are_the_same_in_either_language() {
    let env = demo();
    for args in COMMANDS {
        let en = json_in(env, "en", args);
        let zh = json_in(env, "zh", args);
        assert_eq!(keys(&en), keys(&zh), "{args:?}");
        let shape = keys(&en);
        for key in &shape {
            let name =
                key.rsplit(['.', '[']).next().unwrap_or("").split(':').next().unwrap_or("").trim_end_matches(']');
            assert!(
                name.is_empty() || name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{args:?}: key {key:?} is not snake_case"
            );
        }
    }
}

#[test]
fn records_are_objects_and_reports_are_keyed_by_section() {
    let env = demo();
    let person = json_in(env, "en", &["personnel", "show", "1"]);
    assert!(person["person"]["id_number"].is_string() && person["stationing_history"].is_array(), "{person}");
    let balance = json_in(env, "zh", &["leave", "balance", "1", "--year", "2026"]);
    assert!(balance["entitlement"].is_number() && balance["remaining"].is_number(), "{balance}");
    let compliance = json_in(env, "en", &["report", "compliance", "--center", "QJ", "--half", "2026H2"]);
    assert!(compliance["compliance"].is_array() && compliance["audit"].is_array(), "{compliance}");
    let bulletin = json_in(env, "en", &["appraise", "month", "2026-06", "--center", "QJ"]);
    let items = bulletin.as_array().unwrap().iter().find(|r| r["items"].as_array().is_some_and(|i| !i.is_empty()));
    let item = &items.expect("someone had an item in June")["items"][0];
    assert!(item["code"].is_string() && item["times"].is_number() && item["points"].is_number(), "{item}");
    let funds = json_in(env, "en", COMMANDS.iter().find(|c| c[1] == "funds").unwrap());
    assert!(funds.as_array().unwrap().iter().all(|r| r["amount"].is_number()), "{funds}");
    // Several centers: one object per center code.
    let roster = json_in(env, "en", &["report", "roster", "--as-of", "2026-12-01"]);
    assert!(roster["QJ"].is_array() && roster["ZY"].is_array(), "{roster}");
}

#[test]
fn writes_and_errors_speak_json_too() {
    let env = Env::new();
    let file = env.write("units.csv", "code,name,kind\nGA,区公安分局,organ\n");
    let out = env.ok(&["--format", "json", "unit", "import", file.to_str().unwrap()]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((summary["inserted"].as_i64(), summary["bad_rows"].as_array().map(Vec::len)), (Some(1), Some(0)));
    let out = env.ok(&["--format", "json", "db", "backup", env.path("b.db").to_str().unwrap()]);
    let done: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(done["done"], "backup");
    assert!(done["pages"].is_number(), "{done}");
    let bad = env.write("bad.csv", "code,name,kind\nGA,区公安分局,organ\nX,,company\n");
    let out = env.cmd().args(["--format", "json", "unit", "import", bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty());
    let err: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stderr)).unwrap();
    assert_eq!(err["exit"], 4);
    assert!(err["bad_rows"].as_array().unwrap().iter().any(|r| r["row"] == 3), "{err}");
    let out = env
        .cmd()
        .args(["--format", "json", "--today", "2026-11-29", "appraise", "month", "2026-11", "--close"])
        .output()
        .unwrap();
    let err: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stderr)).unwrap();
    assert_eq!(
        (err["rule"].as_str(), err["article"].as_i64(), err["exit"].as_i64()),
        (Some("ART21-MONTHLY"), Some(21), Some(3))
    );
}
