//! The center's work schedule (作息时间): sessions by season (summer and winter with their
//! switch dates), weekday exceptions (Friday afternoon shorter, a Saturday service
//! morning), grace minutes, the thresholds that turn lateness into absence, and the rule
//! book items its results count as. Written by the center as a JSON file, versioned by
//! effective date, validated on import.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::evaluate::{Session, Thresholds};
use crate::base::i18n::Msg;
use crate::base::parse;
use crate::domain::calendar::Calendar;
use crate::domain::org::{self, Center};
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::store::Tx;

/// The rule book items a schedule's results count as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Items {
    pub late: String,
    pub early: String,
    pub missed: String,
    pub absent: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonFile {
    name: String,
    /// The first day of the season every year, MM-DD.
    from: String,
    sessions: Vec<[String; 2]>,
    /// mon … sun: the sessions of that weekday instead (sat, sun: a service day).
    #[serde(default)]
    weekdays: BTreeMap<String, Vec<[String; 2]>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleFile {
    name: String,
    effective: String,
    #[serde(default)]
    center: Option<String>,
    grace_minutes: u32,
    #[serde(default)]
    early_grace_minutes: u32,
    #[serde(default)]
    half_day_minutes: Option<u32>,
    #[serde(default)]
    whole_day_minutes: Option<u32>,
    items: Items,
    seasons: Vec<SeasonFile>,
}

/// A season of a schedule, parsed.
#[derive(Debug, Clone, PartialEq)]
struct Season {
    name: String,
    /// (month, day) of its first day.
    from: (u32, u32),
    sessions: Vec<Session>,
    weekdays: HashMap<Weekday, Vec<Session>>,
}

/// A schedule version in force for one center from its effective date.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub id: i64,
    pub center_id: i64,
    pub effective: NaiveDate,
    pub name: String,
    pub thresholds: Thresholds,
    pub items: Items,
    seasons: Vec<Season>,
}

impl Schedule {
    /// The season of `date`: the one whose first day came last before it, the year round
    /// (January is in the season that began the October before).
    fn season(&self, date: NaiveDate) -> Option<&Season> {
        let day = (date.month(), date.day());
        self.seasons.iter().rev().find(|s| s.from <= day).or_else(|| self.seasons.last())
    }

    /// The sessions of `date`, none on a day off. A holiday is off; a make-up working day
    /// (调休上班日) keeps the ordinary sessions; a weekend day is on only when the season
    /// names sessions for it; a weekday may have sessions of its own.
    pub fn sessions_on(&self, date: NaiveDate, cal: &Calendar) -> Option<&[Session]> {
        let season = self.season(date)?;
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let special = season.weekdays.get(&date.weekday()).map(Vec::as_slice);
        match (cal.is_working_day(date), weekend) {
            (true, true) => Some(&season.sessions),
            (true, false) => Some(special.unwrap_or(&season.sessions)),
            (false, true) if !cal.is_holiday(date) => special,
            (false, _) => None,
        }
    }
}

fn file_error(name: &str, reason: Msg) -> Error {
    Error::BadFile { file: name.to_string(), reason }
}

fn weekday(key: &str) -> Option<Weekday> {
    let days = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    days.iter().find(|(k, _)| key.trim().eq_ignore_ascii_case(k)).map(|(_, d)| *d)
}

/// Sessions in order, each ending after it starts and before the next begins.
fn sessions(list: &[[String; 2]], season: &str) -> std::result::Result<Vec<Session>, Msg> {
    let bad = || Msg::new("reason.schedule.sessions").arg("season", season);
    let parsed: Vec<Session> = list
        .iter()
        .map(|[a, b]| Ok(Session { start: parse::time(a)?, end: parse::time(b)? }))
        .collect::<std::result::Result<_, Msg>>()
        .map_err(|_: Msg| bad())?;
    let ordered = parsed.iter().all(|s| s.start < s.end) && parsed.windows(2).all(|w| w[0].end <= w[1].start);
    if parsed.is_empty() || !ordered {
        return Err(bad());
    }
    Ok(parsed)
}

fn season(f: &SeasonFile) -> std::result::Result<Season, Msg> {
    let from = NaiveDate::parse_from_str(&format!("2000-{}", f.from.trim()), "%Y-%m-%d")
        .map(|d| (d.month(), d.day()))
        .map_err(|_| Msg::new("reason.schedule.season-from").arg("season", &f.name).arg("from", &f.from))?;
    let mut weekdays = HashMap::new();
    for (key, list) in &f.weekdays {
        let day = weekday(key).ok_or_else(|| Msg::new("reason.schedule.weekday").arg("day", key))?;
        weekdays.insert(day, sessions(list, &f.name)?);
    }
    Ok(Season { name: f.name.trim().to_string(), from, sessions: sessions(&f.sessions, &f.name)?, weekdays })
}

fn validate(f: &ScheduleFile) -> std::result::Result<(NaiveDate, Thresholds, Vec<Season>), Msg> {
    let effective = parse::date(&f.effective).map_err(|_| Msg::new("reason.schedule.effective"))?;
    if f.name.trim().is_empty() {
        return Err(Msg::new("reason.schedule.name"));
    }
    let t = Thresholds {
        grace: f.grace_minutes,
        early_grace: f.early_grace_minutes,
        half_day: f.half_day_minutes,
        whole_day: f.whole_day_minutes,
    };
    let most_grace = t.grace.max(t.early_grace);
    let rising =
        t.half_day.is_none_or(|h| h > most_grace) && t.whole_day.is_none_or(|w| w > t.half_day.unwrap_or(most_grace));
    if most_grace > 120 || !rising {
        return Err(Msg::new("reason.schedule.thresholds"));
    }
    let items = [&f.items.late, &f.items.early, &f.items.missed, &f.items.absent];
    if items.iter().any(|c| c.trim().is_empty()) {
        return Err(Msg::new("reason.schedule.items"));
    }
    let mut seasons = f.seasons.iter().map(season).collect::<std::result::Result<Vec<_>, _>>()?;
    seasons.sort_by_key(|s| s.from);
    if seasons.is_empty() || seasons.windows(2).any(|w| w[0].from == w[1].from) {
        return Err(Msg::new("reason.schedule.seasons"));
    }
    Ok((effective, t, seasons))
}

fn parse_file(name: &str, text: &str) -> Result<(ScheduleFile, NaiveDate, Thresholds, Vec<Season>)> {
    let file: ScheduleFile =
        serde_json::from_str(text).map_err(|e| file_error(name, Msg::new("reason.schedule.json").arg("detail", e)))?;
    let (effective, t, seasons) = validate(&file).map_err(|m| file_error(name, m))?;
    Ok((file, effective, t, seasons))
}

/// A schedule version in force from `effective` scored every closed month since: it
/// cannot be replaced once one of them is closed.
fn refuse_if_closed_since(conn: &Connection, effective: NaiveDate) -> Result<()> {
    let closed: Option<String> = conn
        .prepare_cached("SELECT month FROM attendance_close WHERE month >= ?1 ORDER BY month LIMIT 1")?
        .query_row([effective.format("%Y-%m").to_string()], |r| r.get(0))
        .optional()?;
    match closed {
        Some(month) => Err(Error::refused(
            RuleId::Art21Monthly,
            Msg::new("refuse.schedule.used").arg("effective", effective).arg("month", month),
        )),
        None => Ok(()),
    }
}

/// The schedule as the audit trail records it.
pub fn schedule_json(conn: &Connection, id: &str) -> Result<serde_json::Value> {
    let (center, effective, name, definition): (String, String, String, String) = conn
        .prepare_cached(
            "SELECT c.code, s.effective, s.name, s.definition FROM work_schedule s JOIN center c ON c.id = s.center_id
             WHERE s.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let definition: serde_json::Value = serde_json::from_str(&definition).unwrap_or(serde_json::Value::Null);
    Ok(serde_json::json!({ "center": center, "effective": effective, "name": name, "definition": definition }))
}

/// `attendance schedule import`: stores a schedule version for its center (the file's
/// `center`, else `center`, else the only one). A version whose months are closed cannot
/// be replaced.
pub fn import_schedule(tx: &mut Tx, path: &Path, center: Option<&str>) -> Result<Schedule> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| file_error(&name, Msg::new("reason.file.csv").arg("detail", e)))?;
    import_schedule_text(tx, &name, &text, center)
}

/// The same, from text (the demo's bundled schedule).
pub fn import_schedule_text(tx: &mut Tx, name: &str, text: &str, center: Option<&str>) -> Result<Schedule> {
    let (file, effective, _, _) = parse_file(name, text)?;
    let center: Center = org::resolve_center(tx, file.center.as_deref().or(center))?;
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM work_schedule WHERE center_id = ?1 AND effective = ?2")?
        .query_row(params![center.id, effective], |r| r.get(0))
        .optional()?;
    let definition = serde_json::to_string(&file).unwrap_or_default();
    let before = match existing {
        Some(id) => {
            refuse_if_closed_since(tx, effective)?;
            let before = schedule_json(tx, &id.to_string())?;
            tx.prepare_cached("UPDATE work_schedule SET name = ?2, definition = ?3 WHERE id = ?1")?
                .execute(params![id, file.name.trim(), definition])?;
            Some(before)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO work_schedule (center_id, effective, name, definition) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![center.id, effective, file.name.trim(), definition])?;
            None
        }
    };
    let id: i64 = tx
        .prepare_cached("SELECT id FROM work_schedule WHERE center_id = ?1 AND effective = ?2")?
        .query_row(params![center.id, effective], |r| r.get(0))?;
    let after = schedule_json(tx, &id.to_string())?;
    tx.audit("work_schedule", id, "import", before.as_ref(), Some(&after))?;
    load_schedule(tx, id)
}

fn load_schedule(conn: &Connection, id: i64) -> Result<Schedule> {
    let (center_id, definition): (i64, String) = conn
        .prepare_cached("SELECT center_id, definition FROM work_schedule WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (file, effective, thresholds, seasons) = parse_file("work_schedule", &definition)?;
    Ok(Schedule { id, center_id, effective, name: file.name, thresholds, items: file.items, seasons })
}

/// Every center's schedule versions, oldest first: what a month is computed with.
#[derive(Debug, Default)]
pub struct Schedules(HashMap<i64, Vec<Schedule>>);

impl Schedules {
    pub fn load(conn: &Connection) -> Result<Schedules> {
        let mut stmt = conn.prepare_cached("SELECT id FROM work_schedule ORDER BY effective")?;
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut by_center: HashMap<i64, Vec<Schedule>> = HashMap::new();
        for id in ids {
            let s = load_schedule(conn, id)?;
            by_center.entry(s.center_id).or_default().push(s);
        }
        Ok(Schedules(by_center))
    }

    /// The version in force for `center` on `date`.
    pub fn on(&self, center: i64, date: NaiveDate) -> Option<&Schedule> {
        self.0.get(&center)?.iter().rev().find(|s| s.effective <= date)
    }

    pub fn all(&self) -> impl Iterator<Item = &Schedule> {
        self.0.values().flatten()
    }
}

fn sessions_text(list: &[Session]) -> String {
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    list.iter().map(|s| format!("{}–{}", hm(s.start), hm(s.end))).collect::<Vec<_>>().join(", ")
}

/// `attendance schedule list`: every version, its seasons and weekday exceptions.
pub fn list(conn: &Connection) -> Result<Table> {
    let mut t = Table::new(
        Msg::new("title.schedules"),
        &["center", "effective", "name", "season", "from", "days", "sessions", "grace", "half_day", "whole_day"],
    );
    let schedules = Schedules::load(conn)?;
    let centers: HashMap<i64, String> = org::all_centers(conn)?.into_iter().map(|c| (c.id, c.code)).collect();
    let mut all: Vec<&Schedule> = schedules.all().collect();
    all.sort_by_key(|s| (s.center_id, s.effective));
    let minutes = |m: Option<u32>| m.map_or(Cell::Empty, |m| Cell::Int(m.into()));
    for s in all {
        for season in &s.seasons {
            let mut days: Vec<(String, &[Session])> = vec![(String::new(), &season.sessions)];
            let mut special: Vec<_> = season.weekdays.iter().collect();
            special.sort_by_key(|(d, _)| d.num_days_from_monday());
            days.extend(special.into_iter().map(|(d, list)| (format!("{d:?}"), list.as_slice())));
            for (day, list) in days {
                t.push(vec![
                    Cell::text(centers.get(&s.center_id).map_or("", String::as_str)),
                    Cell::Date(s.effective),
                    Cell::text(&s.name),
                    Cell::text(&season.name),
                    Cell::Text(format!("{:02}-{:02}", season.from.0, season.from.1)),
                    if day.is_empty() { Cell::Label("schedule.ordinary") } else { Cell::Text(day) },
                    Cell::Text(sessions_text(list)),
                    Cell::Int(s.thresholds.grace.into()),
                    minutes(s.thresholds.half_day),
                    minutes(s.thresholds.whole_day),
                ]);
            }
        }
        t.notes.push(
            Msg::new("note.schedule.items")
                .arg("name", &s.name)
                .arg("late", &s.items.late)
                .arg("early", &s.items.early)
                .arg("missed", &s.items.missed)
                .arg("absent", &s.items.absent),
        );
    }
    if t.rows.is_empty() {
        t.notes.push(Msg::new("note.schedule.none"));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::enums::DayKind;

    /// The example schedule, with a Saturday service morning in winter.
    fn example() -> Schedule {
        let text = include_str!("../../../examples/schedule.json")
            .replace(r#""fri": [["09:00""#, r#""sat": [["09:00", "12:00"]], "fri": [["09:00""#);
        let (file, effective, thresholds, seasons) = parse_file("x", &text).unwrap();
        Schedule { id: 1, center_id: 1, effective, name: file.name, thresholds, items: file.items, seasons }
    }
    fn d(s: &str) -> NaiveDate {
        parse::date(s).unwrap()
    }

    #[test]
    fn the_season_switches_on_its_date_and_wraps_round_the_year() {
        let s = example();
        let cal = Calendar::from_days([(d("2026-01-01"), DayKind::Holiday)]);
        let start = |day: &str| s.sessions_on(d(day), &cal).map(|l| l[0].start.format("%H:%M").to_string());
        assert_eq!(start("2026-04-30").as_deref(), Some("09:00"), "a Thursday of winter");
        assert_eq!(start("2026-05-01").as_deref(), Some("08:30"), "the first day of summer, a Friday");
        assert_eq!(start("2026-10-01").as_deref(), Some("09:00"));
        assert_eq!(start("2026-01-01"), None, "a holiday");
    }

    #[test]
    fn a_make_up_saturday_keeps_the_ordinary_day_and_other_saturdays_the_service_morning() {
        let s = example();
        let cal = Calendar::from_days([(d("2026-10-10"), DayKind::Workday)]);
        assert_eq!(s.sessions_on(d("2026-10-10"), &cal).map(<[Session]>::len), Some(2));
        let saturday = s.sessions_on(d("2026-10-17"), &cal).unwrap();
        assert_eq!((saturday.len(), saturday[0].end.format("%H:%M").to_string()), (1, "12:00".into()));
        assert_eq!(s.sessions_on(d("2026-10-18"), &cal), None, "a Sunday");
        let friday = s.sessions_on(d("2026-10-16"), &cal).unwrap();
        assert_eq!(friday[1].end.format("%H:%M").to_string(), "17:00");
    }

    #[test]
    fn bad_schedules_are_refused_with_the_reason() {
        let text = include_str!("../../../examples/schedule.json");
        let bad = |from: &str, to: &str| {
            let t = text.replacen(from, to, 1);
            parse_file("x", &t).err().map(|e| format!("{e:?}")).unwrap_or_default()
        };
        assert!(bad("\"12:00\"", "\"08:00\"").contains("reason.schedule.sessions"));
        assert!(bad("\"05-01\"", "\"02-30\"").contains("reason.schedule.season-from"));
        assert!(bad("\"half_day_minutes\": 30", "\"half_day_minutes\": 3").contains("reason.schedule.thresholds"));
        assert!(bad("\"fri\"", "\"friday\"").contains("reason.schedule.weekday"));
    }
}
