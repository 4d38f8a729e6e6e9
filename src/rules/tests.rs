//! The rules' unit tests, each against the figures of the regulation.

use super::*;
use crate::base::i18n::{self, Lang};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(crate) fn facts() -> StationingFacts {
    StationingFacts {
        birth_date: d(1980, 3, 2),
        position: Position::Staff,
        filed: false,
        service_section: true,
        establishment: Establishment::In,
        joined_unit: d(2024, 3, 1),
    }
}

#[test]
fn every_rule_has_a_summary_in_both_languages() {
    for r in RuleId::ALL {
        assert!(i18n::has(r.summary_key()), "{}", r.id());
        assert_eq!(RuleId::parse(r.id()), Some(*r));
    }
}

#[test]
fn age_45_passes_46_fails() {
    assert_eq!(check_age(&facts(), d(2026, 3, 1)).verdict, Verdict::Pass);
    let c = check_age(&facts(), d(2026, 3, 2));
    assert_eq!(c.verdict, Verdict::Fail);
    assert_eq!(
        c.detail.render(Lang::En),
        "aged 46 on 2026-03-02, over 45; only the government-service section's filed chief or presiding deputy chief is exempt"
    );
}

#[test]
fn filed_chiefs_are_exempt_unfiled_are_not() {
    let mut p = facts();
    p.position = Position::PresidingDeputy;
    assert_eq!(check_age(&p, d(2030, 1, 1)).verdict, Verdict::Fail);
    p.filed = true;
    assert_eq!(check_age(&p, d(2030, 1, 1)).verdict, Verdict::Exempt);
    p.position = Position::Deputy;
    assert_eq!(check_age(&p, d(2030, 1, 1)).verdict, Verdict::Fail);
    // A filed chief of another section is not exempt (Art 6 names the 政务服务科).
    p.position = Position::Chief;
    p.service_section = false;
    assert_eq!(check_age(&p, d(2030, 1, 1)).verdict, Verdict::Fail);
}

#[test]
fn tenure_needs_two_full_years() {
    assert_eq!(check_tenure(&facts(), d(2026, 2, 28)).verdict, Verdict::Fail);
    let c = check_tenure(&facts(), d(2026, 3, 1));
    assert_eq!(c.verdict, Verdict::Pass);
    assert!(c.detail.render(Lang::En).contains("2 years 0 days"));
}

#[test]
fn out_of_establishment_fails_art7() {
    let mut p = facts();
    p.establishment = Establishment::Out;
    assert!(check_establishment(&p).failed());
}

#[test]
fn term_ends_the_day_before_the_third_anniversary() {
    assert_eq!(term_end(d(2026, 3, 1)), d(2029, 2, 28));
    assert_eq!(term_end(d(2024, 2, 29)), d(2027, 2, 27));
    assert_eq!(term_end(d(2025, 1, 1)), d(2027, 12, 31));
    assert!(is_mid_term(d(2029, 2, 28), d(2029, 2, 28)));
    assert!(!is_mid_term(d(2029, 3, 1), d(2029, 2, 28)));
}

#[test]
fn art9_applies_to_out_of_establishment_staff_of_organs_only() {
    assert_eq!(review_for(Establishment::Out, UnitKind::Organ), Review::Collective);
    assert_eq!(review_for(Establishment::Out, UnitKind::Institution), Review::Standard);
    assert_eq!(review_for(Establishment::In, UnitKind::Organ), Review::Standard);
    assert_eq!(required_bodies(Review::Collective).1, &[Body::Gsmo, Body::Center]);
}

#[test]
fn chiefs_must_lead_the_section_and_be_filed() {
    assert!(check_chief_position(Position::Chief, true, true).is_ok());
    assert!(check_chief_position(Position::PresidingDeputy, true, true).is_ok());
    assert!(check_chief_position(Position::Chief, false, true).is_err());
    assert!(check_chief_position(Position::Deputy, true, true).is_err());
    assert!(check_chief_position(Position::Chief, true, false).is_err(), "another section's chief");
}

#[test]
fn powers_in_either_language() {
    assert_eq!(parse_powers("seal,approve,approve").unwrap(), vec![Power::Approve, Power::Seal]);
    assert_eq!(parse_powers("审批决定权、印章使用权").unwrap(), vec![Power::Approve, Power::Seal]);
    assert_eq!(parse_powers(" , ").unwrap_err().key, "reason.powers.empty");
    assert_eq!(parse_powers("veto").unwrap_err().key, "reason.choice");
}

proptest::proptest! {
    #[test]
    fn every_term_lasts_three_years_less_a_day(days in 0i64..40_000) {
        let start = d(1990, 1, 1) + chrono::Duration::days(days);
        let end = term_end(start);
        let anniversary = end.succ_opt().unwrap();
        proptest::prop_assert_eq!(anniversary, add_years(start, 3));
        let days = (anniversary - start).num_days();
        proptest::prop_assert!(days == 1095 || days == 1096, "{} days", days);
    }
}

#[test]
fn leave_spans() {
    assert!(check_leave_span(d(2026, 3, 2), d(2026, 3, 2), true).is_ok());
    assert!(check_leave_span(d(2026, 3, 2), d(2026, 3, 6), false).is_ok());
    assert_eq!(check_leave_span(d(2026, 3, 6), d(2026, 3, 2), false).unwrap_err().key, "refuse.leave.order");
    assert_eq!(check_leave_span(d(2026, 3, 2), d(2026, 3, 3), true).unwrap_err().key, "refuse.leave.half");
}

#[test]
fn annual_entitlement_bands_at_their_edges() {
    // Worked from 2017-01-02: on 2027-01-01 that is 9 years 364 days.
    assert_eq!(annual_entitlement(d(2017, 1, 2), 2027), (9, 5.0));
    assert_eq!(annual_entitlement(d(2017, 1, 1), 2027), (10, 10.0));
    assert_eq!(annual_entitlement(d(2026, 1, 2), 2027), (0, 0.0));
    assert_eq!(annual_entitlement(d(2026, 1, 1), 2027), (1, 5.0));
    assert_eq!(annual_entitlement(d(2007, 1, 1), 2027), (20, 15.0));
    assert_eq!(annual_entitlement(d(2007, 1, 2), 2027), (19, 10.0));
}

#[test]
fn annual_leave_forfeited_by_personal_or_long_sick_leave() {
    assert!(annual_leave_forfeited(5, 19.5, 0).is_none());
    assert!(annual_leave_forfeited(5, 20.0, 0).is_some());
    assert!(annual_leave_forfeited(9, 0.0, 59).is_none());
    assert!(annual_leave_forfeited(9, 0.0, 60).is_some());
    assert!(annual_leave_forfeited(10, 0.0, 60).is_none());
    assert!(annual_leave_forfeited(10, 0.0, 90).is_some());
    assert!(annual_leave_forfeited(20, 0.0, 119).is_none());
    assert!(annual_leave_forfeited(20, 0.0, 120).is_some());
}

#[test]
fn ratios_are_exact() {
    assert_eq!(parse_ratio("0.2"), Some(2000));
    assert_eq!(parse_ratio("20%"), Some(2000));
    assert_eq!(parse_ratio(".25"), Some(2500));
    assert_eq!(parse_ratio("0.3"), Some(3000));
    assert_eq!(parse_ratio("x"), None);
    assert_eq!(parse_ratio("1.5"), None);
}

#[test]
fn an_allocated_quota_is_held_to_a_quarter() {
    assert_eq!(quota_of(10, Allocation::Ratio(2000)), Ok(2));
    assert_eq!(quota_of(10, Allocation::Count(2)), Ok(2));
    assert!(quota_of(10, Allocation::Count(3)).is_err(), "floor(10 × 0.25) = 2");
    assert_eq!(quota_of(12, Allocation::Count(3)), Ok(3));
}

#[test]
fn quota_is_floor_of_participants_times_ratio() {
    assert_eq!(excellent_quota(11, 2000), 2);
    assert_eq!(excellent_quota(4, 2000), 0);
    assert_eq!(excellent_quota(5, 2000), 1);
    assert_eq!(excellent_quota(100, 2900), 29);
}

#[test]
fn monthly_score_holds_each_item_to_its_cap() {
    let items = [
        ItemCount { points: -1.0, cap: Some(5.0), times: 8 },
        ItemCount { points: -2.0, cap: None, times: 2 },
        ItemCount { points: 2.0, cap: Some(3.0), times: 2 },
    ];
    assert_eq!(monthly_score(100.0, &items), (94.0, -9.0, 3.0));
}

#[test]
fn a_correction_gives_back_what_the_capped_month_took() {
    // Eleven absences at -3 with a cap of 30 took 30; one absence takes 3.
    assert_eq!(correction_points(-3.0, Some(30.0), 11, 11, 1), 27.0);
    // Reversed entirely, with another absence still counted that month.
    assert_eq!(correction_points(-3.0, Some(30.0), 12, 11, 0), 30.0 - 3.0);
    // Under the cap, each occurrence counts in full.
    assert_eq!(correction_points(-2.0, None, 3, 2, 0), 4.0);
    assert_eq!(correction_points(1.0, Some(5.0), 2, 1, 3), 2.0);
}

#[test]
fn grades_by_band() {
    use crate::base::enums::Grade;
    let bands = [
        Band { grade: Grade::Excellent, min: Some(98.0) },
        Band { grade: Grade::Pass, min: Some(80.0) },
        Band { grade: Grade::Fail, min: None },
    ];
    assert_eq!(grade_for(98.0, &bands), Some((Grade::Excellent, false)));
    assert_eq!(grade_for(97.5, &bands), Some((Grade::Pass, false)));
    assert_eq!(grade_for(12.0, &bands), Some((Grade::Fail, true)));
}

#[test]
fn ties_at_the_boundary_go_to_fewer_deductions_then_earlier_start() {
    let c = |id, score, ded, start| Candidate { person_id: id, score, deduction_events: ded, started_on: start };
    let all = vec![
        c(1, 99.0, 0, d(2025, 1, 1)),
        c(2, 98.0, 2, d(2024, 1, 1)),
        c(3, 98.0, 1, d(2025, 6, 1)),
        c(4, 98.0, 1, d(2025, 3, 1)),
    ];
    let (chosen, tied) = select_excellent(all.clone(), 2);
    assert_eq!(chosen, vec![1, 4]);
    assert_eq!(tied, vec![4, 3, 2]);
    let (chosen, tied) = select_excellent(all, 1);
    assert_eq!(chosen, vec![1]);
    assert!(tied.is_empty());
}

proptest::proptest! {
    #[test]
    fn never_more_excellent_than_the_quota(
        scores in proptest::collection::vec((90u8..101, 0i64..4), 0..60),
        ratio in 0i64..=2500,
    ) {
        let candidates: Vec<Candidate> = scores.iter().enumerate().map(|(i, (s, ded))| Candidate {
            person_id: i as i64,
            score: f64::from(*s),
            deduction_events: *ded,
            started_on: d(2025, 1, 1),
        }).collect();
        let quota = excellent_quota(candidates.len(), ratio);
        let (chosen, _) = select_excellent(candidates.clone(), quota);
        proptest::prop_assert!(chosen.len() <= quota);
        proptest::prop_assert!(chosen.len() == quota.min(candidates.len()));
        // Nobody left out scores higher than someone chosen.
        let min_chosen = chosen.iter().map(|id| candidates[*id as usize].score).fold(f64::MAX, f64::min);
        for c in &candidates {
            if !chosen.contains(&c.person_id) {
                proptest::prop_assert!(c.score <= min_chosen);
            }
        }
    }
}

#[test]
fn thresholds_of_the_appraisal_year() {
    assert!(is_bad_review(2) && !is_bad_review(3));
    assert!(counts_as_stationed_month(15, 30) && !counts_as_stationed_month(15, 31));
    assert!(leave_bars_grading(183, 365) && !leave_bars_grading(182, 365));
    assert!(renewable(d(2026, 11, 30), d(2026, 11, 30)) && !renewable(d(2026, 11, 29), d(2026, 11, 30)));
}

#[test]
fn years_and_days_span() {
    assert_eq!(years_and_days(d(2020, 2, 29), d(2023, 3, 1)), (3, 1));
    assert_eq!(years_and_days(d(2024, 1, 1), d(2023, 1, 1)), (0, 0));
    assert_eq!(add_years(d(2024, 2, 29), 3), d(2027, 2, 28));
}

#[test]
fn a_count_bar_takes_the_excellent_band_away_and_nothing_else() {
    use crate::base::enums::Grade;
    let bands = [
        Band { grade: Grade::Excellent, min: Some(98.0) },
        Band { grade: Grade::Good, min: Some(90.0) },
        Band { grade: Grade::Fail, min: None },
    ];
    assert_eq!(grade_for_barred(99.5, &bands, false), Some((Grade::Excellent, false)));
    assert_eq!(grade_for_barred(99.5, &bands, true), Some((Grade::Good, false)));
    assert_eq!(grade_for_barred(80.0, &bands, true), Some((Grade::Fail, true)));
    assert!(count_bars_excellent(5, 5) && !count_bars_excellent(5, 4) && count_bars_excellent(1, 3));
}

#[test]
fn a_window_is_weighed_by_staff_and_reviews_and_its_own_items() {
    let w = WindowWeights { staff: 0.8, reviews: 0.2 };
    let order = ItemCount { points: -1.0, cap: Some(3.0), times: 5 };
    let (score, items) = window_score(95.0, Some(90.0), w, &[order]);
    assert_eq!(items, -3.0);
    assert!((score - (0.8 * 95.0 + 0.2 * 90.0 - 3.0)).abs() < 1e-9);
    // No counted review: the staff alone, at the full weight.
    let (score, _) = window_score(95.0, None, w, &[]);
    assert!((score - 95.0).abs() < 1e-9);
}

#[test]
fn an_award_follows_shared_ranks_and_its_minimum() {
    assert!(wins_award(2, 96.0, 2, None) && !wins_award(3, 99.0, 2, None));
    assert!(!wins_award(1, 89.9, 2, Some(90.0)) && wins_award(1, 90.0, 2, Some(90.0)));
}

#[test]
fn the_department_figure_caps_the_awards() {
    let f = DepartmentWeights { staff: 0.5, window: 0.5, max_award_points: Some(3.0) };
    assert!((department_figure(96.0, 94.0, 5.0, f) - 98.0).abs() < 1e-9);
    let uncapped = DepartmentWeights { max_award_points: None, ..f };
    assert!((department_figure(96.0, 94.0, 5.0, uncapped) - 100.0).abs() < 1e-9);
}

#[test]
fn a_formulas_weights_are_bounded_and_not_all_zero() {
    assert!(within_weight_bounds(&[0.9, 0.1]) && within_weight_bounds(&[0.0, 1.0]));
    assert!(!within_weight_bounds(&[0.0, 0.0]) && !within_weight_bounds(&[11.0, 0.0]));
    assert!(!within_weight_bounds(&[f64::NAN, 1.0]) && !within_weight_bounds(&[-0.5, 1.0]));
}
