//! Annual leave (职工带薪年休假条例): the entitlement by years worked, what is taken and
//! pending, and the art 4 forfeits.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::record::{Leave, in_period, refuse, year_bounds};
use crate::base::enums::{Counting, Half, LeaveStatus, LeaveType};
use crate::base::i18n::Msg;
use crate::domain::calendar::Calendar;
use crate::domain::personnel::Person;
use crate::error::Result;
use crate::rules::{self};

/// What a person has of annual leave in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    pub person_id: i64,
    pub year: i32,
    pub years_worked: i32,
    pub entitlement: f64,
    pub taken: f64,
    pub pending: f64,
    pub remaining: f64,
    pub personal_days: f64,
    pub sick_calendar_days: i64,
    /// Why nothing is due this year, if so (带薪年休假条例 art 4).
    pub forfeit_reason: Option<Msg>,
}

/// `leave balance`: entitlement, taken, pending, remaining, and why none is due when none is.
pub fn balance(conn: &Connection, cal: &Calendar, person: &Person, year: i32) -> Result<Balance> {
    balance_without(conn, cal, person, year, None)
}

/// What a year's leaves say for the annual-leave rules: (annual taken, annual pending,
/// personal days, sick calendar days), leaving out the leave `except`.
fn year_facts(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    year: i32,
    except: Option<i64>,
) -> Result<(f64, f64, f64, i64)> {
    let (jan1, dec31) = year_bounds(year);
    let (mut taken, mut pending, mut personal, mut sick) = (0.0, 0.0, 0.0, 0);
    for l in in_period(conn, cal, jan1, dec31, Some(person.id))?.into_iter().filter(|l| Some(l.id) != except) {
        let in_year = |l: &Leave| -> f64 { l.taken_by_month(cal).range(jan1..=dec31).map(|(_, d)| d).sum() };
        match (l.kind, l.status) {
            (LeaveType::Annual, LeaveStatus::Pending) => pending += in_year(&l),
            (LeaveType::Annual, LeaveStatus::Approved | LeaveStatus::Returned) => taken += in_year(&l),
            (LeaveType::Personal, LeaveStatus::Approved | LeaveStatus::Returned) => personal += in_year(&l),
            (LeaveType::Sick, LeaveStatus::Approved | LeaveStatus::Returned) => {
                if let Some(end) = l.effective_to() {
                    sick += (end.min(dec31) - l.from.max(jan1)).num_days() + 1;
                }
            }
            _ => {}
        }
    }
    Ok((taken, pending, personal, sick))
}

/// The balance as if the leave `except` were not there (an edit replaces it).
fn balance_without(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    year: i32,
    except: Option<i64>,
) -> Result<Balance> {
    let (years_worked, band) = rules::annual_entitlement(person.work_start, year);
    let (taken, pending, personal_days, sick_calendar_days) = year_facts(conn, cal, person, year, except)?;
    let mut b = Balance {
        person_id: person.id,
        year,
        years_worked,
        entitlement: band,
        taken,
        pending,
        remaining: 0.0,
        personal_days,
        sick_calendar_days,
        forfeit_reason: None,
    };
    // A year whose limits were reached after its annual leave was taken keeps what was
    // taken; the next year has none instead (the same art 4).
    let this_year = rules::annual_leave_forfeited(years_worked, personal_days, sick_calendar_days);
    let last_year = {
        let (last_worked, _) = rules::annual_entitlement(person.work_start, year - 1);
        let (last_taken, _, last_personal, last_sick) = year_facts(conn, cal, person, year - 1, except)?;
        rules::annual_leave_forfeited(last_worked, last_personal, last_sick)
            .filter(|_| rules::forfeits_next_year(last_taken))
            .map(|why| Msg::new("leave.forfeit.carried").arg("year", year - 1).nested("why", why))
    };
    match (this_year, last_year) {
        (Some(why), _) if !rules::forfeits_next_year(taken) => {
            b.entitlement = 0.0;
            b.forfeit_reason = Some(why);
        }
        (_, Some(carried)) => {
            b.entitlement = 0.0;
            b.forfeit_reason = Some(carried);
        }
        (Some(why), None) => {
            b.entitlement = b.entitlement.max(taken);
            b.forfeit_reason = Some(Msg::new("leave.forfeit.next-year").arg("year", year + 1).nested("why", why));
        }
        (None, None) => {}
    }
    b.remaining = b.entitlement - b.taken - b.pending;
    Ok(b)
}

/// Annual leave within what remains of each year it touches.
pub(super) fn check_annual(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    (from, to): (NaiveDate, NaiveDate),
    counting: Counting,
    half: Option<Half>,
    replacing: Option<i64>,
) -> Result<()> {
    for year in from.year()..=to.year() {
        let (jan1, dec31) = year_bounds(year);
        let wanted = cal.count(from.max(jan1), to.min(dec31), counting, half);
        let b = balance_without(conn, cal, person, year, replacing)?;
        if wanted > b.remaining {
            let mut msg = Msg::new("refuse.leave.annual")
                .arg("year", year)
                .arg("entitlement", b.entitlement)
                .arg("taken", b.taken)
                .arg("pending", b.pending)
                .arg("remaining", b.remaining.max(0.0))
                .arg("wanted", wanted);
            if let Some(why) = b.forfeit_reason {
                msg = Msg::new("refuse.leave.annual-forfeit").arg("year", year).nested("why", why);
            }
            return Err(refuse(msg));
        }
    }
    Ok(())
}
