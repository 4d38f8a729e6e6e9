//! The 公示 of a year's grades (Art 22): the notice of who is proposed as 优秀, with the
//! objection period of 5 working days and its last day, numbered in the register like a
//! letter, and its list as a sheet.

use chrono::NaiveDate;

use super::year::AnnualRow;
use crate::base::enums::Grade;
use crate::base::i18n::{Lang, Msg};
use crate::domain::calendar::Calendar;
use crate::domain::org::Center;
use crate::domain::register;
use crate::error::Result;
use crate::io::docx::{OfficialLetter, written_date};
use crate::io::table::{Cell, Table};
use crate::rules;
use crate::storage::store::Tx;

/// The kind of document in the register of document numbers.
pub const PUBLICITY: &str = "publicity";

/// The notice and its list.
#[derive(Debug, Clone)]
pub struct Publicity {
    pub document: OfficialLetter,
    pub table: Table,
    /// The last day objections are received.
    pub last_day: NaiveDate,
}

/// The last day of the objection period: the 5th working day after `published`.
pub fn last_objection_day(cal: &Calendar, published: NaiveDate) -> NaiveDate {
    published
        .iter_days()
        .skip(1)
        .filter(|d| cal.is_working_day(*d))
        .nth(rules::PUBLICATION_WORKING_DAYS - 1)
        .unwrap_or(published)
}

/// The 公示 of `year`'s 优秀 list, published on `published`, numbered in the register.
pub fn issue_publicity(
    tx: &mut Tx,
    year: i32,
    center: &Center,
    rows: &[AnnualRow],
    published: NaiveDate,
) -> Result<Publicity> {
    let cal = Calendar::load(tx)?;
    let last_day = last_objection_day(&cal, published);
    let excellent: Vec<&AnnualRow> = rows.iter().filter(|r| r.grade == Some(Grade::Excellent)).collect();
    let mut table =
        Table::new(Msg::new("title.publicity").arg("year", year), &["seq", "unit", "name", "category", "score"]);
    let mut cells = Vec::new();
    for (i, r) in excellent.iter().enumerate() {
        let unit = crate::domain::org::unit_by_id(tx, r.unit_id)?;
        let score = r.score.map_or("—".to_string(), |s| crate::base::number::fixed(s, 2));
        cells.push(vec![
            (i + 1).to_string(),
            unit.name.clone(),
            r.name.clone(),
            r.category.label(Lang::Zh).to_string(),
            score,
        ]);
        table.push(vec![
            Cell::Int(i as i64 + 1),
            Cell::Text(unit.name),
            Cell::text(&r.name),
            Cell::Label(r.category.label_key()),
            r.score.map_or(Cell::Empty, |s| Cell::Num(s, 2)),
        ]);
    }
    // A center without a prefix still publishes: its notice goes out without a number.
    let number = match register::prefix_of(tx, center.id)? {
        Some(_) => register::number_for(tx, center, PUBLICITY, &year.to_string(), "", published)?.number,
        None => String::new(),
    };
    let header = ["序号", "单位", "姓名", "身份类别", "年度得分"].map(String::from).to_vec();
    let document = OfficialLetter {
        issuer: center.name.clone(),
        number,
        title: format!("关于{year}年度进驻人员考核优秀等次人选的公示"),
        addressee: String::new(),
        paragraphs: vec![format!(
            "根据《黔江区政务服务中心进驻人员管理办法》第二十二条规定，经考核，拟确定以下{count}名同志为{year}年度考核优秀等次，现予公示。",
            count = excellent.len()
        )],
        table: Some((header, cells)),
        closing: vec![format!(
            "公示时间：{}至{}（{}个工作日）。公示期间，如对公示对象有异议，请以书面或电话形式向{}反映。反映情况须实事求是，以署名方式提出。",
            written_date(published),
            written_date(last_day),
            rules::PUBLICATION_WORKING_DAYS,
            center.name
        )],
        attachments: Vec::new(),
        date: published,
        copies: None,
        trace: None,
    };
    Ok(Publicity { document, table, last_day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_objection_period_is_five_working_days_after_publication() {
        let cal = Calendar::default();
        // Published on Monday 4 January 2027: Tuesday to the next Monday.
        let monday = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(last_objection_day(&cal, monday), NaiveDate::from_ymd_opt(2027, 1, 11).unwrap());
    }
}
