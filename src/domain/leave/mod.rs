//! Leave (Art 19, SPEC §3): requested from and decided by the center, only within the
//! person's stationing, never overlapping; days counted by the type's rule against the
//! holiday calendar; annual leave within the entitlement of 职工带薪年休假条例.

mod balance;
mod decision;
mod record;
mod request;
mod views;

pub use balance::{Balance, balance};
pub use decision::{approve, cancel, correct_return, reject, return_on, revoke};
pub use record::{Leave, audited_json, in_period, leave_type_json, load, month_range, on_leave, year_range};
pub use request::{LeaveEdit, NewLeave, edit, request};
pub use views::{balance_table, days_on_leave_in_month, list, overdue, report, set_counting, types};
