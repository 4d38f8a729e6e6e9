//! Resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
//! sequence (odd for men), and an ISO 7064 MOD 11-2 check character.

use chrono::NaiveDate;

use crate::base::enums::Sex;
use crate::base::i18n::Msg;

/// A verified 18-character ID number with what it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    text: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level codes of GB/T 2260 (first two digits).
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

impl IdNumber {
    /// Parses and verifies; a lowercase x is accepted and stored upper-case. `today`
    /// rejects birth dates in the future.
    pub fn parse(input: &str, today: NaiveDate) -> Result<IdNumber, Msg> {
        let text = input.trim().to_ascii_uppercase();
        let len = text.chars().count();
        if len != 18 {
            return Err(Msg::new("reason.id.length").arg("len", len));
        }
        let bytes = text.as_bytes();
        let body_ok = bytes[..17].iter().all(u8::is_ascii_digit);
        let last_ok = bytes[17].is_ascii_digit() || bytes[17] == b'X';
        if !body_ok || !last_ok {
            return Err(Msg::new("reason.id.chars"));
        }
        let province = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
        if !PROVINCES.contains(&province) {
            return Err(Msg::new("reason.id.region").arg("code", &text[..6]));
        }
        let digits = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        let birth_text = format!("{}-{}-{}", &text[6..10], &text[10..12], &text[12..14]);
        let birth_date = NaiveDate::from_ymd_opt(digits(6..10) as i32, digits(10..12), digits(12..14))
            .filter(|d| d.year_ce().1 >= 1900)
            .ok_or_else(|| Msg::new("reason.id.birth").arg("date", &birth_text))?;
        if birth_date > today {
            return Err(Msg::new("reason.id.birth-future").arg("date", &birth_text));
        }
        let expected = check_char(&bytes[..17]);
        if bytes[17] as char != expected {
            return Err(Msg::new("reason.id.check").arg("expected", expected).arg("found", bytes[17] as char));
        }
        let sex = if (bytes[16] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female };
        Ok(IdNumber { text, birth_date, sex })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

use chrono::Datelike;

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Masks an ID number for reports: region code and last four stay, the birth date goes.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 {
        return "*".repeat(chars.len());
    }
    format!("{}********{}", chars[..6].iter().collect::<String>(), chars[14..].iter().collect::<String>())
}

/// Full years of age on `on` (周岁): the birthday must have come; a 29 February birthday
/// comes on 1 March in other years.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - birth.year();
    if anniversary(birth, years) > on { years - 1 } else { years }
}

/// The same day `years` later. One rule for 29 February, for ages and terms alike: in a
/// year without it the anniversary is 28 February, the month's last day (民法典第二百零二条:
/// 没有对应日的，月末日为期间的最后一日).
pub fn anniversary(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_29th_of_february_turns_a_year_older_on_the_28th() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(age_on(d(2000, 2, 29), d(2046, 2, 27)), 45);
        assert_eq!(age_on(d(2000, 2, 29), d(2046, 2, 28)), 46);
        assert_eq!(age_on(d(2000, 2, 29), d(2048, 2, 28)), 47);
        assert_eq!(age_on(d(2000, 2, 29), d(2048, 2, 29)), 48);
        assert_eq!(anniversary(d(2028, 2, 29), 3), d(2031, 2, 28));
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn valid(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()))
    }

    #[test]
    fn accepts_a_valid_number_and_derives_birth_and_sex() {
        // The GB 11643 standard's own example.
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.sex, Sex::Female);
        let id = IdNumber::parse(&valid("50011419850315123"), today()).unwrap();
        assert_eq!(id.sex, Sex::Male);
    }

    #[test]
    fn names_the_expected_check_digit() {
        let good = valid("50011419850315123");
        let wrong = if good.ends_with('7') { '8' } else { '7' };
        let bad = format!("{}{}", &good[..17], wrong);
        let err = IdNumber::parse(&bad, today()).unwrap_err();
        assert_eq!(err.key, "reason.id.check");
        assert!(err.to_string().contains(&format!("should be {}", &good[17..])));
    }

    #[test]
    fn rejects_bad_shapes_and_dates() {
        assert_eq!(IdNumber::parse("5001141985", today()).unwrap_err().key, "reason.id.length");
        assert_eq!(IdNumber::parse("50011419850315123A", today()).unwrap_err().key, "reason.id.chars");
        assert_eq!(IdNumber::parse(&valid("99011419850315123"), today()).unwrap_err().key, "reason.id.region");
        assert_eq!(IdNumber::parse(&valid("50011419850230123"), today()).unwrap_err().key, "reason.id.birth");
        assert_eq!(IdNumber::parse(&valid("50011420300101123"), today()).unwrap_err().key, "reason.id.birth-future");
    }

    #[test]
    fn lowercase_x_is_accepted() {
        assert!(IdNumber::parse("11010519491231002x", today()).is_ok());
    }

    #[test]
    fn masks_all_but_region_and_last_four() {
        assert_eq!(mask("500114198503151233"), "500114********1233");
    }

    #[test]
    fn age_counts_full_years() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(age_on(d(1980, 3, 1), d(2026, 2, 28)), 45);
        assert_eq!(age_on(d(1980, 3, 1), d(2026, 3, 1)), 46);
        // 29 February: a year older on 28 February of a common year, as terms end (民法典 202).
        assert_eq!(age_on(d(1980, 2, 29), d(2025, 2, 27)), 44);
        assert_eq!(age_on(d(1980, 2, 29), d(2025, 2, 28)), 45);
    }

    proptest! {
        #[test]
        fn any_text_is_parsed_or_refused_without_panic(text in any::<String>()) {
            let _ = IdNumber::parse(&text, today());
            let _ = mask(&text);
        }

        #[test]
        fn any_wrong_check_char_is_refused(month in 1u32..=12, day in 1u32..=28, seq in 0u32..1000, last in "[0-9X]") {
            let first17 = format!("500114{}{month:02}{day:02}{seq:03}", 1980);
            let expected = check_char(first17.as_bytes());
            let candidate = format!("{first17}{last}");
            let ok = IdNumber::parse(&candidate, today()).is_ok();
            prop_assert_eq!(ok, last.starts_with(expected));
        }
    }
}
