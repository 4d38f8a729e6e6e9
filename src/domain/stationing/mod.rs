//! Stationing (Art 6–13, 25): an assignment is proposed under the Art 6/7 rules, approved
//! by the bodies Art 8 or Art 9 names, started for a three-year term, renewed or ended;
//! a unit's letter asks to replace a stationed person and the center's reply decides
//! (Art 11); each unit has at most one chief representative (Art 12, 13).

mod approval;
mod chief;
mod import;
mod record;
mod replacement;
mod term;
mod views;

pub use approval::{approve, correct, propose, reject, revoke_approval};
pub use chief::{Chief, audited_json as chief_json, chief_table, name_chief};
pub use import::{IMPORT_COLUMNS, import};
pub use record::{Approval, Assignment, Exception, JOINED, Term, all, audited_json, load, parse_id};
pub use replacement::{Replacement, Request, load_request, reply, request, request_json, requests, show_request};
pub use term::{EndBasis, end, renew, start};
pub use views::{history_of_person, list, show};
