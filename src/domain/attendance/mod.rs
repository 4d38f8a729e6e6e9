//! Attendance from punch records (Art 19, 21): the center's work schedules, the punches
//! its terminals record and the PINs that name their persons, missed-punch corrections
//! (补签), and the month computed from them and closed into appraisal events.

mod evaluate;
mod month;
mod punches;
mod report;
mod schedule;
mod stationed;

pub use evaluate::{DayResult, Session, Thresholds, evaluate};
pub use month::{
    Day, MonthQuery, attendance_close_json, close_attendance, close_pending_attendance, is_attendance_closed,
    month_table,
};
pub use punches::{
    Amend, PIN_COLUMNS, PUNCH_COLUMNS, Pin, PunchImport, amend, amend_json, import_pins, import_punches, pin_json,
    pins, punch_import_json, punch_line, set_pin,
};
pub use report::attendance_report;
pub use schedule::{Schedule, import_schedule, import_schedule_text, list as schedules, schedule_json};
