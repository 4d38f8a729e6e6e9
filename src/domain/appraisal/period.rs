//! What the appraisal's records ask of a date: its month, whether that month is closed,
//! and whether the person was stationed on it.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::rulebook::{Rulebook, load_rulebook, rulebook_on};
use crate::domain::calendar::{Calendar, first_of_month};
use crate::error::Result;

pub(super) fn month_key(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

pub(super) fn is_closed(conn: &Connection, first: NaiveDate) -> Result<bool> {
    crate::domain::calendar::is_month_closed(conn, first)
}

/// The rule book a closed month was scored by (None while the month is open).
pub(super) fn closed_rulebook(conn: &Connection, first: NaiveDate) -> Result<Option<Rulebook>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT rulebook_id FROM month_close WHERE month = ?1")?
        .query_row([month_key(first)], |r| r.get(0))
        .optional()?;
    id.map(|id| load_rulebook(conn, id)).transpose()
}

pub(super) fn is_stationed_on(conn: &Connection, person_id: i64, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM assignment WHERE person_id = ?1 AND started_on <= ?2 AND (ended_on IS NULL OR ended_on >= ?2)",
        )?
        .query_row(params![person_id, date], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What the checks of events learn during one command: whether each month is closed and
/// which rule book scores it, and the calendar (read once, for attendance items).
#[derive(Default)]
pub(super) struct Months {
    by_month: HashMap<NaiveDate, (bool, Option<std::rc::Rc<Rulebook>>)>,
    calendar: Option<Calendar>,
}

impl Months {
    pub(super) fn get(&mut self, conn: &Connection, date: NaiveDate) -> Result<(bool, Option<std::rc::Rc<Rulebook>>)> {
        let first = first_of_month(date);
        if let Some(hit) = self.by_month.get(&first) {
            return Ok(hit.clone());
        }
        let found = (is_closed(conn, first)?, rulebook_on(conn, first)?.map(std::rc::Rc::new));
        self.by_month.insert(first, found.clone());
        Ok(found)
    }

    pub(super) fn calendar(&mut self, conn: &Connection) -> Result<&Calendar> {
        match &mut self.calendar {
            Some(cal) => Ok(cal),
            empty => Ok(empty.insert(Calendar::load(conn)?)),
        }
    }
}
