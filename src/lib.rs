//! jinzhu (进驻): administration of the staff that departments station at a district
//! government service center, under the 黔江区政务服务中心进驻人员管理办法 (2020).
//!
//! The library holds every rule ([`rules`]) and all data access ([`store`]); the `jinzhu`
//! binary parses the command line and renders what the library returns.

// Data paths never panic: a bad value is an error with a message (checked by clippy).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod appraisal;
pub mod assignment;
pub mod audit;
pub mod calendar;
pub mod demo;
pub mod enums;
pub mod error;
pub mod i18n;
pub mod idnum;
pub mod leave;
pub mod org;
pub mod parse;
pub mod personnel;
pub mod report;
pub mod rules;
pub mod sheet;
pub mod store;
pub mod table;

pub use error::{BadRow, Error, Result};
pub use i18n::{Lang, Msg};
pub use store::{Ctx, Store};
