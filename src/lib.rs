//! jinzhu (进驻): administration of the staff that departments station at a district
//! government service center, under the 黔江区政务服务中心进驻人员管理办法 (2020).
//!
//! The library holds every rule ([`rules`]) and all data access; the `jinzhu` binary
//! parses the command line and renders what the library returns. The layers, lowest
//! first (ARCHITECTURE.md has the map; `tests/architecture.rs` keeps it true):
//!
//! - [`base`]: words and values with no storage: texts, closed sets, ID numbers, parsers, errors.
//! - [`rules`]: the regulation, every rule with its id and article, pure functions.
//! - [`storage`]: the SQLite file, transactions, migrations and the audit chain.
//! - [`io`]: spreadsheets read in, tables handed out.
//! - [`domain`]: one module per capability (units, personnel, stationing, leave, appraisal, reports).
//! - [`check`] and [`demo`]: whole-database work above the capabilities.

// Data paths never panic: a bad value is an error with a message (checked by clippy).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod base;
pub mod check;
pub mod demo;
pub mod domain;
pub mod error;
pub mod io;
pub mod rules;
pub mod storage;

pub use base::i18n::{Lang, Msg};
pub use error::{BadRow, Error, Result};
pub use storage::audit::Ctx;
pub use storage::store::Store;
