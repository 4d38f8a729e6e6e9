//! The storage layer: the SQLite file (`store`: WAL, immediate write transactions,
//! migrations by `PRAGMA user_version`, the too-new guard), the audit chain that every
//! write carries (`audit`), the key its hashes are made with (`key`), and every other file jinzhu writes, written whole and renamed
//! into place (`files`). It knows nothing of the records it stores.

pub mod audit;
pub mod batch;
pub mod checkpoint;
pub mod files;
pub mod key;
pub mod store;
