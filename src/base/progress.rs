//! Progress of long work (an import's rows, the audit rows `db check` has verified), told
//! to whatever the binary installed: a bar on a terminal, nothing in a pipe or a test.
//! One sink per process, because the work that reports it (deep inside an import) has no
//! other way to reach the terminal without every signature carrying it.

use std::sync::OnceLock;

use crate::base::i18n::Msg;

/// What is under way: a message with its count so far.
pub type Sink = Box<dyn Fn(Option<Msg>) + Send + Sync>;

static SINK: OnceLock<Sink> = OnceLock::new();

/// How often work reports: every this many rows.
pub const EVERY: usize = 5_000;

/// Installs the sink; the first one stays.
pub fn install(sink: Sink) {
    let _ = SINK.set(sink);
}

/// Tells the sink how far the work has come.
pub fn report(msg: Msg) {
    if let Some(sink) = SINK.get() {
        sink(Some(msg));
    }
}

/// Tells the sink the work is over (the bar is cleared).
pub fn done() {
    if let Some(sink) = SINK.get() {
        sink(None);
    }
}
