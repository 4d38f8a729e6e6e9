//! The demo: an example database built from the files under `examples/` (bundled into
//! the program, so `jinzhu demo` works from any folder), exercising every capability.

use std::path::Path;

use chrono::NaiveDate;

use rusqlite::OptionalExtension;

use crate::base::enums::{AssignmentStatus, Body};
use crate::base::i18n::Msg;
use crate::domain::appraisal;
use crate::domain::leave::{self, NewLeave};
use crate::domain::org;
use crate::domain::personnel;
use crate::domain::stationing::{self, Replacement};
use crate::error::{Error, Result};
use crate::io::sheet::{Encoding, Input};
use crate::rules::{self, RuleId};
use crate::storage::audit::Ctx;
use crate::storage::store::{Store, Tx};

pub const UNITS_CSV: &str = include_str!("../examples/units.csv");
pub const PERSONNEL_CSV: &str = include_str!("../examples/personnel.csv");
/// The official 2026 schedule (国务院办公厅, 2025-11-04), loaded by `init` as the default.
pub const HOLIDAYS_2026_CSV: &str = include_str!("../examples/holidays-2026.csv");
pub const RULEBOOK_JSON: &str = include_str!("../examples/rulebook.json");
pub const SCHEDULE_JSON: &str = include_str!("../examples/schedule.json");
/// December's punches, made by examples/demo-punches.py: a ZKTeco terminal's log and a
/// DingTalk export.
const ATTLOG_2026_12: &str = include_str!("../examples/attlog-2026-12.dat");
const DINGTALK_2026_12: &str = include_str!("../examples/dingtalk-2026-12.csv");
/// The demo's January 2027: only New Year's Day, which the law fixes (全国年节及纪念日放假办法);
/// a center imports the State Council's schedule for the year instead.
const HOLIDAYS_2027_PARTIAL_CSV: &str = include_str!("../examples/holidays-2027-partial.csv");
/// The year the demo appraises, and the day its grades become final (5 working days after
/// their publication on the demo date).
pub const DEMO_YEAR: i32 = 2026;
/// The center the demo's staff are stationed at (the township center has none yet).
pub const DEMO_CENTER: &str = "QJ";
pub const DEMO_YEAR_PUBLISHED: (i32, u32, u32) = (2027, 1, 4);
pub const DEMO_YEAR_CLOSED: (i32, u32, u32) = (2027, 1, 11);
/// The day the demo's half-year report is drawn up: December has ended but is not closed.
pub const DEMO_COMPLIANCE_DATE: (i32, u32, u32) = (2027, 1, 2);
/// The day the year's records are entered (December still open); December is closed and
/// the grades published on DEMO_YEAR_PUBLISHED, and made final on DEMO_YEAR_CLOSED.
const RECORDS_DATE: (i32, u32, u32) = (2026, 12, 31);
/// The date the demo's story is told on, unless `--today` says otherwise: the day the
/// year's grades become final, the last step of the story.
pub const DEMO_DATE: (i32, u32, u32) = DEMO_YEAR_CLOSED;
const MARKER: &str = "demo";

pub fn demo_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(DEMO_DATE.0, DEMO_DATE.1, DEMO_DATE.2).unwrap_or_default()
}

/// Builds the demo database at `path`, replacing an earlier demo there. A file that is
/// not a demo database is refused, so that the demo never overwrites real records.
pub fn build(path: &Path, ctx: &Ctx) -> Result<Store> {
    if path.exists() {
        if !is_demo(path) {
            return Err(Error::Other(Msg::new("error.demo-not-demo").arg("path", path.display())));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
    let records = Ctx { today: date(RECORDS_DATE.0, RECORDS_DATE.1, RECORDS_DATE.2), ..ctx.clone() };
    let (store, ()) = Store::init(path, &records, |tx| {
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, 'true')", [MARKER])?;
        let district = org::add_center(tx, DEMO_CENTER, "黔江区政务服务中心", "district")?;
        crate::domain::register::set_prefix(tx, &district, "黔江政务函")?;
        load_default_calendar(tx)?;
        let january = Input::Csv { name: "examples/holidays-2027-partial.csv", text: HOLIDAYS_2027_PARTIAL_CSV };
        crate::domain::calendar::import(tx, january, Encoding::Utf8, None)?;
        org::add_center(tx, "ZY", "正阳街道便民服务中心", "township")?;
        org::import_units(tx, Input::Csv { name: "examples/units.csv", text: UNITS_CSV }, Encoding::Utf8, None)?;
        let staff_csv = Input::Csv { name: "examples/personnel.csv", text: PERSONNEL_CSV };
        personnel::import(tx, staff_csv, Encoding::Utf8, None, false)?;
        // Art 17: the power company's few items move to the comprehensive window.
        org::set_comprehensive_window(tx, "GD", "黔江府函〔2026〕18号", date(2026, 3, 2))?;
        // Art 10: case volume of a few units over the first quarter.
        let volumes = [
            ("SCJG", [1620, 1410, 1873]),
            ("RLSB", [2210, 1980, 2304]),
            ("GHZY", [402, 388, 455]),
            ("SWJ", [2630, 2105, 2890]),
            ("GA", [980, 870, 1012]),
            ("BDC", [1210, 990, 1330]),
            ("YB", [760, 702, 815]),
            ("MZ", [215, 190, 240]),
            ("GD", [96, 88, 104]),
        ];
        for (unit, cases) in volumes {
            for (m, c) in cases.iter().enumerate() {
                org::set_volume(tx, unit, &format!("2026-{:02}", m + 1), &c.to_string())?;
            }
        }
        // Art 19: units calling their stationed staff away from the windows.
        org::add_incident(tx, "GA", "19", date(2026, 4, 8), "抽调进驻人员回局参加季度工作会议，窗口半天无人值守")?;
        org::add_incident(tx, "SWJ", "19", date(2026, 11, 12), "要求进驻人员周末回单位加班整理档案")?;
        // The register changes: a promotion, and a person who left the unit.
        let first = personnel::all(tx, Some("YB"), false)?;
        if let Some(p) = first.iter().find(|p| p.position.key() == "staff") {
            let mut change: personnel::Fields = Default::default();
            change[3] = Some("deputy".into());
            personnel::edit(tx, &p.id.to_string(), &change)?;
        }
        if let Some(p) = personnel::all(tx, Some("JTW"), false)?.last() {
            personnel::archive(tx, &p.id.to_string(), date(2026, 6, 30), "调离本单位")?;
        }
        stationing(tx)?;
        leaves(tx)?;
        appraisal_year(tx)?;
        corrections(tx)?;
        attendance(tx)
    })?;
    // December is closed and the year's grades published in January, then made final.
    let mut store = store;
    let published =
        Ctx { today: date(DEMO_YEAR_PUBLISHED.0, DEMO_YEAR_PUBLISHED.1, DEMO_YEAR_PUBLISHED.2), ..ctx.clone() };
    store.write(&published, |tx| {
        crate::domain::attendance::close_pending_attendance(tx, date(DEMO_YEAR, 12, 1))?;
        verify_bad_reviews(tx, 12)?;
        appraisal::close_month(tx, date(DEMO_YEAR, 12, 1), false)?;
        let center = appraisal::year_center(tx, Some(DEMO_CENTER))?;
        appraisal::publish_year(tx, (DEMO_YEAR, center.id), &appraisal::parse_quotas(&[], &[])?, None, None).map(|_| ())
    })?;
    let closed = Ctx { today: date(DEMO_YEAR_CLOSED.0, DEMO_YEAR_CLOSED.1, DEMO_YEAR_CLOSED.2), ..ctx.clone() };
    store.write(&closed, |tx| {
        let center = appraisal::year_center(tx, Some(DEMO_CENTER))?;
        appraisal::close_year(tx, DEMO_YEAR, center.id)
    })?;
    Ok(store)
}

/// The demo's documents: the 公示 of the 优秀 list (Art 22) as published, and the
/// letters to units (Art 23) dated the day the grades became final, all numbered in the
/// register.
pub fn documents(store: &mut Store, ctx: &Ctx) -> Result<(appraisal::Publicity, Vec<appraisal::Letter>)> {
    let (y, m, d) = DEMO_YEAR_PUBLISHED;
    let published = Ctx { today: date(y, m, d), ..ctx.clone() };
    let notice = store.write(&published, |tx| {
        let center = appraisal::year_center(tx, Some(DEMO_CENTER))?;
        let rows = appraisal::stored_year(tx, DEMO_YEAR, center.id)?;
        appraisal::issue_publicity(tx, DEMO_YEAR, &center, &rows, date(y, m, d))
    })?;
    let closed = Ctx { today: date(DEMO_YEAR_CLOSED.0, DEMO_YEAR_CLOSED.1, DEMO_YEAR_CLOSED.2), ..ctx.clone() };
    let letters = store.write(&closed, |tx| {
        let center = appraisal::year_center(tx, Some(DEMO_CENTER))?;
        appraisal::issue_letters(tx, DEMO_YEAR, &center)
    })?;
    Ok((notice, letters))
}

/// When each unit's staff were stationed: the dates make one term renewed, one expired,
/// one ending within 90 days and one replaced at expiry.
const UNIT_STARTS: &[(&str, (i32, u32, u32))] = &[
    ("GHZY", (2023, 3, 1)),
    ("MZ", (2023, 6, 1)),
    ("JTW", (2023, 12, 1)),
    ("YB", (2024, 2, 1)),
    ("SCJG", (2024, 9, 1)),
    ("RLSB", (2024, 9, 1)),
    ("GA", (2025, 3, 1)),
    ("SWJ", (2025, 3, 1)),
    ("BDC", (2025, 6, 1)),
    ("GJJ", (2025, 6, 1)),
    ("WJW", (2025, 9, 1)),
    ("NYNC", (2025, 9, 1)),
    ("STHJ", (2026, 1, 5)),
    ("ZJW", (2026, 1, 5)),
    ("GD", (2026, 3, 9)),
];

/// Proposes, approves by every body the review needs (ten days before), and starts.
fn station(tx: &mut Tx, person: i64, start: NaiveDate, window: &str, exception: Option<&str>) -> Result<i64> {
    let approved = start - chrono::Duration::days(10);
    let proposed = approved - chrono::Duration::days(20);
    let a = stationing::propose(tx, &person.to_string(), start, None, Some(window), exception, Some(proposed))?;
    for (n, body) in a.needs.iter().enumerate() {
        let doc = format!("黔江{}〔{}〕{}号", body.label(crate::Lang::Zh), approved.format("%Y"), a.id * 2 + n as i64);
        stationing::approve(tx, a.id, body.key(), &doc, approved, Some("已审核第四、五条（身体健康、业务熟悉）"))?;
    }
    let member = personnel::resolve(tx, &person.to_string())?;
    Ok(stationing::start(tx, a.id, None, member.union_member, member.party_member, None)?.id)
}

/// The unit whose staff come in as a clerk's roster (`assign import`), not one by one.
const ROSTER_UNIT: &str = "WJW";

/// Stations `staff` from `start` through `assign import` of the roster a clerk would
/// keep: each row with the documents of the bodies its review needs, approved ten days
/// before. Returns the stationings in the roster's order.
fn import_roster(
    tx: &mut Tx,
    unit: &str,
    staff: &[&personnel::Person],
    start: NaiveDate,
    window: &str,
) -> Result<Vec<i64>> {
    let approved = start - chrono::Duration::days(10);
    let kind = org::resolve_unit(tx, unit)?.kind;
    let mut roster =
        String::from("身份证号码,进驻日期,窗口号,中心审核文号,组织人事部门文号,政务服务管理办公室文号,审核日期\n");
    for (n, p) in staff.iter().enumerate() {
        let (_, bodies) = rules::required_bodies(rules::review_for(p.establishment, kind));
        let doc = |body: Body| match bodies.contains(&body) {
            true => format!("黔江{}〔{}〕{}号", body.label(crate::Lang::Zh), approved.format("%Y"), 60 + n),
            false => String::new(),
        };
        let docs = [Body::Center, Body::OrgDept, Body::Gsmo].map(doc).join(",");
        roster += &format!("{},{start},{window},{docs},{approved}\n", p.id_number);
    }
    stationing::import(tx, Input::Csv { name: "进驻人员名册.csv", text: &roster }, Encoding::Utf8, None)?;
    let imported = stationing::all(tx, Some(AssignmentStatus::Active), Some(unit))?;
    Ok(imported.iter().rev().take(staff.len()).rev().map(|a| a.id).collect())
}

/// Every stationing state and event the regulation knows, on the example staff.
fn stationing(tx: &mut Tx) -> Result<()> {
    let mut reserve: Vec<(String, i64)> = Vec::new();
    let mut stationed: Vec<(String, i64)> = Vec::new();
    for (w, (unit, (y, m, d))) in UNIT_STARTS.iter().enumerate() {
        let start = date(*y, *m, *d);
        let staff = personnel::all(tx, Some(unit), false)?;
        let eligible: Vec<_> = staff.iter().filter(|p| p.checks_on(start).iter().all(|c| !c.failed())).collect();
        let Some((last, rest)) = eligible.split_last() else { continue };
        reserve.push((unit.to_string(), last.id));
        let window = format!("{}号窗口", w + 1);
        let ids = match *unit {
            ROSTER_UNIT => import_roster(tx, unit, rest, start, &window)?,
            _ => rest.iter().map(|p| station(tx, p.id, start, &window, None)).collect::<Result<_>>()?,
        };
        for (p, id) in rest.iter().zip(ids) {
            stationed.push((unit.to_string(), id));
            if p.position.leads_section() && p.filed && *unit != "STHJ" {
                let from = start + chrono::Duration::days(14);
                let doc = format!("{unit}授〔{}〕1号", from.format("%Y"));
                stationing::name_chief(tx, unit, &p.id.to_string(), &doc, "approve,review,seal,coordinate", from)?;
            }
        }
    }
    let first_of = |unit: &str| stationed.iter().find(|(u, _)| u == unit).map(|(_, id)| *id);
    let last_of = |unit: &str| stationed.iter().rev().find(|(u, _)| u == unit).map(|(_, id)| *id);
    let reserve_of = |unit: &str| reserve.iter().find(|(u, _)| u == unit).map(|(_, id)| *id);
    // Art 11: GHZY's first term is renewed; MZ's expires unrenewed (report terms shows it).
    if let Some(id) = first_of("GHZY") {
        stationing::renew(tx, id, "黔江政务〔2026〕9号", Some("续任：业务骨干，经中心研究同意"))?;
    }
    // Art 11: a mid-term replacement (RLSB) and one at the end of the term (JTW).
    let replacements =
        [("RLSB", date(2026, 10, 8), "窗口业务调整，原进驻人员另有任用"), ("JTW", date(2026, 12, 1), "期满轮换")];
    for (n, (unit, effective, reason)) in replacements.iter().enumerate() {
        if let (Some(old), Some(new)) = (last_of(unit), reserve_of(unit)) {
            let letter = format!("{unit}函〔2026〕{}号", 20 + n);
            let r = stationing::request(
                tx,
                Replacement {
                    assignment: old,
                    replacement: &new.to_string(),
                    letter: &letter,
                    reason,
                    effective: *effective,
                    exception: None,
                },
            )?;
            let replied = *effective - chrono::Duration::days(7);
            stationing::reply(tx, r.id, &format!("黔江政务函〔2026〕{}号", 40 + n), replied, true, None)?;
        }
    }
    // A proposal left waiting for the org/personnel department past its start.
    if let Some(id) = reserve_of("ZJW") {
        let a = stationing::propose(
            tx,
            &id.to_string(),
            date(2026, 12, 1),
            None,
            Some("14号窗口"),
            None,
            Some(date(2026, 11, 10)),
        )?;
        stationing::approve(tx, a.id, "center", "黔江政务〔2026〕28号", date(2026, 11, 20), None)?;
    }
    // A stationing ended early.
    if let Some(id) = last_of("NYNC") {
        let letter = stationing::EndBasis::Letter {
            letter: "黔江农业农村委函〔2026〕5号",
            reply: "黔江政务函〔2026〕38号",
        };
        stationing::end(tx, id, date(2026, 9, 30), "调回原单位", letter)?;
    }
    // The rule breakers of the example register, one in each state.
    let breakers = personnel::all(tx, None, false)?;
    let failing = |rule: RuleId, on: NaiveDate| {
        breakers.iter().filter(move |p| p.checks_on(on).iter().any(|c| c.failed() && c.rule == rule)).map(|p| p.id)
    };
    let spring = date(2026, 3, 16);
    let over_age: Vec<i64> = failing(RuleId::Art6Age, spring).collect();
    let out_of_estab: Vec<i64> = failing(RuleId::Art7Estab, spring).collect();
    let short_tenure: Vec<i64> = failing(RuleId::Art7Tenure, spring).filter(|id| !out_of_estab.contains(id)).collect();
    if let Some(id) = over_age.first() {
        station(tx, *id, spring, "综合窗口", Some("业务骨干，熟悉市场主体登记，经中心研究同意"))?;
    }
    if let Some(id) = out_of_estab.first() {
        station(tx, *id, spring, "综合窗口", Some("编外人员择优选进，经集体审定"))?;
    }
    if let Some(id) = short_tenure.first() {
        let a = january_proposal(tx, *id, "急需不动产登记专业人员")?;
        stationing::approve(tx, a.id, "center", "黔江政务〔2026〕30号", date(2026, 12, 20), None)?;
    }
    if let Some(id) = over_age.get(1) {
        let a = january_proposal(tx, *id, "单位坚持推荐")?;
        stationing::reject(tx, a.id, "org-dept", "年龄超过45周岁且非经备案的科长，不同意进驻")?;
    }
    if let Some(id) = out_of_estab.get(1) {
        let a = january_proposal(tx, *id, "择优选进")?;
        for body in a.needs {
            stationing::approve(tx, a.id, body.key(), "黔江政务办〔2026〕12号", date(2026, 12, 28), None)?;
        }
    }
    Ok(())
}

/// Loads the bundled 2026 holiday calendar (what `init` does for a new database).
pub fn load_default_calendar(tx: &mut Tx) -> Result<()> {
    let input = Input::Csv { name: "examples/holidays-2026.csv", text: HOLIDAYS_2026_CSV };
    crate::domain::calendar::import(tx, input, Encoding::Utf8, None).map(|_| ())
}

/// A small deterministic generator, so that the demo is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The rule book, a year of events and reviews, January to November closed.
fn appraisal_year(tx: &mut Tx) -> Result<()> {
    appraisal::import_rulebook_text(tx, "examples/rulebook.json", RULEBOOK_JSON)?;
    let mut rng = Lcg(20_201_105);
    let stationed: Vec<stationing::Assignment> =
        stationing::all(tx, None, None)?.into_iter().filter(|a| a.started_on.is_some()).collect();
    let mut reviews = String::from("case_no,id_number,date,grade\n");
    let cal = crate::domain::calendar::Calendar::load(tx)?;
    for month in 1..=12u32 {
        for a in &stationed {
            let day = date(DEMO_YEAR, month, 10 + rng.below(15) as u32);
            let covers = a.started_on.is_some_and(|s| s <= day) && a.ended_on.is_none_or(|e| e >= day);
            if !covers {
                continue;
            }
            let person = a.person_id.to_string();
            let draws = [
                ("LATE", 3, 3),
                ("DRESS", 6, 1),
                ("BADGE", 8, 1),
                ("OVERDUE", 10, 2),
                ("PRAISE", 7, 1),
                ("NO-ONCE", 15, 1),
            ];
            for (code, one_in, most) in draws {
                if rng.below(one_in) == 0 {
                    let times = 1 + rng.below(most) as i64;
                    let attendance = code == "LATE";
                    if attendance && month == 12 {
                        // December's lateness comes from the punches (`attendance`).
                        continue;
                    }
                    if attendance && (!cal.is_working_day(day) || leave::on_leave(tx, a.person_id, day)?) {
                        continue;
                    }
                    appraisal::record(tx, &person, code, day, times, None, false)?;
                }
            }
            for n in 0..3 {
                let grade = match rng.below(40) {
                    0 => 1,
                    1 | 2 => 2,
                    3..=8 => 4,
                    _ => 5,
                };
                let case = format!("QJ{DEMO_YEAR}{month:02}{:05}", a.id * 10 + n);
                reviews.push_str(&format!("{case},{},{},{grade}\n", a.id_number, day));
            }
        }
    }
    appraisal::import_reviews(tx, Input::Csv { name: "好差评.csv", text: &reviews }, Encoding::Utf8, None)?;
    // A complaint upheld, an absence, a sanction: someone barred, someone graded lowest,
    // someone not graded.
    let marked = [("COMPLAINT", 1, 4, 1), ("ABSENT", 2, 6, 7), ("SANCTION", 3, 9, 1), ("COMMEND", 4, 10, 2)];
    for (code, nth, month, times) in marked {
        if let Some(a) = stationed.iter().filter(|a| a.status == AssignmentStatus::Active).nth(nth * 7) {
            let on = date(DEMO_YEAR, month, 15);
            appraisal::record(tx, &a.person_id.to_string(), code, on, times, Some("示例"), true)?;
        }
    }
    for month in 1..=11 {
        // A window's own deduction now and then (ART21-TARGETS): untidy records at one window.
        if month % 4 == 3 {
            let note = Some("台账资料未及时归档");
            appraisal::record_window_event(tx, "ZJW", "W-ORDER", date(DEMO_YEAR, month, 20), 1, note)?;
        }
        verify_bad_reviews(tx, month)?;
        appraisal::close_month(tx, date(DEMO_YEAR, month, 1), false)?;
    }
    Ok(())
}

/// ART16-REVIEW: the center verifies the month's bad reviews before it closes: found valid,
/// but for the year's first, which the citizen chose by mistake (invalid: it counts nowhere);
/// the second is rectified (整改) to the complainant's satisfaction.
fn verify_bad_reviews(tx: &mut Tx, month: u32) -> Result<()> {
    let first = date(DEMO_YEAR, month, 1);
    let pending = appraisal::pending_reviews(tx, first, crate::domain::calendar::last_of_month(first))?;
    for (n, case) in pending.iter().map(|r| r.case_no.as_str()).enumerate() {
        if month == 1 && n == 0 {
            appraisal::verify_review(tx, case, false, "回访核实：办事群众误选评价等级，服务无问题")?;
        } else {
            appraisal::verify_review(tx, case, true, "调查核实：未履行一次性告知，差评属实")?;
        }
        if month == 1 && n == 1 {
            let note = "已向办事群众致歉，并一次性告知全部申请材料";
            appraisal::rectify(tx, case, note, None, Some("满意"))?;
        }
    }
    Ok(())
}

/// December from the punches: the center's schedule, every stationed person's PIN and
/// 工号, a terminal's log and a DingTalk export, a missed punch the center accepted (补签),
/// and a unit calling its person away (公假, an Art 19 incident). The month is closed
/// into appraisal events with December itself.
fn attendance(tx: &mut Tx) -> Result<()> {
    use crate::domain::attendance;
    attendance::import_schedule_text(tx, "examples/schedule.json", SCHEDULE_JSON, Some(DEMO_CENTER))?;
    let december: Vec<i64> = tx
        .prepare(
            "SELECT DISTINCT person_id FROM assignment WHERE started_on <= '2026-12-31'
             AND (ended_on IS NULL OR ended_on >= '2026-12-01') ORDER BY person_id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &december {
        attendance::set_pin(tx, &id.to_string(), &id.to_string(), false)?;
        attendance::set_pin(tx, &id.to_string(), &format!("QJ{id:04}"), false)?;
    }
    for (name, text) in
        [("examples/attlog-2026-12.dat", ATTLOG_2026_12), ("examples/dingtalk-2026-12.csv", DINGTALK_2026_12)]
    {
        attendance::import_punches(tx, Input::Csv { name, text }, Encoding::Utf8, None, false)?;
    }
    let missed: Option<(i64, NaiveDate, String)> = tx
        .query_row(
            "SELECT person_id, substr(at, 1, 10), min(at) FROM punch WHERE at >= '2026-12-01'
             GROUP BY person_id, substr(at, 1, 10) HAVING count(*) = 1 ORDER BY 2, 1 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((person, day, at)) = missed {
        let time = if at[11..] < *"12:00" { "17:36" } else { "08:52" };
        attendance::amend(tx, &person.to_string(), day, time, "考勤机当日故障，经窗口负责人核实补签")?;
    }
    let active = stationing::all(tx, Some(AssignmentStatus::Active), Some("SWJ"))?;
    if let Some(a) = active.first() {
        let day = date(DEMO_YEAR, 12, 17);
        approved_leave(tx, a.person_id, "official", (day, day), "单位通知回局参加年终总结会")?;
    }
    Ok(())
}

/// A whole-day leave from `days.0` to `days.1`, requested and approved.
fn approved_leave(
    tx: &mut Tx,
    person: i64,
    kind: &str,
    days: (NaiveDate, NaiveDate),
    reason: &str,
) -> Result<leave::Leave> {
    let request = NewLeave { person: &person.to_string(), kind, from: days.0, to: days.1, half: None, reason };
    let l = leave::request(tx, request)?;
    leave::approve(tx, l.id, None)
}

/// A proposal made on 2026-12-15 for a start on 2027-01-04, with an exception reason.
fn january_proposal(tx: &mut Tx, person: i64, exception: &str) -> Result<stationing::Assignment> {
    let (start, proposed) = (date(2027, 1, 4), date(2026, 12, 15));
    stationing::propose(tx, &person.to_string(), start, None, None, Some(exception), Some(proposed))
}

/// Mistakes put right on the record: an event voided in the open month, an event of a
/// closed month corrected in it, an approved leave revoked, a unit's name corrected.
fn corrections(tx: &mut Tx) -> Result<()> {
    let active = stationing::all(tx, Some(AssignmentStatus::Active), None)?;
    if let Some(a) = active.first() {
        let typo = appraisal::record(tx, &a.person_id.to_string(), "ABSENT", date(DEMO_YEAR, 12, 15), 11, None, false)?;
        appraisal::void(tx, typo.id, "次数录入错误（应为迟到1次，已另行登记）")?;
        appraisal::record(tx, &a.person_id.to_string(), "LATE", date(DEMO_YEAR, 12, 15), 1, None, false)?;
    }
    let march = appraisal::events_of_month(tx, date(DEMO_YEAR, 3, 1))?;
    if let Some(e) = march.iter().find(|e| e.item == "LATE") {
        appraisal::correct(tx, e.id, "经核实当日已请事假并获批准，不应记迟到", Some(0))?;
    }
    if let Some(a) = active.get(3) {
        let days = (date(DEMO_YEAR, 12, 21), date(DEMO_YEAR, 12, 22));
        let l = approved_leave(tx, a.person_id, "annual", days, "年休假")?;
        leave::revoke(tx, l.id, "录入人员错误：申请人为同单位另一名工作人员")?;
    }
    let rename = org::UnitEdit {
        name: Some("区交通运输局".into()),
        reason: "机构改革后更名（原区交通运输委员会）".into(),
        ..Default::default()
    };
    org::edit_unit(tx, "JTW", &rename)?;
    Ok(())
}

/// Leaves of several types: across the National Day block, across a month end, an early
/// return, one overdue, one pending, one rejected, a half day.
fn leaves(tx: &mut Tx) -> Result<()> {
    fn stationed(tx: &Tx, unit: &str, n: usize) -> Result<Option<String>> {
        let all = stationing::all(tx, Some(AssignmentStatus::Active), Some(unit))?;
        Ok(all.get(n).map(|a| a.person_id.to_string()))
    }
    use Outcome::{Approved, Pending, Rejected, Returned};
    let plan = [
        DemoLeave(
            "SCJG",
            1,
            "annual",
            date(2026, 9, 28),
            date(2026, 10, 9),
            None,
            "国庆前后回老家探望父母",
            Returned(date(2026, 10, 10)),
        ),
        DemoLeave(
            "GA",
            1,
            "personal",
            date(2026, 4, 28),
            date(2026, 5, 8),
            None,
            "家中房屋装修",
            Returned(date(2026, 5, 7)),
        ),
        DemoLeave("SWJ", 1, "sick", date(2026, 11, 23), date(2026, 12, 4), None, "腰椎间盘突出住院治疗", Approved),
        DemoLeave("BDC", 1, "marriage", date(2026, 6, 8), date(2026, 6, 10), None, "结婚", Returned(date(2026, 6, 11))),
        DemoLeave("GJJ", 1, "annual", date(2027, 1, 18), date(2027, 1, 19), None, "年休假", Pending),
        DemoLeave(
            "WJW",
            1,
            "personal",
            date(2026, 12, 14),
            date(2026, 12, 18),
            None,
            "外出旅游",
            Rejected("年底窗口业务量大，请调整时间"),
        ),
        DemoLeave(
            "SWJ",
            2,
            "personal",
            date(2026, 7, 15),
            date(2026, 7, 15),
            Some("pm"),
            "孩子家长会",
            Returned(date(2026, 7, 16)),
        ),
    ];
    for DemoLeave(unit, n, kind, from, to, half, reason, outcome) in plan {
        let Some(person) = stationed(tx, unit, n)? else { continue };
        let request = NewLeave { person: &person, kind, from, to, half, reason };
        let l = leave::request(tx, request)?;
        match outcome {
            Pending => {}
            Approved => {
                leave::approve(tx, l.id, None)?;
            }
            Returned(back) => {
                leave::approve(tx, l.id, None)?;
                leave::return_on(tx, l.id, back)?;
            }
            Rejected(why) => {
                leave::reject(tx, l.id, Some(why))?;
            }
        }
    }
    Ok(())
}

/// A demo leave: unit, which of its stationed staff, type, from, to, half day, reason,
/// and what the center decides.
struct DemoLeave(&'static str, usize, &'static str, NaiveDate, NaiveDate, Option<&'static str>, &'static str, Outcome);

/// What the center decides on a demo leave.
enum Outcome {
    Pending,
    Approved,
    Returned(NaiveDate),
    Rejected(&'static str),
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn is_demo(path: &Path) -> bool {
    Store::open_existing(path)
        .and_then(|s| {
            s.read(|c| {
                Ok(c.query_row("SELECT count(*) FROM meta WHERE key = ?1", [MARKER], |r| r.get::<_, i64>(0))? > 0)
            })
        })
        .unwrap_or(false)
}

/// What the demo built, one line per kind of record, with a command to look at it.
pub fn summary(conn: &rusqlite::Connection, db: &str) -> Result<crate::io::table::Table> {
    use crate::io::table::{Cell, Table};
    const LINES: &[(&str, &str, &str)] = &[
        ("demo.units", "SELECT count(*) FROM unit", "unit list"),
        ("demo.persons", "SELECT count(*) FROM person", "personnel check"),
        ("demo.stationed", "SELECT count(*) FROM assignment WHERE status = 'active'", "report roster --center QJ"),
        (
            "demo.proposed",
            "SELECT count(*) FROM assignment WHERE status IN ('proposed', 'approved')",
            "assign list --status proposed",
        ),
        ("demo.replacements", "SELECT count(*) FROM reassignment", "reassign list"),
        ("demo.chiefs", "SELECT count(*) FROM chief WHERE to_date IS NULL", "assign chiefs"),
        ("demo.leaves", "SELECT count(*) FROM leave", "report leave --year 2026"),
        ("demo.events", "SELECT count(*) FROM appraisal_event", "appraise events --month 2026-12"),
        ("demo.reviews", "SELECT count(*) FROM review", "appraise month 2026-12 --center QJ"),
        ("demo.punches", "SELECT count(*) FROM punch", "attendance month 2026-12 --unit SCJG"),
        (
            "demo.attendance",
            "SELECT count(*) FROM appraisal_event WHERE source = 'attendance'",
            "report attendance --month 2026-12",
        ),
        ("demo.months", "SELECT count(*) FROM month_close", "report appraisal --month 2026-11 --center QJ"),
        ("demo.window-events", "SELECT count(*) FROM window_event", "report windows --month 2026-11 --center QJ"),
        ("demo.awards", "SELECT count(*) FROM award", "report departments --year 2026 --center QJ"),
        (
            "demo.grades",
            "SELECT count(*) FROM annual_result WHERE grade IS NOT NULL",
            "report appraisal --year 2026 --center QJ",
        ),
        ("demo.corrections", "SELECT count(*) FROM audit WHERE corrects IS NOT NULL", "report audit --corrections"),
        ("demo.batched", "SELECT coalesce(sum(created), 0) FROM import_batch", "report audit --entity import"),
        ("demo.audit", "SELECT count(*) FROM audit", "db check"),
    ];
    let mut t = Table::new(Msg::new("title.demo"), &["what", "count", "try"]);
    for (label, sql, command) in LINES {
        let count: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        t.push(vec![Cell::Label(label), Cell::Int(count), Cell::Text(format!("jinzhu --db {db} {command}"))]);
    }
    t.notes.push(Msg::new("note.demo.more"));
    Ok(t)
}
