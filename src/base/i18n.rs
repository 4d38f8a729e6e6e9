//! Every user-visible text in English and Chinese, in one table.
//!
//! Keys are stable English identifiers. Enum values use `<enum>.<key>`, column headers
//! `col.<key>`, rules `rule.<ID>`, messages a dotted name. Templates take `{name}`
//! placeholders filled by [`Msg`].

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The language of labels and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh` when the locale (`LANG`) starts with `zh`, English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// Of a name the data gives in both languages (a rule book item's, an award's), the
    /// one of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            _ => None,
        }
    }
}

use super::texts::TEXTS;

fn index() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static INDEX: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| TEXTS.iter().map(|&(k, en, zh)| (k, (en, zh))).collect())
}

/// The text for `key` in `lang`; the key itself when the table lacks it (a test guards
/// that every key the code uses is present).
pub fn text(lang: Lang, key: &str) -> &str {
    match index().get(key) {
        Some((en, zh)) => match lang {
            Lang::En => en,
            Lang::Zh => zh,
        },
        None => key,
    }
}

/// Whether the table holds `key` (for tests and for parsing localized enum values).
pub fn has(key: &str) -> bool {
    index().contains_key(key)
}

/// A character that changes how text looks without being seen: control characters
/// (escape sequences start with one), bidirectional overrides and isolates, and
/// zero-width characters (`G\u{200b}A` looks like `GA`).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Text made safe to show: every hidden character written as an escape (`\u{1b}`), so
/// that an old row or a value echoed in an error reaches the terminal, a CSV file or a
/// sheet as inert text.
pub fn inert(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars().map(|c| if is_hidden(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect(),
    )
}

/// The "would …" form of a done-sentence key (`done.x.dry`), for `--dry-run`; the key
/// itself when the table has none.
pub fn dry_run_key(key: &'static str) -> &'static str {
    let dry = format!("{key}.dry");
    index().get_key_value(dry.as_str()).map_or(key, |(k, _)| k)
}

/// Both texts of `key`, for accepting input in either language.
pub fn both(key: &str) -> Option<(&'static str, &'static str)> {
    index().get(key).copied()
}

/// An argument of a message: plain text, or another table key rendered in the same language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Plain(String),
    Key(&'static str),
    Nested(Box<Msg>),
    /// Several table keys, shown as a list in the language.
    Keys(Vec<&'static str>),
    /// Several messages, shown as a list in the language.
    List(Vec<Msg>),
}

/// A message to be rendered later in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// Adds a plain argument.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Msg {
        let value = value.to_string();
        // Most values hide nothing: keep the string made, not a copy of it.
        let value = match inert(&value) {
            std::borrow::Cow::Borrowed(_) => value,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        self.args.push((name, Arg::Plain(value)));
        self
    }

    /// Adds an argument that is itself a message, rendered in the same language.
    pub fn nested(mut self, name: &'static str, msg: Msg) -> Msg {
        self.args.push((name, Arg::Nested(Box::new(msg))));
        self
    }

    /// Adds an argument that is a list of table keys (enum labels, say).
    pub fn labels(mut self, name: &'static str, keys: Vec<&'static str>) -> Msg {
        self.args.push((name, Arg::Keys(keys)));
        self
    }

    /// Adds an argument that is a list of messages (a rule book's bands, say).
    pub fn list(mut self, name: &'static str, items: Vec<Msg>) -> Msg {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// Adds an argument that is itself a table key (an enum label, say).
    pub fn label(mut self, name: &'static str, key: &'static str) -> Msg {
        self.args.push((name, Arg::Key(key)));
        self
    }

    /// The text of the key with each `{name}` filled, in one pass over the text: a value
    /// that itself holds `{other}` is shown as given, never filled in turn.
    pub fn render(&self, lang: Lang) -> String {
        let template = text(lang, self.key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let named = after.find('}').and_then(|close| Some((self.arg_named(&after[..close])?, close)));
            match named {
                Some((value, close)) => {
                    value.render_into(&mut out, lang);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        if lang == Lang::En { singular_after_one(out) } else { out }
    }

    /// The first argument called `name` (as the first of several fills every place).
    fn arg_named(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, value)| value)
    }
}

impl Arg {
    fn render_into(&self, out: &mut String, lang: Lang) {
        let separator = list_separator(lang);
        match self {
            Arg::Plain(s) => out.push_str(s),
            Arg::Key(k) => out.push_str(text(lang, k)),
            Arg::Nested(m) => out.push_str(&m.render(lang)),
            Arg::Keys(keys) => out.push_str(&keys.iter().map(|k| text(lang, k)).collect::<Vec<_>>().join(separator)),
            Arg::List(items) => out.push_str(&items.iter().map(|m| m.render(lang)).collect::<Vec<_>>().join(separator)),
        }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// English counts of one take the singular: "1 years" → "1 year" (the table's texts are
/// written for the plural, which Chinese does not mark).
fn singular_after_one(text: String) -> String {
    if !text.contains("1 ") {
        return text;
    }
    const PLURALS: [(&str, &str); 12] = [
        ("years", "year"),
        ("days", "day"),
        ("working days", "working day"),
        ("calendar days", "calendar day"),
        ("months", "month"),
        ("rows", "row"),
        ("persons", "person"),
        ("records", "record"),
        ("letters", "letter"),
        ("pages", "page"),
        ("punches", "punch"),
        ("appraisal events", "appraisal event"),
    ];
    let mut out = text;
    for (plural, singular) in PLURALS {
        let from = format!("1 {plural}");
        let mut at = 0;
        while let Some(found) = out[at..].find(&from) {
            let start = at + found;
            let end = start + from.len();
            let standalone = out[..start].chars().next_back().is_none_or(|c| !c.is_ascii_digit() && c != '.')
                && out[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if standalone {
                out.replace_range(start..end, &format!("1 {singular}"));
            }
            at = start + 1;
        }
    }
    out
}

/// Between items of a list in running text.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// The article as the regulation cites it: 第六条.
pub fn article(n: u8) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, (n % 10) as usize);
    let tens = match tens {
        0 => String::new(),
        1 => "十".to_string(),
        t => format!("{}十", DIGITS[t as usize]),
    };
    format!("第{tens}{}条", DIGITS[ones])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_present() {
        let mut seen = std::collections::HashSet::new();
        for (k, en, zh) in TEXTS {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!en.is_empty() && !zh.is_empty(), "{k} lacks a text");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
            v.sort();
            v
        };
        for (k, en, zh) in TEXTS {
            assert_eq!(names(en), names(zh), "placeholders differ for {k}");
        }
    }

    /// Every `Msg::new("…")`, `Cell::Label("…")` and `.label(_, "…")` key in the sources
    /// is in the table, so that no user sees a bare key.
    #[test]
    fn every_key_the_code_uses_has_texts() {
        let mut sources = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("texts.rs") {
                    sources.push(std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        assert!(sources.len() > 20, "the source walk found too few files");
        let mut missing = Vec::new();
        for src in &sources {
            // Every string literal shaped like a key: lower-case words joined by dots.
            for literal in src.split('"').skip(1).step_by(2) {
                let segments: Vec<&str> = literal.split('.').collect();
                let shaped = segments.len() >= 2
                    && segments.iter().all(|w| {
                        !w.is_empty()
                            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    })
                    && segments[0].starts_with(|c: char| c.is_ascii_lowercase());
                let file_name = matches!(
                    segments.last(),
                    Some(&("db" | "csv" | "xlsx" | "json" | "txt" | "sql" | "rs" | "key" | "tsv"))
                );
                if shaped && !file_name && !has(literal) {
                    missing.push(literal.to_string());
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "keys without texts: {missing:?}");
    }

    #[test]
    fn every_sentence_of_a_write_has_its_dry_run_form() {
        // Sentences that are not the result of a write that --dry-run can stop.
        const NOT_WRITES: &[&str] = &[
            "done.dry-run",
            "done.import.ignored",
            "done.anchor",
            "done.man",
            "done.publicity",
            "done.demo",
            "done.migrate",
            "done.migrate.none",
            "done.backup",
            "done.letters",
            "done.init",
        ];
        let missing: Vec<&str> = super::super::texts::TEXTS
            .iter()
            .map(|(k, _, _)| *k)
            .filter(|k| k.starts_with("done.") && !k.ends_with(".dry") && !NOT_WRITES.contains(k))
            .filter(|k| !has(&format!("{k}.dry")))
            .collect();
        assert!(missing.is_empty(), "no \"would\" form: {missing:?}");
    }

    #[test]
    fn one_takes_the_singular_in_english() {
        assert_eq!(
            singular_after_one("1 years 1 days, 11 days, 21 months, 1 working days.".to_string()),
            "1 year 1 day, 11 days, 21 months, 1 working day."
        );
        assert_eq!(singular_after_one("1.1 days; 1 dayshift".to_string()), "1.1 days; 1 dayshift");
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_shown_as_given() {
        let m = Msg::new("error.invalid").arg("field", "name").arg("value", "{reason}").arg("reason", "too long");
        assert_eq!(m.render(Lang::En), "bad input: name \"{reason}\": too long");
        let unfilled = Msg::new("error.invalid").arg("field", "name").arg("reason", "r");
        assert_eq!(unfilled.render(Lang::Zh), "输入有误：name“{value}”：r");
    }

    #[test]
    fn hidden_characters_are_shown_as_escapes() {
        assert_eq!(inert("SCJG"), "SCJG");
        assert_eq!(inert("G\u{200b}A"), "G\\u{200b}A");
        assert_eq!(inert("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(inert("abc\u{202e}def"), "abc\\u{202e}def");
        let m = Msg::new("error.invalid").arg("field", "name").arg("value", "x\u{1b}]0;pwned\u{7}").arg("reason", "r");
        assert!(!m.render(Lang::En).chars().any(is_hidden), "{}", m.render(Lang::En));
    }

    #[test]
    fn articles_in_chinese_numerals() {
        assert_eq!(article(6), "第六条");
        assert_eq!(article(10), "第十条");
        assert_eq!(article(11), "第十一条");
        assert_eq!(article(20), "第二十条");
        assert_eq!(article(25), "第二十五条");
    }

    #[test]
    fn message_renders_arguments_and_labels() {
        let m =
            Msg::new("check.age.exempt").arg("age", 50).arg("date", "2026-03-01").label("position", "position.chief");
        assert_eq!(
            m.render(Lang::En),
            "aged 50 on 2026-03-01; exempt as the filed section chief of the government-service section"
        );
        assert_eq!(m.render(Lang::Zh), "2026-03-01时50周岁；经备案的政务服务科科长，不受年龄限制");
    }

    #[test]
    fn locale_picks_chinese() {
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
