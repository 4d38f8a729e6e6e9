//! The storage layer: the SQLite file (`store`: WAL, immediate write transactions,
//! migrations by `PRAGMA user_version`, the too-new guard) and the audit chain that every
//! write carries (`audit`). It knows nothing of the records it stores.

pub mod audit;
pub mod store;
