//! The rules of the regulation, each with its id and article, in one place so that a
//! reader can audit them against the text (SPEC §1). Rule functions are pure: they take
//! facts and a date and say pass, exempt or fail with the figures.

use chrono::NaiveDate;

use crate::base::enums::{Body, Establishment, LeaveType, Position, Power, Review, Sex, UnitKind};
use crate::base::i18n::Msg;
use crate::base::idnum::age_on;

/// How a rule binds (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// 原则上: refused unless the operator gives an exception reason, which is stored.
    Soft,
    /// Refused, nothing written.
    Hard,
    /// Recorded as the regulation describes.
    Record,
    /// Shown in reports.
    Report,
    /// Scored through the rule book.
    Rulebook,
}

macro_rules! rules {
    ($($var:ident => $id:literal, $art:literal, $kind:ident;)+) => {
        /// A rule of the regulation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleId { $($var),+ }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$var),+];

            pub fn id(self) -> &'static str {
                match self { $(RuleId::$var => $id),+ }
            }

            pub fn article(self) -> u8 {
                match self { $(RuleId::$var => $art),+ }
            }

            pub fn kind(self) -> RuleKind {
                match self { $(RuleId::$var => RuleKind::$kind),+ }
            }

            /// The text-table key of its one-line summary.
            pub fn summary_key(self) -> &'static str {
                match self { $(RuleId::$var => concat!("rule.", $id)),+ }
            }
        }
    };
}

rules! {
    Art6Age => "ART6-AGE", 6, Soft;
    Art7Estab => "ART7-ESTAB", 7, Soft;
    Art7Tenure => "ART7-TENURE", 7, Soft;
    Art8Review => "ART8-REVIEW", 8, Hard;
    Art9Collective => "ART9-COLLECTIVE", 9, Hard;
    Art8Transfer => "ART8-TRANSFER", 8, Record;
    Art10Section => "ART10-SECTION", 10, Report;
    Art11Term => "ART11-TERM", 11, Hard;
    Art11Letter => "ART11-LETTER", 11, Hard;
    Art12Chief => "ART12-CHIEF", 12, Hard;
    Art13Powers => "ART13-POWERS", 13, Record;
    Art17Window => "ART17-WINDOW", 17, Record;
    Art19Leave => "ART19-LEAVE", 19, Hard;
    Art19Tasks => "ART19-TASKS", 19, Record;
    Art16Review => "ART16-REVIEW", 16, Hard;
    Art20Dress => "ART20-DRESS", 20, Rulebook;
    Art21Monthly => "ART21-MONTHLY", 21, Hard;
    Art21Targets => "ART21-TARGETS", 21, Rulebook;
    Art22Quota => "ART22-QUOTA", 22, Hard;
    Art22Funds => "ART22-FUNDS", 22, Report;
    Art23Letter => "ART23-LETTER", 23, Report;
    Art24HalfYear => "ART24-HALFYEAR", 24, Report;
    Art25Centers => "ART25-CENTERS", 25, Record;
}

impl RuleId {
    pub fn is_soft(self) -> bool {
        self.kind() == RuleKind::Soft
    }

    pub fn parse(s: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.id().eq_ignore_ascii_case(s.trim()))
    }
}

/// Art 6: the age limit, in full years on the start date.
pub const MAX_AGE: i32 = 45;
/// Art 7: years at the unit before stationing.
pub const MIN_YEARS_AT_UNIT: i32 = 2;

/// The outcome of one rule for one person on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Exempt,
    Fail,
}

impl Verdict {
    pub fn label_key(self) -> &'static str {
        match self {
            Verdict::Pass => "check.pass",
            Verdict::Exempt => "check.exempt",
            Verdict::Fail => "check.fail",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub rule: RuleId,
    pub verdict: Verdict,
    pub detail: Msg,
}

impl Check {
    pub fn failed(&self) -> bool {
        self.verdict == Verdict::Fail
    }

    /// "[ART6-AGE] 第六条: aged 47 …", for lists of problems.
    pub fn cited(&self) -> Msg {
        Msg::new("check.failure")
            .arg("rule", self.rule.id())
            .arg("article", crate::base::i18n::article(self.rule.article()))
            .nested("detail", self.detail.clone())
    }
}

/// What the Art 6/7 rules need to know of a person.
#[derive(Debug, Clone, Copy)]
pub struct StationingFacts {
    pub birth_date: NaiveDate,
    pub position: Position,
    pub filed: bool,
    /// A member of the unit's government-service section (政务服务科).
    pub service_section: bool,
    pub establishment: Establishment,
    pub joined_unit: NaiveDate,
}

/// ART6-AGE: at most 45 on the start date; a filed chief or presiding deputy is exempt.
pub fn check_age(p: &StationingFacts, on: NaiveDate) -> Check {
    let age = age_on(p.birth_date, on);
    let verdict = if age <= MAX_AGE {
        Verdict::Pass
    } else if heads_service_section(p.position, p.filed, p.service_section) {
        Verdict::Exempt
    } else {
        Verdict::Fail
    };
    let key = match verdict {
        Verdict::Pass => "check.age.pass",
        Verdict::Exempt => "check.age.exempt",
        Verdict::Fail => "check.age.fail",
    };
    let detail = Msg::new(key).arg("age", age).arg("date", on).label("position", p.position.label_key());
    Check { rule: RuleId::Art6Age, verdict, detail }
}

/// ART7-ESTAB: in establishment and in post.
pub fn check_establishment(p: &StationingFacts) -> Check {
    let (verdict, key) = match p.establishment {
        Establishment::In => (Verdict::Pass, "check.estab.pass"),
        Establishment::Out => (Verdict::Fail, "check.estab.fail"),
    };
    Check { rule: RuleId::Art7Estab, verdict, detail: Msg::new(key) }
}

/// ART7-TENURE: at the unit for at least 2 years on the start date.
pub fn check_tenure(p: &StationingFacts, on: NaiveDate) -> Check {
    let (years, days) = years_and_days(p.joined_unit, on);
    let verdict = if years >= MIN_YEARS_AT_UNIT { Verdict::Pass } else { Verdict::Fail };
    let key = if verdict == Verdict::Pass { "check.tenure.pass" } else { "check.tenure.fail" };
    let detail = Msg::new(key).arg("joined", p.joined_unit).arg("years", years).arg("days", days).arg("date", on);
    Check { rule: RuleId::Art7Tenure, verdict, detail }
}

/// The Art 6 and Art 7 checks a stationing starting on `on` must pass.
pub fn stationing_checks(p: &StationingFacts, on: NaiveDate) -> [Check; 3] {
    [check_age(p, on), check_establishment(p), check_tenure(p, on)]
}

/// ART8-REVIEW / ART9-COLLECTIVE: how a stationing is approved and by whom. Out-of-
/// establishment staff of an administrative organ go to the GSMO and the center
/// collectively (Art 9); everyone else to the center and the org/personnel department.
pub fn review_for(establishment: Establishment, unit_kind: UnitKind) -> Review {
    match (establishment, unit_kind) {
        (Establishment::Out, UnitKind::Organ) => Review::Collective,
        _ => Review::Standard,
    }
}

/// The bodies whose approval an assignment needs, and the rule that says so.
pub fn required_bodies(review: Review) -> (RuleId, &'static [Body]) {
    match review {
        Review::Standard => (RuleId::Art8Review, &[Body::Center, Body::OrgDept]),
        Review::Collective => (RuleId::Art9Collective, &[Body::Gsmo, Body::Center]),
        Review::Reply => (RuleId::Art11Letter, &[Body::Center]),
    }
}

/// Art 11: how many years a term lasts.
pub const TERM_YEARS: i32 = 3;

/// ART11-TERM: a term ends the day before the third anniversary of its start (a start on
/// 29 February ends on 27 February three years later, the anniversary being the 28th).
pub fn term_end(start: NaiveDate) -> NaiveDate {
    add_years(start, TERM_YEARS).pred_opt().unwrap_or(start)
}

/// ART11-LETTER: a replacement effective on or before the term's last day is mid-term.
pub fn is_mid_term(effective: NaiveDate, term_end: NaiveDate) -> bool {
    effective <= term_end
}

/// ART11-LETTER: a stationing whose last day comes before its term's last day ends early,
/// and needs the unit's letter and the center's reply unless its cause needs none.
pub fn ends_early(last_day: NaiveDate, term_end: NaiveDate) -> bool {
    last_day < term_end
}

/// ART12-CHIEF: the chief representative holds a section-leading position filed with the
/// organisation/personnel department.
/// Art 6 and Art 12: the head of the unit's government-service section (政务服务科) — its
/// chief or the deputy presiding over it — whose post is filed with the organisation/
/// personnel department. A filed chief of another section is not.
pub fn heads_service_section(position: Position, filed: bool, service_section: bool) -> bool {
    position.leads_section() && filed && service_section
}

pub fn check_chief_position(position: Position, filed: bool, service_section: bool) -> Result<(), Msg> {
    if heads_service_section(position, filed, service_section) {
        Ok(())
    } else {
        let yes_no = |b: bool| if b { "bool.yes" } else { "bool.no" };
        Err(Msg::new("refuse.chief.position")
            .label("position", position.label_key())
            .label("filed", yes_no(filed))
            .label("section", yes_no(service_section)))
    }
}

/// ART13-POWERS: a non-empty set of the four powers, in either language, comma-separated.
pub fn parse_powers(text: &str) -> Result<Vec<Power>, Msg> {
    let mut powers = Vec::new();
    for part in text.split([',', '，', '、', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let power = Power::parse(part).ok_or_else(|| Msg::new("reason.choice").arg("choices", Power::choices()))?;
        if !powers.contains(&power) {
            powers.push(power);
        }
    }
    if powers.is_empty() {
        return Err(Msg::new("reason.powers.empty"));
    }
    powers.sort();
    Ok(powers)
}

/// ART19-LEAVE: a leave ends on or after its first day, and a half day is a single day.
pub fn check_leave_span(from: NaiveDate, to: NaiveDate, half_day: bool) -> Result<(), Msg> {
    if from > to {
        return Err(Msg::new("refuse.leave.order").arg("from", from).arg("to", to));
    }
    if half_day && from != to {
        return Err(Msg::new("refuse.leave.half").arg("from", from).arg("to", to));
    }
    Ok(())
}

/// SPEC §3 (职工带薪年休假条例 art 3): annual leave days by full years worked on 1 January.
pub const ANNUAL_BANDS: &[(i32, f64)] = &[(0, 0.0), (1, 5.0), (10, 10.0), (20, 15.0)];
/// 职工带薪年休假条例 art 4: personal leave of this many days in a year forfeits annual leave.
pub const PERSONAL_DAYS_FORFEIT: f64 = 20.0;
/// A month of sick leave, in calendar days, for the art 4 thresholds.
pub const SICK_MONTH_DAYS: i64 = 30;

/// Full years worked on 1 January of `year`, and the annual leave they give.
pub fn annual_entitlement(work_start: NaiveDate, year: i32) -> (i32, f64) {
    use chrono::Datelike;
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(work_start.with_year(year).unwrap_or(work_start));
    let (years, _) = years_and_days(work_start, jan1);
    let days = ANNUAL_BANDS.iter().rev().find(|(min, _)| years >= *min).map_or(0.0, |(_, d)| *d);
    (years, days)
}

/// 职工带薪年休假条例 art 4: why no annual leave is due in a year, if so: 20 or more days of
/// personal leave, or sick leave of 2, 3 or 4 months by years worked (under 10, under 20,
/// 20 and more).
/// ART19-LEAVE: maternity leave is for women, paternity leave for men (sex from the ID
/// number); every other type for anyone.
pub fn leave_type_allowed(kind: LeaveType, sex: Sex) -> Result<(), Msg> {
    let needs = match kind {
        LeaveType::Maternity => Sex::Female,
        LeaveType::Paternity => Sex::Male,
        _ => return Ok(()),
    };
    if sex == needs {
        Ok(())
    } else {
        Err(Msg::new("refuse.leave.sex").label("type", kind.label_key()).label("sex", needs.label_key()))
    }
}

/// 职工带薪年休假条例 art 4 (with 实施办法 art 8): a person who had already taken annual
/// leave in a year when that year's limits were reached keeps it, and has none due the
/// next year instead.
pub fn forfeits_next_year(annual_taken: f64) -> bool {
    annual_taken > 0.0
}

pub fn annual_leave_forfeited(years_worked: i32, personal_days: f64, sick_calendar_days: i64) -> Option<Msg> {
    if personal_days >= PERSONAL_DAYS_FORFEIT {
        return Some(Msg::new("leave.forfeit.personal").arg("days", personal_days));
    }
    let months = match years_worked {
        y if y < 10 => 2,
        y if y < 20 => 3,
        _ => 4,
    };
    (sick_calendar_days >= months * SICK_MONTH_DAYS).then(|| {
        Msg::new("leave.forfeit.sick").arg("days", sick_calendar_days).arg("months", months).arg("years", years_worked)
    })
}

/// ART22-QUOTA: the default share of 优秀 per identity category, in ten-thousandths.
pub const DEFAULT_EXCELLENT_RATIO: i64 = 2000;
/// National appraisal rules cap 优秀 at 25% even for distinguished units.
pub const MAX_EXCELLENT_RATIO: i64 = 2500;
/// Working days the 优秀 list is published (公示) before the year can be closed.
pub const PUBLICATION_WORKING_DAYS: usize = 5;

/// A ratio such as "0.2" or "20%" in ten-thousandths, exactly (no float rounding).
pub fn parse_ratio(text: &str) -> Option<i64> {
    let t = text.trim();
    let (number, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim(), 100),
        None => (t, 1),
    };
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 4 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i64 = format!("{frac:0<4}").parse().ok()?;
    let value = (whole * 10_000 + frac) / scale;
    (0..=10_000).contains(&value).then_some(value)
}

/// ART22-QUOTA: floor(participants × ratio), in integers.
pub fn excellent_quota(participants: usize, ratio: i64) -> usize {
    (participants as i64 * ratio / 10_000) as usize
}

/// ART22-QUOTA: the 优秀 places of a category, as a ratio (in 1/10,000) or as the number
/// the organisation/personnel department allocated to the center (Art 22: 按相应比例将…
/// 名额分配给中心).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    Ratio(i64),
    Count(usize),
}

/// The quota of a category of `participants` under its allocation; an allocated number
/// above the 25 % cap is refused.
pub fn quota_of(participants: usize, allocation: Allocation) -> Result<usize, Msg> {
    match allocation {
        Allocation::Ratio(ratio) => Ok(excellent_quota(participants, ratio)),
        Allocation::Count(n) => {
            let cap = excellent_quota(participants, MAX_EXCELLENT_RATIO);
            if n > cap {
                Err(Msg::new("refuse.quota.cap").arg("count", n).arg("participants", participants).arg("cap", cap))
            } else {
                Ok(n)
            }
        }
    }
}

/// One rule item's occurrences in a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemCount {
    pub points: f64,
    pub cap: Option<f64>,
    pub times: i64,
}

/// ART21-MONTHLY: base plus each item's points × times, each item held to its monthly cap.
/// Returns (score, deductions, bonuses), deductions as a negative number.
pub fn monthly_score(base: f64, items: &[ItemCount]) -> (f64, f64, f64) {
    let (mut deductions, mut bonuses) = (0.0, 0.0);
    for i in items {
        let raw = i.points * i.times as f64;
        let capped = match i.cap {
            Some(cap) if raw.abs() > cap => cap.copysign(raw),
            _ => raw,
        };
        if capped < 0.0 {
            deductions += capped;
        } else {
            bonuses += capped;
        }
    }
    (base + deductions + bonuses, deductions, bonuses)
}

/// ART21-TARGETS: how a window's month is weighed: its staff's mean score and its
/// satisfaction rate (both out of 100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowWeights {
    pub staff: f64,
    pub reviews: f64,
}

/// ART21-TARGETS: a window's monthly score: its staff's mean score and its satisfaction
/// rate, each by its weight, plus its own items (each held to its cap). A window no
/// review counted for is weighed by its staff alone, the review weight added to theirs,
/// so that having no reviews neither helps nor harms it. Returns (score, items' points).
pub fn window_score(staff_mean: f64, good_rate: Option<f64>, w: WindowWeights, items: &[ItemCount]) -> (f64, f64) {
    let (_, deductions, bonuses) = monthly_score(0.0, items);
    let weighed = match good_rate {
        Some(rate) => w.staff * staff_mean + w.reviews * rate,
        None => (w.staff + w.reviews) * staff_mean,
    };
    (weighed + deductions + bonuses, deductions + bonuses)
}

/// ART21-TARGETS: an award goes to those ranked within its top places (a shared rank
/// shares the award: top 2 over ranks 1, 2, 2 gives three), at or above its minimum.
pub fn wins_award(rank: i64, score: f64, top: u32, min_score: Option<f64>) -> bool {
    rank <= i64::from(top) && min_score.is_none_or(|min| score >= min)
}

/// ART21-TARGETS: the figure a unit takes into its department's annual target
/// appraisal (纳入部门年度综合目标考核计分): its staff's mean monthly score and its
/// window's mean monthly score over the year's closed months, each by its weight, plus
/// the points of the awards it and its staff won, held to the formula's most.
pub fn department_figure(staff_mean: f64, window_mean: f64, award_points: f64, f: DepartmentWeights) -> f64 {
    let awards = f.max_award_points.map_or(award_points, |max| award_points.min(max));
    f.staff * staff_mean + f.window * window_mean + awards
}

/// ART21-TARGETS: the rule book's department formula, its weights and its cap on awards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DepartmentWeights {
    pub staff: f64,
    pub window: f64,
    pub max_award_points: Option<f64>,
}

/// The rule book's figures are bounded, so that no sum of them overflows or loses its
/// meaning: an item's points and cap within ±100, the base score and band limits within
/// ±1000, every figure finite.
pub fn within_item_bounds(points: f64) -> bool {
    points.is_finite() && points.abs() <= 100.0
}

/// ART21-TARGETS: a weight of the window or department formula is finite, 0 to 10; the
/// weights of one formula are not all 0.
pub fn within_weight_bounds(weights: &[f64]) -> bool {
    weights.iter().all(|w| w.is_finite() && (0.0..=10.0).contains(w)) && weights.iter().sum::<f64>() > 0.0
}

pub fn within_score_bounds(score: f64) -> bool {
    score.is_finite() && score.abs() <= 1000.0
}

/// ART21-MONTHLY: what correcting one event of a closed month changes that month's score
/// by, counted in the open month where the correction is recorded. The item counted
/// `counted` times for the person that month; the event said `was` times and should have
/// said `should`. The item's cap applies to the month's total, as it did when scoring.
pub fn correction_points(points: f64, cap: Option<f64>, counted: i64, was: i64, should: i64) -> f64 {
    let capped = |times: i64| monthly_score(0.0, &[ItemCount { points, cap, times: times.max(0) }]).0;
    capped(counted - was + should) - capped(counted)
}

/// A grade band: the lowest score that earns it (`None`: everything below the others).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    pub grade: crate::base::enums::Grade,
    pub min: Option<f64>,
}

/// The grade a score earns, and whether it is the lowest band.
pub fn grade_for(score: f64, bands: &[Band]) -> Option<(crate::base::enums::Grade, bool)> {
    grade_for_barred(score, bands, false)
}

/// The same when 优秀 may be barred (a count bar of the rule book): a barred score that
/// reaches the 优秀 band gets the next band down.
pub fn grade_for_barred(
    score: f64,
    bands: &[Band],
    excellent_barred: bool,
) -> Option<(crate::base::enums::Grade, bool)> {
    let last = bands.len().checked_sub(1)?;
    bands
        .iter()
        .enumerate()
        .filter(|(_, b)| !(excellent_barred && b.grade == crate::base::enums::Grade::Excellent))
        .find(|(i, b)| b.min.is_none_or(|m| score >= m) || *i == last)
        .map(|(i, b)| (b.grade, i == last))
}

/// ART21-MONTHLY, ART22-QUOTA (the rule book's count bars): an item that bars 优秀 at
/// `bar_times` occurrences a month (five late arrivals, any absence) bars it once the
/// month's count reaches that number.
pub fn count_bars_excellent(bar_times: u32, times_in_month: i64) -> bool {
    times_in_month >= i64::from(bar_times)
}

/// A person in the running for 优秀.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub person_id: i64,
    pub score: f64,
    pub deduction_events: i64,
    pub started_on: NaiveDate,
}

/// ART22-QUOTA: the highest scores get 优秀 up to the quota; a tie at the boundary is broken
/// by fewer deduction events, then the earlier start of stationing. Returns the chosen
/// persons and, if a tie at the boundary had to be broken, the persons it involved.
pub fn select_excellent(mut candidates: Vec<Candidate>, quota: usize) -> (Vec<i64>, Vec<i64>) {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.deduction_events.cmp(&b.deduction_events))
            .then(a.started_on.cmp(&b.started_on))
            .then(a.person_id.cmp(&b.person_id))
    });
    let chosen: Vec<i64> = candidates.iter().take(quota).map(|c| c.person_id).collect();
    let tied = match (quota.checked_sub(1).and_then(|i| candidates.get(i)), candidates.get(quota)) {
        (Some(last_in), Some(first_out)) if last_in.score == first_out.score => {
            candidates.iter().filter(|c| c.score == last_in.score).map(|c| c.person_id).collect()
        }
        _ => Vec::new(),
    };
    (chosen, tied)
}

/// SPEC §2, §4 (ART16-REVIEW): a review graded 1 (非常不满意) or 2 is a bad review, which
/// deducts the rule book's bad-review item once the center verified it valid.
pub fn is_bad_review(grade: i64) -> bool {
    grade <= 2
}

/// ART16-REVIEW: the satisfaction rate, in percent: good reviews (4–5) over the reviews
/// that count (those counted as they came and bad ones verified valid); none when no
/// review counts.
pub fn good_rate(good: i64, counted: i64) -> Option<f64> {
    (counted > 0).then(|| 100.0 * good as f64 / counted as f64)
}

/// ART22-QUOTA / ART22-FUNDS: a month counts towards the year (participation, funds) when
/// the person was stationed on at least half of its days.
pub fn counts_as_stationed_month(days_stationed: i64, days_in_month: i64) -> bool {
    days_stationed * 2 >= days_in_month
}

/// SPEC §4: sick and personal leave together over half the year leave a person appraised
/// but not graded.
pub fn leave_bars_grading(sick_and_personal_days: i64, days_in_year: i64) -> bool {
    sick_and_personal_days > days_in_year / 2
}

/// ART11-TERM: a term is renewed at or after its end, not before.
pub fn renewable(today: NaiveDate, term_end: NaiveDate) -> bool {
    today >= term_end
}

/// Whole years from `from` to `to` and the days left over (negative spans give 0 years).
pub fn years_and_days(from: NaiveDate, to: NaiveDate) -> (i32, i64) {
    if to < from {
        return (0, 0);
    }
    let years = age_on(from, to);
    let anniversary = add_years(from, years);
    (years, (to - anniversary).num_days())
}

/// The same day `years` later; 29 February becomes 28 February in a common year.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    crate::base::idnum::anniversary(date, years)
}

#[cfg(test)]
pub(crate) mod tests;
