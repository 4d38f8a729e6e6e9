//! Appraisal (Art 20–23): the center's rule book (考核细则), appraisal events and service
//! reviews (好差评), the monthly score and bulletin (Art 21), the annual grades under the
//! 优秀 quota per identity category (Art 22), the letters to units (Art 23), and the funds
//! transferred by headcount (Art 22). Scores come only from the rule book: the code holds
//! no scoring constant.

pub mod audited;
mod award_record;
mod awards;
mod chief_share;
mod close;
mod corrections;
mod departments;
mod events;
mod funds;
mod letters;
mod month;
mod period;
mod publicity;
mod rectification;
mod reviews;
mod rulebook;
mod window_events;
mod window_rules;
mod windows;
mod year;

pub use award_record::{AwardRow, awards_of_close, awards_of_year};
pub use close::close_month;
pub use corrections::{EventCorrection, EventRecord, Void, correct, events, events_of_month, load_event, void};
pub use departments::departments_table;
pub use events::{EVENT_COLUMNS, Event, import_events, insert_event, record};
pub use funds::{funds, parse_yuan};
pub use letters::{ANNUAL_RESULT, Letter, issue_letters};
pub use month::{MonthRow, compute_month, grade_distribution, month_rows, month_table, person_names, unit_codes};
pub use publicity::{PUBLICITY, Publicity, issue_publicity, last_objection_day};
pub use rectification::{Rectification, late_rectifications, rectification_json, rectify};
pub use reviews::{
    REVIEW_COLUMNS, Review, import_reviews, load_review, pending_reviews, reviews_report, verify_review,
};
pub use rulebook::{Item, Rulebook, import_rulebook, import_rulebook_text, rulebook_on, rules_table};
pub use window_events::{WindowEvent, record_window_event, void_window_event, window_event_json, window_events_table};
pub use window_rules::{AwardRule, AwardTo, Every, WindowRules};
pub use windows::{WindowMonth, freeze_closed_windows, window_months, windows_table};
pub use year::{
    AnnualRow, Quotas, YearState, close_year, compute_year, parse_quotas, publish_year, stored_year, year_center,
    year_state, year_table,
};
