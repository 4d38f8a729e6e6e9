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

/// The balance as if the leave `except` were not there (an edit replaces it).
fn balance_without(
    conn: &Connection,
    cal: &Calendar,
    person: &Person,
    year: i32,
    except: Option<i64>,
) -> Result<Balance> {
    let (jan1, dec31) = year_bounds(year);
    let (years_worked, band) = rules::annual_entitlement(person.work_start, year);
    let mut b = Balance {
        person_id: person.id,
        year,
        years_worked,
        entitlement: band,
        taken: 0.0,
        pending: 0.0,
        remaining: 0.0,
        personal_days: 0.0,
        sick_calendar_days: 0,
        forfeit_reason: None,
    };
    for l in in_period(conn, cal, jan1, dec31, Some(person.id))?.into_iter().filter(|l| Some(l.id) != except) {
        let in_year = |l: &Leave| -> f64 { l.taken_by_month(cal).range(jan1..=dec31).map(|(_, d)| d).sum() };
        match (l.kind, l.status) {
            (LeaveType::Annual, LeaveStatus::Pending) => b.pending += in_year(&l),
            (LeaveType::Annual, LeaveStatus::Approved | LeaveStatus::Returned) => b.taken += in_year(&l),
            (LeaveType::Personal, LeaveStatus::Approved | LeaveStatus::Returned) => b.personal_days += in_year(&l),
            (LeaveType::Sick, LeaveStatus::Approved | LeaveStatus::Returned) => {
                if let Some(end) = l.effective_to() {
                    b.sick_calendar_days += (end.min(dec31) - l.from.max(jan1)).num_days() + 1;
                }
            }
            _ => {}
        }
    }
    b.forfeit_reason = rules::annual_leave_forfeited(years_worked, b.personal_days, b.sick_calendar_days);
    if b.forfeit_reason.is_some() {
        b.entitlement = 0.0;
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
