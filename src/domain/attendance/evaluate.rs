//! One working day of one person against the schedule: the first and last punch against
//! the day's start and end. Pure: the schedule, the leave and the punches come in, the
//! result goes out. Minutes are whole minutes, seconds dropped: 09:05:59 is 5 minutes
//! after 09:00, on time with 5 minutes' grace.

use chrono::NaiveTime;
use serde::Serialize;

/// A session of work (上午, 下午): from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Session {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Session {
    /// A session beginning before noon is the morning's: a morning leave (`am`) excuses it.
    pub fn is_morning(&self) -> bool {
        self.start < NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN)
    }
}

/// The thresholds of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Minutes after the start that still count as on time.
    pub grace: u32,
    /// Minutes before the end that still count as on time.
    pub early_grace: u32,
    /// Late or early by at least this many minutes: half a day absent instead.
    pub half_day: Option<u32>,
    /// Late or early by at least this many minutes: the whole day absent.
    pub whole_day: Option<u32>,
}

/// What a day came to. All zero: on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DayResult {
    /// Minutes late (0: on time or not known).
    pub late: u32,
    /// Minutes early.
    pub early: u32,
    /// Punches missing at the start or the end (0 or 1).
    pub missed: u32,
    /// Half days absent (旷工), 0 to the day's halves.
    pub absent_halves: u32,
}

impl DayResult {
    pub fn on_time(&self) -> bool {
        *self == DayResult::default()
    }
}

fn minutes_between(from: NaiveTime, to: NaiveTime) -> u32 {
    u32::try_from((to - from).num_minutes()).unwrap_or(0)
}

/// Late or early by `minutes`: the minutes counted as such, or the half days absent
/// they amount to.
fn lateness(minutes: u32, grace: u32, t: &Thresholds, halves: u32) -> (u32, u32) {
    if minutes <= grace {
        return (0, 0);
    }
    if t.whole_day.is_some_and(|w| minutes >= w) {
        return (0, halves);
    }
    if t.half_day.is_some_and(|h| minutes >= h) {
        return (0, 1);
    }
    (minutes, 0)
}

/// The day of a person who has `sessions` to attend (after leave), given their first and
/// last punch of the day (equal when they punched once), or none.
pub fn evaluate(sessions: &[Session], punches: Option<(NaiveTime, NaiveTime)>, t: &Thresholds) -> DayResult {
    let (Some(first_session), Some(last_session)) = (sessions.first(), sessions.last()) else {
        return DayResult::default();
    };
    let (start, end) = (first_session.start, last_session.end);
    let halves = sessions.len().min(2) as u32;
    let Some((first, last)) = punches else {
        return DayResult { absent_halves: halves, ..DayResult::default() };
    };
    let mut r = DayResult::default();
    let (arrived, left) = if first == last {
        // One punch: the start's if it is in the first half of the day, else the end's.
        r.missed = 1;
        let midpoint = start + (end - start) / 2;
        if first < midpoint { (Some(first), None) } else { (None, Some(last)) }
    } else {
        (Some(first), Some(last))
    };
    let mut absent = 0;
    if let Some(arrived) = arrived.filter(|a| *a > start) {
        let (late, halves_lost) = lateness(minutes_between(start, arrived), t.grace, t, halves);
        r.late = late;
        absent += halves_lost;
    }
    if let Some(left) = left.filter(|l| *l < end) {
        let (early, halves_lost) = lateness(minutes_between(left, end), t.early_grace, t, halves);
        r.early = early;
        absent += halves_lost;
    }
    r.absent_halves = absent.min(halves);
    if r.absent_halves == halves {
        // A day absent is only that: no lateness or missed punch on top.
        return DayResult { absent_halves: halves, ..DayResult::default() };
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn hms(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }
    fn day() -> Vec<Session> {
        vec![Session { start: hm(9, 0), end: hm(12, 0) }, Session { start: hm(14, 0), end: hm(17, 30) }]
    }
    const T: Thresholds = Thresholds { grace: 5, early_grace: 0, half_day: Some(30), whole_day: Some(240) };

    #[test]
    fn the_grace_limit_itself_is_on_time_and_the_next_minute_is_late() {
        assert!(evaluate(&day(), Some((hm(9, 5), hm(17, 30))), &T).on_time());
        assert!(evaluate(&day(), Some((hms(9, 5, 59), hm(17, 31))), &T).on_time());
        assert_eq!(evaluate(&day(), Some((hm(9, 6), hm(17, 30))), &T).late, 6);
    }

    #[test]
    fn leaving_before_the_end_is_early_and_long_lateness_is_absence() {
        assert_eq!(evaluate(&day(), Some((hm(8, 50), hm(17, 20))), &T).early, 10);
        let half = evaluate(&day(), Some((hm(9, 30), hm(17, 30))), &T);
        assert_eq!((half.late, half.absent_halves), (0, 1));
        let both = evaluate(&day(), Some((hm(9, 40), hm(16, 0))), &T);
        assert_eq!(both, DayResult { absent_halves: 2, ..DayResult::default() });
        assert_eq!(evaluate(&day(), Some((hm(13, 0), hm(17, 30))), &T).absent_halves, 2);
    }

    #[test]
    fn no_punch_is_a_day_absent_and_one_punch_a_missed_punch() {
        assert_eq!(evaluate(&day(), None, &T).absent_halves, 2);
        let morning = evaluate(&day(), Some((hm(8, 55), hm(8, 55))), &T);
        assert_eq!((morning.missed, morning.late), (1, 0));
        let evening = evaluate(&day(), Some((hm(17, 10), hm(17, 10))), &T);
        assert_eq!((evening.missed, evening.early), (1, 20));
        assert!(evaluate(&[], None, &T).on_time(), "a day fully on leave asks nothing");
    }

    #[test]
    fn a_half_day_of_sessions_is_one_half_absent_at_most() {
        let morning = [Session { start: hm(9, 0), end: hm(12, 0) }];
        assert_eq!(evaluate(&morning, None, &T).absent_halves, 1);
    }

    proptest! {
        #[test]
        fn absence_never_exceeds_the_day_and_on_time_punches_are_on_time(
            a in 0u32..600, b in 0u32..600, within in 0u32..=5,
        ) {
            let base = hm(8, 0);
            let (x, y) = (base + chrono::Duration::minutes(a.into()), base + chrono::Duration::minutes(b.into()));
            let r = evaluate(&day(), Some((x.min(y), x.max(y))), &T);
            prop_assert!(r.absent_halves <= 2 && r.missed <= 1);
            let arrive = hm(9, 0) + chrono::Duration::minutes(within.into());
            prop_assert!(evaluate(&day(), Some((arrive, hm(17, 30))), &T).on_time());
        }
    }
}
