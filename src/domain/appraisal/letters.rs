//! The letters to units (Art 23): each unit's staff and their annual grades.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rulebook::rulebook_on;
use super::year::{AnnualRow, YearState, stored_year, year_state};
use crate::base::enums::Standing;
use crate::base::i18n::{self, Lang, Msg};
use crate::domain::leave;
use crate::domain::org::Center;
use crate::domain::register;
use crate::error::{Error, Result};
use crate::io::docx::{OfficialLetter, written_date};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;
use crate::storage::store::Tx;

/// One unit's letter (Art 23): the letter itself and its attachment's table.
#[derive(Debug, Clone)]
pub struct Letter {
    pub unit_code: String,
    pub unit_name: String,
    pub document: OfficialLetter,
    pub table: Table,
}

/// The kind of letter in the register of document numbers.
pub const ANNUAL_RESULT: &str = "annual-result";

/// `appraise letters Y`: one letter per unit, in Chinese, each numbered in the register
/// (a letter issued before keeps its number) and dated `tx.ctx.today`; refused before the
/// year is closed.
pub fn issue_letters(tx: &mut Tx, year: i32, center: &Center) -> Result<Vec<Letter>> {
    let mut letters = letters(tx, year, center, tx.ctx.today)?;
    for l in &mut letters {
        let subject = format!("{year}/{}", l.unit_code);
        let issued = register::number_for(tx, center, ANNUAL_RESULT, &subject, &l.unit_name, tx.ctx.today)?;
        l.document.number = issued.number;
        l.document.date = issued.issued_on;
    }
    Ok(letters)
}

/// The letters of a closed year, not yet numbered, dated `on`.
fn letters(conn: &Connection, year: i32, center: &Center, on: NaiveDate) -> Result<Vec<Letter>> {
    let state = year_state(conn, year, center.id)?;
    let Some(YearState { published_on, closed_on: Some(_) }) = state else {
        return Err(Error::refused(RuleId::Art23Letter, Msg::new("refuse.letters.open").arg("year", year)));
    };
    let rows = stored_year(conn, year, center.id)?;
    let threshold = rulebook_on(conn, leave::year_range(year).1)?.map_or(6, |rb| rb.participation_months);
    let mut by_unit: BTreeMap<(String, i64), Vec<&AnnualRow>> = BTreeMap::new();
    for r in &rows {
        by_unit.entry((r.unit.clone(), r.unit_id)).or_default().push(r);
    }
    let awards = super::award_record::awards_of_year(conn, year)?;
    let mut out = Vec::new();
    for ((code, unit_id), staff) in by_unit {
        let unit = crate::domain::org::unit_by_id(conn, unit_id)?;
        let mut table = Table::new(
            Msg::new("title.letter").arg("unit", &unit.name).arg("year", year),
            &["seq", "name", "category", "months", "score", "grade"],
        );
        let mut cells = Vec::new();
        for (i, r) in staff.iter().enumerate() {
            let grade = match (r.standing, r.grade) {
                (Standing::Participant, Some(g)) => g.label(Lang::Zh).to_string(),
                (Standing::NotGraded, _) => i18n::text(Lang::Zh, "standing.not-graded").to_string(),
                (Standing::Unit, _) => i18n::text(Lang::Zh, "standing.unit").to_string(),
                (_, None) => String::from("—"),
            };
            let score = r.score.filter(|_| r.standing != Standing::Unit);
            cells.push(vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.category.label(Lang::Zh).to_string(),
                r.months.to_string(),
                score.map_or("—".to_string(), |s| crate::base::number::fixed(s, 2)),
                grade.clone(),
            ]);
            table.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&r.name),
                Cell::Label(r.category.label_key()),
                Cell::Int(r.months),
                score.map_or(Cell::Empty, |s| Cell::Num(s, 2)),
                Cell::Text(grade),
            ]);
        }
        let header = ["序号", "姓名", "身份类别", "进驻月数", "年度得分", "考核等次"].map(String::from).to_vec();
        let attachment = format!("{}进驻人员{year}年度考核结果", unit.name);
        let document = OfficialLetter {
            issuer: center.name.clone(),
            number: String::new(),
            title: format!("关于{year}年度进驻人员考核结果的函"),
            addressee: unit.name.clone(),
            paragraphs: vec![format!(
                "根据《黔江区政务服务中心进驻人员管理办法》（黔江府办发〔2020〕72号）第二十二条、第二十三条规定，\
                 我中心对你单位进驻人员{year}年度工作进行了考核。考核结果已于{published}起公示，期满无异议，现函告如下：",
                published = written_date(published_on),
            )],
            table: Some((header, cells)),
            closing: awards_sentence(&awards, unit_id)
                .into_iter()
                .chain([format!(
                    "进驻不满{threshold}个月的人员由你单位按规定自行考核。请将考核结果作为上述同志晋职晋级、评先评优的重要依据。"
                ),
                "特此函告。".to_string(),
            ])
            .collect(),
            attachments: vec![attachment],
            date: on,
            copies: Some("区政务服务管理办公室".to_string()),
            trace: None,
        };
        out.push(Letter { unit_code: code, unit_name: unit.name, document, table });
    }
    Ok(out)
}

/// A period as a letter writes it: "2026年3月", "2026年第一季度".
fn written_period(period: &str) -> String {
    let (year, rest) = period.split_once('-').unwrap_or((period, ""));
    match rest.strip_prefix('Q') {
        Some(q) => {
            let n = ["一", "二", "三", "四"].get(q.parse::<usize>().unwrap_or(1).saturating_sub(1)).unwrap_or(&"一");
            format!("{year}年第{n}季度")
        }
        None => format!("{year}年{}月", rest.trim_start_matches('0')),
    }
}

/// The letter's sentence of the year's awards to the unit's window and staff (ART21-TARGETS),
/// if any: "年内，你单位窗口获评“红旗窗口”2次（2026年1月、2026年3月）；张三获评“服务之星”1次（2026年1月）。"
fn awards_sentence(awards: &[super::award_record::AwardRow], unit_id: i64) -> Option<String> {
    let mut won: Vec<(String, Vec<String>)> = Vec::new();
    for a in awards.iter().filter(|a| a.unit_id == unit_id) {
        let who = a.person.as_deref().map_or("你单位窗口".to_string(), str::to_string);
        let key = format!("{who}获评“{}”", a.name_zh);
        match won.iter_mut().find(|(k, _)| *k == key) {
            Some((_, periods)) => periods.push(written_period(&a.period)),
            None => won.push((key, vec![written_period(&a.period)])),
        }
    }
    let parts: Vec<String> =
        won.iter().map(|(k, periods)| format!("{k}{}次（{}）", periods.len(), periods.join("、"))).collect();
    (!parts.is_empty()).then(|| format!("年内，{}。", parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_written_as_a_letter_writes_them() {
        assert_eq!(written_period("2026-03"), "2026年3月");
        assert_eq!(written_period("2026-11"), "2026年11月");
        assert_eq!(written_period("2026-Q2"), "2026年第二季度");
    }
}
