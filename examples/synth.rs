//! Synthetic data at any scale, deterministic for a seed: units, personnel with valid ID
//! numbers, assignments (for `assign import`), the holiday calendar, the rule book, and a
//! year of appraisal events (about 10 per person per month) and reviews.
//!
//!     cargo run --release --example synth -- --staff 100000 --units 400 --year 2026 --out /tmp/synth
//!
//! Files written to OUT: units.csv, personnel.csv, assignments.csv, holidays.csv,
//! rulebook.json, events.csv, reviews.csv; with `--punch-month M`, a terminal's month of
//! punches (four a working day, a few late, early or missing): attlog.dat (ZKTeco ATTLOG,
//! in time order), pins.csv (id_number, pin) and schedule.json.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate};
use jinzhu::base::enums::{Establishment, Position};
use jinzhu::base::idnum::check_char;
use jinzhu::rules::{StationingFacts, stationing_checks};

struct Args {
    staff: usize,
    units: usize,
    year: i32,
    out: PathBuf,
    seed: u64,
    /// How many months of the year get events and reviews (1 = January only).
    months: u32,
    events_per_month: u32,
    reviews_per_month: u32,
    /// The month of the year whose punches to write (0: none).
    punch_month: u32,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        staff: 1000,
        units: 20,
        year: 2026,
        out: PathBuf::from("synth"),
        seed: 1,
        months: 12,
        events_per_month: 10,
        reviews_per_month: 3,
        punch_month: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let n = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--staff" => a.staff = n()? as usize,
            "--units" => a.units = (n()? as usize).max(1),
            "--year" => a.year = n()? as i32,
            "--seed" => a.seed = n()?,
            "--months" => a.months = (n()? as u32).clamp(0, 12),
            "--events-per-month" => a.events_per_month = n()? as u32,
            "--reviews-per-month" => a.reviews_per_month = n()? as u32,
            "--punch-month" => a.punch_month = (n()? as u32).clamp(0, 12),
            "--out" => a.out = PathBuf::from(&value),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const REGIONS: [&str; 8] = ["500114", "500101", "500242", "500241", "500243", "500239", "500103", "500106"];
const SURNAMES: &str =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "丽",
    "华", "鹏", "婷", "宇", "浩",
];
const DEPARTMENTS: [&str; 10] = [
    "市场监督管理局",
    "人力资源和社会保障局",
    "住房和城乡建设委员会",
    "规划和自然资源局",
    "不动产登记中心",
    "医疗保障局",
    "民政局",
    "卫生健康委员会",
    "交通运输委员会",
    "公积金管理中心",
];
const ITEMS: [(&str, u64); 6] =
    [("LATE", 40), ("DRESS", 15), ("BADGE", 10), ("OVERDUE", 15), ("NO-ONCE", 10), ("PRAISE", 10)];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn main() -> std::io::Result<()> {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&args.out)?;
    let mut rng = Rng(args.seed);
    let jan1 = date(args.year, 1, 1);
    let file = |name: &str| File::create(args.out.join(name)).map(|f| BufWriter::with_capacity(1 << 20, f));

    // Units: about a third institutions, the rest administrative organs.
    let mut units = file("units.csv")?;
    writeln!(units, "code,name,kind,service_items")?;
    let unit_kinds: Vec<&str> = (0..args.units).map(|i| if i % 3 == 2 { "institution" } else { "organ" }).collect();
    for (i, kind) in unit_kinds.iter().enumerate() {
        let name = format!("第{:04}区{}", i + 1, DEPARTMENTS[i % DEPARTMENTS.len()]);
        writeln!(units, "U{:04},{name},{kind},{}", i + 1, 10 + rng.below(150))?;
    }
    units.flush()?;

    let mut personnel = file("personnel.csv")?;
    writeln!(
        personnel,
        "id_number,name,unit,position,filed,establishment,category,joined_unit,work_start,service_section,party_member,union_member,phone"
    )?;
    let mut assignments = file("assignments.csv")?;
    writeln!(assignments, "id_number,start,center,window,center_doc,org_dept_doc,gsmo_doc,exception")?;
    let mut seen = HashSet::with_capacity(args.staff);
    let mut people: Vec<(String, NaiveDate)> = Vec::with_capacity(args.staff);
    while people.len() < args.staff {
        let age_days = 365 * 24 + rng.below(365 * 30) as i64;
        let birth = jan1 - Duration::days(age_days);
        let seq = rng.below(1000);
        let first17 = format!("{}{}{seq:03}", REGIONS[rng.below(8) as usize], birth.format("%Y%m%d"));
        let id_number = format!("{first17}{}", check_char(first17.as_bytes()));
        if !seen.insert(id_number.clone()) {
            continue;
        }
        let unit = rng.below(args.units as u64) as usize;
        let position = match rng.below(100) {
            0..=7 => Position::Chief,
            8..=12 => Position::PresidingDeputy,
            13..=22 => Position::Deputy,
            _ => Position::Staff,
        };
        let filed = position.leads_section() && rng.chance(80);
        let establishment = if rng.chance(90) { Establishment::In } else { Establishment::Out };
        let category = match (establishment, unit_kinds[unit]) {
            (Establishment::Out, _) => "other",
            (_, "institution") => "public-institution",
            _ => "civil-servant",
        };
        let work_start = (birth + Duration::days(365 * 21 + rng.below(365 * 4) as i64)).min(jan1 - Duration::days(400));
        let joined = (work_start + Duration::days(rng.below(365 * 8) as i64)).min(jan1 - Duration::days(30));
        let name: String = [
            SURNAMES.chars().nth(rng.below(SURNAMES.chars().count() as u64) as usize).unwrap_or('王').to_string(),
            GIVEN[rng.below(24) as usize].to_string(),
            if rng.chance(60) { GIVEN[rng.below(24) as usize].to_string() } else { String::new() },
        ]
        .concat();
        let yn = |b: bool| if b { "yes" } else { "no" };
        let service_section = rng.chance(85);
        writeln!(
            personnel,
            "{id_number},{name},U{:04},{},{},{},{category},{joined},{work_start},{},{},{},13{:09}",
            unit + 1,
            position.key(),
            yn(filed),
            establishment.key(),
            yn(service_section),
            yn(rng.chance(55)),
            yn(rng.chance(90)),
            rng.below(1_000_000_000)
        )?;
        // Stationed from a day in the two years before 1 January, so that every month of
        // the year is appraised; soft-rule failures carry an exception.
        let start = jan1 - Duration::days(1 + rng.below(700) as i64);
        let facts =
            StationingFacts { birth_date: birth, position, filed, service_section, establishment, joined_unit: joined };
        let fails = stationing_checks(&facts, start).iter().any(|c| c.failed());
        let (center_doc, org_doc, gsmo_doc) = (
            format!("中心〔{}〕{}号", start.year(), people.len() + 1),
            format!("组〔{}〕{}号", start.year(), people.len() + 1),
            format!("政管办〔{}〕{}号", start.year(), people.len() + 1),
        );
        writeln!(
            assignments,
            "{id_number},{start},,{}号窗口,{center_doc},{org_doc},{gsmo_doc},{}",
            1 + rng.below(60),
            if fails { "原有进驻人员迁入" } else { "" }
        )?;
        people.push((id_number, start));
    }
    personnel.flush()?;
    assignments.flush()?;

    std::fs::write(args.out.join("holidays.csv"), jinzhu::demo::HOLIDAYS_2026_CSV)?;
    std::fs::write(
        args.out.join("rulebook.json"),
        jinzhu::demo::RULEBOOK_JSON.replace("\"2026-01-01\"", &format!("\"{jan1}\"")),
    )?;

    let mut events = file("events.csv")?;
    writeln!(events, "id_number,rule,date,times,note")?;
    let mut reviews = file("reviews.csv")?;
    writeln!(reviews, "case_no,id_number,date,grade")?;
    let mut case = 0u64;
    // LATE is an attendance item: it happens on working days only (the 2026 schedule,
    // which `init` loads; other years follow the week).
    let calendar = jinzhu::domain::calendar::Calendar::from_days(
        jinzhu::demo::HOLIDAYS_2026_CSV.lines().skip(1).filter_map(|line| {
            let mut cells = line.split(',');
            let day = NaiveDate::parse_from_str(cells.next()?, "%Y-%m-%d").ok()?;
            let kind = jinzhu::base::enums::DayKind::parse(cells.next()?)?;
            Some((day, kind))
        }),
    );
    for month in 1..=args.months {
        let days = (jinzhu::domain::calendar::last_of_month(date(args.year, month, 1)).day()) as u64;
        let working: Vec<NaiveDate> =
            (1..=days as u32).map(|d| date(args.year, month, d)).filter(|d| calendar.is_working_day(*d)).collect();
        for (id_number, _) in &people {
            // Occurrences of an item on one day are one row with its times, as a clerk
            // records them (the same row twice is refused as a repeat).
            let mut occurrences: std::collections::BTreeMap<(&str, NaiveDate), u32> = std::collections::BTreeMap::new();
            for _ in 0..args.events_per_month {
                let mut pick = rng.below(100);
                let code = ITEMS.iter().find(|(_, w)| {
                    let hit = pick < *w;
                    pick = pick.saturating_sub(*w);
                    hit
                });
                let code = code.map_or("LATE", |c| c.0);
                let day = if code == "LATE" {
                    working[rng.below(working.len() as u64) as usize]
                } else {
                    date(args.year, month, 1 + rng.below(days) as u32)
                };
                *occurrences.entry((code, day)).or_default() += 1;
            }
            for ((code, day), times) in occurrences {
                writeln!(events, "{id_number},{code},{day},{times},")?;
            }
            for _ in 0..args.reviews_per_month {
                case += 1;
                let grade = match rng.below(100) {
                    0 => 1,
                    1..=3 => 2,
                    4..=15 => 4,
                    _ => 5,
                };
                let day = date(args.year, month, 1 + rng.below(days) as u32);
                writeln!(reviews, "QJ{}{case:09},{id_number},{day},{grade}", args.year)?;
            }
        }
    }
    events.flush()?;
    reviews.flush()?;
    if args.punch_month > 0 {
        punches(&args, &mut rng, &people, &calendar)?;
    }
    eprintln!(
        "synth: {} units, {} persons, {} months of events in {}",
        args.units,
        args.staff,
        args.months,
        args.out.display()
    );
    Ok(())
}

/// A month of punches of every person, PIN n for the n-th: arriving 08:40–09:05 (one day
/// in twenty late), lunch out and back, leaving after the winter schedule's end (Friday
/// 17:00, else 17:30); one day in a hundred a punch short, one in two hundred none.
fn punches(
    args: &Args,
    rng: &mut Rng,
    people: &[(String, NaiveDate)],
    calendar: &jinzhu::domain::calendar::Calendar,
) -> std::io::Result<()> {
    let file = |name: &str| File::create(args.out.join(name)).map(|f| BufWriter::with_capacity(1 << 20, f));
    let mut pins = file("pins.csv")?;
    writeln!(pins, "id_number,pin")?;
    for (n, (id_number, _)) in people.iter().enumerate() {
        writeln!(pins, "{id_number},{}", n + 1)?;
    }
    pins.flush()?;
    std::fs::write(args.out.join("schedule.json"), jinzhu::demo::SCHEDULE_JSON)?;
    let first = date(args.year, args.punch_month, 1);
    let last = jinzhu::domain::calendar::last_of_month(first);
    let mut log = file("attlog.dat")?;
    let mut day_punches: Vec<(u32, u32)> = Vec::with_capacity(people.len() * 4);
    for day in first.iter_days().take_while(|d| *d <= last).filter(|d| calendar.is_working_day(*d)) {
        day_punches.clear();
        let end = if day.weekday() == chrono::Weekday::Fri { 17 * 3600 } else { 17 * 3600 + 1800 };
        for n in 0..people.len() as u32 {
            let roll = rng.below(1000);
            if roll < 5 {
                continue;
            }
            let arrive = if roll < 55 { 9 * 3600 + 360 + rng.below(2000) } else { 8 * 3600 + 2400 + rng.below(1500) };
            let mut times = [
                arrive as u32,
                (12 * 3600 + rng.below(300)) as u32,
                (13 * 3600 + 3000 + rng.below(600)) as u32,
                (end + rng.below(1200)) as u32,
            ];
            if roll < 15 {
                times[3] = times[0];
            }
            for t in times {
                day_punches.push((t, n + 1));
            }
        }
        day_punches.sort_unstable();
        day_punches.dedup();
        for (t, pin) in &day_punches {
            let (h, m, s) = (t / 3600, t / 60 % 60, t % 60);
            writeln!(log, "{pin:>6}\t{day} {h:02}:{m:02}:{s:02}\t1\t1\t0\t0")?;
        }
    }
    log.flush()
}
