//! Official letters (函) as .docx in the 信函格式 of GB/T 9704-2012 (党政机关公文格式):
//! A4, margins top 37 mm and left 28 mm around a 156 × 225 mm text block; body in
//! 仿宋_GB2312 三号, 22 lines of 28 characters; the issuing body's name in red 小标宋 with a
//! red double line (thick over thin) under it and one (thin over thick) 20 mm above the
//! bottom edge, both 170 mm long; the document number flush right under the top line;
//! the title in 二号小标宋; page numbers "— 2 —" from the second page, odd pages' on the
//! right and even pages' on the left. Every run names its
//! east-Asian font, so that WPS and Word find it without theme fonts.

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableCell,
    TableRow, WidthType,
};

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;
const BODY_FONT: &str = "仿宋_GB2312";
const TITLE_FONT: &str = "方正小标宋简体";
const NUMBER_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";
const RED: &str = "FF0000";
/// 三号 16 pt, 二号 22 pt, 四号 14 pt, 36 pt, in half-points.
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const SMALL_SIZE: usize = 28;
/// 小四 12 pt: a table's text, so that its columns keep their words on one line.
const TABLE_SIZE: usize = 24;
const ISSUER_SIZE: usize = 72;
/// 22 lines in the 225 mm block.
const LINE_PITCH: i32 = 579;
/// One character of body text, in twips (16 pt less the 0.25 pt that fits 28 on a line).
const CHAR: i32 = 315;
/// The rules are 170 mm, the text block 156 mm: each end reaches 7 mm past it.
const RULE_OVERHANG: i32 = 397;

/// A letter's parts, in the order GB/T 9704 sets them.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficialLetter {
    /// 发文机关标志: the issuing body's name.
    pub issuer: String,
    /// 发文字号: 黔江政务函〔2027〕3号.
    pub number: String,
    pub title: String,
    /// 主送机关, without the colon (none for a notice).
    pub addressee: String,
    pub paragraphs: Vec<String>,
    /// A table after the paragraphs: header, then rows.
    pub table: Option<(Vec<String>, Vec<Vec<String>>)>,
    /// The paragraphs after the table (特此函告。).
    pub closing: Vec<String>,
    /// 附件 names, numbered when there are several.
    pub attachments: Vec<String>,
    /// 成文日期.
    pub date: NaiveDate,
    /// 抄送机关, without the colon.
    pub copies: Option<String>,
    /// The audit chain's head when the letter was written, in small print in its footers:
    /// the state of the records the letter reports.
    pub trace: Option<String>,
}

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN_FONT).hi_ansi(LATIN_FONT).cs(LATIN_FONT)
}

/// A run of body text: 仿宋 三号, tightened to 28 characters a line.
fn body_run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts(BODY_FONT)).size(BODY_SIZE).character_spacing(-5)
}

fn exact(p: Paragraph, twips: i32) -> Paragraph {
    p.line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips).before(0).after(0))
}

fn body(text: &str) -> Paragraph {
    exact(Paragraph::new().add_run(body_run(text)), LINE_PITCH)
}

fn blank() -> Paragraph {
    body("")
}

/// A red double rule as a paragraph border, 170 mm long.
fn rule(position: ParagraphBorderPosition, kind: BorderType) -> Paragraph {
    let border = ParagraphBorder::new(position).val(kind).size(24).space(0).color(RED);
    let mut p = exact(Paragraph::new().indent(Some(-RULE_OVERHANG), None, Some(-RULE_OVERHANG), None), 40);
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(border));
    p
}

/// 成文日期 as GB/T 9704 writes it: Arabic numerals, no leading zeros (2027年1月11日).
pub fn written_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Width of text in characters of body text (a digit or Latin letter is half of one).
fn width_in_chars(text: &str) -> f64 {
    crate::io::table::display_width(text) / 2.0
}

fn table(header: &[String], rows: &[Vec<String>]) -> Table {
    let cell = |text: &str, bold: bool| {
        let run = Run::new().add_text(text).fonts(fonts(BODY_FONT)).size(TABLE_SIZE);
        let run = if bold { run.bold() } else { run };
        TableCell::new().add_paragraph(exact(Paragraph::new().align(AlignmentType::Center).add_run(run), 400))
    };
    let mut all = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect())];
    all.extend(rows.iter().map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())));
    // Columns as wide as their text needs, sharing the block's width.
    let need: Vec<f64> = (0..header.len())
        .map(|c| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .chain(header.get(c))
                .map(|t| width_in_chars(t))
                .fold(2.0, f64::max);
            widest + 1.0
        })
        .collect();
    let total: f64 = need.iter().sum();
    let block = f64::from(mm(156.0));
    let grid: Vec<usize> = need.iter().map(|n| (block * n / total).round() as usize).collect();
    Table::new(all).set_grid(grid).width(mm(156.0) as usize, WidthType::Dxa)
}

impl OfficialLetter {
    /// The letter as a .docx document.
    pub fn to_docx(&self) -> Docx {
        let issuer = Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(&self.issuer).fonts(fonts(TITLE_FONT)).size(ISSUER_SIZE).color(RED));
        let number = exact(
            Paragraph::new()
                .align(AlignmentType::Right)
                .indent(None, None, Some(CHAR), None)
                .add_run(body_run(&self.number)),
            LINE_PITCH,
        );
        let title = exact(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(&self.title).fonts(fonts(TITLE_FONT)).size(TITLE_SIZE)),
            LINE_PITCH * 3 / 2,
        );
        let mut doc = Docx::new()
            .page_size(mm(210.0) as u32, mm(297.0) as u32)
            .page_margin(
                PageMargin::new()
                    .top(mm(37.0))
                    .bottom(mm(35.0))
                    .left(mm(28.0))
                    .right(mm(26.0))
                    .header(mm(15.0))
                    .footer(mm(19.0)),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(BODY_SIZE)
            .add_paragraph(issuer)
            .add_paragraph(rule(ParagraphBorderPosition::Top, BorderType::ThickThinSmallGap))
            .add_paragraph(blank())
            .add_paragraph(number)
            .add_paragraph(blank())
            .add_paragraph(title)
            .add_paragraph(blank());
        if !self.addressee.is_empty() {
            doc = doc.add_paragraph(body(&format!("{}：", self.addressee)));
        }
        for text in &self.paragraphs {
            doc = doc.add_paragraph(body(text).indent(None, Some(SpecialIndentType::FirstLine(2 * CHAR)), None, None));
        }
        if let Some((header, rows)) = &self.table {
            doc = doc.add_table(table(header, rows)).add_paragraph(blank());
        }
        for text in &self.closing {
            doc = doc.add_paragraph(body(text).indent(None, Some(SpecialIndentType::FirstLine(2 * CHAR)), None, None));
        }
        doc = self.add_attachments(doc);
        doc = self.add_signature(doc);
        if let Some(copies) = &self.copies {
            doc = doc.add_paragraph(blank()).add_paragraph(
                exact(Paragraph::new(), 500)
                    .indent(Some(CHAR / 2), None, Some(CHAR / 2), None)
                    .add_run(Run::new().add_text(format!("抄送：{copies}。")).fonts(fonts(BODY_FONT)).size(SMALL_SIZE)),
            );
        }
        let trace = || {
            let text = self.trace.as_deref().map(|h| format!("审计链 {h}")).unwrap_or_default();
            exact(Paragraph::new(), 160)
                .add_run(Run::new().add_text(text).fonts(fonts(NUMBER_FONT)).size(10).color("808080"))
        };
        let first_footer = Footer::new()
            .add_paragraph(rule(ParagraphBorderPosition::Top, BorderType::ThinThickSmallGap))
            .add_paragraph(trace());
        // GB/T 9704: odd pages' numbers one character from the right, even pages' from the left.
        let page_number = |odd: bool| {
            let p = if odd {
                Paragraph::new().align(AlignmentType::Right).indent(None, None, Some(CHAR), None)
            } else {
                Paragraph::new().align(AlignmentType::Left).indent(Some(CHAR), None, None, None)
            };
            p.add_run(Run::new().add_text("— ").fonts(fonts(NUMBER_FONT)).size(SMALL_SIZE))
                .add_page_num(PageNum::new())
                .add_run(Run::new().add_text(" —").fonts(fonts(NUMBER_FONT)).size(SMALL_SIZE))
        };
        doc.title_pg()
            .first_footer(first_footer)
            .footer(Footer::new().add_paragraph(page_number(true)).add_paragraph(trace()))
            .even_footer(Footer::new().add_paragraph(page_number(false)).add_paragraph(trace()))
    }

    /// 附件说明: a blank line, then 附件： two characters in, names numbered when several.
    fn add_attachments(&self, mut doc: Docx) -> Docx {
        match self.attachments.as_slice() {
            [] => doc,
            [one] => doc.add_paragraph(blank()).add_paragraph(body(&format!("附件：{one}")).indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )),
            many => {
                doc = doc.add_paragraph(blank());
                for (i, name) in many.iter().enumerate() {
                    let text = if i == 0 { format!("附件：1．{name}") } else { format!("{}．{name}", i + 1) };
                    let p = body(&text);
                    doc = doc.add_paragraph(if i == 0 {
                        p.indent(None, Some(SpecialIndentType::FirstLine(2 * CHAR)), None, None)
                    } else {
                        p.indent(None, Some(SpecialIndentType::FirstLine(5 * CHAR)), None, None)
                    });
                }
                doc
            }
        }
    }

    /// The issuer's name centred over the date, the date four characters from the right,
    /// with three lines of room for the seal above.
    fn add_signature(&self, doc: Docx) -> Docx {
        let date = written_date(self.date);
        let date_right = 4.0;
        let name_right = date_right - (width_in_chars(&self.issuer) - width_in_chars(&date)) / 2.0;
        let right = |chars: f64| Some((chars.max(0.0) * f64::from(CHAR)).round() as i32);
        doc.add_paragraph(blank())
            .add_paragraph(blank())
            .add_paragraph(blank())
            .add_paragraph(body(&self.issuer).align(AlignmentType::Right).indent(None, None, right(name_right), None))
            .add_paragraph(body(&date).align(AlignmentType::Right).indent(None, None, right(date_right), None))
    }

    /// The .docx file's bytes.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.to_docx().build().pack(&mut out).map_err(std::io::Error::other)?;
        Ok(out.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_has_no_leading_zeros() {
        assert_eq!(written_date(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()), "2027年1月5日");
    }

    #[test]
    fn the_text_block_is_156_by_225_mm() {
        assert!((mm(210.0) - mm(28.0) - mm(26.0) - mm(156.0)).abs() <= 1);
        assert!((mm(297.0) - mm(37.0) - mm(35.0) - mm(225.0)).abs() <= 1);
        // 22 lines of the pitch fill the block's height (within a line's rounding).
        assert!((LINE_PITCH * 22 - mm(225.0)).abs() < 22);
        // 28 characters fit its width.
        assert!(CHAR * 28 <= mm(156.0));
    }
}
