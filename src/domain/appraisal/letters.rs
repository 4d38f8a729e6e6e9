//! The letters to units (Art 23): each unit's staff and their annual grades.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::rulebook::rulebook_on;
use super::year::{AnnualRow, YearState, stored_year, year_state};
use crate::base::enums::Standing;
use crate::base::i18n::{self, Lang, Msg};
use crate::domain::leave;
use crate::domain::org::Center;
use crate::error::{Error, Result};
use crate::io::table::{Cell, Table};
use crate::rules::RuleId;

/// One unit's letter (Art 23): the formal text and its table.
#[derive(Debug, Clone)]
pub struct Letter {
    pub unit_code: String,
    pub unit_name: String,
    pub text: String,
    pub table: Table,
}

/// `appraise letters Y`: one letter per unit, in Chinese; refused before the year is closed.
pub fn letters(conn: &Connection, year: i32, center: &Center) -> Result<Vec<Letter>> {
    let state = year_state(conn, year, center.id)?;
    let Some(YearState { published_on, closed_on: Some(closed_on) }) = state else {
        return Err(Error::refused(RuleId::Art23Letter, Msg::new("refuse.letters.open").arg("year", year)));
    };
    let rows = stored_year(conn, year, center.id)?;
    let center = center.name.clone();
    let mut by_unit: BTreeMap<(String, i64), Vec<&AnnualRow>> = BTreeMap::new();
    for r in &rows {
        by_unit.entry((r.unit.clone(), r.unit_id)).or_default().push(r);
    }
    let mut out = Vec::new();
    for ((code, unit_id), staff) in by_unit {
        let unit = crate::domain::org::unit_by_id(conn, unit_id)?;
        let mut table = Table::new(
            Msg::new("title.letter").arg("unit", &unit.name).arg("year", year),
            &["seq", "name", "category", "months", "score", "grade"],
        );
        let mut lines = Vec::new();
        for (i, r) in staff.iter().enumerate() {
            let grade = match (r.standing, r.grade) {
                (Standing::Participant, Some(g)) => g.label(Lang::Zh).to_string(),
                (Standing::NotGraded, _) => i18n::text(Lang::Zh, "standing.not-graded").to_string(),
                (Standing::Unit, _) => i18n::text(Lang::Zh, "standing.unit").to_string(),
                (_, None) => String::from("—"),
            };
            let score =
                r.score.filter(|_| r.standing != Standing::Unit).map_or("—".to_string(), |s| format!("{s:.2}"));
            lines.push(format!(
                "| {} | {} | {} | {} | {} | {} |",
                i + 1,
                r.name,
                r.category.label(Lang::Zh),
                r.months,
                score,
                grade
            ));
            table.push(vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&r.name),
                Cell::Label(r.category.label_key()),
                Cell::Int(r.months),
                r.score.filter(|_| r.standing != Standing::Unit).map_or(Cell::Empty, |s| Cell::Num(s, 2)),
                Cell::Text(grade),
            ]);
        }
        let text = format!(
            "# 关于{year}年度进驻人员考核结果的函\n\n{unit}：\n\n\
             根据《黔江区政务服务中心进驻人员管理办法》（黔江府办发〔2020〕72号）第二十二条、第二十三条规定，\
             我中心对你单位进驻人员{year}年度工作进行了考核。考核结果已于{published}起公示，期满无异议，现函告如下：\n\n\
             | 序号 | 姓名 | 身份类别 | 进驻月数 | 年度得分 | 考核等次 |\n|---|---|---|---|---|---|\n{lines}\n\n\
             进驻不满{threshold}个月的人员由你单位按规定自行考核。请将考核结果作为上述同志晋职晋级、评先评优的重要依据。\n\n\
             特此函告。\n\n{center}\n{date}\n",
            unit = unit.name,
            published = chinese_date(published_on),
            lines = lines.join("\n"),
            threshold = rulebook_on(conn, leave::year_range(year).1)?.map_or(6, |rb| rb.participation_months),
            date = chinese_date(closed_on),
        );
        out.push(Letter { unit_code: code, unit_name: unit.name, text, table });
    }
    Ok(out)
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
