//! The rule book's window section (ART21-TARGETS): how a window (unit) is scored each
//! month, the awards the center gives, and the formula of the figure each unit takes into
//! its department's annual target appraisal. A rule book without one scores a window by
//! its staff's mean score alone and gives no awards.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::base::i18n::{Lang, Msg};
use crate::rules::{self, DepartmentWeights, WindowWeights};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowRules {
    #[serde(default = "one")]
    pub staff_weight: f64,
    #[serde(default)]
    pub review_weight: f64,
    /// A person item the unit's chief representative draws once for each deduction of
    /// the unit's other staff that month (首席代表管理责任); counted, never recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chief_item: Option<String>,
    #[serde(default)]
    pub items: Vec<WindowItem>,
    #[serde(default)]
    pub awards: Vec<AwardRule>,
    #[serde(default)]
    pub department: DepartmentFormula,
}

fn one() -> f64 {
    1.0
}

impl Default for WindowRules {
    fn default() -> Self {
        WindowRules {
            staff_weight: 1.0,
            review_weight: 0.0,
            chief_item: None,
            items: Vec::new(),
            awards: Vec::new(),
            department: DepartmentFormula::default(),
        }
    }
}

/// A window's own item: its points per occurrence, its monthly cap, and what counts as
/// an occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowItem {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub points: f64,
    #[serde(default)]
    pub cap: Option<f64>,
    #[serde(default)]
    pub counts: WindowCount,
}

impl WindowItem {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WindowCount {
    /// Recorded against the unit (`appraise window record`).
    #[default]
    Recorded,
    /// Each deduction (occurrence) its staff drew that month.
    StaffDeductions,
    /// Each bad review of its staff verified valid that month.
    BadReviews,
}

/// An award the rule book names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRule {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub to: AwardTo,
    pub every: Every,
    /// The places it goes to (shared ranks share it).
    pub top: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
}

impl AwardRule {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardTo {
    /// 红旗窗口: the best windows by their score.
    Window,
    /// 服务之星: among the staff graded in the best band, the best scores.
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    Month,
    Quarter,
}

/// The department figure's formula (Art 21): weights of the staff's and the window's
/// mean monthly scores over the year, and points per award, held to a most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFormula {
    #[serde(default)]
    pub staff_weight: f64,
    #[serde(default = "one")]
    pub window_weight: f64,
    #[serde(default)]
    pub award_points: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_award_points: Option<f64>,
}

impl Default for DepartmentFormula {
    fn default() -> Self {
        DepartmentFormula {
            staff_weight: 0.0,
            window_weight: 1.0,
            award_points: BTreeMap::new(),
            max_award_points: None,
        }
    }
}

impl WindowRules {
    pub fn weights(&self) -> WindowWeights {
        WindowWeights { staff: self.staff_weight, reviews: self.review_weight }
    }

    pub fn department_weights(&self) -> DepartmentWeights {
        let d = &self.department;
        DepartmentWeights { staff: d.staff_weight, window: d.window_weight, max_award_points: d.max_award_points }
    }

    pub fn item(&self, code: &str) -> Option<&WindowItem> {
        self.items.iter().find(|i| i.code == code)
    }

    /// Codes upper-cased and trimmed, as the person items' are.
    pub(super) fn normalised(mut self) -> Self {
        let norm = |c: &str| c.trim().to_uppercase();
        self.chief_item = self.chief_item.as_deref().map(norm);
        self.items.iter_mut().for_each(|i| i.code = norm(&i.code));
        self.awards.iter_mut().for_each(|a| a.code = norm(&a.code));
        self.department.award_points = self.department.award_points.into_iter().map(|(k, v)| (norm(&k), v)).collect();
        self
    }

    /// The section's checks, given the rule book's person items (code → points); the
    /// message names the field that is wrong.
    pub(super) fn validate(&self, person_items: &BTreeMap<String, f64>) -> std::result::Result<(), Msg> {
        let bad = |field: &str| Err(Msg::new("reason.rulebook.windows").arg("field", field));
        if !rules::within_weight_bounds(&[self.staff_weight, self.review_weight]) {
            return bad("staff_weight / review_weight");
        }
        if let Some(chief) = &self.chief_item
            && !person_items.get(chief).is_some_and(|p| *p < 0.0)
        {
            return bad("chief_item");
        }
        let mut codes: HashSet<&str> = person_items.keys().map(String::as_str).collect();
        for item in &self.items {
            let cap_ok = item.cap.is_none_or(|c| c > 0.0 && rules::within_item_bounds(c));
            if item.code.is_empty() || !codes.insert(&item.code) || item.points == 0.0 {
                return bad(&format!("items: {}", item.code));
            }
            if !rules::within_item_bounds(item.points) || !cap_ok {
                return bad(&format!("items: {}", item.code));
            }
        }
        for award in &self.awards {
            let min_ok = award.min_score.is_none_or(rules::within_score_bounds);
            if award.code.is_empty() || !codes.insert(&award.code) || award.top == 0 || !min_ok {
                return bad(&format!("awards: {}", award.code));
            }
        }
        let d = &self.department;
        if !rules::within_weight_bounds(&[d.staff_weight, d.window_weight]) {
            return bad("department");
        }
        let award_named = |code: &String| self.awards.iter().any(|a| a.code == *code);
        if let Some((code, _)) =
            d.award_points.iter().find(|(code, p)| !award_named(code) || !rules::within_item_bounds(**p))
        {
            return bad(&format!("department / award_points: {code}"));
        }
        if d.max_award_points.is_some_and(|m| !(m >= 0.0 && rules::within_item_bounds(m))) {
            return bad("department / max_award_points");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person_items() -> BTreeMap<String, f64> {
        [("LATE".to_string(), -1.0), ("PRAISE".to_string(), 2.0)].into_iter().collect()
    }

    fn parsed(json: &str) -> WindowRules {
        serde_json::from_str::<WindowRules>(json).unwrap().normalised()
    }

    #[test]
    fn an_empty_section_scores_by_the_staff_alone() {
        let w = parsed("{}");
        assert_eq!(w, WindowRules::default());
        assert!(w.validate(&person_items()).is_ok());
    }

    #[test]
    fn the_chief_item_must_be_a_deduction_of_the_book() {
        assert!(parsed(r#"{"chief_item": "late"}"#).validate(&person_items()).is_ok());
        assert!(parsed(r#"{"chief_item": "PRAISE"}"#).validate(&person_items()).is_err());
        assert!(parsed(r#"{"chief_item": "NONE"}"#).validate(&person_items()).is_err());
    }

    #[test]
    fn codes_are_unique_across_persons_windows_and_awards() {
        let clash = r#"{"items": [{"code": "LATE", "name_zh": "x", "name_en": "x", "points": -1}]}"#;
        assert!(parsed(clash).validate(&person_items()).is_err());
        let award = r#"{"awards": [{"code": "FLAG", "name_zh": "红旗窗口", "name_en": "red flag", "to": "window",
            "every": "month", "top": 0}]}"#;
        assert!(parsed(award).validate(&person_items()).is_err());
    }

    #[test]
    fn award_points_name_awards_of_the_book() {
        let f = r#"{"department": {"award_points": {"STAR": 1}}}"#;
        assert!(parsed(f).validate(&person_items()).is_err());
        let weights = r#"{"staff_weight": 0, "review_weight": 0}"#;
        assert!(parsed(weights).validate(&person_items()).is_err());
    }
}
