//! The closed sets of values the regulation and the spec name, each with its English key
//! (stored in the database, used by scripts) and labels from the text table. Input is
//! accepted as the key, the English label or the Chinese label.

use crate::base::i18n::{self, Lang};

/// A closed set typed by users: parsed from its key or a label, listed in messages.
pub trait Choice: Sized {
    fn parse(input: &str) -> Option<Self>;
    /// "key (label)" for every value.
    fn choices() -> String;
}

/// Words clerks write for a value, besides its labels: (label key, word).
const SYNONYMS: &[(&str, &str)] = &[
    ("establishment.in", "在编"),
    ("establishment.in", "编内"),
    ("establishment.in", "在编人员"),
    ("establishment.out", "不在编"),
    ("establishment.out", "编外"),
    ("position.staff", "科员"),
    ("position.staff", "办事员"),
    ("position.staff", "职员"),
    ("position.chief", "股长"),
    ("position.deputy", "副股长"),
    ("position.presiding-deputy", "主持工作副科长"),
    ("category.civil-servant", "公务员"),
    ("category.civil-servant", "参公"),
    ("category.civil-servant", "参照公务员法管理"),
    ("category.public-institution", "事业"),
    ("category.public-institution", "事业编"),
    ("category.public-institution", "事业单位人员"),
    ("category.other", "编外人员"),
    ("category.other", "聘用"),
    ("category.other", "合同制"),
    ("leave-type.out", "外出"),
];

fn is_synonym(label_key: &str, word: &str) -> bool {
    SYNONYMS.iter().any(|(k, w)| *k == label_key && *w == word)
}

/// The words `SYNONYMS` accepts for a value, for messages that list what is accepted.
pub fn synonyms_of(label_key: &str) -> Vec<&'static str> {
    SYNONYMS.iter().filter(|(k, _)| *k == label_key).map(|(_, w)| *w).collect()
}

macro_rules! labeled_enum {
    ($(#[$doc:meta])* $name:ident, $prefix:literal { $($var:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stable English key, as stored.
            pub fn key(self) -> &'static str {
                match self { $($name::$var => $key),+ }
            }

            /// The text-table key of its label.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$var => concat!($prefix, ".", $key)),+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                i18n::text(lang, self.label_key())
            }

            /// Accepts the key, the English label, the Chinese label or a word clerks
            /// write for it (`SYNONYMS`), whatever the spaces inside.
            pub fn parse(input: &str) -> Option<$name> {
                let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
                let s = s.as_str();
                // The stored key is what files written by scripts carry: look for it first.
                Self::ALL.iter().copied().find(|v| s.eq_ignore_ascii_case(v.key())).or_else(|| {
                    Self::ALL.iter().copied().find(|v| {
                        let (en, zh) = i18n::both(v.label_key()).unwrap_or(("", ""));
                        s.eq_ignore_ascii_case(&en.replace(' ', "")) || s == zh || is_synonym(v.label_key(), s)
                    })
                })
            }

            /// "key (label, other words)" for every value, for error messages.
            pub fn choices() -> String {
                Self::ALL
                    .iter()
                    .map(|v| {
                        let mut words = vec![v.label(Lang::Zh)];
                        words.extend(synonyms_of(v.label_key()));
                        format!("{} ({})", v.key(), words.join("/"))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl Choice for $name {
            fn parse(input: &str) -> Option<$name> {
                $name::parse(input)
            }
            fn choices() -> String {
                $name::choices()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not one of: {}", Self::choices())))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.key().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::ALL
                    .iter()
                    .copied()
                    .find(|x| x.key() == s)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown {} {s}", $prefix).into()))
            }
        }
    };
}

labeled_enum!(
    /// Art 25: the level of a center.
    CenterLevel, "center-level" { District => "district", Sub => "sub", Township => "township" }
);
labeled_enum!(
    /// The legal kind of a unit; Art 9 turns on `Organ`.
    UnitKind, "unit-kind" { Organ => "organ", Institution => "institution", Other => "other" }
);
labeled_enum!(
    /// Art 17: own window or the comprehensive window.
    UnitMode, "unit-mode" { Window => "window", Comprehensive => "comprehensive" }
);
labeled_enum!(
    /// Position in the unit; Art 6 and 12 turn on chief and presiding deputy.
    Position, "position" { Chief => "chief", PresidingDeputy => "presiding-deputy", Deputy => "deputy", Staff => "staff" }
);
labeled_enum!(
    /// Art 7: in establishment and in post, or not.
    Establishment, "establishment" { In => "in", Out => "out" }
);
labeled_enum!(
    /// Art 22: identity category, for the excellent quota and funds.
    Category, "category" { CivilServant => "civil-servant", PublicInstitution => "public-institution", Other => "other" }
);
labeled_enum!(
    /// Derived from the ID number.
    Sex, "sex" { Male => "male", Female => "female" }
);

labeled_enum!(
    /// Art 8, 9: the bodies whose approval a stationing needs.
    Body, "body" { Center => "center", OrgDept => "org-dept", Gsmo => "gsmo" }
);
labeled_enum!(
    /// How an assignment is approved: Art 8, Art 9, or Art 11's reply to a unit's letter.
    Review, "review" { Standard => "standard", Collective => "collective", Reply => "reply" }
);
labeled_enum!(
    /// The life of an assignment.
    AssignmentStatus, "assignment-status" {
        Proposed => "proposed", Approved => "approved", Active => "active", Ended => "ended", Rejected => "rejected"
    }
);
labeled_enum!(
    /// Art 11: a replacement request's state.
    RequestStatus, "request-status" { Pending => "pending", Approved => "approved", Rejected => "rejected" }
);
labeled_enum!(
    /// ART11-LETTER: why a stationing may end before its term without the unit's letter.
    EndCause, "end-cause" { Retirement => "retirement", Death => "death", Dismissal => "dismissal", Archived => "archived" }
);
labeled_enum!(
    /// Art 13: the powers a unit grants its chief representative.
    Power, "power" { Approve => "approve", Review => "review", Seal => "seal", Coordinate => "coordinate" }
);

labeled_enum!(
    /// SPEC §3: the kinds of leave.
    LeaveType, "leave-type" {
        Annual => "annual", Personal => "personal", Sick => "sick", Marriage => "marriage",
        Maternity => "maternity", Paternity => "paternity", Bereavement => "bereavement",
        FamilyVisit => "family-visit", Other => "other", Official => "official", Out => "out"
    }
);
labeled_enum!(
    /// How a leave type counts its days.
    Counting, "counting" { Working => "working", Calendar => "calendar" }
);
labeled_enum!(
    /// The life of a leave.
    LeaveStatus, "leave-status" {
        Pending => "pending", Approved => "approved", Rejected => "rejected", Cancelled => "cancelled", Returned => "returned",
        Revoked => "revoked"
    }
);
labeled_enum!(
    /// A half day's leave: morning or afternoon.
    Half, "half" { Am => "am", Pm => "pm" }
);
labeled_enum!(
    /// A calendar entry: an official holiday or a make-up working day (调休上班日).
    DayKind, "day-kind" { Holiday => "holiday", Workday => "workday" }
);

labeled_enum!(
    /// Monthly and annual grades a rule book's bands may name.
    Grade, "grade" {
        Excellent => "excellent", Good => "good", Pass => "pass", Fail => "fail",
        Competent => "competent", BasicallyCompetent => "basically-competent", Incompetent => "incompetent",
        Qualified => "qualified", BasicallyQualified => "basically-qualified", Unqualified => "unqualified"
    }
);
labeled_enum!(
    /// Where an appraisal event came from.
    EventSource, "event-source" {
        Manual => "manual", Import => "import", Review => "review", Attendance => "attendance"
    }
);
labeled_enum!(
    /// Where a review stands (Art 16, SPEC §4): counted as it came (grade 3–5), or a bad
    /// one pending the center's verification, found valid (it deducts) or invalid (it
    /// counts nowhere).
    ReviewState, "review-state" { Counted => "counted", Pending => "pending", Valid => "valid", Invalid => "invalid" }
);
labeled_enum!(
    /// A person's standing in a year's appraisal (Art 22).
    Standing, "standing" { Participant => "participant", NotGraded => "not-graded", Unit => "unit" }
);

impl LeaveStatus {
    /// Pending, approved and returned leaves hold their days; the others none.
    pub fn holds_days(self) -> bool {
        matches!(self, LeaveStatus::Pending | LeaveStatus::Approved | LeaveStatus::Returned)
    }
}

impl Position {
    /// Art 6 and Art 12: a section chief or a deputy chief presiding over the section.
    pub fn leads_section(self) -> bool {
        matches!(self, Position::Chief | Position::PresidingDeputy)
    }
}

/// Yes/no in the forms clerks write them.
pub fn parse_bool(input: &str) -> Option<bool> {
    match input.trim().to_lowercase().as_str() {
        "1" | "y" | "yes" | "true" | "是" | "√" | "有" => Some(true),
        "" | "0" | "n" | "no" | "false" | "否" | "无" | "×" => Some(false),
        _ => None,
    }
}

pub fn bool_label_key(b: bool) -> &'static str {
    if b { "bool.yes" } else { "bool.no" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_both_labels() {
        let keys = Position::ALL
            .iter()
            .map(|v| v.label_key())
            .chain(CenterLevel::ALL.iter().map(|v| v.label_key()))
            .chain(UnitKind::ALL.iter().map(|v| v.label_key()))
            .chain(UnitMode::ALL.iter().map(|v| v.label_key()))
            .chain(Establishment::ALL.iter().map(|v| v.label_key()))
            .chain(Category::ALL.iter().map(|v| v.label_key()))
            .chain(Sex::ALL.iter().map(|v| v.label_key()))
            .chain(Body::ALL.iter().map(|v| v.label_key()))
            .chain(Review::ALL.iter().map(|v| v.label_key()))
            .chain(AssignmentStatus::ALL.iter().map(|v| v.label_key()))
            .chain(RequestStatus::ALL.iter().map(|v| v.label_key()))
            .chain(Power::ALL.iter().map(|v| v.label_key()))
            .chain(LeaveType::ALL.iter().map(|v| v.label_key()))
            .chain(Counting::ALL.iter().map(|v| v.label_key()))
            .chain(LeaveStatus::ALL.iter().map(|v| v.label_key()))
            .chain(EndCause::ALL.iter().map(|v| v.label_key()))
            .chain(Half::ALL.iter().map(|v| v.label_key()))
            .chain(DayKind::ALL.iter().map(|v| v.label_key()))
            .chain(Grade::ALL.iter().map(|v| v.label_key()))
            .chain(EventSource::ALL.iter().map(|v| v.label_key()))
            .chain(ReviewState::ALL.iter().map(|v| v.label_key()))
            .chain(Standing::ALL.iter().map(|v| v.label_key()));
        for k in keys {
            assert!(i18n::has(k), "missing text {k}");
        }
    }

    #[test]
    fn parses_key_english_and_chinese() {
        assert_eq!(Position::parse("chief"), Some(Position::Chief));
        assert_eq!(Position::parse("科长"), Some(Position::Chief));
        assert_eq!(Position::parse("主持工作的副科长"), Some(Position::PresidingDeputy));
        assert_eq!(Position::parse(" Presiding-Deputy "), Some(Position::PresidingDeputy));
        assert_eq!(Category::parse("公务员/参公"), Some(Category::CivilServant));
        assert_eq!(Establishment::parse("在编在岗"), Some(Establishment::In));
        assert_eq!(Position::parse("boss"), None);
    }

    #[test]
    fn booleans_in_both_languages() {
        assert_eq!(parse_bool("是"), Some(true));
        assert_eq!(parse_bool("否"), Some(false));
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool(""), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
