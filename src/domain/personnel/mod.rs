//! The personnel register: persons a unit may station, with what Art 6 and 7 look at.
//! The same validation serves `personnel add`, `edit` and `import`, so a value refused on
//! the command line is refused in a spreadsheet too.

mod record;
mod register;
mod validate;
mod views;

pub use record::{Person, all, audited_json, find, open_stationing, resolve};
pub use register::{add, archive, edit, import, template_header};
pub use validate::{COLUMNS, Fields};
pub use views::{check, check_all, list, show};
