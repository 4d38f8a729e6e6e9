//! The oversight reports, built from the stored history: the roster and terms, the
//! half-year compliance report (Art 24), staffing (Art 10), and the audit log.

mod compliance;
mod roster;
mod staffing;

pub use compliance::{compliance, half_range};
pub use roster::{eligibility, roster, terms};
pub use staffing::staffing;
