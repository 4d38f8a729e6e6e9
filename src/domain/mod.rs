//! The capabilities, one module each, in the order they build on one another: centers
//! and units, the personnel register, stationing, the calendar, leave, appraisal, and
//! the oversight reports. Each applies the rules of [`crate::rules`] and stores through
//! [`crate::storage`].

pub mod appraisal;
pub mod attendance;
pub mod calendar;
pub mod history;
pub mod leave;
pub mod org;
pub mod personnel;
pub mod register;
pub mod report;
pub mod stationing;
