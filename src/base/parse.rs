//! Parsing the values clerks type or spreadsheets hold. Each parser returns the reason
//! (a message) when the value is not acceptable; callers attach field and row.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::base::i18n::Msg;

/// A date as clerks write it: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 or 20260301
/// (a spreadsheet may add a midnight time). A two-digit year is refused, never guessed.
pub fn date(s: &str) -> Result<NaiveDate, Msg> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Msg::new("reason.required"));
    }
    if let Some(d) = iso_date(t.as_bytes()) {
        return d.ok_or_else(|| Msg::new("reason.date"));
    }
    let normalised = t.replace(['/', '.', '年', '月'], "-").replace('日', "");
    let day = normalised.split([' ', 'T']).next().unwrap_or("");
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = match day.split('-').collect::<Vec<_>>()[..] {
        [ymd] if ymd.len() == 8 && all_digits(ymd) => (&ymd[..4], &ymd[4..6], &ymd[6..]),
        [y, m, d] if [y, m, d].iter().all(|p| all_digits(p)) && m.len() <= 2 && d.len() <= 2 => (y, m, d),
        _ => return Err(Msg::new("reason.date")),
    };
    if y.len() != 4 {
        return Err(Msg::new("reason.date.year").arg("year", y));
    }
    let n = |p: &str| p.parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(n(y) as i32, n(m), n(d)).ok_or_else(|| Msg::new("reason.date"))
}

/// The common case, YYYY-MM-DD, without going through a format parser (imports read
/// millions of these). `None` when the text has another shape; `Some(None)` when it has
/// this shape but is not a real date.
fn iso_date(b: &[u8]) -> Option<Option<NaiveDate>> {
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(NaiveDate::from_ymd_opt(y as i32, m, d))
}

/// A time of day as terminals and clerks write it: 08:30, 8:30, 08:30:15 (a full-width
/// colon too). Seconds are kept.
pub fn time(s: &str) -> Result<NaiveTime, Msg> {
    let t = s.trim().replace('：', ":");
    let parts: Vec<&str> = t.split(':').collect();
    let n = |p: &str| {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let hms = match parts[..] {
        [h, m] => n(h).zip(n(m)).map(|(h, m)| (h, m, 0)),
        [h, m, s] => n(h).zip(n(m)).zip(n(s)).map(|((h, m), s)| (h, m, s)),
        _ => None,
    };
    hms.and_then(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s)).ok_or_else(|| Msg::new("reason.time"))
}

/// A date and time in one cell: "2026-11-02 08:52:13" (a terminal's log, read fast),
/// "2026/11/2 8:52" or "2026-11-02T08:52:13" (a workbook's date cell).
pub fn date_time(s: &str) -> Result<NaiveDateTime, Msg> {
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() == 19
        && b[10] == b' '
        && let (Some(Some(d)), Some(time)) = (iso_date(&b[..10]), hh_mm_ss(&b[11..]))
    {
        return Ok(d.and_time(time));
    }
    let (day, clock) = t.split_once([' ', 'T']).ok_or_else(|| Msg::new("reason.date-time"))?;
    let clock = clock.trim().split(['.', '+', 'Z']).next().unwrap_or("");
    Ok(date(day)?.and_time(time(clock)?))
}

/// HH:MM:SS read digit by digit (a terminal's log holds millions).
fn hh_mm_ss(b: &[u8]) -> Option<NaiveTime> {
    let two = |i: usize| {
        let (x, y) = (*b.get(i)?, *b.get(i + 1)?);
        (x.is_ascii_digit() && y.is_ascii_digit()).then(|| u32::from(x - b'0') * 10 + u32::from(y - b'0'))
    };
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    NaiveTime::from_hms_opt(two(0)?, two(3)?, two(6)?)
}

/// A month as YYYY-MM; returns its first day.
pub fn month(s: &str) -> Result<NaiveDate, Msg> {
    let t = s.trim().replace(['/', '.', '年'], "-");
    let t = t.trim_end_matches('月');
    match t.split_once('-') {
        Some((y, _)) if y.len() != 4 => Err(Msg::new("reason.date.year").arg("year", y)),
        _ => NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").map_err(|_| Msg::new("reason.month")),
    }
}

/// A whole number not below `min`.
pub fn int_at_least(s: &str, min: i64) -> Result<i64, Msg> {
    s.trim().parse::<i64>().ok().filter(|n| *n >= min).ok_or_else(|| Msg::new("reason.number").arg("min", min))
}

/// Free text that must not be empty; control characters (a NUL byte, say) are refused.
pub fn text(s: &str, max_chars: usize) -> Result<String, Msg> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Msg::new("reason.required"));
    }
    optional_text(t, max_chars).map(|o| o.unwrap_or_default())
}

/// A short code (a unit's, a center's): at most `max_chars`, with no spaces, control
/// characters or path separators, so that it can be typed, sorted and used in file names.
pub fn code(s: &str, max_chars: usize) -> Result<String, Msg> {
    let t = text(s, max_chars)?;
    if t.chars().any(|c| c.is_whitespace() || c == '/' || c == '\\') {
        return Err(Msg::new("reason.code").arg("max", max_chars));
    }
    Ok(t)
}

/// Free text that may be empty.
pub fn optional_text(s: &str, max_chars: usize) -> Result<Option<String>, Msg> {
    let t = s.trim();
    if let Some((position, c)) = t.chars().enumerate().find(|(_, c)| crate::base::i18n::is_hidden(*c)) {
        return Err(Msg::new("reason.control").arg("char", c.escape_unicode()).arg("position", position + 1));
    }
    if t.chars().count() > max_chars {
        return Err(Msg::new("reason.too-long").arg("max", max_chars));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_clerks_write() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for s in ["2026-03-01", "2026/3/1", "2026.03.01", "20260301", "2026年3月1日", "2026-03-01 00:00:00"] {
            assert_eq!(date(s), Ok(want), "{s}");
        }
        assert_eq!(date("2026-02-30").unwrap_err().key, "reason.date");
        assert_eq!(date("").unwrap_err().key, "reason.required");
    }

    #[test]
    fn months() {
        assert_eq!(month("2026-03"), Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(month("2026年3月"), Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert!(month("2026-13").is_err());
    }

    #[test]
    fn dates_as_clerks_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for text in
            ["2026-03-01", "2026/3/1", "2026.3.1", "2026年3月1日", "20260301", "2026-03-01 00:00:00", " 2026/03/01 "]
        {
            assert_eq!(date(text), Ok(d), "{text}");
        }
        assert_eq!(date("26-03-01").unwrap_err().key, "reason.date.year");
        assert_eq!(date("26/3/1").unwrap_err().key, "reason.date.year");
        assert_eq!(month("26-03").unwrap_err().key, "reason.date.year");
        assert_eq!(month("2026年3月"), Ok(d));
        for bad in ["2026-02-30", "2026-3", "2026-003-01", "March 1", "2026-03-01x", "202631"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hidden_characters_are_refused_with_their_position() {
        let err = text("G\u{200b}A", 10).unwrap_err();
        assert_eq!(err.key, "reason.control");
        assert!(err.render(crate::base::i18n::Lang::En).contains("\\u{200b} at position 2"));
        assert!(text("abc\u{202e}", 10).is_err());
        assert!(text("a\u{1b}[2J", 10).is_err());
        assert!(text("区市场监督管理局", 10).is_ok());
    }

    #[test]
    fn codes_are_short_and_have_no_spaces() {
        assert_eq!(code(" SCJG ", 16), Ok("SCJG".to_string()));
        assert!(code("bad code", 16).is_err());
        assert!(code("A/B", 16).is_err());
        assert!(code("全角　空格", 16).is_err());
        assert!(code("ABCDEFGHIJKLMNOPQ", 16).is_err());
    }

    #[test]
    fn text_refuses_control_characters() {
        assert_eq!(text("a\0b", 10).unwrap_err().key, "reason.control");
        assert_eq!(text("abcdef", 3).unwrap_err().key, "reason.too-long");
        assert_eq!(optional_text("  ", 3), Ok(None));
    }
}
