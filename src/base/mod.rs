//! The words and values every layer uses, with no storage and no rules: the text table
//! and messages, the closed sets the regulation names, ID numbers, parsers of typed
//! values, and the one error type.

pub mod day;
pub mod enums;
pub mod hex;
pub mod i18n;
pub mod idnum;
pub mod number;
pub mod parse;
pub mod progress;
mod texts;
