//! The `jinzhu` binary: parses the command line and renders what the library returns.

mod cli;

fn main() {
    keep_freed_memory();
    keep_statement_journals_in_memory();
    std::process::exit(cli::main());
}

/// glibc's malloc returns freed memory above its trim threshold to the kernel and serves
/// big blocks with fresh mappings; on a long import that churn of page faults cost as much
/// as the import's own work (measured: 2.6 s → 1.3 s for 100,000 persons). Keep it.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

/// A row inserted into a table with a trigger (the closed-month guards on events and
/// reviews) gets a statement journal of the pages it touches, 16 KiB each; SQLite writes
/// one to a temporary file once it passes 64 KiB, which cost 5 s of system time for
/// 1,000,000 events. So statement journals stay in memory (-1: never spilled, the way
/// SQLite keeps them with `temp_store = MEMORY`): a statement's journal holds the pages
/// it changes, and jinzhu's multi-row statements are cut to a thousand rows. Kept in
/// SQLite's 1 KiB chunks, they cost a row's INSERT under a `touch_*` trigger about 20 µs
/// more than a 4 MiB threshold did, which is why the personnel and stationing imports
/// write with their triggers off and replay the touches (`storage::checkpoint::
/// with_touches_replayed`). A threshold big enough to hold a row's journal is not an
/// option: with the bundled SQLite 3.54.1 a statement whose journal passes a threshold
/// of 192 KiB or more fails with SQLITE_FULL and loses the transaction (found at 4 MiB
/// by a close verifying a thousand reviews in one statement; `tests/appraisal.rs` has
/// that case).
/// It is set here and not in the store because `sqlite3_config` is process-wide and must
/// not run while another thread uses SQLite: only the start of the process can promise that.
fn keep_statement_journals_in_memory() {
    const NEVER: std::ffi::c_int = -1;
    // SAFETY: called before SQLite is initialised (no connection exists yet), with the one
    // int argument this option takes; if SQLite were initialised it would refuse, harmlessly.
    unsafe {
        rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_STMTJRNL_SPILL, NEVER);
    }
}
