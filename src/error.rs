//! The one error type of the library. Each variant maps to an exit code of SPEC §5.

use crate::base::enums::Choice;
use crate::base::i18n::{self, Lang, Msg};
use crate::rules::{Check, RuleId};

/// One bad value in an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRow {
    /// 1-based row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: Msg,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Rules of the regulation refuse the request (each with its figures); nothing was
    /// written. The hint says what would make it acceptable, when anything would.
    #[error("{}", self.render(Lang::En))]
    Refused { refusals: Vec<(RuleId, Msg)>, hint: Option<Msg> },

    /// One bad value on the command line.
    #[error("{}", self.render(Lang::En))]
    Invalid { field: String, value: String, reason: Msg },

    /// An input file with bad rows (all of them) or a file that cannot be read at all.
    #[error("{}", self.render(Lang::En))]
    /// `rows` holds the first bad values (at most `MAX_BAD_VALUES`); `bad_rows` counts every
    /// row with one or more, all of the file.
    BadRows { file: String, rows: Vec<BadRow>, bad_rows: usize },

    #[error("{}", self.render(Lang::En))]
    BadFile { file: String, reason: Msg },

    /// A database problem: missing, too new, locked, corrupt.
    #[error("{}", self.render(Lang::En))]
    Database(Msg),

    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{}", self.render(Lang::En))]
    Other(Msg),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn render_refusal(rule: RuleId, detail: &Msg, lang: Lang) -> String {
    Msg::new("error.refused")
        .arg("rule", rule.id())
        .arg("article", i18n::article(rule.article()))
        .nested("detail", detail.clone())
        .render(lang)
}

impl Error {
    pub fn refused(rule: RuleId, detail: Msg) -> Error {
        Error::Refused { refusals: vec![(rule, detail)], hint: None }
    }

    /// The refusal of the failed soft checks, with the hint that an exception reason
    /// would let them through; `None` when none failed.
    pub fn soft_refusal(checks: &[Check]) -> Option<Error> {
        let refusals: Vec<(RuleId, Msg)> =
            checks.iter().filter(|c| c.failed() && c.rule.is_soft()).map(|c| (c.rule, c.detail.clone())).collect();
        (!refusals.is_empty()).then(|| Error::Refused { refusals, hint: Some(Msg::new("error.refused.hint")) })
    }

    pub fn invalid(field: &str, value: impl ToString, reason: Msg) -> Error {
        Error::Invalid { field: field.to_string(), value: value.to_string(), reason }
    }

    pub fn database(path: &std::path::Path, key: &'static str, detail: impl ToString) -> Error {
        Error::Database(Msg::new(key).arg("path", path.display()).arg("detail", detail.to_string()))
    }

    pub fn io(path: &std::path::Path, err: std::io::Error) -> Error {
        Error::Other(Msg::new("error.io").arg("path", path.display()).arg("detail", err))
    }

    /// The exit code of SPEC §5.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Refused { .. } => 3,
            Error::Invalid { .. } | Error::BadRows { .. } | Error::BadFile { .. } => 4,
            Error::Database(_) | Error::Sqlite(_) => 5,
            Error::Other(_) => 1,
        }
    }

    /// The error as scripts read it with `--format json`: `{error, rule, article, exit}`,
    /// with every refusal, and every bad row (`{row, column, value, reason}`) of a file.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let first_rule = match self {
            Error::Refused { refusals, .. } => refusals.first().map(|(r, _)| *r),
            _ => None,
        };
        let mut v = serde_json::json!({
            "error": self.render(lang),
            "rule": first_rule.map(RuleId::id),
            "article": first_rule.map(RuleId::article),
            "exit": self.exit_code(),
        });
        match self {
            Error::Refused { refusals, .. } => {
                v["refusals"] = refusals
                    .iter()
                    .map(|(r, d)| serde_json::json!({ "rule": r.id(), "article": r.article(), "detail": d.render(lang) }))
                    .collect();
            }
            Error::Invalid { field, value, reason } => {
                v["field"] = field.as_str().into();
                v["value"] = value.as_str().into();
                v["reason"] = reason.render(lang).into();
            }
            Error::BadRows { file, rows, bad_rows } => {
                v["file"] = file.as_str().into();
                v["bad_row_count"] = (*bad_rows).into();
                v["bad_rows"] = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "row": r.row, "column": r.column, "value": r.value, "reason": r.reason.render(lang),
                        })
                    })
                    .collect();
            }
            Error::BadFile { file, reason } => {
                v["file"] = file.as_str().into();
                v["reason"] = reason.render(lang).into();
            }
            Error::Database(_) | Error::Sqlite(_) | Error::Other(_) => {}
        }
        v
    }

    /// The full message in `lang`, one line per bad row.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Refused { refusals, hint } => {
                let mut lines: Vec<String> = refusals.iter().map(|(r, d)| render_refusal(*r, d, lang)).collect();
                lines.extend(hint.iter().map(|h| format!("  {}", h.render(lang))));
                lines.join("\n")
            }
            Error::Invalid { field, value, reason } => Msg::new("error.invalid")
                .arg("field", field)
                .arg("value", value)
                .arg("reason", reason.render(lang))
                .render(lang),
            Error::BadRows { file, rows, bad_rows } => {
                let mut s = Msg::new("error.bad-rows").arg("count", bad_rows).arg("file", file).render(lang);
                for r in rows {
                    s.push_str("\n  ");
                    s.push_str(
                        &Msg::new("error.bad-row")
                            .arg("row", r.row)
                            .arg("column", &r.column)
                            .arg("value", shorten(&r.value))
                            .arg("reason", r.reason.render(lang))
                            .render(lang),
                    );
                }
                let shown: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.row).collect();
                if shown.len() < *bad_rows {
                    s.push_str("\n  ");
                    s.push_str(
                        &Msg::new("error.bad-rows.more").arg("shown", shown.len()).arg("count", bad_rows).render(lang),
                    );
                }
                s
            }
            Error::BadFile { file, reason } => {
                Msg::new("error.bad-file").arg("file", file).arg("reason", reason.render(lang)).render(lang)
            }
            Error::Database(m) | Error::Other(m) => m.render(lang),
            Error::Sqlite(e) => Msg::new("error.database").arg("path", "").arg("detail", e).render(lang),
        }
    }
}

/// A typed value of a closed set, or the bad-input error listing the accepted values.
pub trait ParseField: Choice {
    fn parse_field(field: &str, input: &str) -> Result<Self> {
        Self::parse(input)
            .ok_or_else(|| Error::invalid(field, input, Msg::new("reason.choice").arg("choices", Self::choices())))
    }
}

impl<T: Choice> ParseField for T {}

/// The most bad values an import keeps to report; the rest are counted.
pub const MAX_BAD_VALUES: usize = 1000;

/// Long cells (a pasted paragraph, a 100k-character cell) are cut in messages.
fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        format!("{}…", value.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::base::enums::Establishment;
    use crate::rules::tests::facts;
    use crate::rules::{check_establishment, stationing_checks};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_failed_soft_check_is_a_refusal() {
        let mut p = facts();
        p.establishment = Establishment::Out;
        assert_eq!(Error::soft_refusal(&[check_establishment(&p)]).unwrap().exit_code(), 3);
    }

    #[test]
    fn refusal_names_rule_and_article() {
        let checks = stationing_checks(&facts(), d(2026, 3, 2));
        let err = Error::soft_refusal(&checks).unwrap();
        let text = err.render(Lang::En);
        assert!(text.starts_with("refused [ART6-AGE] 第六条: aged 46 on 2026-03-02, over 45"), "{text}");
        assert!(text.contains("--exception"), "{text}");
        assert!(err.render(Lang::Zh).starts_with("拒绝 [ART6-AGE] 第六条："));
        assert!(Error::soft_refusal(&stationing_checks(&facts(), d(2026, 3, 1))).is_none());
    }
}
